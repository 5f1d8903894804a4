// 年度工作报告 under /reports: /reports/annual/<year>[?region=<id>] (the report of last year by default).
import dayjs from "dayjs";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { AnnualReportPage } from "./annual-report-page";

export default function ReportsPage() {
  const loc = useLocation();
  const last = dayjs().year() - 1;
  return (
    <Routes>
      <Route index element={<Navigate to={`annual/${last}${loc.search}`} replace />} />
      <Route path="annual" element={<Navigate to={`${last}${loc.search}`} replace />} />
      <Route path="annual/:year" element={<AnnualReportPage />} />
    </Routes>
  );
}
