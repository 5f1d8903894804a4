// 案件列表 and 我的待办: one table over /api/appeals (filters in the URL) or /api/appeals/inbox.
import { Button, Cascader, Space, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link } from "react-router";
import type { TAppeal } from "../../../contracts/appeals";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { fmtDateTime } from "../../shared/format";
import { ListTable } from "../../shared/list-table";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import { voidedFilter } from "../../shared/void-control";
import { categoryTree, useAppeals, useCategories } from "./appeals-api";
import { ImportButton } from "./import-button";
import {
  channelLabel,
  channelOptions,
  deadlineColor,
  deadlineLabel,
  fmtLeft,
  kindLabel,
  kindOptions,
  statusColor,
  statusLabel,
  statusOptions,
  urgencyColor,
  urgencyLabel,
  urgencyOptions,
} from "./labels";

const FILTERS = ["q", "status", "channel", "kind", "urgency", "category", "gridId", "deadline", "tag", "from", "to", "voided"] as const;

export function DeadlineTag({ c }: { c: Pick<TAppeal, "deadlineState" | "msLeft"> }) {
  const { lang } = useI18n();
  if (c.deadlineState === "done") return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} orientation="vertical" style={{ lineHeight: 1.2 }}>
      <Tag color={deadlineColor(c.deadlineState)}>{deadlineLabel(c.deadlineState, lang)}</Tag>
      <span className="person-sub">{fmtLeft(c.msLeft, lang)}</span>
    </Space>
  );
}

export function CaseList({ mode }: { mode: "list" | "inbox" }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const { grids } = useCommunitiesAndGrids();
  const cats = useCategories();
  const q = useAppeals(mode, list.query);

  const columns: ColumnsType<TAppeal> = [
    {
      key: "title",
      title: t("案件", "Case"),
      render: (_, c) => (
        <div style={{ lineHeight: 1.35, maxWidth: 320 }}>
          <Link to={`/appeals/${c.id}`} className="case-title">
            {c.title}
          </Link>
          <div className="person-sub">
            {c.trackingNo} · {channelLabel(c.channel, lang)} · {kindLabel(c.kind, lang)}
            {c.reopenCount > 0 && (
              <Tag color="magenta" style={{ marginLeft: 6 }}>
                {t(`重办 ${c.reopenCount}`, `Reopened ×${c.reopenCount}`)}
              </Tag>
            )}
            {c.tags.map((tg) => (
              <Tag key={tg} color="red" style={{ marginLeft: 4 }}>
                {tg}
              </Tag>
            ))}
          </div>
        </div>
      ),
    },
    { key: "urgency", title: t("紧急程度", "Urgency"), render: (_, c) => <Tag color={urgencyColor(c.urgency)}>{urgencyLabel(c.urgency, lang)}</Tag> },
    { key: "status", title: t("状态", "Status"), render: (_, c) => <Tag color={statusColor(c.status)}>{statusLabel(c.status, lang)}</Tag> },
    { key: "deadline", title: t("时限", "Deadline"), render: (_, c) => <DeadlineTag c={c} /> },
    {
      key: "category",
      title: t("分类", "Category"),
      render: (_, c) => (
        <span>
          {c.parentCategoryName && (
            <Typography.Text type="secondary">{lang === "en" ? (c.parentCategoryNameEn ?? c.parentCategoryName) : c.parentCategoryName} / </Typography.Text>
          )}
          {(lang === "en" ? c.categoryNameEn : null) ?? c.categoryName ?? c.categoryCode}
        </span>
      ),
    },
    { key: "grid", title: t("网格", "Grid"), render: (_, c) => c.gridName ?? "—" },
    {
      key: "assignee",
      title: t("承办", "Handled by"),
      render: (_, c) =>
        c.assigneeUserName ??
        c.assigneeOrgName ??
        (c.status === "registered" ? <Typography.Text type="secondary">{t("待派单", "Not dispatched")}</Typography.Text> : t("社区", "Community")),
    },
    { key: "appellant", title: t("诉求人", "Appellant"), render: (_, c) => (c.appellantName ? `${c.appellantName} ${c.appellantPhone ?? ""}` : "—") },
    { key: "registeredAt", title: t("登记时间", "Registered"), render: (_, c) => fmtDateTime(c.registeredAt) },
  ];

  return (
    <>
      <div className="filter-bar">
        <SearchBox
          value={list.filters.q}
          onSearch={(v) => list.setFilters({ q: v })}
          placeholder={t("受理编号 / 标题 / 地址 / 电话后四位", "Number / title / address / last 4 of phone")}
        />
        <FilterSelect list={list} name="status" placeholder={t("全部状态", "All statuses")} options={statusOptions(lang)} aria-label={t("状态", "Status")} />
        {mode === "list" && can("appeals.admin") && <FilterSelect list={list} name="voided" {...voidedFilter(t)} aria-label={t("作废", "Voided")} />}
        <FilterSelect
          list={list}
          name="deadline"
          placeholder={t("全部时限", "Any deadline")}
          options={[
            { value: "due_soon", label: deadlineLabel("due_soon", lang) },
            { value: "overdue", label: deadlineLabel("overdue", lang) },
          ]}
          aria-label={t("时限", "Deadline")}
        />
        {mode === "list" && (
          <>
            <FilterSelect
              list={list}
              name="channel"
              placeholder={t("全部渠道", "All channels")}
              options={channelOptions(lang)}
              aria-label={t("渠道", "Channel")}
            />
            <FilterSelect list={list} name="kind" placeholder={t("诉求/事件", "Appeal / event")} options={kindOptions(lang)} aria-label={t("类型", "Kind")} />
            <FilterSelect
              list={list}
              name="urgency"
              placeholder={t("紧急程度", "Urgency")}
              options={urgencyOptions(lang)}
              aria-label={t("紧急程度", "Urgency")}
            />
            <Cascader
              changeOnSelect
              placeholder={t("全部分类", "All categories")}
              value={
                list.filters.category
                  ? list.filters.category.length <= 2
                    ? [list.filters.category]
                    : [list.filters.category.slice(0, 2), list.filters.category]
                  : undefined
              }
              onChange={(v) => list.setFilters({ category: v?.length ? String(v[v.length - 1]) : undefined })}
              options={categoryTree(cats.data, lang)}
              aria-label={t("分类", "Category")}
            />
            <FilterSelect
              list={list}
              name="gridId"
              showSearch={{ optionFilterProp: "label" }}
              placeholder={t("全部网格", "All grids")}
              options={grids.map((g) => ({ value: g.id, label: g.name }))}
              aria-label={t("网格", "Grid")}
            />
          </>
        )}
        {Object.values(list.filters).some(Boolean) && (
          <Button type="link" onClick={list.reset}>
            {t("清除筛选", "Clear filters")}
          </Button>
        )}
        {mode === "list" && can("appeals.dispatch") && <ImportButton />}
        {mode === "list" && can("appeals.export") && (
          <ExportButton href="/api/appeals/export" params={list.query} fileName={t("民意速办案件.xlsx", "appeals.xlsx")} allowReveal={can("people.reveal")} />
        )}
      </div>
      {(q.data as { totalCapped?: boolean } | undefined)?.totalCapped && (
        <Typography.Paragraph type="secondary">
          {t("超过 10,000 件，只计到 10,000；请缩小筛选范围", "More than 10,000 cases; counting stops there — narrow the filters")}
        </Typography.Paragraph>
      )}
      <ListTable<TAppeal>
        rowKey="id"
        query={q}
        list={list}
        columns={columns}
        empty={
          mode === "inbox"
            ? t("没有待办的案件", "Nothing in your inbox")
            : Object.values(list.filters).some(Boolean)
              ? t("没有符合条件的案件，试试放宽筛选条件", "No cases match; try fewer filters")
              : t("还没有案件", "No cases yet")
        }
      />
    </>
  );
}
