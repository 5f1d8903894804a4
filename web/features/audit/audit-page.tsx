// 审计日志: append-only, hash-chained record of who did what. The auditor searches it and can check
// that no entry was altered (校验哈希链).
import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined, SearchOutlined } from "@ant-design/icons";
import { Alert, AutoComplete, Button, Col, DatePicker, Form, Input, Row, Select, Space, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect } from "react";
import type { TAuditEntry } from "../../../contracts/platform";
import { useI18n } from "../../app/i18n";
import { fmtDateTimeSec, fmtNumber } from "../../shared/format";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useListParams } from "../../shared/use-list-params";
import { useAuditEntries, useVerifyAudit } from "./audit-api";

const FILTERS = ["q", "action", "entity", "actor", "from", "to", "success"] as const;

const ACTIONS: Record<string, { zh: string; en: string }> = {
  "auth.login": { zh: "登录", en: "Log in" },
  "auth.logout": { zh: "退出", en: "Log out" },
  "auth.lock": { zh: "账号锁定", en: "Account locked" },
  "auth.password_change": { zh: "修改密码", en: "Password changed" },
  "person.reveal": { zh: "查看个人信息", en: "Personal data revealed" },
  "person.create": { zh: "登记居民", en: "Resident registered" },
  "person.update": { zh: "修改居民", en: "Resident changed" },
  "person.export": { zh: "导出居民", en: "People exported" },
  "user.create": { zh: "创建账号", en: "Account created" },
  "user.update": { zh: "修改账号", en: "Account changed" },
  "user.unlock": { zh: "解锁账号", en: "Account unlocked" },
  "user.reset_password": { zh: "重置密码", en: "Password reset" },
  "setting.update": { zh: "修改设置", en: "Setting changed" },
  "region.create": { zh: "新增地区", en: "Region created" },
  "region.update": { zh: "修改地区", en: "Region changed" },
  "org.create": { zh: "新增组织", en: "Organisation created" },
  "org.update": { zh: "修改组织", en: "Organisation changed" },
};

type FormValues = { q?: string; action?: string; entity?: string; actor?: string; range?: [Dayjs, Dayjs] | null; success?: string };

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>;
}

export default function AuditPage() {
  const { t, lang } = useI18n();
  const list = useListParams(FILTERS);
  const [form] = Form.useForm<FormValues>();
  const f = list.filters;

  useEffect(() => {
    form.setFieldsValue({
      q: f.q,
      action: f.action,
      entity: f.entity,
      actor: f.actor,
      success: f.success,
      range: f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null,
    });
  }, [f.q, f.action, f.entity, f.actor, f.success, f.from, f.to, form]);

  const q = useAuditEntries(list.query);
  const verify = useVerifyAudit();

  const apply = (v: FormValues) =>
    list.setFilters({
      q: v.q?.trim(),
      action: v.action?.trim(),
      entity: v.entity?.trim(),
      actor: v.actor?.trim(),
      success: v.success,
      from: v.range?.[0]?.format("YYYY-MM-DD"),
      to: v.range?.[1]?.format("YYYY-MM-DD"),
    });

  const actionLabel = (a: string) => ACTIONS[a]?.[lang];

  const columns: ColumnsType<TAuditEntry> = [
    { key: "seq", title: "#", width: 70, render: (_, e) => <Typography.Text type="secondary">{e.seq}</Typography.Text> },
    { key: "at", title: t("时间", "Time"), render: (_, e) => <span style={{ whiteSpace: "nowrap" }}>{fmtDateTimeSec(e.at)}</span> },
    { key: "actor", title: t("操作人", "Actor"), render: (_, e) => e.actorName ?? <Typography.Text type="secondary">{t("系统", "system")}</Typography.Text> },
    {
      key: "action",
      title: t("操作", "Action"),
      render: (_, e) => (
        <Space size={4}>
          {actionLabel(e.action) && <span>{actionLabel(e.action)}</span>}
          <Typography.Text code style={{ fontSize: 12 }}>
            {e.action}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: "entity",
      title: t("对象", "Entity"),
      render: (_, e) => (
        <span>
          {e.entity}
          {e.entityId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} title={e.entityId}>
              {" "}
              · {e.entityId.length > 12 ? `…${e.entityId.slice(-8)}` : e.entityId}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      key: "success",
      title: t("结果", "Result"),
      render: (_, e) => (e.success ? <Tag color="success">{t("成功", "OK")}</Tag> : <Tag color="error">{t("失败", "Failed")}</Tag>),
    },
    { key: "reason", title: t("原因 / 说明", "Reason"), ellipsis: true, width: 220, render: (_, e) => e.reason ?? "—" },
    { key: "ip", title: "IP", render: (_, e) => <span className="masked">{e.ip ?? "—"}</span> },
  ];

  const result = verify.data;
  return (
    <>
      <PageHead
        title={t("审计日志", "Audit log")}
        subtitle={t(
          "每条记录以 SHA-256 链接前一条，任何篡改都可被校验发现",
          "Each entry is chained to the previous one with SHA-256, so any edit can be detected",
        )}
        extra={
          <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
            {t("校验哈希链", "Verify chain")}
          </Button>
        }
      />
      {verify.error && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={verify.error.message} closable={{ onClose: () => verify.reset() }} />}
      {result && (
        <Alert
          style={{ marginBottom: 16 }}
          type={result.ok ? "success" : "error"}
          showIcon
          icon={result.ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
          closable={{ onClose: () => verify.reset() }}
          title={
            result.ok
              ? t(`哈希链完整：${fmtNumber(result.count, lang)} 条记录全部校验通过`, `Chain intact: all ${fmtNumber(result.count, lang)} entries verified`)
              : t(`哈希链断裂：第 ${result.seq ?? "?"} 条记录校验失败`, `Chain broken at entry #${result.seq ?? "?"}`)
          }
          description={
            !result.ok && (
              <Space orientation="vertical" size={2}>
                {result.problem && <Typography.Text code>{result.problem}</Typography.Text>}
                {result.id && (
                  <span>
                    {t("记录编号", "Entry id")}: <span className="masked">{result.id}</span>
                  </span>
                )}
                <span>
                  {t(
                    "该条及其后的记录可能已被篡改，请立即报告安全管理员并保全数据库备份。",
                    "This entry and those after it may have been altered; report to the security administrator and preserve the database backups.",
                  )}
                </span>
              </Space>
            )
          }
        />
      )}
      <Form<FormValues> form={form} onFinish={apply} className="filter-form" layout="vertical">
        <Row gutter={[12, 0]}>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="q" label={t("关键字", "Text")}>
              <Input allowClear placeholder={t("原因、对象编号…", "Reason, entity id…")} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6} lg={4}>
            <Form.Item name="action" label={t("操作", "Action")}>
              <AutoComplete
                allowClear
                options={Object.entries(ACTIONS).map(([k, v]) => ({ value: k, label: `${v[lang]} · ${k}` }))}
                showSearch={{
                  filterOption: (input, o) =>
                    String(o?.label ?? "")
                      .toLowerCase()
                      .includes(input.toLowerCase()),
                }}
                placeholder="auth.login"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6} lg={3}>
            <Form.Item name="entity" label={t("对象类型", "Entity")}>
              <Input allowClear placeholder="person" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6} lg={3}>
            <Form.Item name="actor" label={t("操作人", "Actor")}>
              <Input allowClear placeholder={t("用户名", "username")} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6} lg={3}>
            <Form.Item name="success" label={t("结果", "Result")}>
              <Select
                allowClear
                placeholder={t("全部", "All")}
                options={[
                  { value: "1", label: t("成功", "OK") },
                  { value: "0", label: t("失败", "Failed") },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Form.Item name="range" label={t("日期", "Dates")}>
              <DatePicker.RangePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
        <Space style={{ marginBottom: 16 }}>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {t("查询", "Search")}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              list.reset();
            }}
          >
            {t("重置", "Reset")}
          </Button>
        </Space>
      </Form>
      <ListTable<TAuditEntry>
        rowKey="seq"
        query={q}
        list={list}
        columns={columns}
        empty={t("没有符合条件的审计记录", "No audit entries match")}
        expandable={{
          expandedRowRender: (e) => (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Typography.Text strong>{t("变更前", "Before")}</Typography.Text>
                <Json value={e.before} />
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text strong>{t("变更后", "After")}</Typography.Text>
                <Json value={e.after} />
              </Col>
              <Col span={24} style={{ marginTop: 8 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("哈希", "Hash")}: <span className="masked">{e.hash}</span>
                </Typography.Text>
              </Col>
            </Row>
          ),
        }}
      />
    </>
  );
}
