// 分类与时限: the two-level catalogue with each item's deadlines (administrators edit), and the
// deadline settings that apply to every case.
import { Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { type TCategory, ZCategoryCreate, ZCategoryUpdate } from "../../../contracts/appeals";
import { api } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { FormDialog } from "../../shared/form-dialog";
import { PageHead } from "../../shared/page-head";
import { useGlobalSettings } from "../settings/settings-api";
import { appealKeys, catName, useCategories } from "./appeals-api";
import { Open311Keys } from "./open311-keys";

const fmtHours = (h: number, lang: "zh" | "en") => (h % 24 === 0 ? (lang === "zh" ? `${h / 24} 天` : `${h / 24} d`) : lang === "zh" ? `${h} 小时` : `${h} h`);

export default function CataloguePage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const admin = can("appeals.admin");
  const cats = useCategories(true);
  const [editing, setEditing] = useState<TCategory | "new" | null>(null);
  const settings = useGlobalSettings({ enabled: can("settings.read"), select: (d) => d.items.filter((s) => s.key.startsWith("appeals.")) });
  const tops = (cats.data ?? []).filter((c) => !c.parentCode);
  const tree = tops.map((top) => ({
    ...top,
    key: top.code,
    children: (cats.data ?? []).filter((c) => c.parentCode === top.code).map((c) => ({ ...c, key: c.code })),
  }));
  const open = (c: TCategory | "new") => setEditing(c);
  return (
    <>
      <PageHead
        title={t("分类与时限", "Catalogue & deadlines")}
        subtitle={t(
          "每个小类有自己的办理时限；整天数按本地日历日计，到期日24时截止",
          "Each item has its own deadline; whole days are calendar days ending at local midnight",
        )}
        extra={
          admin && (
            <Button type="primary" onClick={() => open("new")}>
              {t("新增分类", "Add a category")}
            </Button>
          )
        }
      />
      <Table
        // remount once loaded, so that every 大类 opens on its 小类
        key={tree.length}
        size="small"
        rowKey="code"
        loading={cats.isPending}
        dataSource={tree}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        columns={[
          { title: t("编码", "Code"), dataIndex: "code" },
          {
            title: t("名称", "Name"),
            render: (_, c: TCategory) => (
              <span>
                {catName(c, lang)}
                {c.archived && <Tag style={{ marginLeft: 6 }}>{t("已停用", "Archived")}</Tag>}
              </span>
            ),
          },
          { title: t("一般件时限", "Normal"), render: (_, c: TCategory) => fmtHours(c.deadlineHours, lang) },
          { title: t("紧急件/督办件时限", "Urgent / supervised"), render: (_, c: TCategory) => fmtHours(c.urgentHours, lang) },
          ...(admin
            ? [
                {
                  title: t("操作", "Actions"),
                  render: (_: unknown, c: TCategory) => (
                    <Button size="small" type="link" onClick={() => open(c)}>
                      {t("编辑", "Edit")}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {settings.data && (
        <Card
          size="small"
          title={t("全局时限与评分设置", "Deadline and score settings")}
          style={{ marginTop: 16 }}
          extra={<Link to="/settings">{t("在“设置”中修改", "Change in Settings")}</Link>}
        >
          <Descriptions column={1} size="small">
            {settings.data.map((s) => (
              <Descriptions.Item key={s.key} label={typeof s.label === "string" ? s.label : s.label[lang]}>
                <Typography.Text code>{JSON.stringify(s.value)}</Typography.Text>
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      )}
      {admin && <Open311Keys />}
      {editing && (
        <FormDialog<Record<string, unknown>, typeof ZCategoryCreate | typeof ZCategoryUpdate>
          title={editing === "new" ? t("新增分类", "Add a category") : t("编辑分类", "Edit category")}
          onClose={() => setEditing(null)}
          schema={editing === "new" ? ZCategoryCreate : ZCategoryUpdate}
          send={(v) => (editing === "new" ? api.post("/api/appeals/categories", v) : api.patch(`/api/appeals/categories/${editing.code}`, v))}
          done={t("已保存", "Saved")}
          invalidate={[appealKeys.categories]}
          initialValues={editing === "new" ? { deadlineHours: 168, urgentHours: 24 } : editing}
        >
          {editing === "new" && (
            <Space wrap>
              <Form.Item name="code" label={t("编码", "Code")} rules={[{ required: true, pattern: /^[A-Z][A-Z0-9]{1,11}$/ }]}>
                <Input placeholder="JM04" />
              </Form.Item>
              <Form.Item name="parentCode" label={t("大类（留空为新大类）", "Parent (empty: new top level)")}>
                <Select allowClear style={{ width: 200 }} options={tops.map((c) => ({ value: c.code, label: catName(c, lang) }))} />
              </Form.Item>
            </Space>
          )}
          <Form.Item name="name" label={t("名称", "Name")} rules={[{ required: true }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="nameEn" label={t("英文名称", "English name")}>
            <Input maxLength={60} />
          </Form.Item>
          <Space>
            <Form.Item name="deadlineHours" label={t("一般件时限（小时）", "Normal (hours)")} rules={[{ required: true }]}>
              <InputNumber min={1} max={2160} />
            </Form.Item>
            <Form.Item name="urgentHours" label={t("紧急件时限（小时）", "Urgent (hours)")} rules={[{ required: true }]}>
              <InputNumber min={1} max={2160} />
            </Form.Item>
          </Space>
          {editing !== "new" && (
            <Form.Item name="archived" label={t("停用", "Archived")} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </FormDialog>
      )}
    </>
  );
}
