import { AlignmentType, Document, Footer, ImageRun, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { TAnnualReport } from "../../../contracts/reports.js";
import { CHART_SIZE, chartCaption, chartPng } from "./reports.charts.js";

// The report as a Word document in the spirit of GB/T 9704 (党政机关公文格式): A4, margins
// 37/35/28/26 mm, the title in a serif CJK face at 二号, the body in 仿宋 at 三号 with 28-point line
// spacing, headings 黑体 (first level) and 楷体 (second), page numbers; the fonts fall back to those
// Debian's fonts-noto-cjk provides. An appendix lists every figure with its exact value.

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const mm = (n: number) => Math.round(n * 56.7);
const FONT = { body: "仿宋", title: "方正小标宋简体", hei: "黑体", kai: "楷体" };
const run = (text: string, font: string, size: number, bold = false) => new TextRun({ text, font: { eastAsia: font, ascii: "Noto Serif CJK SC" }, size, bold });
const line = { line: 560, lineRule: LineRuleType.EXACT };

/** The report as DOCX; its charts (r.charts) drawn after their sections. */
export async function reportDocx(r: TAnnualReport): Promise<Buffer> {
  const charts = new Map((r.charts ?? []).map((c) => [c.section, c]));
  const children: Array<Paragraph | Table> = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...line, after: 280 }, children: [run(r.title, FONT.title, 44)] }),
  ];
  let figureNo = 0;
  for (const s of r.sections) {
    if (s.heading)
      children.push(new Paragraph({ spacing: line, indent: { firstLine: 640 }, children: [run(s.heading, s.level === 1 ? FONT.hei : FONT.kai, 32)] }));
    for (const p of s.paragraphs)
      if (p.text)
        children.push(new Paragraph({ spacing: line, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED, children: [run(p.text, FONT.body, 32)] }));
    const c = charts.get(r.sections.indexOf(s));
    if (c)
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: "png",
              data: chartPng(c, r.year),
              transformation: { width: Math.round(CHART_SIZE.width * 0.93), height: Math.round(CHART_SIZE.height * 0.93) },
              altText: { name: c.key, title: c.label, description: chartCaption(c, r.year, figureNo + 1) },
            }),
          ],
        }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(chartCaption(c, r.year, ++figureNo), FONT.kai, 24)] }),
      );
  }
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [run(text, FONT.body, 21, bold)] })] });
  children.push(new Paragraph({ pageBreakBefore: true, spacing: line, children: [run("附表：报告所引指标（精确值）", FONT.hei, 32)] }));
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: ["指标", "名称", "精确值", "报告中写作", "上年", "同比"].map((h) => cell(h, true)) }),
        ...r.figures.map(
          (f) =>
            new TableRow({
              children: [
                cell(f.key),
                cell(f.label),
                cell(f.value == null ? "—" : String(f.value)),
                cell(f.printed ?? "—"),
                cell(f.previous == null ? "—" : String(f.previous)),
                cell(f.changePct == null ? "—" : `${f.changePct > 0 ? "+" : ""}${f.changePct}%`),
              ],
            }),
        ),
      ],
    }),
  );
  const doc = new Document({
    creator: "Shequ",
    title: r.title,
    sections: [
      {
        properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], size: 28 })] })],
          }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
