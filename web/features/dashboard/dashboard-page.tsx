// 工作台: every registered figure of the current scope for a period, in sections by theme (党建引领,
// 民意速办, 平安建设 …; the seed report's figures first), arranged by the account's own layout (pinned,
// ordered, hidden); each card opens the records behind its number. Above a community, the
// communities side by side (社区对比).
import { LayoutOutlined, PushpinFilled, RightOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Segmented, Select, Skeleton, Space, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { lazy, Suspense, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import type { TFigure } from "../../../contracts/platform";
import { useAuth, useMe } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { FigureDrawer } from "../../shared/figure-drawer";
import { moduleLabel, moduleOrder } from "../../shared/figure-modules";
import { fmtFigure } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useLayout } from "../alerts/alerts-api";
import { useFigures } from "./dashboard-api";
import { arrange } from "./layout";
import { MonthlySummaryButton } from "./monthly-summary";
import { TodoPanel } from "./todos";

// The layout drawer (and the schema it checks a layout with) loads when opened.
const LayoutEditor = lazy(() => import("./layout-editor").then((m) => ({ default: m.LayoutEditor })));

// Charts on demand: the trend card (ECharts) is its own chunk.
const Trends = lazy(() => import("./trends"));
const Compare = lazy(() => import("./compare"));

function usePeriod() {
  const [sp, setSp] = useSearchParams();
  const custom = !!(sp.get("from") && sp.get("to"));
  const year = Number(sp.get("year")) || dayjs().year();
  const from = custom ? (sp.get("from") as string) : `${year}-01-01`;
  const to = custom ? (sp.get("to") as string) : `${year}-12-31`;
  const module = sp.get("module") || undefined;
  const view = sp.get("view") === "compare" ? "compare" : "figures";
  const set = (patch: Record<string, string | undefined>) =>
    setSp((prev) => {
      const n = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) v ? n.set(k, v) : n.delete(k);
      return n;
    });
  return { custom, year, from, to, module, view, set };
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
  const { t, lang, pick } = useI18n();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const { can } = useAuth();
  const p = usePeriod();
  const [open, setOpen] = useState<TFigure | null>(null);
  // A role without figures.read (patrol officer, volunteer) sees its to-dos only, never a 403.
  const figuresOk = can("figures.read");

  const q = useFigures(p, figuresOk);

  // module list for the filter comes from an unfiltered answer when we have one
  const allModules = useMemo(() => {
    const s = new Set((q.data?.items ?? []).map((f) => f.module));
    if (p.module) s.add(p.module);
    return [...s].sort((a, b) => moduleOrder(a) - moduleOrder(b));
  }, [q.data, p.module]);

  const layout = useLayout(figuresOk);
  const shown = useMemo(() => arrange(q.data?.items ?? [], layout.data), [q.data, layout.data]);
  // Above a community the page can put its communities side by side.
  const canCompare = !["grid", "community"].includes(me.scope.level);
  const compare = canCompare && p.view === "compare";

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
      {!compare && (
        <Button icon={<LayoutOutlined />} onClick={() => setEditing(true)} disabled={!q.data || !layout.data} data-testid="layout-edit">
          {t("布局", "Layout")}
        </Button>
      )}
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
      {canCompare && (
        <Segmented
          className="module-section"
          value={p.view}
          onChange={(v) => p.set({ view: v === "compare" ? "compare" : undefined })}
          options={[
            { value: "figures", label: t("本级指标", "Figures") },
            { value: "compare", label: t("社区对比", "Compare communities") },
          ]}
          data-testid="view-switch"
        />
      )}
      {!compare && <TodoPanel />}
      {!!layout.data?.skipped.length && (
        <Alert
          className="module-section"
          type="warning"
          showIcon
          data-testid="layout-skipped"
          title={t(
            `布局中有 ${layout.data.skipped.length} 项指标已不存在，已跳过：${layout.data.skipped.join("、")}。保存一次布局即可清除。`,
            `${layout.data.skipped.length} figure(s) of your layout no longer exist and were skipped: ${layout.data.skipped.join(", ")}. Save the layout once to clear them.`,
          )}
        />
      )}
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
      ) : compare ? (
        <Suspense fallback={<Card loading className="module-section" />}>
          <Compare from={p.from} to={p.to} figures={q.data?.items ?? []} />
        </Suspense>
      ) : shown.sections.length === 0 && shown.pinned.length === 0 ? (
        <Card>
          <Empty
            description={
              shown.hiddenCount
                ? t("所有指标都已隐藏，点击“布局”重新显示", "Every figure is hidden: open Layout to show them again")
                : t("当前范围和期间没有可显示的指标", "No figures for this scope and period")
            }
          />
        </Card>
      ) : (
        <>
          {!p.custom && (
            <Suspense fallback={<Card loading className="module-section" />}>
              <Trends figures={[...shown.pinned, ...shown.sections.flatMap((x) => x.figures)]} year={p.year} />
            </Suspense>
          )}
          {shown.pinned.length > 0 && (
            <Card
              className="module-section"
              data-testid="section-pinned"
              title={
                <span>
                  <PushpinFilled style={{ color: "#c8102e", marginRight: 6 }} />
                  {t("置顶", "Pinned")}
                </span>
              }
              styles={{ body: { opacity: q.isFetching && q.isPlaceholderData ? 0.6 : 1 } }}
            >
              <Row gutter={[12, 12]}>
                {shown.pinned.map((f) => (
                  <Col key={f.key} xs={12} sm={8} lg={6} xl={4}>
                    <FigureCard f={f} onOpen={() => setOpen(f)} />
                  </Col>
                ))}
              </Row>
            </Card>
          )}
          {shown.sections.map((sec) => (
            <Card
              key={sec.key}
              className="module-section"
              data-testid={`section-${sec.key}`}
              title={pick(sec.label)}
              extra={<Typography.Text type="secondary">{t(`${sec.figures.length} 项指标`, `${sec.figures.length} figures`)}</Typography.Text>}
              styles={{ body: { opacity: q.isFetching && q.isPlaceholderData ? 0.6 : 1 } }}
            >
              <Row gutter={[12, 12]}>
                {sec.figures.map((f) => (
                  <Col key={f.key} xs={12} sm={8} lg={6} xl={4}>
                    <FigureCard f={f} onOpen={() => setOpen(f)} />
                  </Col>
                ))}
              </Row>
            </Card>
          ))}
          {shown.hiddenCount > 0 && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="hidden-count">
              {t(`已隐藏 ${shown.hiddenCount} 项指标（“布局”中可重新显示）`, `${shown.hiddenCount} figure(s) hidden (show them again in Layout)`)}
            </Typography.Paragraph>
          )}
        </>
      )}
      {editing && q.data && layout.data && (
        <Suspense fallback={null}>
          <LayoutEditor figures={q.data.items} layout={layout.data} onClose={() => setEditing(false)} />
        </Suspense>
      )}
      <FigureDrawer figure={open} period={{ from: p.from, to: p.to }} onClose={() => setOpen(null)} />
    </>
  );
}
