// Regions of the current data scope (区 > 街道 > 社区 > 网格 > 小区 > 楼栋), fetched once and shared
// by every page that needs a region, community or grid picker.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { REGION_LEVELS, type TRegion } from "../../contracts/platform";
import { api } from "../api/client";
import type { Lang } from "../api/types";
import { useAuth } from "../app/auth";
import { levelLabel } from "./labels";

export type RegionNode = TRegion & { children?: RegionNode[] };

export function useRegions(opts: { archived?: boolean } = {}) {
  const { can } = useAuth();
  return useQuery({
    queryKey: ["regions", "list", opts.archived ? 1 : 0],
    queryFn: ({ signal }) => api.get<{ items: TRegion[] }>("/api/regions", { archived: opts.archived ? "1" : undefined }, signal),
    enabled: can("regions.read"),
    staleTime: 5 * 60_000,
    select: (d) => d.items,
  });
}

const byOrder = (a: TRegion, b: TRegion) => a.sort - b.sort || (a.code ?? "").localeCompare(b.code ?? "") || a.name.localeCompare(b.name, "zh-CN");

/** Parent/child tree; regions whose parent is outside the scope become roots. */
export function buildRegionTree(items: TRegion[], keep: (r: TRegion) => boolean = () => true): RegionNode[] {
  const list = items.filter(keep);
  const ids = new Set(list.map((r) => r.id));
  const byParent = new Map<string | null, TRegion[]>();
  for (const r of list) {
    const p = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), r]);
  }
  const build = (p: string | null): RegionNode[] =>
    (byParent.get(p) ?? []).sort(byOrder).map((r) => {
      const children = build(r.id);
      return children.length ? { ...r, children } : { ...r };
    });
  return build(null);
}

export const nextLevel = (level: string) => REGION_LEVELS[REGION_LEVELS.indexOf(level as (typeof REGION_LEVELS)[number]) + 1];

/** TreeSelect data over regions; `selectable` decides which levels may be picked. */
export function toTreeSelect(nodes: RegionNode[], lang: Lang, selectable: (r: TRegion) => boolean = () => true): TreeSelectItem[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    label: `${n.name}`,
    levelName: levelLabel(n.level, lang),
    disabled: !selectable(n),
    children: n.children ? toTreeSelect(n.children, lang, selectable) : undefined,
  }));
}
export type TreeSelectItem = { value: string; title: string; label: string; levelName: string; disabled: boolean; children?: TreeSelectItem[] };

/** Communities and grids of the scope, as Select options. */
export function useCommunitiesAndGrids() {
  const q = useRegions();
  return useMemo(() => {
    const items = (q.data ?? []).filter((r) => !r.archived);
    const communities = items.filter((r) => r.level === "community").sort(byOrder);
    const grids = items.filter((r) => r.level === "grid").sort(byOrder);
    const names = new Map(items.map((r) => [r.id, r.name]));
    return { communities, grids, names, loading: q.isPending && q.fetchStatus !== "idle" };
  }, [q.data, q.isPending, q.fetchStatus]);
}
