// The workbench's themes (issue 16) without zod: the web app's first screen imports them, and a
// contract with schemas would bring the validator along. Re-exported by contracts/alerts.ts.

type Msg = { zh: string; en: string };

/**
 * The workbench's sections by theme, each the modules whose figures it shows, in the annual report's
 * order. A figure of a module no theme names lands in 其他, so a new module's figures appear with
 * no change here.
 */
export const WORKBENCH_THEMES: Array<{ key: string; label: Msg; modules: string[] }> = [
  { key: "party", label: { zh: "党建引领", en: "Party building" }, modules: ["party"] },
  { key: "appeals", label: { zh: "民意速办", en: "Appeals" }, modules: ["appeals"] },
  { key: "safety", label: { zh: "平安建设", en: "Safety" }, modules: ["safety"] },
  { key: "patrol", label: { zh: "智能巡检", en: "Patrol" }, modules: ["patrol"] },
  {
    key: "service",
    label: { zh: "服务", en: "Services" },
    modules: ["venue", "activities", "projects", "care", "volunteers", "orgs", "massorgs"],
  },
  { key: "portal", label: { zh: "三务公开", en: "Disclosure" }, modules: ["portal"] },
  { key: "platform", label: { zh: "基础信息", en: "Registers" }, modules: ["platform"] },
];
export const OTHER_THEME = { key: "other", label: { zh: "其他", en: "Other" } };

export const themeOf = (module: string) => WORKBENCH_THEMES.find((t) => t.modules.includes(module))?.key ?? OTHER_THEME.key;
