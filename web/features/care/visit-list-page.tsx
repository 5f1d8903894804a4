// 走访与慰问: every visit and 慰问活动 with its households, partner units and what was given.
import { Space, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link } from "react-router";
import { type TVisit, VISIT_KIND_LABELS } from "../../../contracts/care";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import { useVisits, yuan } from "./care-api";
import { CareImportButton, VisitButton } from "./care-forms";

const FILTERS = ["q", "from", "to"] as const;

export function VisitListPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const q = useVisits(list.query);
  const columns: ColumnsType<TVisit> = [
    { key: "date", title: t("日期", "Date"), dataIndex: "visitedOn", width: 110 },
    {
      key: "title",
      title: t("名称", "Title"),
      render: (_, v) => (
        <>
          {v.title} <Tag color={v.kind === "campaign" ? "red" : "blue"}>{VISIT_KIND_LABELS[v.kind][lang]}</Tag>
          <div className="person-sub">{v.visitors.join("、")}</div>
        </>
      ),
    },
    {
      key: "households",
      title: t("覆盖户数", "Households"),
      render: (_, v) => (
        <span title={v.households.map((h) => h.householdName).join("、")}>
          {v.households.length}
          {v.households.length <= 3 && (
            <span className="person-sub">
              {" "}
              {v.households.map((h) => (
                <Link key={h.id} to={`/care/households/${h.householdId}`} style={{ marginRight: 6 }}>
                  {h.householdName}
                </Link>
              ))}
            </span>
          )}
        </span>
      ),
    },
    { key: "partners", title: t("共建单位", "Partner units"), render: (_, v) => v.partners.map((p) => <Tag key={p.id}>{p.name}</Tag>), responsive: ["md"] },
    { key: "money", title: t("慰问金（元）", "Money (yuan)"), align: "right", render: (_, v) => yuan(v.moneyFen), responsive: ["md"] },
  ];
  return (
    <>
      <PageHead
        title={t("走访与慰问", "Visits and care campaigns")}
        extra={
          <Space wrap>
            {can("care.write") && <VisitButton />}
            {can("care.write") && <CareImportButton what="visits" />}
            {can("care.export") && <ExportButton href="/api/care/visits/export.xlsx" params={list.query} fileName={t("走访慰问.xlsx", "care-visits.xlsx")} />}
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchBox value={list.filters.q} onSearch={(v) => list.setFilters({ q: v })} placeholder={t("名称", "Title")} />
      </Space>
      <ListTable<TVisit> rowKey="id" query={q} list={list} columns={columns} empty={t("还没有走访记录", "No visit yet")} />
    </>
  );
}
