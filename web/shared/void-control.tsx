// 作废 / 恢复 on a record's page, the same for every voidable register (cases, party meetings,
// disputes …): the button for a role that administers the register, the reason asked in the shared
// form dialog, a banner on a voided record, a tag in a list, and the list's filter (现行 / 已作废 / 全部).
import { StopOutlined, UndoOutlined } from "@ant-design/icons";
import type { QueryKey } from "@tanstack/react-query";
import { Alert, Button, Form, Input, Popconfirm, Tag, Tooltip } from "antd";
import { useState } from "react";
import { ZVoid } from "../../contracts/platform";
import { api } from "../api/client";
import { useI18n } from "../app/i18n";
import { notify } from "../app/notify";
import { FormDialog } from "./form-dialog";

export type Voiding = { at: string; by: string | null; reason: string } | null | undefined;

/** The 作废 button (asks the reason) or, on a voided record, 恢复. `url` is the record's, e.g. /api/party/meetings/<id>. */
export function VoidButton(props: { url: string; voided: Voiding; what: string; invalidate: QueryKey[]; onDone?: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (props.voided)
    return (
      <Popconfirm
        title={t(`恢复该${props.what}？恢复后重新计入统计和列表`, `Restore this ${props.what}? It counts in the figures and lists again`)}
        onConfirm={async () => {
          setBusy(true);
          try {
            await api.post(`${props.url}/restore`, {});
            notify.success(t("已恢复", "Restored"));
            props.onDone?.();
          } catch (e) {
            notify.error((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Button icon={<UndoOutlined />} loading={busy} data-testid="restore">
          {t("恢复", "Restore")}
        </Button>
      </Popconfirm>
    );
  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid="void">
        {t("作废", "Void")}
      </Button>
      {open && (
        <FormDialog<{ reason?: string }, typeof ZVoid>
          title={t(`作废${props.what}`, `Void this ${props.what}`)}
          onClose={() => setOpen(false)}
          schema={ZVoid}
          send={(d) => api.post(`${props.url}/void`, d)}
          done={t("已作废：不再计入统计和列表，可随时恢复", "Voided: left out of the figures and lists; it can be restored")}
          invalidate={props.invalidate}
          onDone={() => props.onDone?.()}
          okText={t("作废", "Void")}
          okDanger
          top={
            <Alert
              style={{ marginBottom: 12 }}
              type="warning"
              showIcon
              title={t(
                "仅用于录入错误的记录：作废后不计入统计和列表，仍保留在时间线和审计日志中",
                "Only for a record entered by mistake: it leaves the figures and lists, and stays on its timeline and in the audit log",
              )}
            />
          }
        >
          <Form.Item name="reason" label={t("作废原因", "Reason")} rules={[{ required: true, message: t("请写明作废原因", "Give the reason") }]}>
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}

/** What a voided record's page says first. */
export function VoidedBanner({ voided }: { voided: Voiding }) {
  const { t } = useI18n();
  if (!voided) return null;
  const when = voided.at.slice(0, 10);
  return (
    <Alert
      style={{ marginBottom: 12 }}
      type="error"
      showIcon
      data-testid="voided"
      title={t(`已作废：${voided.reason}`, `Voided: ${voided.reason}`)}
      description={t(`${voided.by ?? "—"} 于 ${when} 作废；不计入统计和列表`, `By ${voided.by ?? "—"} on ${when}; left out of the figures and lists`)}
    />
  );
}

/** The list's filter (a FilterSelect named "voided"): live records when empty, the voided ones, or all. */
export function voidedFilter(t: (zh: string, en: string) => string) {
  return {
    placeholder: t("现行记录", "Live records"),
    options: [
      { value: "1", label: t("已作废", "Voided") },
      { value: "all", label: t("全部（含作废）", "All, voided too") },
    ],
  };
}

/** A voided record in a list: a tag with the reason. */
export function VoidedTag({ voided }: { voided: Voiding }) {
  const { t } = useI18n();
  return voided ? (
    <Tooltip title={voided.reason}>
      <Tag color="default">{t("已作废", "Voided")}</Tag>
    </Tooltip>
  ) : null;
}
