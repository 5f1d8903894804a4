import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import * as echarts from "echarts";
import type { Kysely } from "kysely";
import type { TAnnualReport, TReportChart } from "../../../contracts/reports.js";
import type { DB } from "../../db/types.js";
import type { FigureRegistry } from "../../platform/figures.js";
import type { Scope } from "../../platform/scope.js";

// Charts for the DOCX: for each section whose template asks for one, the monthly trend of its
// headline figure (the first count it prints) this year as bars against the previous year as a
// line. Rendered server-side: ECharts' SSR SVG, rasterised to PNG by resvg with the CJK fonts of
// Debian's fonts-noto-cjk; without them the chart is still drawn (its labels in resvg's fallback).

const FONT_FILES = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
  "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
].filter((f) => existsSync(f));
export const CHART_SIZE = { width: 600, height: 300 } as const;
const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, "0");

/** The monthly series of each charted section's headline figure, this year and the previous. */
export async function chartData(db: Kysely<DB>, figures: FigureRegistry, scope: Scope, r: TAnnualReport): Promise<TReportChart[]> {
  const out: TReportChart[] = [];
  for (const [i, s] of r.sections.entries()) {
    if (!s.chart) continue;
    const keys = s.paragraphs.flatMap((p) => p.sentences.filter((x) => !x.flagged).flatMap((x) => x.runs.flatMap((run) => ("key" in run ? [run.key] : []))));
    const key = keys.find((k) => figures.get(k)?.unit === "count");
    const def = key ? figures.get(key) : undefined;
    if (!key || !def) continue;
    const series = async (y: number) => {
      const v: number[] = [];
      for (let m = 1; m <= 12; m++) v.push(await def.value(db, { scope, from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${monthEnd(y, m)}`, filters: {} }));
      return v;
    };
    out.push({ section: i, key, label: def.label.zh, months: await series(r.year), previous: await series(r.year - 1) });
  }
  return out;
}

/** One chart as PNG (2× its size for print). */
export function chartPng(c: TReportChart, year: number): Buffer {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, ...CHART_SIZE });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: "Noto Sans CJK SC" },
    title: { text: `${c.label}：逐月（${year}年与${year - 1}年）`, left: "center", textStyle: { fontSize: 15, fontWeight: "normal" } },
    legend: { bottom: 0, data: [`${year}年`, `${year - 1}年`] },
    grid: { left: 48, right: 24, top: 44, bottom: 48 },
    xAxis: { type: "category", data: Array.from({ length: 12 }, (_, m) => `${m + 1}月`) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: `${year}年`, type: "bar", data: c.months, itemStyle: { color: "#c0392b" }, label: { show: true, position: "top", fontSize: 10 } },
      { name: `${year - 1}年`, type: "line", data: c.previous, itemStyle: { color: "#7f8c8d" } },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const png = new Resvg(svg, {
    background: "#ffffff",
    fitTo: { mode: "width", value: CHART_SIZE.width * 2 },
    font: { fontFiles: FONT_FILES, loadSystemFonts: FONT_FILES.length === 0, defaultFontFamily: "Noto Sans CJK SC", sansSerifFamily: "Noto Sans CJK SC" },
  });
  return png.render().asPng();
}
