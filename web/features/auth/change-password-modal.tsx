import { Form, Input } from "antd";
import { api } from "../../api/client";
import { ME_KEY } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { FormDialog } from "../../shared/form-dialog";

type Values = { current?: string; next?: string; confirm?: string };

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  if (!open) return null;
  return (
    <FormDialog<Values>
      title={t("修改密码", "Change password")}
      onClose={onClose}
      raw
      requiredMark={false}
      body={(v) => ({ current: v.current, next: v.next })}
      send={(d) => api.post("/api/auth/password", d)}
      done={t("密码已修改，其他设备上的登录已退出", "Password changed; other sessions were signed out")}
      invalidate={[ME_KEY]}
      okText={t("确认修改", "Change")}
    >
      <Form.Item
        name="current"
        label={t("当前密码", "Current password")}
        rules={[{ required: true, message: t("请输入当前密码", "Enter your current password") }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="next"
        label={t("新密码", "New password")}
        extra={t("至少 8 位，包含字母和数字；不能与当前密码相同", "At least 8 characters with letters and digits; must differ from the current one")}
        rules={[
          { required: true, message: t("请输入新密码", "Enter a new password") },
          { min: 8, message: t("至少 8 位", "At least 8 characters") },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t("确认新密码", "Confirm new password")}
        dependencies={["next"]}
        rules={[
          { required: true, message: t("请再次输入新密码", "Enter the new password again") },
          ({ getFieldValue }) => ({
            validator: (_, v) =>
              !v || v === getFieldValue("next") ? Promise.resolve() : Promise.reject(new Error(t("两次输入的密码不一致", "The passwords do not match"))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormDialog>
  );
}
