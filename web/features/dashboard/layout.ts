// The workbench's arrangement: figures in sections by theme (党建引领, 民意速办, 平安建设 …), the
// account's pinned figures above them, its own order within a section, hidden ones left out. Pure,
// so the page and the layout editor arrange the same way.
import type { TLayout, TLayoutAnswer } from "../../../contracts/alerts";
import { OTHER_THEME, themeOf, WORKBENCH_THEMES } from "../../../contracts/alerts-themes";
import type { Msg } from "../../api/types";

export type Section<F> = { key: string; label: Msg; figures: F[] };

/** A sort rank: the account's own order first, then the seed report's, then the rest as they came. */
export function ranker(layout: Pick<TLayoutAnswer, "order" | "reportOrder"> | undefined) {
  const own = new Map((layout?.order ?? []).map((k, i) => [k, i]));
  const report = new Map((layout?.reportOrder ?? []).map((k, i) => [k, i]));
  return (key: string, fallback: number) => {
    const o = own.get(key);
    if (o !== undefined) return o;
    const r = report.get(key);
    if (r !== undefined) return 1e4 + r;
    return 2e4 + fallback;
  };
}

/** Sections per theme, each in the layout's order; every figure lands in one (unknown modules in 其他). */
export function sections<F extends { key: string; module: string }>(
  figures: F[],
  layout: Pick<TLayoutAnswer, "order" | "reportOrder"> | undefined,
): Section<F>[] {
  const rank = ranker(layout);
  const idx = new Map(figures.map((f, i) => [f.key, i]));
  const themes = [...WORKBENCH_THEMES, { ...OTHER_THEME, modules: [] as string[] }];
  return themes
    .map((t) => ({
      key: t.key,
      label: t.label,
      figures: figures.filter((f) => themeOf(f.module) === t.key).sort((a, b) => rank(a.key, idx.get(a.key) ?? 0) - rank(b.key, idx.get(b.key) ?? 0)),
    }))
    .filter((s) => s.figures.length > 0);
}

/** What the page shows: pinned figures (in their order) first, then the sections without pinned or hidden ones. */
export function arrange<F extends { key: string; module: string }>(figures: F[], layout: TLayoutAnswer | undefined) {
  const hidden = new Set(layout?.hidden ?? []);
  const byKey = new Map(figures.map((f) => [f.key, f]));
  const pinned = (layout?.pinned ?? []).map((k) => byKey.get(k)).filter((f): f is F => !!f && !hidden.has(f.key));
  const pinnedKeys = new Set(pinned.map((f) => f.key));
  const rest = figures.filter((f) => !hidden.has(f.key) && !pinnedKeys.has(f.key));
  return { pinned, sections: sections(rest, layout), hiddenCount: figures.filter((f) => hidden.has(f.key)).length };
}

/** Moves a key one place up (-1) or down (+1) within its list. */
export function move(keys: string[], key: string, by: -1 | 1): string[] {
  const i = keys.indexOf(key);
  const j = i + by;
  if (i < 0 || j < 0 || j >= keys.length) return keys;
  const out = [...keys];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

export const EMPTY_LAYOUT: TLayout = { pinned: [], order: [], hidden: [] };
