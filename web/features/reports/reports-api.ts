// The annual report's API, as the page uses it.
import { type QueryClient, queryOptions, useQuery } from "@tanstack/react-query";
import type { TFigure } from "../../../contracts/platform";
import type { TAnnualReport, TReportChange, TReportLife, TReportTemplate, TTemplateAnswer, TTemplateProblem } from "../../../contracts/reports";
import { api } from "../../api/client";
import { reportPath as base, reportParams as params, reportOfPage, reportUrl, type Where } from "./reports-early";

export type { TAnnualReport, TReportChange, TReportLife, TReportTemplate, TTemplateAnswer, TTemplateProblem, Where };
export { reportUrl };

export const reportKeys = {
  all: (w: Where) => ["annual-report", w.year, w.region ?? ""] as const,
};

const reportQuery = (w: Where) =>
  queryOptions({
    queryKey: [...reportKeys.all(w), "report"],
    queryFn: ({ signal }) => api.get<TAnnualReport>(base(w), params(w), signal),
  });
export function useReport(w: Where) {
  return useQuery(reportQuery(w));
}

/** Generates the report anew (not from the server's cache) and puts it where useReport reads it. */
export async function regenerateReport(qc: QueryClient, w: Where) {
  qc.setQueryData(reportQuery(w).queryKey, await api.get<TAnnualReport>(base(w), { ...params(w), fresh: "1" }));
}

/** A figure of the report's period and region, for its drill-down (fetched with queryClient.fetchQuery, cached by key). */
export const figureQuery = (key: string, period: { from: string; to: string; region: string | undefined }) =>
  queryOptions({
    queryKey: ["figure", key, period],
    queryFn: () => api.get<TFigure>(`/api/figures/${key}`, { region: period.region, from: period.from, to: period.to }),
  });
/**
 * Opening /reports/annual/<year> in the browser: the report and its life go into the cache at once
 * (their requests were already sent by the entry, see earlyReport), beside the session check and the
 * page's own code, not after them (the first screen is the report's text). Signed out, it fails with 401 and the
 * sign-in clears it.
 */
export function preloadReport(qc: QueryClient, pathname: string, search: URLSearchParams) {
  const w = reportOfPage(pathname, search);
  if (!w) return;
  void qc.prefetchQuery(reportQuery(w));
  void qc.prefetchQuery(lifeQuery(w));
}
/** Whether the server can export PDF (LibreOffice installed). */
export function useExports() {
  return useQuery({
    queryKey: ["annual-report-exports"],
    queryFn: ({ signal }) => api.get<{ docx: true; pdf: boolean }>("/api/reports/exports", {}, signal),
    staleTime: 10 * 60_000,
  });
}
const lifeQuery = (w: Where) =>
  queryOptions({
    queryKey: [...reportKeys.all(w), "life"],
    queryFn: ({ signal }) => api.get<TReportLife>(base(w, "/life"), params(w), signal),
  });
export function useLife(w: Where) {
  return useQuery(lifeQuery(w));
}
/** What changed since publication: asked for once the report is on screen (it reads every figure anew). */
export function useChanges(w: Where, enabled: boolean) {
  return useQuery({
    queryKey: [...reportKeys.all(w), "changes"],
    queryFn: ({ signal }) => api.get<{ publishedAt: string; generatedAt: string; items: TReportChange[] }>(base(w, "/changes"), params(w), signal),
    enabled,
  });
}
export function useTemplate(w: Where, enabled: boolean) {
  return useQuery({
    queryKey: [...reportKeys.all(w), "template"],
    queryFn: ({ signal }) => api.get<TTemplateAnswer>(base(w, "/template"), params(w), signal),
    enabled,
  });
}
export const reportApi = {
  saveTemplate: (w: Where, body: TReportTemplate) => api.put<TTemplateAnswer>(reportUrl(w, "/template"), body),
  step: (w: Where, step: "submit" | "return" | "approve" | "publish", note?: string) => api.post<TReportLife>(reportUrl(w, "/steps"), { step, note }),
  newVersion: (w: Where) => api.post<TReportLife>(reportUrl(w, "/versions")),
  decide: (w: Where, id: string, status: "proposed" | "accepted" | "edited" | "dropped", text?: string) =>
    api.put<{ ok: true }>(reportUrl(w, `/findings/${encodeURIComponent(id)}`), { status, text }),
};
