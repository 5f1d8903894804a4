// Issue 16's printable one-page monthly summary of a region's figures: the figures the annual
// report's template prints (the seed's), for one month beside the same month last year, those with
// a value in either; two of them drawn by month (this year to the month, last year whole). As
// JSON and as a one-page DOCX (PDF where LibreOffice is installed, as the report). Written from the
// figures registry only, like the report.
import { AlignmentType, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { errors } from "../../platform/errors.js";
import type { FigureRegistry } from "../../platform/figures.js";
import type { Scope } from "../../platform/scope.js";
import { CHART_SIZE, chartPng } from "./reports.charts.js";
import { writeNumber } from "./reports.numbers.rules.js";
import { DEFAULT_TEMPLATE } from "./reports.template.js";

export type MonthlyRow = { key: string; label: string; unit: "count" | "yuan" | "ratio"; value: number; lastYear: number; changePct: number | null };
export type MonthlySummary = {
  region: { id: string; name: string };
  month: string;
  period: { from: string; to: string };
  rows: MonthlyRow[];
  charts: Array<{ key: string; label: string; months: number[]; previous: number[] }>;
  generatedAt: string;
};

/** The figures the default template prints, in its order. */
const KEYS = [
  ...new Set(
    [DEFAULT_TEMPLATE.title, ...DEFAULT_TEMPLATE.sections.flatMap((s) => s.paragraphs.flat())].flatMap((s) =>
      [...s.matchAll(/\{([a-z_]+\.[a-z_.]+)/g)].map((m) => m[1]),
    ),
  ),
];
const MAX_ROWS = 24;
const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;

/** yyyy-mm → [year, month], refused in both languages when it is not a month. */
export function parseMonth(s: string): [number, number] {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  if (!m || mo < 1 || mo > 12 || y < 2000 || y > 2100)
    throw errors.badRequest("月份应为 yyyy-mm，如 2024-05（2000–2100年）", "The month must be yyyy-mm, e.g. 2024-05 (2000–2100)");
  return [y, mo];
}

export async function monthlySummary(
  db: Kysely<DB>,
  figures: FigureRegistry,
  scope: Scope,
  region: { id: string; name: string },
  month: string,
  now: Date,
): Promise<MonthlySummary> {
  const [y, m] = parseMonth(month);
  const q = (yy: number, mm: number) => ({ scope, from: `${yy}-${pad(mm)}-01`, to: lastDay(yy, mm), filters: {} });
  const rows: MonthlyRow[] = [];
  for (const key of KEYS) {
    const def = figures.get(key);
    if (!def || rows.length >= MAX_ROWS) continue;
    const value = await def.value(db, q(y, m));
    const lastYear = await def.value(db, q(y - 1, m));
    if (!value && !lastYear) continue;
    rows.push({
      key,
      label: def.label.zh,
      unit: def.unit,
      value,
      lastYear,
      changePct: lastYear ? Math.round(((value - lastYear) / lastYear) * 1000) / 10 : null,
    });
  }
  const charts: MonthlySummary["charts"] = [];
  for (const r of rows.filter((x) => x.unit === "count").slice(0, 2)) {
    const def = figures.get(r.key);
    if (!def) continue;
    const series = async (yy: number, upTo: number) => {
      const out: number[] = [];
      for (let mm = 1; mm <= upTo; mm++) out.push(await def.value(db, q(yy, mm)));
      return out;
    };
    charts.push({ key: r.key, label: r.label, months: await series(y, m), previous: await series(y - 1, 12) });
  }
  return { region, month, period: { from: `${y}-${pad(m)}-01`, to: lastDay(y, m) }, rows, charts, generatedAt: now.toISOString() };
}

const FONT = { body: "仿宋", title: "方正小标宋简体", hei: "黑体", kai: "楷体" };
const run = (text: string, font: string, size: number, bold = false) => new TextRun({ text, font: { eastAsia: font, ascii: "Noto Serif CJK SC" }, size, bold });
const mm = (n: number) => Math.round(n * 56.7);
const shown = (v: number, unit: MonthlyRow["unit"]) =>
  unit === "ratio" ? writeNumber(v, "%") : unit === "yuan" ? `${Math.round(v).toLocaleString("zh-CN")}元` : String(v);

/** The summary on one A4 page: title, two charts side by side, the table of figures. */
export async function monthlyDocx(s: MonthlySummary): Promise<Buffer> {
  const [y, m] = parseMonth(s.month);
  const title = `${s.region.name}${y}年${m}月工作数据摘要`;
  const cell = (text: string, bold = false, right = false) =>
    new TableCell({ children: [new Paragraph({ alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run(text, FONT.body, 20, bold)] })] });
  const half = { width: Math.round(CHART_SIZE.width * 0.5), height: Math.round(CHART_SIZE.height * 0.5) };
  const children: Array<Paragraph | Table> = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(title, FONT.title, 36)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 160 },
      children: [run(`统计期间 ${s.period.from} 至 ${s.period.to}，与上年同月比较；数据由业务记录生成于 ${s.generatedAt.slice(0, 10)}`, FONT.kai, 21)],
    }),
  ];
  if (s.charts.length) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: s.charts.map(
          (c, i) =>
            new ImageRun({
              type: "png",
              data: chartPng({ section: i, ...c }, y),
              transformation: half,
              altText: { name: c.key, title: c.label, description: `${c.label}逐月` },
            }),
        ),
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 160 },
        children: [run(s.charts.map((c, i) => `图${i + 1}　${c.label}逐月（柱形${y}年，折线${y - 1}年）`).join("　　"), FONT.kai, 18)],
      }),
    );
  }
  children.push(
    s.rows.length
      ? new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: ["指标", "本月", "上年同月", "同比"].map((h) => cell(h, true)) }),
            ...s.rows.map(
              (r) =>
                new TableRow({
                  children: [
                    cell(r.label),
                    cell(shown(r.value, r.unit), false, true),
                    cell(shown(r.lastYear, r.unit), false, true),
                    cell(r.changePct == null ? "—" : `${r.changePct > 0 ? "+" : ""}${r.changePct}%`, false, true),
                  ],
                }),
            ),
          ],
        })
      : new Paragraph({ children: [run(`${y}年${m}月没有业务记录。`, FONT.body, 28)] }),
  );
  const doc = new Document({
    creator: "Shequ",
    title,
    sections: [
      { properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(25), bottom: mm(20), left: mm(25), right: mm(22) } } }, children },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
