import { Button, Result, Spin } from "antd";
import { lazy, type ReactNode, Suspense } from "react";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import type { Permission } from "../../contracts/roles";
import { homeFor } from "../features/dashboard/home";
import { useAuth } from "./auth";
import { useI18n } from "./i18n";
import { MODULES, PUBLIC_PAGES } from "./modules";
import { Shell } from "./shell";

const LoginPage = lazy(() => import("../features/auth/login-page"));

export function PageSpin() {
  return (
    <div className="page-spin">
      <Spin size="large" />
    </div>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading, error, refresh } = useAuth();
  const { t } = useI18n();
  const loc = useLocation();
  if (loading) return <PageSpin />;
  if (error)
    return (
      <Result
        status="500"
        title={t("无法连接服务器", "Cannot reach the server")}
        subTitle={error.message}
        extra={
          <Button type="primary" onClick={() => refresh()}>
            {t("重试", "Retry")}
          </Button>
        }
      />
    );
  if (!me) {
    const next = loc.pathname + loc.search;
    return <Navigate to={next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login"} replace />;
  }
  return <>{children}</>;
}

function Guard({ perm, children }: { perm: Permission; children: ReactNode }) {
  const { can } = useAuth();
  const { t } = useI18n();
  const nav = useNavigate();
  if (!can(perm))
    return (
      <Result
        status="403"
        title={t("无权访问", "No access")}
        subTitle={t("您的角色无权使用此模块。", "Your role may not use this module.")}
        extra={<Button onClick={() => nav("/")}>{t("返回首页", "Back to start")}</Button>}
      />
    );
  return <>{children}</>;
}

function Home() {
  const { can, me } = useAuth();
  const loc = useLocation();
  const { t } = useI18n();
  const home = homeFor(me?.user.role ?? "", can, MODULES);
  if (home) return <Navigate to={home + loc.search} replace />;
  return (
    <Result
      status="info"
      title={t("暂无可用模块", "No modules available")}
      subTitle={t("请联系系统管理员分配角色。", "Ask the system administrator for a role.")}
    />
  );
}

function NotFound() {
  const { t } = useI18n();
  const nav = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t("页面不存在", "This page does not exist")}
      extra={
        <Button type="primary" onClick={() => nav("/")}>
          {t("返回首页", "Back to start")}
        </Button>
      }
    />
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={<PageSpin />}>
            <LoginPage />
          </Suspense>
        }
      />
      {PUBLIC_PAGES.map((p) => (
        <Route
          key={p.path}
          path={`${p.path.slice(1)}/*`}
          element={
            <Suspense fallback={<PageSpin />}>
              <p.Page />
            </Suspense>
          }
        />
      ))}
      <Route
        element={
          <RequireAuth>
            <Shell />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        {MODULES.map((m) => (
          <Route
            key={m.path}
            path={`${m.path.slice(1)}/*`}
            element={
              <Guard perm={m.perm}>
                <m.Page />
              </Guard>
            }
          />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
