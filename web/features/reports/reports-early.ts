// The annual report's URLs, kept free of React and antd: the entry (web/app/early.ts) imports this
// to ask for the report before the app's code is evaluated.
import { qs } from "../../api/client";

export type Where = { year: number; region?: string };

const base = (w: Where, tail = "") => `/api/reports/annual/${w.year}${tail}`;
export const reportParams = (w: Where) => ({ region: w.region });
export const reportPath = base;
export const reportUrl = (w: Where, tail = "") => base(w, tail) + qs(reportParams(w));

/** The report a page URL shows: /reports/annual/<year>[?region=<id>]. */
export function reportOfPage(pathname: string, search: URLSearchParams): Where | undefined {
  const m = /^\/reports\/annual\/(\d{4})\/?$/.exec(pathname);
  return m ? { year: Number(m[1]), region: search.get("region") || undefined } : undefined;
}

/** Opening a report's page: the report itself and its life (beside it) are the first screen, and the page's code. */
export function earlyReport(pathname: string, search: URLSearchParams) {
  const w = reportOfPage(pathname, search);
  return w ? { urls: [reportUrl(w), reportUrl(w, "/life")], code: () => import("./reports-page") } : undefined;
}
