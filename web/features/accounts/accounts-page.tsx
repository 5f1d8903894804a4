// 账号: user accounts, their role and data scope. 三员分立: the system administrator edits accounts;
// the security administrator unlocks them and resets passwords.
import { CheckCircleOutlined, EditOutlined, KeyOutlined, PlusOutlined, StopOutlined, UnlockOutlined } from "@ant-design/icons";
import { Button, Popconfirm, Space, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import type { TUser } from "../../../contracts/platform";
import { ROLE_LABELS, ROLES, type Role } from "../../../contracts/roles";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { fmtDateTime } from "../../shared/format";
import { ImportDialogButton } from "../../shared/import-dialog";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import { useSetDisabled, useUnlockUser, useUsers } from "./accounts-api";
import { ResetPasswordModal } from "./reset-password-modal";
import { UserFormDrawer } from "./user-form-drawer";

const FILTERS = ["q", "role"] as const;
const ROLE_COLORS: Partial<Record<Role, string>> = {
  sysadmin: "purple",
  secadmin: "magenta",
  auditor: "geekblue",
  supervisor: "blue",
  leader: "red",
  staff: "volcano",
  grid: "orange",
  patrol: "cyan",
  mediator: "green",
  volunteer: "lime",
};

export default function AccountsPage() {
  const { t, lang } = useI18n();
  const { can, me } = useAuth();
  const list = useListParams(FILTERS);
  const [editing, setEditing] = useState<TUser | null>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<TUser | null>(null);
  const canWrite = can("accounts.write");
  const canSecurity = can("security.manage");

  const q = useUsers(list.query);

  const setDisabled = useSetDisabled((u) =>
    notify.success(u.disabled ? t(`已停用「${u.username}」`, `Disabled ${u.username}`) : t(`已启用「${u.username}」`, `Enabled ${u.username}`)),
  );
  const unlock = useUnlockUser((u) => notify.success(t(`已解锁「${u.username}」`, `Unlocked ${u.username}`)));

  const columns: ColumnsType<TUser> = [
    {
      key: "user",
      title: t("账号", "Account"),
      fixed: "left",
      render: (_, u) => (
        <div>
          <Typography.Text strong>{u.displayName}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {u.username}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { key: "role", title: t("角色", "Role"), render: (_, u) => <Tag color={ROLE_COLORS[u.role as Role]}>{ROLE_LABELS[u.role as Role]?.[lang] ?? u.role}</Tag> },
    { key: "scope", title: t("数据范围", "Scope"), render: (_, u) => u.scopeName ?? "—" },
    { key: "phone", title: t("手机号", "Phone"), render: (_, u) => (u.phone ? <span className="masked">{u.phone}</span> : "—") },
    {
      key: "status",
      title: t("状态", "Status"),
      render: (_, u) => (
        <Space size={4}>
          {u.disabled ? <Tag>{t("已停用", "Disabled")}</Tag> : <Tag color="success">{t("正常", "Active")}</Tag>}
          {u.locked && <Tag color="error">{t("已锁定", "Locked")}</Tag>}
          {u.mustReset && <Tag color="warning">{u.lastLoginAt ? t("待改密码", "Password to change") : t("待设初始密码", "First password to set")}</Tag>}
        </Space>
      ),
    },
    { key: "last", title: t("最近登录", "Last login"), render: (_, u) => fmtDateTime(u.lastLoginAt) },
    {
      key: "actions",
      title: t("操作", "Actions"),
      fixed: "right",
      render: (_, u) => (
        <Space size={0} wrap>
          {canWrite && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
              {t("编辑", "Edit")}
            </Button>
          )}
          {canWrite && u.id !== me?.user.id && (
            <Popconfirm
              title={u.disabled ? t(`启用「${u.displayName}」？`, `Enable ${u.displayName}?`) : t(`停用「${u.displayName}」？`, `Disable ${u.displayName}?`)}
              description={u.disabled ? undefined : t("停用后该账号无法登录，现有会话立即失效。", "The account can no longer log in; its sessions end now.")}
              okText={t("确定", "OK")}
              cancelText={t("取消", "Cancel")}
              onConfirm={() => setDisabled.mutate({ id: u.id, disabled: !u.disabled })}
            >
              <Button type="link" size="small" danger={!u.disabled} icon={u.disabled ? <CheckCircleOutlined /> : <StopOutlined />}>
                {u.disabled ? t("启用", "Enable") : t("停用", "Disable")}
              </Button>
            </Popconfirm>
          )}
          {canSecurity && u.locked && (
            <Button
              type="link"
              size="small"
              icon={<UnlockOutlined />}
              loading={unlock.isPending && unlock.variables?.id === u.id}
              onClick={() => unlock.mutate(u)}
            >
              {t("解锁", "Unlock")}
            </Button>
          )}
          {canSecurity && (
            <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)}>
              {t("重置密码", "Reset password")}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHead
        title={t("账号", "Accounts")}
        subtitle={t(
          "系统管理员维护账号、角色与数据范围；安全管理员负责解锁与重置密码",
          "The system administrator keeps accounts, roles and scopes; the security administrator unlocks and resets passwords",
        )}
        extra={
          <>
            <ExportButton href="/api/users/export" params={{}} fileName={t("账号.xlsx", "accounts.xlsx")} />
            {canWrite && (
              <ImportDialogButton
                url="/api/users/import"
                intoCommunity={false}
                template={{ url: "/api/users/import/template", fileName: t("账号导入模板.xlsx", "accounts-template.xlsx") }}
                buttonLabel={t("导入账号", "Import accounts")}
                title={t("导入账号（不含密码）", "Import accounts (without passwords)")}
                intro={t(
                  "按列名识别：用户名、姓名、角色、数据范围（地区编码或名称）、手机号。导入的账号没有可用密码：由安全管理员「重置密码」设置初始密码，用户首次登录须修改。任一行有误则整份不导入；已存在的账号保持不变。",
                  "Columns: username, name, role, scope (region code or name), phone. Imported accounts have no usable password: the security administrator sets a first one with Reset password, which the user changes at first login. Any bad row stops the whole file; accounts already there stay as they are.",
                )}
                accept=".xlsx"
                fileLabel={t("选择文件", "Choose a file")}
                says={{
                  checked: (r) =>
                    t(`检查通过：将新增 ${r.created} 个，${r.unchanged} 个已存在`, `Check passed: ${r.created} new, ${r.unchanged} already there`),
                  imported: (r) => t(`已导入 ${r.created} 个账号`, `${r.created} accounts imported`),
                  toast: (r) => t(`已导入 ${r.created} 个账号，${r.unchanged} 个已存在未变`, `${r.created} imported, ${r.unchanged} already there`),
                }}
                invalidate={["users"]}
              />
            )}
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("新建账号", "New account")}
              </Button>
            )}
          </>
        }
      />
      <div className="filter-bar">
        <SearchBox value={list.filters.q} onSearch={(v) => list.setFilters({ q: v })} placeholder={t("用户名 / 姓名", "Username / name")} />
        <FilterSelect
          list={list}
          name="role"
          placeholder={t("全部角色", "All roles")}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
          style={{ minWidth: 160 }}
          aria-label={t("角色", "Role")}
        />
        {Object.values(list.filters).some(Boolean) && (
          <Button type="link" onClick={list.reset}>
            {t("清除筛选", "Clear filters")}
          </Button>
        )}
      </div>
      <ListTable<TUser>
        rowKey="id"
        query={q}
        list={list}
        columns={columns}
        empty={Object.values(list.filters).some(Boolean) ? t("没有符合条件的账号", "No accounts match") : t("暂无账号", "No accounts")}
      />
      <UserFormDrawer
        open={creating || !!editing}
        user={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
