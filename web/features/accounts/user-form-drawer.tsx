import { Form, Input, Select, TreeSelect } from "antd";
import { useMemo } from "react";
import { type TUser, ZUserCreate, ZUserUpdate } from "../../../contracts/platform";
import { ROLE_LABELS, ROLE_SCOPE_LEVELS, ROLES, type Role } from "../../../contracts/roles";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { FormDialog } from "../../shared/form-dialog";
import { levelLabel } from "../../shared/labels";
import { buildRegionTree, toTreeSelect, useRegions } from "../../shared/regions";
import { userKeys } from "./accounts-api";

type Values = { username?: string; displayName?: string; role?: Role; scopeRegionId?: string; phone?: string; password?: string };

const SCOPE_LEVELS = new Set(["district", "subdistrict", "community", "grid"]);

export function UserFormDrawer({ open, user, onClose }: { open: boolean; user: TUser | null; onClose: () => void }) {
  return open ? <UserForm user={user} onClose={onClose} /> : null;
}

function UserForm({ user, onClose }: { user: TUser | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch("role", form);
  const regions = useRegions();

  const allowed = role ? ROLE_SCOPE_LEVELS[role] : undefined;
  const treeData = useMemo(
    () =>
      toTreeSelect(
        buildRegionTree(regions.data ?? [], (r) => SCOPE_LEVELS.has(r.level) && !r.archived),
        lang,
        (r) => !allowed || allowed.includes(r.level),
      ),
    [regions.data, lang, allowed],
  );

  const common = {
    title: user ? t(`编辑账号 · ${user.username}`, `Edit account · ${user.username}`) : t("新建账号", "New account"),
    onClose,
    form,
    drawer: true,
    width: 520,
    invalidate: [userKeys.all],
    initialValues: user
      ? { displayName: user.displayName, role: user.role as Role, scopeRegionId: user.scopeRegionId, phone: user.phone ?? undefined }
      : undefined,
    done: (u: TUser) => (user ? t(`已保存账号「${u.username}」`, `Saved ${u.username}`) : t(`已创建账号「${u.username}」`, `Created ${u.username}`)),
  };
  const fields = (
    <>
      {!user && (
        <Form.Item
          name="username"
          label={t("用户名", "Username")}
          rules={[{ required: true, message: t("请输入用户名", "Enter a username") }]}
          extra={t(
            "3–32 位小写字母、数字或 ._-，以字母开头；创建后不可修改",
            "3–32 lower-case letters, digits or ._-, starting with a letter; cannot be changed later",
          )}
        >
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="displayName" label={t("姓名", "Display name")} rules={[{ required: true, message: t("请输入姓名", "Enter a name") }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="role" label={t("角色", "Role")} rules={[{ required: true, message: t("请选择角色", "Choose a role") }]}>
        <Select
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
          onChange={(r: Role) => {
            const cur = form.getFieldValue("scopeRegionId") as string | undefined;
            const lvl = regions.data?.find((x) => x.id === cur)?.level;
            if (cur && lvl && !ROLE_SCOPE_LEVELS[r].includes(lvl)) form.setFieldValue("scopeRegionId", undefined);
          }}
        />
      </Form.Item>
      <Form.Item
        name="scopeRegionId"
        label={t("数据范围", "Data scope")}
        rules={[{ required: true, message: t("请选择数据范围", "Choose a data scope") }]}
        extra={
          allowed
            ? t(
                `该角色的数据范围可设为：${allowed.map((l) => levelLabel(l, "zh")).join("、")}`,
                `This role's scope may be a ${allowed.map((l) => levelLabel(l, "en").toLowerCase()).join(" or ")}`,
              )
            : t("先选择角色", "Choose the role first")
        }
      >
        <TreeSelect
          treeData={treeData}
          treeDefaultExpandAll
          showSearch={{ treeNodeFilterProp: "title" }}
          loading={regions.isFetching}
          placeholder={t("选择地区", "Choose a region")}
          treeNodeLabelProp="title"
        />
      </Form.Item>
      <Form.Item name="phone" label={t("手机号", "Phone")}>
        <Input maxLength={11} inputMode="tel" />
      </Form.Item>
      {!user && (
        <Form.Item
          name="password"
          label={t("初始密码", "Initial password")}
          rules={[{ required: true, message: t("请输入初始密码", "Enter an initial password") }]}
          extra={t(
            "至少 8 位，含字母和数字；用户首次登录后应自行修改",
            "At least 8 characters with letters and digits; the user should change it after the first login",
          )}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
    </>
  );
  return user ? (
    <FormDialog<Values, typeof ZUserUpdate>
      {...common}
      schema={ZUserUpdate}
      body={({ username: _u, password: _p, ...patch }) => patch}
      send={(d) => api.patch<TUser>(`/api/users/${encodeURIComponent(user.id)}`, d)}
    >
      {fields}
    </FormDialog>
  ) : (
    <FormDialog<Values, typeof ZUserCreate> {...common} schema={ZUserCreate} send={(d) => api.post<TUser>("/api/users", d)}>
      {fields}
    </FormDialog>
  );
}
