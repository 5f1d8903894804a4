import type { Msg } from "../api/types";

/** Names of the modules that register figures, in the order of the annual work report. */
export const FIGURE_MODULES: Array<[string, Msg]> = [
  ["platform", { zh: "基础信息", en: "Registers" }],
  ["party", { zh: "党建引领", en: "Party building" }],
  ["venue", { zh: "阵地服务", en: "Venues" }],
  ["projects", { zh: "民生微实事", en: "Livelihood projects" }],
  ["activities", { zh: "活动服务", en: "Activities" }],
  ["appeals", { zh: "民意速办", en: "Appeals" }],
  ["care", { zh: "关爱帮扶", en: "Care" }],
  ["volunteers", { zh: "志愿服务", en: "Volunteers" }],
  ["orgs", { zh: "群团组织", en: "Mass organisations" }],
  ["patrol", { zh: "智能巡检", en: "Patrol" }],
  ["safety", { zh: "平安建设", en: "Safety" }],
  ["portal", { zh: "三务公开", en: "Disclosure" }],
];
const MAP = new Map(FIGURE_MODULES);
export const moduleLabel = (m: string, lang: "zh" | "en") => MAP.get(m)?.[lang] ?? m;
export const moduleOrder = (m: string) => {
  const i = FIGURE_MODULES.findIndex(([k]) => k === m);
  return i < 0 ? FIGURE_MODULES.length : i;
};
