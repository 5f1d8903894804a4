// 工作台: every registered figure of the current scope for a period, grouped by module; each
// card opens the records behind its number.
import { RightOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Col, DatePicker, Empty, Row, Segmented, Select, Skeleton, Space, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { lazy, Suspense, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import type { TFigure } from "../../../contracts/platform";
import { api } from "../../api/client";
import { useAuth, useMe } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { FigureDrawer } from "../../shared/figure-drawer";
import { moduleLabel, moduleOrder } from "../../shared/figure-modules";
import { fmtFigure } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { MonthlySummaryButton } from "./monthly-summary";
import { TodoPanel } from "./todos";

// Charts on demand: the trend card (ECharts) is its own chunk.
const Trends = lazy(() => import("./trends"));

type FiguresResponse = { items: TFigure[]; region: { id: string; name: string }; from: string; to: string };

function usePeriod() {
  const [sp, setSp] = useSearchParams();
  const custom = !!(sp.get("from") && sp.get("to"));
  const year = Number(sp.get("year")) || dayjs().year();
  const from = custom ? (sp.get("from") as string) : `${year}-01-01`;
  const to = custom ? (sp.get("to") as string) : `${year}-12-31`;
  const module = sp.get("module") || undefined;
  const set = (patch: Record<string, string | undefined>) =>
    setSp((prev) => {
      const n = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) v ? n.set(k, v) : n.delete(k);
      return n;
    });
  return { custom, year, from, to, module, set };
}

function FigureCard({ f, onOpen }: { f: TFigure; onOpen: () => void }) {
  const { t, lang, pick } = useI18n();
  // A grid worker's figures: those of records of the community as a whole say so (docs/decisions.md).
  const communityWide = useMe().scope.level === "grid" && f.scopeLevel === "community";
  const [num, unit] = fmtFigure(f.value, f.unit, lang);
  return (
    <Card
      size="small"
      hoverable
      className={`figure-card${f.value === 0 ? " figure-zero" : ""}`}
      onClick={onOpen}
      tabIndex={0}
      role="button"
      aria-label={`${pick(f.label)} ${num}${unit}`}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onOpen();
        }
      }}
    >
      <div className="figure-label" title={pick(f.definition)}>
        {pick(f.label)}
        {communityWide && (
          <Tag style={{ marginLeft: 6 }} data-testid="community-wide">
            {t("全社区", "Whole community")}
          </Tag>
        )}
      </div>
      <div className="figure-value">
        {num}
        {unit && <span className="figure-unit">{unit}</span>}
      </div>
      <div className="figure-more">
        {t("查看明细", "Records")} <RightOutlined style={{ fontSize: 10 }} />
      </div>
    </Card>
  );
}

export default function DashboardPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const p = usePeriod();
  const [open, setOpen] = useState<TFigure | null>(null);
  // A role without figures.read (patrol officer, volunteer) sees its to-dos only, never a 403.
  const figuresOk = can("figures.read");

  const q = useQuery({
    queryKey: ["figures", p.from, p.to, p.module],
    queryFn: ({ signal }) => api.get<FiguresResponse>("/api/figures", { from: p.from, to: p.to, module: p.module }, signal),
    placeholderData: keepPreviousData,
    enabled: figuresOk,
  });

  // module list for the filter comes from an unfiltered answer when we have one
  const allModules = useMemo(() => {
    const s = new Set((q.data?.items ?? []).map((f) => f.module));
    if (p.module) s.add(p.module);
    return [...s].sort((a, b) => moduleOrder(a) - moduleOrder(b));
  }, [q.data, p.module]);

  const groups = useMemo(() => {
    const m = new Map<string, TFigure[]>();
    for (const f of q.data?.items ?? []) m.set(f.module, [...(m.get(f.module) ?? []), f]);
    return [...m].sort((a, b) => moduleOrder(a[0]) - moduleOrder(b[0]));
  }, [q.data]);

  const regionName = q.data?.region.name ?? me.scope.name;
  if (!figuresOk)
    return (
      <>
        <PageHead title={t("工作台", "Dashboard")} subtitle={me.scope.name} />
        <TodoPanel />
      </>
    );
  const periodControl = (
    <Space wrap>
      <Segmented
        value={p.custom ? "range" : "year"}
        onChange={(v) => (v === "year" ? p.set({ from: undefined, to: undefined }) : p.set({ from: `${p.year}-01-01`, to: dayjs().format("YYYY-MM-DD") }))}
        options={[
          { value: "year", label: t("按年度", "Year") },
          { value: "range", label: t("自定义", "Custom") },
        ]}
      />
      {p.custom ? (
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(p.from), dayjs(p.to)]}
          onChange={(v) => v?.[0] && v[1] && p.set({ from: v[0].format("YYYY-MM-DD"), to: v[1].format("YYYY-MM-DD") })}
        />
      ) : (
        <DatePicker
          picker="year"
          allowClear={false}
          value={dayjs(`${p.year}-01-01`)}
          onChange={(v: Dayjs | null) => v && p.set({ year: String(v.year()) })}
          disabledDate={(d) => d.year() > dayjs().year()}
          aria-label={t("统计年度", "Year")}
        />
      )}
      <Select
        style={{ minWidth: 150 }}
        allowClear
        placeholder={t("全部模块", "All modules")}
        value={p.module}
        onChange={(v) => p.set({ module: v })}
        options={allModules.map((m) => ({ value: m, label: moduleLabel(m, lang) }))}
      />
      <MonthlySummaryButton regionId={q.data?.region.id} regionName={regionName} />
    </Space>
  );

  return (
    <>
      <PageHead
        title={t("工作台", "Dashboard")}
        subtitle={t(
          `${regionName} · ${p.from} 至 ${p.to} · 所有数字均由业务记录实时计算，点击查看明细`,
          `${regionName} · ${p.from} to ${p.to} · every number is computed from records; click one to see them`,
        )}
        extra={periodControl}
      />
      <TodoPanel />
      {q.isError && !q.data ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending ? (
        <Card>
          <Row gutter={[12, 12]}>
            {["a", "b", "c", "d", "e", "f", "g", "h"].map((k) => (
              <Col key={k} xs={12} sm={8} lg={6} xl={4}>
                <Skeleton active paragraph={{ rows: 2 }} title={false} />
              </Col>
            ))}
          </Row>
        </Card>
      ) : groups.length === 0 ? (
        <Card>
          <Empty description={t("当前范围和期间没有可显示的指标", "No figures for this scope and period")} />
        </Card>
      ) : (
        <>
          {!p.custom && (
            <Suspense fallback={<Card loading className="module-section" />}>
              <Trends figures={groups.flatMap(([, fs]) => fs)} year={p.year} />
            </Suspense>
          )}
          {groups.map(([module, figures]) => (
            <Card
              key={module}
              className="module-section"
              title={moduleLabel(module, lang)}
              extra={<Typography.Text type="secondary">{t(`${figures.length} 项指标`, `${figures.length} figures`)}</Typography.Text>}
              styles={{ body: { opacity: q.isFetching && q.isPlaceholderData ? 0.6 : 1 } }}
            >
              <Row gutter={[12, 12]}>
                {figures.map((f) => (
                  <Col key={f.key} xs={12} sm={8} lg={6} xl={4}>
                    <FigureCard f={f} onOpen={() => setOpen(f)} />
                  </Col>
                ))}
              </Row>
            </Card>
          ))}
        </>
      )}
      <FigureDrawer figure={open} period={{ from: p.from, to: p.to }} onClose={() => setOpen(null)} />
    </>
  );
}
