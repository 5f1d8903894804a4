// Two-factor sign-in pieces shared by the login page and one's own settings: the enrolment (QR
// code, the secret to type by hand, a first code) and the recovery codes, shown once.
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Skeleton, Typography } from "antd";
import { useEffect, useState } from "react";
import type { TEnrolment } from "../../../contracts/security";
import { useI18n } from "../../app/i18n";
import { ShapedForm } from "../../shared/form-dialog";

/** The secret in groups of four, as authenticator apps ask it to be typed. */
const grouped = (s: string) => s.replace(/(.{4})/g, "$1 ").trim();

export function CodeInput({ autoFocus = true, recovery = false }: { autoFocus?: boolean; recovery?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="code"
      label={recovery ? t("验证码或恢复码", "Code or recovery code") : t("6 位验证码", "6-digit code")}
      rules={[{ required: true, message: t("请输入验证码", "Enter the code") }]}
      extra={
        recovery ? t("手机不在身边时，可输入一个恢复码（每个只能用一次）", "Without your phone, enter one of your recovery codes (each works once)") : undefined
      }
    >
      <Input
        prefix={<SafetyCertificateOutlined />}
        inputMode={recovery ? "text" : "numeric"}
        autoComplete="one-time-code"
        maxLength={recovery ? 20 : 6}
        autoFocus={autoFocus}
        placeholder={recovery ? t("验证码或恢复码", "Code or recovery code") : "123456"}
        data-testid="totp-code"
      />
    </Form.Item>
  );
}

/**
 * Enrolment: asks the server for a secret (`start`), shows it as a QR code and as text, and confirms
 * it with a first code (`confirm`); a refused code is shown above the button.
 */
export function Enrolment<R>({
  start,
  confirm,
  onConfirmed,
}: {
  start: () => Promise<TEnrolment>;
  confirm: (code: string) => Promise<R>;
  onConfirmed: (r: R) => void;
}) {
  const { t } = useI18n();
  const [offer, setOffer] = useState<TEnrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one secret per opening
  useEffect(() => {
    start().then(setOffer, (e: Error) => setError(e.message));
  }, []);
  if (!offer && !error) return <Skeleton active />;
  return (
    <div className="totp-enrol">
      {offer && (
        <>
          <ol className="totp-steps">
            <li>
              {t(
                "在手机上打开身份验证器（如 Microsoft Authenticator、Google 身份验证器、FreeOTP）",
                "Open an authenticator app on your phone (Microsoft Authenticator, Google Authenticator, FreeOTP …)",
              )}
            </li>
            <li>{t("扫描下方二维码，或手动输入密钥", "Scan the QR code below, or type the key by hand")}</li>
            <li>{t("输入应用显示的 6 位验证码", "Enter the 6 digits the app shows")}</li>
          </ol>
          <div
            className="totp-qr"
            role="img"
            aria-label={t("两步验证二维码", "Two-factor QR code")}
            data-uri={offer.uri}
            // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG drawn by the server's own QR encoder from the otpauth URI
            dangerouslySetInnerHTML={{ __html: offer.qrSvg }}
          />
          <div className="totp-secret">
            <Typography.Text type="secondary">{t("密钥", "Key")}</Typography.Text>
            <Typography.Text code copyable={{ text: offer.secret }} data-testid="totp-secret">
              {grouped(offer.secret)}
            </Typography.Text>
            <Typography.Text type="secondary" className="totp-account">
              {offer.issuer} · {offer.account}
            </Typography.Text>
          </div>
        </>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      {offer && (
        <ShapedForm<{ code: string }>
          requiredMark={false}
          raw
          send={(_, v) => confirm(v.code.trim())}
          onDone={(r: R) => onConfirmed(r)}
          submitText={t("验证并启用", "Verify and turn on")}
          block
        >
          <CodeInput />
        </ShapedForm>
      )}
    </div>
  );
}

/** The 10 recovery codes, shown once: the user keeps them before going on. */
export function RecoveryCodes({ codes, onDone, doneText }: { codes: string[]; onDone: () => void; doneText?: string }) {
  const { t } = useI18n();
  return (
    <div className="totp-codes">
      <Alert
        type="success"
        showIcon
        title={t("两步验证已启用", "Two-factor sign-in is on")}
        description={t(
          "请把下面 10 个恢复码抄下或打印，妥善保管：手机丢失时每个可代替验证码登录一次。它们只显示这一次。",
          "Write down or print these 10 recovery codes and keep them safe: each signs you in once without your phone. They are shown only now.",
        )}
      />
      <ul className="totp-code-list" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <Typography.Paragraph copyable={{ text: codes.join("\n") }} type="secondary">
        {t("复制全部恢复码", "Copy all recovery codes")}
      </Typography.Paragraph>
      <Button type="primary" block onClick={onDone}>
        {doneText ?? t("我已保存恢复码", "I have saved the codes")}
      </Button>
    </div>
  );
}
