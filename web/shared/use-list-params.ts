// Filters and paging of a list live in the URL (?q=…&kind=…&page=2), so a view can be shared,
// bookmarked and survives a reload. One hook for every list page.
import type { TablePaginationConfig } from "antd";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { useI18n } from "../app/i18n";

export type ListParams<K extends string> = {
  filters: Record<K, string | undefined>;
  page: number;
  pageSize: number;
  /** Filters + page + pageSize, ready to pass as query parameters. */
  query: Record<K | "page" | "pageSize", string | number | undefined>;
  /** Change some filters (empty value removes it); goes back to page 1. */
  setFilters: (patch: Partial<Record<K, string | number | null | undefined>>) => void;
  setPage: (page: number, pageSize?: number) => void;
  reset: () => void;
  /** antd Table pagination driven by the URL. */
  pagination: (total: number | undefined) => TablePaginationConfig;
};

export function useListParams<K extends string>(keys: readonly K[], defaultPageSize = 20): ListParams<K> {
  const [sp, setSp] = useSearchParams();
  const { t } = useI18n();
  // pages pass a module-level constant, so `keys` is stable
  const filters = useMemo(() => Object.fromEntries(keys.map((k) => [k, sp.get(k) || undefined])) as Record<K, string | undefined>, [sp, keys]);
  const page = Math.max(1, Number(sp.get("page")) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(sp.get("pageSize")) || defaultPageSize));

  const setFilters = useCallback(
    (patch: Partial<Record<K, string | number | null | undefined>>) =>
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch) as Array<[string, unknown]>) {
          if (v === undefined || v === null || v === "") next.delete(k);
          else next.set(k, String(v));
        }
        next.delete("page");
        return next;
      }),
    [setSp],
  );
  const setPage = useCallback(
    (p: number, ps?: number) =>
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        if (ps && ps !== Number(prev.get("pageSize") || defaultPageSize)) {
          next.delete("page");
          if (ps === defaultPageSize) next.delete("pageSize");
          else next.set("pageSize", String(ps));
        } else if (p <= 1) next.delete("page");
        else next.set("page", String(p));
        return next;
      }),
    [setSp, defaultPageSize],
  );
  const reset = useCallback(() => setSp(new URLSearchParams()), [setSp]);

  const query = useMemo(() => ({ ...filters, page, pageSize }) as Record<K | "page" | "pageSize", string | number | undefined>, [filters, page, pageSize]);

  const pagination = useCallback(
    (total: number | undefined): TablePaginationConfig => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (n) => t(`共 ${n} 条`, `${n} in total`),
      onChange: (p, ps) => setPage(p, ps),
      responsive: true,
    }),
    [page, pageSize, setPage, t],
  );

  return { filters, page, pageSize, query, setFilters, setPage, reset, pagination };
}
