// The workbench frame: side menu (a drawer on phones), header with data scope and user menu.
import {
  DownOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { Alert, Avatar, Button, Drawer, Dropdown, Layout, Menu, type MenuProps, Segmented, Spin, Typography } from "antd";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { ROLE_LABELS, type Role } from "../../contracts/roles";
import { AlertsBell } from "../features/alerts/alerts-bell";
import { useIsMobile } from "../shared/use-mobile";
import { useAuth, useMe } from "./auth";
import { useI18n } from "./i18n";
import { MODULES } from "./modules";
import { ScopeBar } from "./scope-switcher";

const { Header, Sider, Content } = Layout;
// Loaded on first use: keeps antd Form out of the first screen.
const OwnTwoFactorModal = lazy(() => import("../features/auth/own-two-factor-modal").then((m) => ({ default: m.OwnTwoFactorModal })));
const ChangePasswordModal = lazy(() => import("../features/auth/change-password-modal").then((m) => ({ default: m.ChangePasswordModal })));

function Brand({ collapsed }: { collapsed?: boolean }) {
  const { t } = useI18n();
  return (
    <Link to="/" className={`brand${collapsed ? " brand-collapsed" : ""}`}>
      <span className="brand-mark" aria-hidden>
        社
      </span>
      {!collapsed && (
        <span className="brand-text">
          <span className="brand-name">{t("社区", "Shequ")}</span>
          <span className="brand-sub">{t("数字社区工作台", "Community workbench")}</span>
        </span>
      )}
    </Link>
  );
}

export function LangSwitch({ size }: { size?: "small" | "medium" }) {
  const { lang, setLang } = useI18n();
  return (
    <Segmented
      size={size ?? "small"}
      value={lang}
      onChange={(v) => setLang(v as "zh" | "en")}
      options={[
        { label: "中文", value: "zh" },
        { label: "EN", value: "en" },
      ]}
      aria-label="Language / 语言"
    />
  );
}

export function Shell() {
  const me = useMe();
  const { can, logout } = useAuth();
  const { t, lang, setLang } = useI18n();
  const mobile = useIsMobile();
  const nav = useNavigate();
  const loc = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const [tfaOpen, setTfaOpen] = useState(false);
  const [pwdOpen, setPwdOpenState] = useState(false);
  const [pwdLoaded, setPwdLoaded] = useState(false);
  const setPwdOpen = (v: boolean) => {
    if (v) setPwdLoaded(true);
    setPwdOpenState(v);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the phone menu whenever the page changes
  useEffect(() => setDrawer(false), [loc.pathname]);

  const items = useMemo<MenuProps["items"]>(
    () =>
      MODULES.filter((m) => can(m.perm)).map((m) => ({
        key: m.path,
        icon: m.icon,
        label: <Link to={m.path}>{t(m.zh, m.en)}</Link>,
      })),
    [can, t],
  );
  const selected = MODULES.find((m) => loc.pathname === m.path || loc.pathname.startsWith(`${m.path}/`))?.path;
  const roleLabel = ROLE_LABELS[me.user.role as Role]?.[lang] ?? me.user.role;

  const userMenu: MenuProps = {
    items: [
      {
        key: "who",
        disabled: true,
        label: (
          <div className="user-menu-who">
            <div className="user-menu-name">{me.user.displayName}</div>
            <div className="user-menu-role">
              {roleLabel} · {me.user.username}
            </div>
          </div>
        ),
      },
      { type: "divider" },
      { key: "password", icon: <KeyOutlined />, label: t("修改密码", "Change password") },
      { key: "2fa", icon: <SafetyCertificateOutlined />, label: t("两步验证", "Two-factor sign-in") },
      {
        key: "lang",
        icon: <GlobalOutlined />,
        label: t("语言", "Language"),
        children: [
          { key: "lang-zh", label: `中文${lang === "zh" ? " ✓" : ""}` },
          { key: "lang-en", label: `English${lang === "en" ? " ✓" : ""}` },
        ],
      },
      { type: "divider" },
      { key: "logout", icon: <LogoutOutlined />, danger: true, label: t("退出登录", "Log out") },
    ],
    onClick: async ({ key }) => {
      if (key === "password") setPwdOpen(true);
      else if (key === "2fa") setTfaOpen(true);
      else if (key === "lang-zh") setLang("zh");
      else if (key === "lang-en") setLang("en");
      else if (key === "logout") {
        await logout().catch(() => undefined);
        nav("/login", { replace: true });
      }
    },
  };

  const menu = <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={items} />;

  return (
    <Layout className="shell" hasSider={!mobile}>
      {!mobile && (
        <Sider width={216} collapsedWidth={64} collapsible collapsed={collapsed} trigger={null} className="shell-sider">
          <Brand collapsed={collapsed} />
          {menu}
        </Sider>
      )}
      {mobile && (
        <Drawer
          placement="left"
          open={drawer}
          onClose={() => setDrawer(false)}
          size={272}
          closable={false}
          className="shell-drawer"
          styles={{ body: { padding: 0 } }}
        >
          <Brand />
          <div className="drawer-scope">
            <ScopeBar compact onSwitched={() => setDrawer(false)} />
          </div>
          {menu}
          <div className="drawer-lang">
            <LangSwitch size="medium" />
          </div>
        </Drawer>
      )}
      <Layout>
        <Header className="shell-header">
          {mobile ? (
            <>
              <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawer(true)} aria-label={t("打开菜单", "Open menu")} />
              <div className="header-title-mobile">
                <Typography.Text strong ellipsis>
                  {t(MODULES.find((m) => m.path === selected)?.zh ?? "社区", MODULES.find((m) => m.path === selected)?.en ?? "Shequ")}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis className="header-scope-mobile">
                  {me.scope.name}
                </Typography.Text>
              </div>
            </>
          ) : (
            <>
              <Button
                type="text"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={() => setCollapsed((c) => !c)}
                aria-label={collapsed ? t("展开菜单", "Expand menu") : t("收起菜单", "Collapse menu")}
              />
              <ScopeBar />
            </>
          )}
          <div className="header-right">
            <AlertsBell />
            {!mobile && <LangSwitch />}
            <Dropdown menu={userMenu} trigger={["click"]} placement="bottomRight">
              <button type="button" className="user-chip" aria-label={t("用户菜单", "User menu")}>
                <Avatar size={30} icon={<UserOutlined />} className="user-avatar" />
                {!mobile && (
                  <span className="user-chip-text">
                    <span className="user-chip-name">{me.user.displayName}</span>
                    <span className="user-chip-role">{roleLabel}</span>
                  </span>
                )}
                {!mobile && <DownOutlined className="user-chip-caret" />}
              </button>
            </Dropdown>
          </div>
        </Header>
        <Content className="shell-content">
          {me.passwordExpired && (
            <Alert
              className="pwd-banner"
              type="warning"
              showIcon
              title={t("您的密码已超过规定的更换周期，请尽快修改密码。", "Your password is past its maximum age; please change it now.")}
              action={
                <Button size="small" type="primary" onClick={() => setPwdOpen(true)}>
                  {t("立即修改", "Change now")}
                </Button>
              }
            />
          )}
          <Suspense
            fallback={
              <div className="page-spin">
                <Spin size="large" />
              </div>
            }
          >
            <Outlet />
          </Suspense>
          <footer className="shell-footer">{t("社区 · 数字社区工作台", "Shequ · Digital community workbench")}</footer>
        </Content>
      </Layout>
      {pwdLoaded && (
        <Suspense fallback={null}>
          <ChangePasswordModal open={pwdOpen} onClose={() => setPwdOpen(false)} />
        </Suspense>
      )}
      {tfaOpen && (
        <Suspense fallback={null}>
          <OwnTwoFactorModal open={tfaOpen} onClose={() => setTfaOpen(false)} />
        </Suspense>
      )}
    </Layout>
  );
}
