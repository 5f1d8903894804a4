// 智能巡检: nested pages under /patrol — the supervisor's map and live feed, points and QR labels,
// flagged check-ins to review, the officer's rounds of today, and the phone check-in page a
// point's QR code opens (/patrol/checkin/<pointId>?t=<token>).
import { Segmented } from "antd";
import { lazy, Suspense } from "react";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { useIsMobile } from "../../shared/use-mobile";
import { LabelsPage, MinePage, PointsPage, ReviewPage } from "./lists";
import { PlanDetailPage, PlansPage } from "./plans";
import { TeamsPage } from "./teams";

const MapPage = lazy(() => import("./map-page"));
const CheckinPage = lazy(() => import("./checkin-page"));

function Tabs() {
  const { t } = useI18n();
  const { can } = useAuth();
  const loc = useLocation();
  const nav = useNavigate();
  // Short labels on a phone, so the tabs fit its width (they scroll sideways if they still do not).
  const mobile = useIsMobile();
  const tabs = [
    { value: "/patrol/map", label: mobile ? t("态势", "Map") : t("巡查态势", "Map") },
    ...(can("patrol.checkin") ? [{ value: "/patrol/mine", label: mobile ? t("我的", "Mine") : t("我的巡查", "My rounds") }] : []),
    // The registers and the review are for those who run the patrol, not for officers and volunteers on their rounds.
    ...(can("patrol.admin") || can("patrol.review")
      ? [
          { value: "/patrol/points", label: mobile ? t("点位", "Points") : t("巡查点", "Points") },
          { value: "/patrol/plans", label: mobile ? t("计划", "Plans") : t("巡查计划", "Plans") },
          { value: "/patrol/teams", label: mobile ? t("队伍", "Teams") : t("巡查队伍", "Teams") },
        ]
      : []),
    ...(can("patrol.review") ? [{ value: "/patrol/review", label: mobile ? t("审核", "Review") : t("打卡审核", "Review") }] : []),
  ];
  const current = tabs.find((x) => loc.pathname.startsWith(x.value))?.value;
  if (loc.pathname.startsWith("/patrol/checkin") || loc.pathname.startsWith("/patrol/labels")) return null;
  return (
    <div className="no-print patrol-tabs">
      <Segmented value={current} options={tabs} onChange={(v) => nav(String(v))} />
    </div>
  );
}

export default function PatrolPage() {
  const { can, me } = useAuth();
  // Officers land on their rounds (phone); everyone else on the map.
  const home = can("patrol.checkin") && !can("patrol.admin") && me?.user.role !== "leader" ? "mine" : "map";
  return (
    <>
      <style>{`
        .patrol-phone { max-width: 480px; margin: 0 auto; }
        .patrol-tabs { margin-bottom: 12px; max-width: 100%; overflow-x: auto; scrollbar-width: none; }
        .patrol-ordered { list-style: none; margin: 0; padding: 0; }
        .patrol-ordered li { display: flex; align-items: center; gap: 6px; padding: 2px 0; border-bottom: 1px solid #f0f0f0; }
        .patrol-ordered-no { flex: none; width: 22px; height: 22px; line-height: 22px; text-align: center; border-radius: 50%; background: #f4f6fa; color: #555; font-size: 12px; }
        .patrol-ordered-body { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
        .patrol-round { padding: 8px 0; border-bottom: 1px solid #f0f0f0; }
        .patrol-round:last-child { border-bottom: none; }
        .patrol-photo { display: block; margin-top: 8px; padding: 10px; border: 1px dashed #bbb; border-radius: 6px; text-align: center; cursor: pointer; color: #555; }
      `}</style>
      <Tabs />
      <Suspense fallback={null}>
        <Routes>
          <Route index element={<Navigate to={home} replace />} />
          <Route path="map" element={<MapPage />} />
          <Route path="mine" element={<MinePage />} />
          <Route path="points" element={<PointsPage />} />
          <Route path="plans" element={<PlansPage />} />
          <Route path="plans/:id" element={<PlanDetailPage />} />
          <Route path="teams" element={<TeamsPage />} />
          <Route path="labels" element={<LabelsPage />} />
          <Route path="review" element={<ReviewPage />} />
          <Route path="checkin/:pointId" element={<CheckinPage />} />
          <Route path="*" element={<Navigate to={`/patrol/${home}`} replace />} />
        </Routes>
      </Suspense>
    </>
  );
}
