// 安全管理: the security administrator's page — sign-in events (from the audit log), live sessions
// (any can be ended), locked accounts (unlock) and the sign-in policy (two-factor roles, session limit).
import { LogoutOutlined, ReloadOutlined, UnlockOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Checkbox, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Tabs, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { ROLE_LABELS, ROLES, type Role } from "../../../contracts/roles";
import type { TLockedAccount, TSecuritySession, TSignInEvent } from "../../../contracts/security";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { fmtDateTime, fmtDateTimeSec } from "../../shared/format";
import { PageHead } from "../../shared/page-head";
import { useGlobalSettings, useSaveSetting } from "../settings/settings-api";
import { useEndSession, useLockedAccounts, useSessions, useSignInEvents, useUnlockAccount } from "./security-api";

const ALWAYS: Role[] = ["sysadmin", "secadmin", "auditor"];

const ACTION_LABELS: Record<string, [string, string]> = {
  "auth.login": ["登录", "Sign-in"],
  "auth.logout": ["退出", "Sign-out"],
  "auth.lock": ["锁定", "Locked"],
  "user.unlock": ["解锁", "Unlocked"],
  "auth.2fa_challenge": ["密码正确，待验证码", "Password right, code asked"],
  "auth.2fa_verify": ["两步验证", "Two-factor code"],
  "auth.2fa_recovery": ["使用恢复码", "Recovery code used"],
  "auth.2fa_enrol": ["启用两步验证", "Two-factor enrolment"],
  "auth.2fa_disable": ["关闭两步验证", "Two-factor turned off"],
  "auth.2fa_reset": ["重置两步验证", "Two-factor reset"],
  "auth.2fa_recovery_codes": ["更换恢复码", "New recovery codes"],
  "auth.session_end": ["会话结束", "Session ended"],
  "auth.password_change": ["修改密码", "Password changed"],
  "user.reset_password": ["重置密码", "Password reset"],
};

function Events() {
  const { t } = useI18n();
  const [q, setQ] = useState<{ page: number; username?: string; failed?: string }>({ page: 1 });
  const query = useSignInEvents(q);
  const columns: ColumnsType<TSignInEvent> = [
    { title: t("时间", "Time"), dataIndex: "at", width: 170, render: fmtDateTimeSec },
    { title: t("账号", "Account"), dataIndex: "username", width: 130, render: (v) => v ?? "—" },
    {
      title: t("事件", "Event"),
      dataIndex: "action",
      render: (a: string, e) => {
        const l = ACTION_LABELS[a];
        return (
          <Space size={4}>
            <Tag color={e.success ? (a === "auth.lock" ? "red" : "green") : "red"}>{l ? t(l[0], l[1]) : a}</Tag>
            {!e.success && <Typography.Text type="danger">{t("失败", "failed")}</Typography.Text>}
          </Space>
        );
      },
    },
    { title: t("说明", "Detail"), dataIndex: "reason", render: (v) => v ?? "" },
    { title: t("操作人", "By"), dataIndex: "actorName", width: 110, responsive: ["md"] },
    { title: "IP", dataIndex: "ip", width: 130, responsive: ["md"] },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t("账号", "Account")}
          style={{ width: 200 }}
          onSearch={(v) => setQ({ page: 1, username: v || undefined, failed: q.failed })}
        />
        <Select
          style={{ width: 140 }}
          value={q.failed ?? ""}
          onChange={(v) => setQ({ ...q, page: 1, failed: v || undefined })}
          options={[
            { value: "", label: t("全部结果", "All results") },
            { value: "1", label: t("仅失败", "Failures only") },
            { value: "0", label: t("仅成功", "Successes only") },
          ]}
          aria-label={t("结果", "Result")}
        />
        <Button icon={<ReloadOutlined />} onClick={() => query.refetch()}>
          {t("刷新", "Refresh")}
        </Button>
      </Space>
      {query.error && <Alert type="error" showIcon title={(query.error as Error).message} />}
      <Table<TSignInEvent>
        rowKey="seq"
        size="small"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        columns={columns}
        scroll={{ x: 720 }}
        pagination={{ current: q.page, pageSize: 20, total: query.data?.total ?? 0, showSizeChanger: false, onChange: (page) => setQ({ ...q, page }) }}
      />
    </>
  );
}

function Sessions() {
  const { t, lang } = useI18n();
  const query = useSessions();
  const end = useEndSession(() => notify.success(t("会话已结束", "Session ended")));
  const columns: ColumnsType<TSecuritySession> = [
    {
      title: t("账号", "Account"),
      dataIndex: "username",
      render: (u: string, s) => (
        <Space size={4} wrap>
          <span>
            {s.displayName} <Typography.Text type="secondary">({u})</Typography.Text>
          </span>
          {s.current && <Tag color="blue">{t("本会话", "This session")}</Tag>}
        </Space>
      ),
    },
    { title: t("角色", "Role"), dataIndex: "role", width: 120, render: (r: Role) => ROLE_LABELS[r]?.[lang] ?? r, responsive: ["md"] },
    { title: t("登录时间", "Signed in"), dataIndex: "createdAt", width: 150, render: fmtDateTime },
    { title: t("最近活动", "Last active"), dataIndex: "lastSeenAt", width: 150, render: fmtDateTime, responsive: ["md"] },
    { title: "IP", dataIndex: "ip", width: 130, responsive: ["lg"] },
    { title: t("浏览器", "Browser"), dataIndex: "userAgent", ellipsis: true, responsive: ["xl"] },
    {
      title: "",
      key: "end",
      width: 110,
      render: (_, s) => (
        <Popconfirm
          title={
            s.current
              ? t("结束本会话后需重新登录，确定？", "Ending this session signs you out. Sure?")
              : t("结束此会话？对方需重新登录", "End this session? The user must sign in again")
          }
          onConfirm={() => end.mutate(s.id)}
        >
          <Button size="small" danger icon={<LogoutOutlined />}>
            {t("结束", "End")}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Table<TSecuritySession>
      rowKey="id"
      size="small"
      loading={query.isFetching}
      dataSource={query.data?.items ?? []}
      columns={columns}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      scroll={{ x: 560 }}
    />
  );
}

function Locked() {
  const { t, lang } = useI18n();
  const query = useLockedAccounts();
  const unlock = useUnlockAccount(() => notify.success(t("已解锁", "Unlocked")));
  return (
    <Table<TLockedAccount>
      rowKey="id"
      size="small"
      loading={query.isFetching}
      dataSource={query.data?.items ?? []}
      locale={{ emptyText: t("没有被锁定的账号", "No account is locked") }}
      pagination={false}
      columns={[
        { title: t("账号", "Account"), dataIndex: "username", render: (u: string, a) => `${a.displayName} (${u})` },
        { title: t("角色", "Role"), dataIndex: "role", render: (r: Role) => ROLE_LABELS[r]?.[lang] ?? r },
        { title: t("锁定至", "Locked until"), dataIndex: "lockedUntil", render: fmtDateTime },
        {
          title: "",
          key: "unlock",
          width: 100,
          render: (_, a) => (
            <Button size="small" icon={<UnlockOutlined />} loading={unlock.isPending && unlock.variables === a.id} onClick={() => unlock.mutate(a.id)}>
              {t("解锁", "Unlock")}
            </Button>
          ),
        },
      ]}
    />
  );
}

function Policy() {
  const { t, lang } = useI18n();
  const query = useGlobalSettings();
  const value = (k: string) => query.data?.items.find((s) => s.key === k)?.value;
  const put = useSaveSetting(undefined, () => notify.success(t("已保存", "Saved")));
  if (!query.data) return null;
  const enforced = value("security.two_factor_enforced") === true;
  const roles = (value("security.two_factor_roles") as Role[] | undefined) ?? ALWAYS;
  const max = Number(value("security.max_sessions") ?? 5);
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {!enforced && (
        <Alert
          type="warning"
          showIcon
          title={t(
            "两步验证未强制：下列角色仍可只凭密码登录（仅适用于演示环境）",
            "Two-factor sign-in is not enforced: the roles below can still sign in with a password only (for a demo only)",
          )}
        />
      )}
      <Card size="small" title={t("两步验证（TOTP）", "Two-factor sign-in (TOTP)")}>
        <Space direction="vertical" size={12} style={{ width: "100%" }}>
          <Space>
            <Switch
              checked={enforced}
              loading={put.isPending}
              onChange={(v) => put.mutate({ key: "security.two_factor_enforced", value: v })}
              aria-label={t("强制两步验证", "Enforce two-factor sign-in")}
            />
            <span>{t("强制下列角色使用两步验证", "Require two-factor sign-in for the roles below")}</span>
          </Space>
          <Checkbox.Group
            value={roles}
            onChange={(v) => put.mutate({ key: "security.two_factor_roles", value: v })}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang], disabled: ALWAYS.includes(r) }))}
          />
          <Typography.Text type="secondary">
            {t(
              "系统管理员、安全管理员、审计员始终须两步验证；其他角色可自愿启用。未启用的账号登录时先完成启用。",
              "The system administrator, security administrator and auditor always need it; other roles may turn it on themselves. An account that has not enrolled does so at its next sign-in.",
            )}
          </Typography.Text>
        </Space>
      </Card>
      <Card size="small" title={t("会话", "Sessions")}>
        <Space wrap>
          <span>{t("每个账号同时在线会话数上限", "Concurrent sessions per account")}</span>
          <InputNumber
            min={1}
            max={20}
            defaultValue={max}
            onBlur={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n !== max) put.mutate({ key: "security.max_sessions", value: n });
            }}
            aria-label={t("会话数上限", "Session limit")}
          />
          <Typography.Text type="secondary">{t("超出时最早的会话结束", "Past it, the oldest session ends")}</Typography.Text>
        </Space>
      </Card>
    </Space>
  );
}

export default function SecurityPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHead
        title={t("安全管理", "Security")}
        subtitle={t("登录事件、在线会话、锁定账号与登录策略", "Sign-in events, live sessions, locked accounts and the sign-in policy")}
      />
      <Card>
        <Tabs
          items={[
            { key: "events", label: t("登录事件", "Sign-in events"), children: <Events /> },
            { key: "sessions", label: t("在线会话", "Live sessions"), children: <Sessions /> },
            { key: "locked", label: t("锁定账号", "Locked accounts"), children: <Locked /> },
            { key: "policy", label: t("登录策略", "Sign-in policy"), children: <Policy /> },
          ]}
        />
      </Card>
    </>
  );
}
