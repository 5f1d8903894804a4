// 活动与阵地: activities (sign-up, QR check-in, attendance), venues (rooms, bookings, self-inspections),
// series and partner units.
import { Table, Tabs, Tag } from "antd";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { PARTNER_OFFER_LABELS, SERIES_KIND_LABELS } from "../../../contracts/activities";
import { useI18n } from "../../app/i18n";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { usePartners, useSeries } from "./activities-api";
import { ActivitiesList } from "./activities-list";
import { ActivityDetail } from "./activity-detail";
import { ActivitiesCalendar } from "./calendar";
import { VenueDetail, VenuesPage } from "./venues";

function SeriesPage() {
  const { t, lang } = useI18n();
  const q = useSeries();
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <PageHead title={t("品牌项目", "Series")} subtitle={t("届次按创办年份起已举办的年份计算", "Editions count the years held since the first year")} />
      <Table
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        scroll={{ x: "max-content" }}
        columns={[
          { key: "n", title: t("名称", "Name"), dataIndex: "name" },
          {
            key: "k",
            title: t("类型", "Kind"),
            render: (_, s) => (SERIES_KIND_LABELS as Record<string, { zh: string; en: string }>)[s.kind]?.[lang] ?? s.kind,
          },
          { key: "f", title: t("创办年份", "Since"), dataIndex: "firstYear" },
          { key: "a", title: t("活动场次", "Activities"), dataIndex: "activities", align: "right" },
          {
            key: "e",
            title: t("最近一届", "Latest edition"),
            render: (_, s) => (s.lastEdition ? t(`${s.lastYear}年 第${s.lastEdition}届`, `${s.lastYear}: edition ${s.lastEdition}`) : "—"),
          },
        ]}
      />
    </>
  );
}

function PartnersPage() {
  const { t, lang } = useI18n();
  const q = usePartners();
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <PageHead
        title={t("共建单位", "Partner units")}
        subtitle={t("共建协议：各方提供的场地、志愿者、资金、服务", "Partnership agreements: what each side offers")}
      />
      <Table
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        scroll={{ x: "max-content" }}
        columns={[
          { key: "o", title: t("单位", "Organisation"), dataIndex: "orgName" },
          {
            key: "f",
            title: t("提供", "Offers"),
            render: (_, p) => p.offers.map((o) => <Tag key={o}>{(PARTNER_OFFER_LABELS as Record<string, { zh: string; en: string }>)[o]?.[lang] ?? o}</Tag>),
          },
          { key: "d", title: t("协议期限", "Term"), render: (_, p) => `${p.fromDate} — ${p.toDate ?? t("长期", "open")}` },
          { key: "a", title: t("协办活动", "Activities"), dataIndex: "activities", align: "right" },
        ]}
      />
    </>
  );
}

export default function ActivitiesPage() {
  const { t } = useI18n();
  const loc = useLocation();
  const nav = useNavigate();
  const seg = loc.pathname.split("/")[2] ?? "list";
  return (
    <>
      <Tabs
        activeKey={seg}
        onChange={(k) => nav(`/activities/${k}`)}
        items={[
          { key: "list", label: t("活动", "Activities") },
          { key: "calendar", label: t("日历", "Calendar") },
          { key: "venues", label: t("阵地", "Venues") },
          { key: "series", label: t("品牌项目", "Series") },
          { key: "partners", label: t("共建单位", "Partners") },
        ]}
      />
      <Routes>
        <Route index element={<Navigate to="list" replace />} />
        <Route path="list" element={<ActivitiesList />} />
        <Route path="list/:id" element={<ActivityDetail />} />
        <Route path="calendar" element={<ActivitiesCalendar />} />
        <Route path="venues" element={<VenuesPage />} />
        <Route path="venues/:id" element={<VenueDetail />} />
        <Route path="series" element={<SeriesPage />} />
        <Route path="partners" element={<PartnersPage />} />
        <Route path="*" element={<Navigate to="/activities/list" replace />} />
      </Routes>
    </>
  );
}
