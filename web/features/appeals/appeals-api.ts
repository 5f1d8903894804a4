// Query keys and hooks of the appeals pages.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TAppeal, TAppealDetail, TCategory } from "../../../contracts/appeals";
import type { TFigure } from "../../../contracts/platform";
import { api } from "../../api/client";
import type { Lang, Paged } from "../../api/types";

/** An Open311 api_key as listed (the key itself is shown once, when issued). */
export type Open311Key = { id: string; name: string; channel: string; keyPrefix: string; communityId: string; createdAt: string; revokedAt: string | null };
export type Duplicate = { id: string; trackingNo: string; title: string };
/** A group of a figure's breakdown as the statistics page charts it. */
export type FigureGroup = { key: string; label: string; value: number };
/** A case as its appellant sees it (by tracking number and the phone's last four digits). */
export type PublicCase = {
  trackingNo: string;
  title: string;
  status: string;
  categoryName: string | null;
  registeredAt: string;
  dueAt: string | null;
  answer: string | null;
  canVisit: boolean;
  steps: Array<{ at: string; action: string }>;
};

export const appealKeys = {
  all: ["appeals"] as const,
  list: (mode: string, q: unknown) => ["appeals", mode, q] as const,
  detail: (id: string) => ["appeals", "detail", id] as const,
  duplicates: (id: string) => ["appeals", "dups", id] as const,
  categories: ["appeals", "categories"] as const,
  open311Keys: ["appeals", "open311-keys"] as const,
  /** Possible duplicates of a case being registered. */
  newDuplicates: (q: unknown) => ["appeals", "dups-new", q] as const,
  figures: (from: string, to: string) => ["figures", "appeals", from, to] as const,
  figureGroups: (key: string, by: string, from: string, to: string) => ["figures", "groups", key, by, from, to] as const,
  publicOptions: ["public", "appeal-options"] as const,
  publicTrack: (q: { no: string; phone4: string } | null) => ["public", "track", q] as const,
};

/** The case list (GET /api/appeals) or the own inbox (GET /api/appeals/inbox). */
export function useAppeals(mode: "list" | "inbox", q: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: appealKeys.list(mode, q),
    queryFn: ({ signal }) => api.get<Paged<TAppeal>>(mode === "inbox" ? "/api/appeals/inbox" : "/api/appeals", q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAppeal(id: string) {
  return useQuery({
    queryKey: appealKeys.detail(id),
    queryFn: ({ signal }) => api.get<TAppealDetail>(`/api/appeals/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** The case's possible duplicates (same community, category and grid), for a merge. */
export function useCaseDuplicates(c: Pick<TAppealDetail, "id" | "communityId" | "categoryCode" | "gridId">, enabled: boolean) {
  return useQuery({
    queryKey: appealKeys.duplicates(c.id),
    queryFn: ({ signal }) =>
      api.get<{ items: Duplicate[] }>(
        "/api/appeals/duplicates",
        { communityId: c.communityId, categoryCode: c.categoryCode, gridId: c.gridId ?? undefined, excludeId: c.id },
        signal,
      ),
    enabled,
  });
}

/** Cases that a new registration may repeat (by the caller's phone, or the category in the grid). */
export function useNewDuplicates(q: Record<string, string | undefined>, enabled: boolean) {
  return useQuery({
    queryKey: appealKeys.newDuplicates(q),
    queryFn: ({ signal }) => api.get<{ items: Array<Duplicate & { status: string; why: string }> }>("/api/appeals/duplicates", q, signal),
    enabled,
  });
}

export function useOpen311Keys() {
  return useQuery({
    queryKey: appealKeys.open311Keys,
    queryFn: ({ signal }) => api.get<{ items: Open311Key[] }>("/api/appeals/open311-keys", undefined, signal),
  });
}

export function useRevokeOpen311Key() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/appeals/open311-keys/${id}/revoke`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: appealKeys.open311Keys }),
  });
}

export function useCategories(all = false) {
  return useQuery({
    queryKey: [...appealKeys.categories, all ? 1 : 0],
    queryFn: ({ signal }) => api.get<{ items: TCategory[] }>("/api/appeals/categories", { all: all ? "1" : undefined }, signal),
    staleTime: 60_000,
    select: (d) => d.items,
  });
}

export const catName = (c: TCategory, lang: Lang) => (lang === "en" && c.nameEn ? c.nameEn : c.name);

/** Cascader options 大类 → 小类. */
export function categoryTree(items: TCategory[] | undefined, lang: Lang) {
  const tops = (items ?? []).filter((c) => !c.parentCode);
  return tops.map((t) => ({
    value: t.code,
    label: catName(t, lang),
    children: (items ?? []).filter((c) => c.parentCode === t.code).map((c) => ({ value: c.code, label: catName(c, lang) })),
  }));
}

export type Handlers = { orgs: Array<{ id: string; name: string; kind: string }>; users: Array<{ id: string; name: string; role: string; scope: string }> };
export function useHandlers(communityId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ["appeals", "handlers", communityId],
    queryFn: ({ signal }) => api.get<Handlers>("/api/appeals/handlers", { communityId }, signal),
    enabled: !!communityId && enabled,
    staleTime: 60_000,
  });
}

/** The module's figures for a period (the statistics page). */
export function useAppealFigures(from: string, to: string) {
  return useQuery({
    queryKey: appealKeys.figures(from, to),
    queryFn: ({ signal }) => api.get<{ items: TFigure[] }>("/api/figures", { module: "appeals", from, to }, signal),
    select: (d) => d.items,
  });
}

/** A figure broken down `by` month, channel, category or status. */
export function useFigureGroups(key: string, by: string, from: string, to: string) {
  return useQuery({
    queryKey: appealKeys.figureGroups(key, by, from, to),
    queryFn: ({ signal }) => api.get<{ items: FigureGroup[] }>(`/api/figures/${key}/groups`, { by, from, to }, signal),
    select: (d) => d.items,
  });
}

// --- public (no account) ---

export function usePublicAppealOptions() {
  return useQuery({
    queryKey: appealKeys.publicOptions,
    queryFn: ({ signal }) =>
      api.get<{ communities: Array<{ id: string; name: string }>; categories: TCategory[] }>("/api/public/appeals/options", undefined, signal),
  });
}

/** The appellant's case, once a tracking number and the phone's last four digits are given. */
export function usePublicCase(q: { no: string; phone4: string } | null) {
  return useQuery({
    queryKey: appealKeys.publicTrack(q),
    queryFn: ({ signal }) => api.get<PublicCase>(`/api/public/appeals/${encodeURIComponent(q?.no ?? "")}`, { phone4: q?.phone4 }, signal),
    enabled: !!q,
    retry: false,
  });
}

export const submitPublicAppeal = (body: unknown) => api.post<{ trackingNo: string }>("/api/public/appeals", body);
export const sendReturnVisit = (no: string, body: unknown) => api.post<PublicCase>(`/api/public/appeals/${encodeURIComponent(no)}/visit`, body);
