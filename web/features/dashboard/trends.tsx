// 趋势: one figure by month for the chosen year beside the previous year, and the change in
// percent; a bar opens the drill-down drawer for its month. Loaded on demand (ECharts).
import { Card, Empty, Select, Skeleton, Space, Statistic, Typography } from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import type { TFigure } from "../../../contracts/platform";
import { useI18n } from "../../app/i18n";
import { EChart } from "../../charts/echart";
import type { EChartsCoreOption } from "../../charts/echarts";
import { FigureDrawer } from "../../shared/figure-drawer";
import { moduleLabel } from "../../shared/figure-modules";
import { fmtFigure } from "../../shared/format";
import { useFigureByPeriods } from "./dashboard-api";

const pad = (n: number) => String(n).padStart(2, "0");
const monthEnd = (y: number, m: number) =>
  dayjs(`${y}-${pad(m)}-01`)
    .endOf("month")
    .format("YYYY-MM-DD");

/** Percent change against last year, or null when last year was 0. */
export function changePct(now: number, prev: number): number | null {
  if (!prev) return null;
  return Math.round(((now - prev) / Math.abs(prev)) * 1000) / 10;
}

export default function Trends({ figures, year }: { figures: TFigure[]; year: number }) {
  const { t, lang, pick } = useI18n();
  const [key, setKey] = useState<string | undefined>();
  const [drill, setDrill] = useState<{ from: string; to: string } | null>(null);
  // By default the first of the work's figures (in the seed report's order) that has a value, not a register's size.
  const f = figures.find((x) => x.key === key) ?? figures.find((x) => x.module !== "platform" && x.value > 0) ?? figures[0];
  const today = dayjs().format("YYYY-MM-DD");
  const periods = useMemo(() => {
    const out: Array<{ y: number; m: number; from: string; to: string }> = [];
    for (const y of [year, year - 1]) for (let m = 1; m <= 12; m++) out.push({ y, m, from: `${y}-${pad(m)}-01`, to: monthEnd(y, m) });
    out.push({ y: year - 1, m: 0, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` });
    return out;
  }, [year]);
  const qs = useFigureByPeriods(f?.key, periods, today);
  const val = (i: number) => (periods[i].from <= today ? (qs[i].data?.value ?? null) : null);
  const loading = qs.some((q, i) => periods[i].from <= today && q.isPending);
  const cur = Array.from({ length: 12 }, (_, i) => val(i));
  const prev = Array.from({ length: 12 }, (_, i) => val(12 + i));
  const prevYear = qs[24]?.data?.value ?? 0;
  const pct = f ? changePct(f.value, prevYear) : null;
  const empty = !loading && [...cur, ...prev].every((v) => !v);

  const option = useMemo<EChartsCoreOption>(
    () => ({
      color: ["#c8102e", "#bfbfbf"],
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 12, top: 16, bottom: 28 },
      xAxis: { type: "category", data: Array.from({ length: 12 }, (_, i) => (lang === "zh" ? `${i + 1}月` : dayjs().month(i).format("MMM"))) },
      yAxis: { type: "value", minInterval: f?.unit === "ratio" ? undefined : 1 },
      series: [
        { name: String(year), type: "bar", data: cur, barMaxWidth: 18 },
        { name: String(year - 1), type: "bar", data: prev, barMaxWidth: 18 },
      ],
    }),
    [cur, prev, year, lang, f?.unit],
  );
  if (!f) return null;
  const [num, unit] = fmtFigure(f.value, f.unit, lang);
  const [pnum, punit] = fmtFigure(prevYear, f.unit, lang);
  return (
    <Card
      className="module-section"
      data-testid="trends"
      title={t("趋势 · 同比", "Trend against last year")}
      extra={
        <Select
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 220, maxWidth: "60vw" }}
          value={f.key}
          onChange={setKey}
          aria-label={t("指标", "Figure")}
          options={figures.map((x) => ({ value: x.key, label: `${moduleLabel(x.module, lang)} · ${pick(x.label)}` }))}
        />
      }
    >
      <Space size="large" wrap style={{ marginBottom: 8 }}>
        <Statistic title={t(`${year}年`, String(year))} value={`${num}${unit}`} />
        <Statistic title={t(`${year - 1}年`, String(year - 1))} value={`${pnum}${punit}`} />
        <Statistic
          title={t("同比", "Change")}
          value={pct === null ? "—" : `${pct > 0 ? "+" : ""}${pct}%`}
          valueStyle={{ color: pct === null ? undefined : pct >= 0 ? "#3f8600" : "#cf1322" }}
          data-testid="trend-change"
        />
      </Space>
      {loading ? (
        <Skeleton active paragraph={{ rows: 5 }} title={false} />
      ) : empty ? (
        <Empty description={t("无数据", "No data")} />
      ) : (
        <>
          <EChart
            option={option}
            ariaLabel={pick(f.label)}
            onClick={(e) => {
              const y = e.seriesIndex === 0 ? year : year - 1;
              const m = (e.dataIndex ?? 0) + 1;
              setDrill({ from: `${y}-${pad(m)}-01`, to: monthEnd(y, m) });
            }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`红色 ${year} 年，灰色 ${year - 1} 年；点击柱形查看当月明细`, `Red ${year}, grey ${year - 1}; click a bar for that month's records`)}
          </Typography.Text>
        </>
      )}
      <FigureDrawer figure={drill ? f : null} period={drill ?? { from: `${year}-01-01`, to: `${year}-12-31` }} onClose={() => setDrill(null)} />
    </Card>
  );
}
