// 民意速办: inbox, list, case detail, registration, figures and the catalogue, as nested routes.
import { Segmented } from "antd";
import { lazy, Suspense } from "react";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { PageHead } from "../../shared/page-head";
import { CaseDetail } from "./case-detail";
import { CaseList } from "./case-list";
import { RegisterForm } from "./register-form";

const FiguresPage = lazy(() => import("./figures-page"));
const CataloguePage = lazy(() => import("./catalogue-page"));

function Nav() {
  const { t } = useI18n();
  const { can } = useAuth();
  const loc = useLocation();
  const nav = useNavigate();
  const tabs = [
    can("appeals.handle") && { value: "inbox", label: t("我的待办", "My inbox") },
    can("appeals.read") && { value: "list", label: t("案件列表", "All cases") },
    can("appeals.register") && { value: "new", label: t("受理登记", "Register") },
    can("figures.read") && { value: "figures", label: t("统计分析", "Figures") },
    { value: "catalogue", label: t("分类与时限", "Catalogue & deadlines") },
  ].filter(Boolean) as Array<{ value: string; label: string }>;
  const current = loc.pathname.split("/")[2] ?? "";
  return (
    <div style={{ marginBottom: 12, overflowX: "auto" }}>
      <Segmented
        value={tabs.some((x) => x.value === current) ? current : undefined}
        options={tabs}
        onChange={(v) => nav(`/appeals/${v}`)}
        aria-label={t("民意速办", "Appeals")}
      />
    </div>
  );
}

function Titled({ zh, en, children }: { zh: string; en: string; children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <PageHead title={t(zh, en)} />
      {children}
    </>
  );
}

export default function AppealsPage() {
  const { can } = useAuth();
  return (
    <>
      <Nav />
      <Suspense fallback={null}>
        <Routes>
          <Route index element={<Navigate to={can("appeals.handle") ? "inbox" : "list"} replace />} />
          <Route
            path="inbox"
            element={
              <Titled zh="我的待办" en="My inbox">
                <CaseList mode="inbox" />
              </Titled>
            }
          />
          <Route
            path="list"
            element={
              <Titled zh="案件列表" en="Cases">
                <CaseList mode="list" />
              </Titled>
            }
          />
          <Route path="new" element={<RegisterForm />} />
          <Route path="figures" element={<FiguresPage />} />
          <Route path="catalogue" element={<CataloguePage />} />
          <Route path=":id" element={<CaseDetail />} />
        </Routes>
      </Suspense>
    </>
  );
}
