// 党建: party organisations, members, meetings and compliance, the development pipeline, elections.
import { Tabs } from "antd";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { useI18n } from "../../app/i18n";
import { CompliancePage } from "./compliance";
import { ElectionsPage } from "./elections";
import { MeetingsPage } from "./meetings";
import { MembersPage } from "./members";
import { OrgsPage } from "./orgs";
import { ApplicantPage, PipelinePage } from "./pipeline";

export default function PartyPage() {
  const { t } = useI18n();
  const loc = useLocation();
  const nav = useNavigate();
  const seg = loc.pathname.split("/")[2] || "orgs";
  const tabs = [
    { key: "orgs", label: t("党组织", "Organisations") },
    { key: "members", label: t("党员", "Members") },
    { key: "meetings", label: t("会议", "Meetings") },
    { key: "compliance", label: t("组织生活合规", "Compliance") },
    { key: "pipeline", label: t("发展党员", "Pipeline") },
    { key: "elections", label: t("换届与任免", "Elections") },
  ];
  return (
    <>
      <Tabs activeKey={seg} items={tabs} onChange={(k) => nav(`/party/${k}`)} style={{ marginBottom: 4 }} />
      <Routes>
        <Route index element={<Navigate to="orgs" replace />} />
        <Route path="orgs" element={<OrgsPage />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="meetings" element={<MeetingsPage />} />
        <Route path="compliance" element={<CompliancePage />} />
        <Route path="pipeline" element={<PipelinePage />} />
        <Route path="pipeline/:id" element={<ApplicantPage />} />
        <Route path="elections" element={<ElectionsPage />} />
        <Route path="*" element={<Navigate to="/party/orgs" replace />} />
      </Routes>
    </>
  );
}
