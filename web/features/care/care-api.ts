// Query keys and hooks of 关爱帮扶.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { THousehold, THouseholdDetail, TVisit } from "../../../contracts/care";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

export const careKeys = { all: ["care"] as const };

export const useHouseholds = (q: Record<string, string | number | undefined>) =>
  useQuery({
    queryKey: ["care", "households", q],
    queryFn: ({ signal }) => api.get<Paged<THousehold> & { cutoff: string | null }>("/api/care/households", q, signal),
    placeholderData: (p) => p,
  });
export const useHousehold = (id: string | undefined) =>
  useQuery({
    queryKey: ["care", "household", id],
    queryFn: ({ signal }) => api.get<THouseholdDetail>(`/api/care/households/${id}`, undefined, signal),
    enabled: !!id,
  });
export const useVisits = (q: Record<string, string | number | undefined>) =>
  useQuery({ queryKey: ["care", "visits", q], queryFn: ({ signal }) => api.get<Paged<TVisit>>("/api/care/visits", q, signal), placeholderData: (p) => p });
export const useCareKinds = () =>
  useQuery({
    queryKey: ["care", "kinds"],
    queryFn: ({ signal }) => api.get<{ kinds: string[]; unvisitedMonths: number }>("/api/care/kinds", undefined, signal),
    staleTime: 5 * 60_000,
  });
export const yuan = (fen: number) => (fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** Today in Beijing (the date a follow-up is closed or a household archived on). */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Closes a follow-up line today; refreshes every 关爱 query. */
export function useCloseFollowUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (lineId: string) => api.post(`/api/care/follow-ups/${lineId}/close`, { on: today() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: careKeys.all }),
  });
}

/** Archives the household today for a reason; `onArchived` runs before every 关爱 query is fetched again. */
export function useArchiveHousehold(id: string | undefined, onArchived: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.post(`/api/care/households/${id}/archive`, { on: today(), reason }),
    meta: { silent: true },
    onSuccess: () => {
      onArchived();
      qc.invalidateQueries({ queryKey: careKeys.all });
    },
  });
}

/** A page of a searchable list (people, households, organisations) for a picker, keeping the last page while typing. */
export const usePickList = <T>(url: string, params: Record<string, string> | undefined, q: string) =>
  useQuery({
    queryKey: ["care", "pick", url, params, q],
    queryFn: ({ signal }) => api.get<Paged<T>>(url, { ...params, q: q || undefined, pageSize: 100 }, signal),
    placeholderData: (p) => p,
  });
