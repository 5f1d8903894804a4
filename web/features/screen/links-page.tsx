// 大屏链接: the leader makes a signed link for a duty room's display (valid for N days, its secret
// shown once), sees when each was last used, and revokes it. Every step is audited on the server.
import { CopyOutlined, DesktopOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Form, Input, InputNumber, Popconfirm, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { type TScreenLink, ZScreenLinkCreate } from "../../../contracts/screen";
import { api } from "../../api/client";
import { useMe } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { FormDialog } from "../../shared/form-dialog";
import { PageHead } from "../../shared/page-head";
import { useIsMobile } from "../../shared/use-mobile";
import { screenKeys, useRevokeScreenLink, useScreenLinks } from "./screen-api";

const KEY = [...screenKeys.links];

export default function ScreenLinksPage() {
  const { t } = useI18n();
  const me = useMe();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [making, setMaking] = useState(false);
  const [made, setMade] = useState<{ url: string; name: string; expiresAt: string } | null>(null);
  const links = useScreenLinks();
  const revoke = useRevokeScreenLink(() => message.success(t("已撤销，使用该链接的大屏将显示“链接已撤销”", "Revoked: screens on this link now say so")));
  const fmt = (s: string | null) => (s ? dayjs(s).format("YYYY-MM-DD HH:mm") : "—");
  const STATE = {
    active: <Tag color="green">{t("有效", "Active")}</Tag>,
    expired: <Tag>{t("已过期", "Expired")}</Tag>,
    revoked: <Tag color="red">{t("已撤销", "Revoked")}</Tag>,
  };
  return (
    <div>
      <PageHead
        title={t("大屏链接", "Screen links")}
        subtitle={t(
          "值班室或指挥中心的大屏凭签名链接打开，无需个人登录；链接到期失效，可随时撤销，打开与撤销均记入审计日志",
          "A duty room's display opens the screen with a signed link, no personal login; links expire, can be revoked, and are audited",
        )}
        extra={
          <Space wrap>
            <Button icon={<DesktopOutlined />} href="/screen" target="_blank">
              {t("用我的账号打开大屏", "Open the screen as me")}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setMaking(true)}>
              {t("生成链接", "New link")}
            </Button>
          </Space>
        }
      />
      {made && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setMade(null)}
          style={{ marginBottom: 12 }}
          message={t(
            `链接「${made.name}」已生成，有效期至 ${fmt(made.expiresAt)}。此链接只显示这一次，请复制到大屏的浏览器：`,
            `Link "${made.name}" made, valid until ${fmt(made.expiresAt)}. It is shown this once: copy it to the screen's browser:`,
          )}
          description={
            <Space.Compact style={{ width: "100%" }}>
              <Input readOnly value={made.url} data-testid="made-url" />
              <Button icon={<CopyOutlined />} onClick={() => navigator.clipboard?.writeText(made.url).then(() => message.success(t("已复制", "Copied")))}>
                {t("复制", "Copy")}
              </Button>
            </Space.Compact>
          }
        />
      )}
      <Card size="small">
        <Table<TScreenLink>
          rowKey="id"
          size="small"
          loading={links.isLoading}
          dataSource={links.data ?? []}
          pagination={false}
          scroll={mobile ? { x: 640 } : undefined}
          locale={{ emptyText: t("还没有大屏链接", "No screen links yet") }}
          columns={[
            { title: t("名称", "Name"), dataIndex: "name" },
            { title: t("地区", "Region"), dataIndex: "regionName" },
            { title: t("状态", "State"), dataIndex: "state", render: (s: TScreenLink["state"]) => STATE[s] },
            { title: t("有效期至", "Valid until"), dataIndex: "expiresAt", render: fmt },
            { title: t("最近使用", "Last used"), dataIndex: "lastUsedAt", render: fmt },
            { title: t("生成人", "Made by"), dataIndex: "createdBy" },
            {
              title: t("操作", "Actions"),
              key: "op",
              render: (_: unknown, r) =>
                r.state === "active" ? (
                  <Popconfirm title={t("撤销后该链接立即失效，确定？", "The link stops working at once. Revoke?")} onConfirm={() => revoke.mutate(r.id)}>
                    <Button size="small" danger>
                      {t("撤销", "Revoke")}
                    </Button>
                  </Popconfirm>
                ) : r.revokedAt ? (
                  <Typography.Text type="secondary">
                    {r.revokedBy} {fmt(r.revokedAt)}
                  </Typography.Text>
                ) : null,
            },
          ]}
        />
      </Card>
      {making && (
        <FormDialog<{ name: string; days: number }>
          title={t("生成大屏链接", "New screen link")}
          onClose={() => setMaking(false)}
          okText={t("生成", "Make")}
          schema={ZScreenLinkCreate}
          initialValues={{ days: 30 }}
          body={(v) => ({ ...v, regionId: me.scope.regionId })}
          send={(body) => api.post<TScreenLink & { url: string }>("/api/screen/links", body)}
          done={null}
          invalidate={[KEY]}
          onDone={(r: TScreenLink & { url: string }) => setMade({ url: `${window.location.origin}${r.url}`, name: r.name, expiresAt: r.expiresAt })}
        >
          <Form.Item name="name" label={t("名称（放在哪块屏）", "Name (which display)")} rules={[{ required: true, max: 60 }]}>
            <Input placeholder={t("如：社区值班室大屏", "e.g. duty room display")} />
          </Form.Item>
          <Form.Item name="days" label={t("有效天数", "Valid for (days)")} rules={[{ required: true }]}>
            <InputNumber min={1} max={365} style={{ width: "100%" }} />
          </Form.Item>
          <Typography.Text type="secondary">{t(`大屏显示：${me.scope.name}`, `The screen shows: ${me.scope.name}`)}</Typography.Text>
        </FormDialog>
      )}
    </div>
  );
}
