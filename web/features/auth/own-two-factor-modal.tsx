// 两步验证 in the user menu: one's own second factor — turn it on (QR code, a first code, the
// recovery codes once), or off where the role does not require it.
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Form, Input, Modal, Skeleton, Space, Typography } from "antd";
import { useState } from "react";
import type { TEnrolment } from "../../../contracts/security";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { ShapedForm } from "../../shared/form-dialog";
import { fmtDateTime } from "../../shared/format";
import { authKeys, useOwnTwoFactor } from "./auth-api";
import { Enrolment, RecoveryCodes } from "./two-factor";

const KEY = authKeys.twoFactor;

export function OwnTwoFactorModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const status = useOwnTwoFactor(open);
  const [enrolling, setEnrolling] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const close = () => {
    setEnrolling(false);
    setCodes(null);
    onClose();
  };
  const s = status.data;
  let body = <Skeleton active />;
  if (codes) body = <RecoveryCodes codes={codes} onDone={close} />;
  else if (enrolling)
    body = (
      <Enrolment
        start={() => api.post<TEnrolment>("/api/auth/2fa/setup")}
        confirm={(code) => api.post<{ recoveryCodes: string[] }>("/api/auth/2fa/confirm", { code })}
        onConfirmed={(r) => {
          setCodes(r.recoveryCodes);
          qc.invalidateQueries({ queryKey: KEY });
        }}
      />
    );
  else if (s && !s.enrolled)
    body = (
      <Space direction="vertical" style={{ width: "100%" }}>
        <Alert
          type={s.required ? "warning" : "info"}
          showIcon
          title={s.required ? t("您的角色须使用两步验证", "Your role requires two-factor sign-in") : t("尚未启用两步验证", "Two-factor sign-in is off")}
          description={t(
            "启用后，登录时除密码外还需输入手机身份验证器上的 6 位验证码。",
            "Once on, signing in asks for the 6-digit code of an authenticator app on your phone as well as the password.",
          )}
        />
        <Button type="primary" block onClick={() => setEnrolling(true)}>
          {t("启用两步验证", "Turn on two-factor sign-in")}
        </Button>
      </Space>
    );
  else if (s)
    body = (
      <Space direction="vertical" style={{ width: "100%" }}>
        <Alert
          type="success"
          showIcon
          title={t("两步验证已启用", "Two-factor sign-in is on")}
          description={`${t("启用于", "Since")} ${fmtDateTime(s.enrolledAt)} · ${t(`剩余恢复码 ${s.recoveryCodesLeft} 个`, `${s.recoveryCodesLeft} recovery codes left`)}`}
        />
        {s.required ? (
          <Typography.Text type="secondary">{t("您的角色须使用两步验证，不能关闭。", "Your role requires it; it cannot be turned off.")}</Typography.Text>
        ) : (
          <ShapedForm<{ password: string }>
            requiredMark={false}
            raw
            send={(_, v) => api.post("/api/auth/2fa/disable", { password: v.password })}
            done={t("两步验证已关闭", "Two-factor sign-in turned off")}
            invalidate={[[...KEY]]}
            submitText={t("关闭两步验证", "Turn off")}
            danger
            block
          >
            <Form.Item
              name="password"
              label={t("输入密码以关闭两步验证", "Your password, to turn it off")}
              rules={[{ required: true, message: t("请输入密码", "Enter your password") }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
          </ShapedForm>
        )}
      </Space>
    );
  return (
    <Modal open={open} title={t("两步验证", "Two-factor sign-in")} onCancel={close} footer={null} destroyOnHidden width={420}>
      {body}
    </Modal>
  );
}
