import { z } from "zod";

// The annual work report (年度工作报告) as the API answers it: sections and paragraphs, each
// paragraph's text as printed and the figures in it, with the exact value beside the printed form.

export const ZReportFigure = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.enum(["count", "yuan", "ratio"]),
  value: z.number().nullable(),
  printed: z.string().nullable(),
  previous: z.number().nullable(),
  /** Change against the previous year, in percent (null when there is nothing to compare). */
  changePct: z.number().nullable(),
});
export type TReportFigure = z.infer<typeof ZReportFigure>;

/** A run of a paragraph: plain text, or a number printed from a figure (a link to its records). */
export const ZReportRun = z.union([z.object({ text: z.string(), key: z.string() }), z.object({ text: z.string() })]);
export const ZReportSentence = z.object({
  runs: z.array(ZReportRun),
  /** Left out of the printed text: a figure it needs is not recorded here (missing) or is 0. */
  flagged: z.enum(["missing", "zero"]).nullable(),
  missing: z.array(z.string()),
});
export const ZReportParagraph = z.object({ text: z.string(), sentences: z.array(ZReportSentence) });
export const ZReportSection = z.object({ heading: z.string(), level: z.number(), paragraphs: z.array(ZReportParagraph) });
export const ZAnnualReport = z.object({
  year: z.number(),
  region: z.object({ id: z.string(), name: z.string() }),
  title: z.string(),
  generatedAt: z.string(),
  sections: z.array(ZReportSection),
  figures: z.array(ZReportFigure),
  /** Sentences left out, for the editor: with the figures they lack. */
  flaggedCount: z.number(),
});
export type TAnnualReport = z.infer<typeof ZAnnualReport>;
