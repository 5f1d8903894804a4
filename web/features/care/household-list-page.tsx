// 困难户列表: filters (grid, kind, state, not visited for N months) in the URL; take a household into care; record a visit.
import { Button, Space, Switch, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link, useNavigate } from "react-router";
import { HOUSEHOLD_STATE_LABELS, type THousehold } from "../../../contracts/care";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import { useCareKinds, useHouseholds } from "./care-api";
import { CareImportButton, EnrollButton, VisitButton } from "./care-forms";

const FILTERS = ["q", "gridId", "kind", "state", "unvisited"] as const;

export function HouseholdListPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const list = useListParams(FILTERS);
  const q = useHouseholds(list.query);
  const kinds = useCareKinds();
  const { grids } = useCommunitiesAndGrids();
  const columns: ColumnsType<THousehold> = [
    {
      key: "name",
      title: t("困难户", "Household"),
      render: (_, h) => (
        <>
          <Link to={`/care/households/${h.id}`}>{h.name}</Link>
          <div className="person-sub">{h.address ?? "—"}</div>
        </>
      ),
    },
    { key: "grid", title: t("网格", "Grid"), dataIndex: "gridName", responsive: ["md"] },
    { key: "kinds", title: t("困难类型", "Difficulty"), render: (_, h) => h.kinds.map((k) => <Tag key={k}>{k}</Tag>), responsive: ["sm"] },
    { key: "worker", title: t("网格员", "Grid worker"), dataIndex: "gridWorkerName", responsive: ["lg"] },
    { key: "paired", title: t("结对党员", "Paired member"), render: (_, h) => h.paired.map((p) => p.name).join("、") || "—", responsive: ["lg"] },
    { key: "last", title: t("最近走访", "Last visited"), render: (_, h) => h.lastVisitedOn ?? t("未走访", "Never") },
    {
      key: "state",
      title: t("状态", "State"),
      render: (_, h) => <Tag color={h.state === "active" ? "green" : "default"}>{HOUSEHOLD_STATE_LABELS[h.state][lang]}</Tag>,
      responsive: ["md"],
    },
  ];
  const months = kinds.data?.unvisitedMonths ?? 3;
  return (
    <>
      <PageHead
        title={t("关爱帮扶", "Care for households in difficulty")}
        subtitle={t("困难群众与困境家庭、结对帮扶（四个万家）、走访慰问", "Households in difficulty, paired party members, visits and care campaigns")}
        extra={
          <Space wrap>
            {can("care.write") && <EnrollButton />}
            {can("care.write") && <VisitButton />}
            {can("care.write") && <CareImportButton what="households" />}
            {can("care.export") && <ExportButton href="/api/care/households/export.xlsx" params={list.query} fileName="困难户.xlsx" />}
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchBox value={list.filters.q} onSearch={(v) => list.setFilters({ q: v })} placeholder={t("户主姓名", "Head's name")} />
        <FilterSelect
          list={list}
          name="gridId"
          placeholder={t("网格", "Grid")}
          options={grids.map((g) => ({ value: g.id, label: g.name }))}
          style={{ width: 130 }}
        />
        <FilterSelect
          list={list}
          name="kind"
          placeholder={t("困难类型", "Difficulty")}
          options={(kinds.data?.kinds ?? []).map((k) => ({ value: k, label: k }))}
          style={{ width: 130 }}
        />
        <FilterSelect
          list={list}
          name="state"
          placeholder={t("状态", "State")}
          options={Object.entries(HOUSEHOLD_STATE_LABELS).map(([value, l]) => ({ value, label: l[lang] }))}
          style={{ width: 110 }}
        />
        <span>
          <Switch checked={list.filters.unvisited === "1"} onChange={(v) => list.setFilters({ unvisited: v ? "1" : null })} aria-label="unvisited" />{" "}
          {t(`超过 ${months} 个月未走访`, `Not visited for ${months} months`)}
        </span>
        {Object.values(list.filters).some(Boolean) && <Button onClick={list.reset}>{t("清除筛选", "Clear")}</Button>}
      </Space>
      {list.filters.unvisited === "1" && q.data?.cutoff && (
        <div className="page-subtitle" style={{ marginBottom: 8 }}>
          {t(`帮扶中、${q.data.cutoff} 以来未走访的困难户，最久未走访的在前`, `Households in care not visited since ${q.data.cutoff}, longest first`)}
        </div>
      )}
      <ListTable<THousehold>
        rowKey="id"
        query={q}
        list={list}
        columns={columns}
        empty={t("没有符合条件的困难户", "No household matches")}
        onRow={(h) => ({ onDoubleClick: () => nav(`/care/households/${h.id}`) })}
      />
    </>
  );
}
