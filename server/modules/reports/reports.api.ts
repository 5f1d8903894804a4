import type { ReportLife } from "./reports.life.service.js";
import type { ReportsService } from "./reports.service.js";

/** What other modules may use: generate a region's report; read the published one (the portal). */
export type ReportsApi = { reports: ReportsService; published: ReportLife["published"] };
