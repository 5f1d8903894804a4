// Table types of the annual report module, added to the DB type by module augmentation.
// Timestamps ISO-8601 UTC text; JSON kept as text.

export interface ReportTemplateTable {
  id: string;
  region_id: string;
  year: number;
  version: number;
  body: string;
  saved_by: string | null;
  saved_by_name: string;
  saved_at: string;
}

export interface AnnualReportTable {
  id: string;
  region_id: string;
  year: number;
  version: number;
  /** draft 草稿 | review 审核 | final 定稿 | published 发布 */
  state: string;
  author_id: string | null;
  author_name: string | null;
  reviewer_name: string | null;
  findings: string;
  frozen: string | null;
  template_version: number | null;
  created_by_name: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface AnnualReportEventTable {
  id: string;
  report_id: string;
  step: string;
  actor_id: string | null;
  actor_name: string;
  at: string;
  note: string;
}

declare module "../../db/types.js" {
  interface DB {
    report_templates: ReportTemplateTable;
    annual_reports: AnnualReportTable;
    annual_report_events: AnnualReportEventTable;
  }
}
