import type { ReportLife } from "./reports.life.service.js";
import type { ReportsService } from "./reports.service.js";
import { DEFAULT_TEMPLATE } from "./reports.template.js";

/** What other modules may use: generate a region's report; read the published one (the portal). */
export type ReportsApi = { reports: ReportsService; published: ReportLife["published"] };

/** The figure keys the seed's report names, in its order (the workbench shows them first). */
export function seedReportKeys(): string[] {
  const keys: string[] = [];
  for (const s of DEFAULT_TEMPLATE.sections)
    for (const p of s.paragraphs)
      for (const line of p) for (const m of line.matchAll(/\{([a-z][a-z0-9_]*\.[a-z0-9_.]+)(?::[^}]*)?\}/g)) if (!keys.includes(m[1])) keys.push(m[1]);
  return keys;
}
