// 关爱帮扶: households in care (with the "not visited for N months" list), a household's page, and the visits, under /care.
import { Segmented } from "antd";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { useI18n } from "../../app/i18n";
import { HouseholdDetailPage } from "./household-detail-page";
import { HouseholdListPage } from "./household-list-page";
import { VisitListPage } from "./visit-list-page";

function Tabs() {
  const { t } = useI18n();
  const loc = useLocation();
  const nav = useNavigate();
  const tabs = [
    { value: "/care/households", label: t("困难户", "Households") },
    { value: "/care/visits", label: t("走访与慰问", "Visits") },
  ];
  const current = tabs.find((x) => loc.pathname === x.value)?.value;
  if (!current) return null;
  return <Segmented value={current} options={tabs} onChange={(v) => nav(String(v))} style={{ marginBottom: 12 }} />;
}

export default function CarePage() {
  return (
    <>
      <Tabs />
      <Routes>
        <Route index element={<Navigate to="households" replace />} />
        <Route path="households" element={<HouseholdListPage />} />
        <Route path="households/:id" element={<HouseholdDetailPage />} />
        <Route path="visits" element={<VisitListPage />} />
      </Routes>
    </>
  );
}
