// Open311 api_keys, one per channel (an app, a partner platform); the key is shown once.
import { Alert, Button, Card, Form, Input, Modal, Select, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { FormDialog } from "../../shared/form-dialog";
import { fmtDateTime } from "../../shared/format";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { appealKeys, type Open311Key, useOpen311Keys, useRevokeOpen311Key } from "./appeals-api";
import { channelLabel, channelOptions } from "./labels";

export function Open311Keys() {
  const { t, lang } = useI18n();
  const { communities, names } = useCommunitiesAndGrids();
  const [open, setOpen] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  const keys = useOpen311Keys();
  const revoke = useRevokeOpen311Key();
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={t("Open311 接口密钥（/open311/v2）", "Open311 API keys (/open311/v2)")}
      extra={
        <Button
          size="small"
          onClick={() => {
            setIssued(null);
            setOpen(true);
          }}
        >
          {t("签发密钥", "Issue a key")}
        </Button>
      }
    >
      <Table<Open311Key>
        size="small"
        rowKey="id"
        loading={keys.isPending}
        dataSource={keys.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t("名称", "Name"), dataIndex: "name" },
          { title: t("渠道", "Channel"), render: (_, k) => channelLabel(k.channel, lang) },
          { title: t("社区", "Community"), render: (_, k) => names.get(k.communityId) ?? "—" },
          { title: t("密钥前缀", "Prefix"), render: (_, k) => <Typography.Text code>{k.keyPrefix}…</Typography.Text> },
          { title: t("签发时间", "Issued"), render: (_, k) => fmtDateTime(k.createdAt) },
          {
            title: t("状态", "Status"),
            render: (_, k) =>
              k.revokedAt ? (
                <Tag>{t("已停用", "Revoked")}</Tag>
              ) : (
                <Button size="small" danger type="link" onClick={() => revoke.mutate(k.id)}>
                  {t("停用", "Revoke")}
                </Button>
              ),
          },
        ]}
      />
      {open && (
        <FormDialog<{ name?: string; channel?: string; communityId?: string }>
          title={t("签发 Open311 密钥", "Issue an Open311 key")}
          onClose={() => setOpen(false)}
          send={(v) => api.post<Open311Key & { key: string }>("/api/appeals/open311-keys", v)}
          done={null}
          invalidate={[appealKeys.open311Keys]}
          onDone={(k: Open311Key & { key: string }) => setIssued(k.key)}
          okText={t("确定", "OK")}
          initialValues={{ channel: "online", communityId: communities.length === 1 ? communities[0].id : undefined }}
        >
          <Form.Item name="name" label={t("使用方", "Who uses it")} rules={[{ required: true }]}>
            <Input maxLength={60} placeholder={t("如：i深圳 App", "e.g. iShenzhen app")} />
          </Form.Item>
          <Form.Item name="channel" label={t("渠道", "Channel")} rules={[{ required: true }]}>
            <Select options={channelOptions(lang)} />
          </Form.Item>
          <Form.Item name="communityId" label={t("社区", "Community")} rules={[{ required: true }]}>
            <Select options={communities.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        </FormDialog>
      )}
      {/* The key, once: not a form, so a plain dialog. */}
      <Modal
        open={!!issued}
        title={t("签发 Open311 密钥", "Issue an Open311 key")}
        onCancel={() => setIssued(null)}
        onOk={() => setIssued(null)}
        cancelButtonProps={{ style: { display: "none" } }}
      >
        <Alert
          type="success"
          showIcon
          title={t("请立即复制保存，密钥只显示这一次", "Copy it now: it is shown only once")}
          description={
            <Typography.Text copyable code>
              {issued}
            </Typography.Text>
          }
        />
      </Modal>
    </Card>
  );
}
