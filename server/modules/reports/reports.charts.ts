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
// line. Rendered server-side: ECharts' SSR SVG, rasterised to PNG by resvg. The image holds only
// digits (years, months, values), drawn in DejaVu Sans: resvg reads a font file again for every
// glyph it draws, and the 19 MB Noto CJK collection made a chart take 1–2 s (16 ms a glyph); the
// chart's words are its caption, written in the document (chartCaption). Without DejaVu the digits
// fall back to Debian's fonts-noto-cjk, then to whatever resvg finds.

const FONT_FILES = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
].filter((f) => existsSync(f));
const FAMILY = "DejaVu Sans, Noto Sans CJK SC, sans-serif";
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

/** A chart's caption, printed under it in the document (the image itself carries only digits). */
export const chartCaption = (c: TReportChart, year: number, n: number) => `图${n}　${c.label}逐月情况（横轴为月份；柱形为${year}年，折线为${year - 1}年）`;

/** One chart as PNG (2× its size for print). */
export function chartPng(c: TReportChart, year: number): Buffer {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, ...CHART_SIZE });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FAMILY },
    legend: { bottom: 0, data: [String(year), String(year - 1)] },
    grid: { left: 48, right: 24, top: 24, bottom: 48 },
    xAxis: { type: "category", data: Array.from({ length: 12 }, (_, m) => String(m + 1)) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: String(year), type: "bar", data: c.months, itemStyle: { color: "#c0392b" }, label: { show: true, position: "top", fontSize: 10 } },
      { name: String(year - 1), type: "line", data: c.previous, itemStyle: { color: "#7f8c8d" } },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const png = new Resvg(svg, {
    background: "#ffffff",
    fitTo: { mode: "width", value: CHART_SIZE.width * 2 },
    font: { fontFiles: FONT_FILES, loadSystemFonts: FONT_FILES.length === 0, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return png.render().asPng();
}
