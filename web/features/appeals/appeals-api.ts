// Query keys and hooks of the appeals pages.
import { useQuery } from "@tanstack/react-query";
import type { TCategory } from "../../../contracts/appeals";
import { api } from "../../api/client";
import type { Lang } from "../../api/types";

export const appealKeys = {
  all: ["appeals"] as const,
  list: (mode: string, q: unknown) => ["appeals", mode, q] as const,
  detail: (id: string) => ["appeals", "detail", id] as const,
  duplicates: (id: string) => ["appeals", "dups", id] as const,
  categories: ["appeals", "categories"] as const,
  open311Keys: ["appeals", "open311-keys"] as const,
};

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
