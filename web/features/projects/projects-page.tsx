// 民生微实事: the project list, a project's page (timeline and its steps) and the budget of a
// community-year, under /projects.
import { Segmented } from "antd";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { useI18n } from "../../app/i18n";
import { BudgetPage } from "./budget-page";
import { ProjectDetailPage } from "./project-detail-page";
import { ProjectListPage } from "./project-list-page";

function Tabs() {
  const { t } = useI18n();
  const loc = useLocation();
  const nav = useNavigate();
  const tabs = [
    { value: "/projects/list", label: t("项目", "Projects") },
    { value: "/projects/budget", label: t("预算", "Budget") },
  ];
  const current = tabs.find((x) => loc.pathname.startsWith(x.value))?.value;
  if (!current) return null;
  return <Segmented value={current} options={tabs} onChange={(v) => nav(String(v))} style={{ marginBottom: 12 }} />;
}

export default function ProjectsPage() {
  return (
    <>
      <Tabs />
      <Routes>
        <Route index element={<Navigate to="list" replace />} />
        <Route path="list" element={<ProjectListPage />} />
        <Route path="budget" element={<BudgetPage />} />
        <Route path=":id" element={<ProjectDetailPage />} />
      </Routes>
    </>
  );
}
