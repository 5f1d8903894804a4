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
export const ZReportSection = z.object({
  heading: z.string(),
  level: z.number(),
  paragraphs: z.array(ZReportParagraph),
  /** The template asks for a chart of this section in the DOCX. */
  chart: z.boolean().optional(),
});
/** A section's chart: the monthly values of its headline figure, this year and the previous. */
export const ZReportChart = z.object({ section: z.number(), key: z.string(), label: z.string(), months: z.array(z.number()), previous: z.array(z.number()) });
export type TReportChart = z.infer<typeof ZReportChart>;
export const REPORT_STATES = ["draft", "review", "final", "published"] as const;
export type TReportState = (typeof REPORT_STATES)[number];
export const REPORT_STATE_LABELS: Record<TReportState, { zh: string; en: string }> = {
  draft: { zh: "草稿", en: "Draft" },
  review: { zh: "审核", en: "In review" },
  final: { zh: "定稿", en: "Final" },
  published: { zh: "发布", en: "Published" },
};

/** 存在问题 drafted from the data: a finding a figure proves, with its evidence (the figure's records). */
export const ZReportFinding = z.object({
  id: z.string(),
  /** The figure that proves it (its drill-down is the evidence) and the breakdown filters, if any. */
  key: z.string(),
  label: z.string(),
  filters: z.record(z.string(), z.string()),
  /** The names of the filtered groups (dimension → group label), for the evidence link. */
  filterLabels: z.record(z.string(), z.string()).optional(),
  value: z.number(),
  /** The sentence as drafted from the data. */
  proposed: z.string(),
  /** The sentence as printed (the editor's words when edited). */
  text: z.string(),
  status: z.enum(["proposed", "accepted", "edited", "dropped"]),
  /** A plan for 努力方向 (drafted from next year's plans a module holds) rather than a finding of 存在问题. */
  kind: z.enum(["finding", "plan"]).optional(),
});
export type TReportFinding = z.infer<typeof ZReportFinding>;

export const ZAnnualReport = z.object({
  year: z.number(),
  region: z.object({ id: z.string(), name: z.string() }),
  title: z.string(),
  generatedAt: z.string(),
  sections: z.array(ZReportSection),
  figures: z.array(ZReportFigure),
  /** Sentences left out, for the editor: with the figures they lack. */
  flaggedCount: z.number(),
  /** The period every figure was queried for. */
  period: z.object({ from: z.string(), to: z.string() }).optional(),
  findings: z.array(ZReportFinding).optional(),
  /** The report's version and state; frozen when published (its figures as generated then). */
  version: z.number().optional(),
  state: z.enum(REPORT_STATES).optional(),
  frozen: z.boolean().optional(),
  /** The DOCX's charts, stored with a published report (computed for the DOCX otherwise). */
  charts: z.array(ZReportChart).optional(),
  /**
   * Generated earlier and answered again: no write to any record since (the audit log's data
   * version), within its time to live; `generatedAt` says when. `?fresh=1` generates it anew.
   */
  cached: z.boolean().optional(),
});
export type TAnnualReport = z.infer<typeof ZAnnualReport>;

/** The template of a region's report for a year (version 0: the seed's default, nothing saved yet). */
export const ZTemplateSection = z.object({
  heading: z.string().max(200),
  level: z.union([z.literal(1), z.literal(2)]),
  paragraphs: z.array(z.array(z.string().max(2000)).max(200)).max(100),
  /** A chart of the section's headline figure by month in the DOCX (on/off). */
  chart: z.boolean().optional(),
});
export const ZReportTemplate = z.object({ title: z.string().max(200), sections: z.array(ZTemplateSection).max(100) });
export type TReportTemplate = z.infer<typeof ZReportTemplate>;
export const ZTemplateVersion = z.object({ version: z.number(), savedBy: z.string(), savedAt: z.string() });
export const ZTemplateAnswer = z.object({
  version: z.number(),
  savedBy: z.string().nullable(),
  savedAt: z.string().nullable(),
  body: ZReportTemplate,
  versions: z.array(ZTemplateVersion),
  /** Nothing saved for this year: the template carried over from an earlier year's (null: the seed's default). */
  inheritedFrom: z.object({ year: z.number(), version: z.number(), savedBy: z.string(), savedAt: z.string() }).nullable().optional(),
});
export type TTemplateAnswer = z.infer<typeof ZTemplateAnswer>;
/** Where a template sentence is wrong: section, paragraph and sentence (0-based), or the title. */
export const ZTemplateProblem = z.object({
  section: z.number().nullable(),
  paragraph: z.number().nullable(),
  sentence: z.number().nullable(),
  zh: z.string(),
  en: z.string(),
});
export type TTemplateProblem = z.infer<typeof ZTemplateProblem>;

export const ZReportStep = z.enum(["submit", "return", "approve", "publish"]);
export const ZReportEvent = z.object({ version: z.number(), step: z.string(), actorName: z.string(), at: z.string(), note: z.string() });
export const ZReportVersion = z.object({
  version: z.number(),
  state: z.enum(REPORT_STATES),
  authorName: z.string().nullable(),
  reviewerName: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export const ZReportLife = z.object({
  version: z.number(),
  state: z.enum(REPORT_STATES),
  versions: z.array(ZReportVersion),
  events: z.array(ZReportEvent),
});
export type TReportLife = z.infer<typeof ZReportLife>;
/** A figure of a published report whose value today differs from the one published. */
export const ZReportChange = z.object({ key: z.string(), label: z.string(), published: z.number().nullable(), current: z.number().nullable() });
export type TReportChange = z.infer<typeof ZReportChange>;
export const ZFindingDecision = z.object({
  status: z.enum(["proposed", "accepted", "edited", "dropped"]),
  text: z.string().max(1000).optional(),
});
