// 平安 safety: hazards (隐患), safety inspections, disputes (矛盾纠纷) and labor disputes (劳资).
import { Tabs } from "antd";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { useI18n } from "../../app/i18n";
import { DisputeDetail, DisputesPage } from "./disputes";
import { HazardDetail, HazardsPage } from "./hazards";
import { InspectionDetail, InspectionsPage } from "./inspections";

export default function SafetyPage() {
  const { t } = useI18n();
  const loc = useLocation();
  const nav = useNavigate();
  const seg = loc.pathname.split("/")[2] ?? "hazards";
  const active = seg === "disputes" && new URLSearchParams(loc.search).get("labor") === "1" ? "labor" : seg;
  return (
    <>
      <Tabs
        activeKey={active}
        onChange={(k) => nav(k === "labor" ? "/safety/disputes?labor=1" : `/safety/${k}`)}
        items={[
          { key: "hazards", label: t("隐患整改", "Hazards") },
          { key: "inspections", label: t("安全检查", "Inspections") },
          { key: "disputes", label: t("矛盾纠纷", "Disputes") },
          { key: "labor", label: t("劳资纠纷", "Labor disputes") },
        ]}
      />
      <Routes>
        <Route index element={<Navigate to="hazards" replace />} />
        <Route path="hazards" element={<HazardsPage />} />
        <Route path="hazards/:id" element={<HazardDetail />} />
        <Route path="inspections" element={<InspectionsPage />} />
        <Route path="inspections/:id" element={<InspectionDetail />} />
        <Route path="disputes" element={<DisputesPage />} />
        <Route path="disputes/:id" element={<DisputeDetail />} />
        <Route path="labor" element={<Navigate to="/safety/disputes?labor=1" replace />} />
        <Route path="*" element={<Navigate to="/safety/hazards" replace />} />
      </Routes>
    </>
  );
}
