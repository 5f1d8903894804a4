// 群团: the mass organisations (妇联, 团委 and their sub-organisations) with members and brand
// projects, the honours and nominations of a year, and the brand applications, under /massorgs.
import { Segmented } from "antd";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { useI18n } from "../../app/i18n";
import { ApplicationsPage, HonoursPage } from "./honours-page";
import { OrgDetailPage, OrgListPage } from "./orgs-page";

function Tabs() {
  const { t } = useI18n();
  const loc = useLocation();
  const nav = useNavigate();
  const tabs = [
    { value: "/massorgs/orgs", label: t("群团组织", "Organisations") },
    { value: "/massorgs/honours", label: t("荣誉推荐", "Honours") },
    { value: "/massorgs/applications", label: t("品牌申报", "Brand applications") },
  ];
  const current = tabs.find((x) => loc.pathname === x.value)?.value;
  if (!current) return null;
  return <Segmented value={current} options={tabs} onChange={(v) => nav(String(v))} style={{ marginBottom: 12 }} />;
}

export default function MassOrgsPage() {
  return (
    <>
      <Tabs />
      <Routes>
        <Route index element={<Navigate to="orgs" replace />} />
        <Route path="orgs" element={<OrgListPage />} />
        <Route path="orgs/:id" element={<OrgDetailPage />} />
        <Route path="honours" element={<HonoursPage />} />
        <Route path="applications" element={<ApplicationsPage />} />
      </Routes>
    </>
  );
}
