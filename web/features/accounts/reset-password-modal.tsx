import { Alert, Form, Input } from "antd";
import type { TUser } from "../../../contracts/platform";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { FormDialog } from "../../shared/form-dialog";

type Values = { password?: string; confirm?: string };

export function ResetPasswordModal({ user, onClose }: { user: TUser | null; onClose: () => void }) {
  const { t } = useI18n();
  if (!user) return null;
  return (
    <FormDialog<Values>
      title={t(`重置密码 · ${user.displayName}（${user.username}）`, `Reset password · ${user.displayName} (${user.username})`)}
      onClose={onClose}
      raw
      requiredMark={false}
      body={(v) => ({ password: v.password })}
      send={(d) => api.post(`/api/users/${encodeURIComponent(user.id)}/reset-password`, d)}
      done={t(
        `已重置「${user.username}」的密码，请当面告知本人并提醒其修改`,
        `Password of ${user.username} reset; tell them in person and ask them to change it`,
      )}
      okText={t("重置", "Reset")}
      okDanger
    >
      <Form.Item
        name="password"
        label={t("新密码", "New password")}
        rules={[
          { required: true, message: t("请输入新密码", "Enter a new password") },
          { min: 8, message: t("至少 8 位", "At least 8 characters") },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t("确认新密码", "Confirm")}
        dependencies={["password"]}
        rules={[
          { required: true, message: t("请再次输入", "Enter it again") },
          ({ getFieldValue }) => ({
            validator: (_, v) => (!v || v === getFieldValue("password") ? Promise.resolve() : Promise.reject(new Error(t("两次输入不一致", "Does not match")))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Alert
        type="info"
        showIcon
        title={t("重置后该用户的所有登录会话将失效，操作记入审计日志。", "All of the user's sessions end; the reset is recorded in the audit log.")}
      />
    </FormDialog>
  );
}
