// 查看完整信息: a masked personal value is shown in full only for a stated reason, one field at a
// time, and every reveal is written to the audit log by the server.
import { EyeOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Button, Descriptions, Form, Input, Modal, Radio, Tooltip, Typography } from "antd";
import { useState } from "react";
import { ZReveal } from "../../contracts/platform";
import { api } from "../api/client";
import { useI18n } from "../app/i18n";
import { FormDialog } from "./form-dialog";

export type RevealField = "idNumber" | "phone" | "address";

const FIELD_LABELS: Record<RevealField, { zh: string; en: string }> = {
  idNumber: { zh: "身份证号", en: "ID number" },
  phone: { zh: "手机号", en: "Phone" },
  address: { zh: "住址", en: "Address" },
};

const REASONS = [
  { zh: "入户走访核实身份", en: "Verifying identity on a home visit" },
  { zh: "联系居民办理业务", en: "Contacting the resident about a case" },
  { zh: "核对登记信息", en: "Checking the registration" },
];

type Props = {
  personId: string;
  personName: string;
  /** Preselected field; without it the user chooses in the dialog. */
  field?: RevealField;
  /** Render as a small icon next to a masked value instead of a text button. */
  icon?: boolean;
};

export function RevealButton({ personId, personName, field, icon }: Props) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [revealed, setRevealed] = useState<{ field: string; value: string | null } | null>(null);
  const close = () => {
    setOpen(false);
    setRevealed(null);
  };
  const title = (
    <span>
      <SafetyCertificateOutlined style={{ color: "#c8102e", marginRight: 8 }} />
      {t(`查看完整信息 · ${personName}`, `Show full value · ${personName}`)}
    </span>
  );

  const label = t("查看", "Reveal");
  return (
    <>
      {icon ? (
        <Tooltip title={t("查看完整信息", "Show full value")}>
          <Button type="text" size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} aria-label={t("查看完整信息", "Show full value")} />
        </Tooltip>
      ) : (
        <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)}>
          {label}
        </Button>
      )}
      {open && !revealed && (
        <FormDialog<{ field?: RevealField; reason?: string }, typeof ZReveal>
          title={title}
          onClose={close}
          schema={ZReveal}
          requiredMark={false}
          initialValues={{ field: field ?? "idNumber", reason: "" }}
          send={(v) => api.post<{ field: string; value: string | null }>(`/api/people/${encodeURIComponent(personId)}/reveal`, v)}
          done={null}
          stayOpen
          onDone={setRevealed}
          okText={t("确认查看", "Reveal")}
        >
          {(form) => (
            <>
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title={t(
                  "个人信息受保护。查看完整信息须填写原因，查看人、时间和原因将记入审计日志。",
                  "Personal data is protected. Give a reason; who looked, when and why is recorded in the audit log.",
                )}
              />
              <Form.Item name="field" label={t("查看项", "Field")}>
                <Radio.Group
                  optionType="button"
                  options={(Object.keys(FIELD_LABELS) as RevealField[]).map((f) => ({ value: f, label: FIELD_LABELS[f][lang] }))}
                />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t("查看原因", "Reason")}
                rules={[{ required: true, min: 2, message: t("请填写查看原因（至少 2 个字）", "Give a reason (at least 2 characters)") }]}
              >
                <Input.TextArea rows={2} maxLength={200} showCount placeholder={t("例如：入户走访核实身份", "e.g. verifying identity on a home visit")} />
              </Form.Item>
              <div style={{ marginTop: -8, display: "flex", gap: 6, flexWrap: "wrap" }}>
                {REASONS.map((r) => (
                  <Button key={r.zh} size="small" onClick={() => form.setFieldValue("reason", r[lang])}>
                    {r[lang]}
                  </Button>
                ))}
              </div>
            </>
          )}
        </FormDialog>
      )}
      {revealed && (
        <Modal open onCancel={close} title={title} okText={t("关闭", "Close")} cancelButtonProps={{ style: { display: "none" } }} onOk={close}>
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: "who", label: t("居民", "Resident"), children: personName },
              {
                key: "value",
                label: FIELD_LABELS[revealed.field as RevealField]?.[lang] ?? revealed.field,
                children: (
                  <Typography.Text copyable={!!revealed.value} strong className="masked">
                    {revealed.value ?? t("（未登记）", "(not recorded)")}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t(
              "本次查看已记入审计日志。请勿截图、转发或用于登记目的以外的用途。",
              "This view has been recorded in the audit log. Do not screenshot, forward or use it beyond its purpose.",
            )}
          </Typography.Paragraph>
        </Modal>
      )}
    </>
  );
}
