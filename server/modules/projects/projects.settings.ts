import { z } from "zod";
import { defineSetting } from "../../platform/settings.js";

// The [B] rules of DOMAIN.md §7 as settings (per deployment, overridable per subdistrict or
// community). Money in fen, as everywhere.
const ZFenSetting = z.number().int().min(0).max(100_000_000_000);

export const PROJECT_SETTINGS = {
  annualBudgetFen: defineSetting({
    key: "projects.annual_budget_fen",
    schema: ZFenSetting,
    default: 200_000_000,
    label: { zh: "民生微实事每个社区每年预算（分，默认200万元）", en: "Micro-project budget per community per year (fen; default 2,000,000 yuan)" },
    regional: true,
  }),
  kindCapsFen: defineSetting({
    key: "projects.kind_caps_fen",
    schema: z.object({ service: ZFenSetting, goods: ZFenSetting, works: ZFenSetting }),
    default: { service: 50_000_000, goods: 50_000_000, works: 100_000_000 },
    label: {
      zh: "民生微实事单个项目预算上限（分，按类别：服务类、货物类50万元，工程类100万元）",
      en: "Micro-project budget cap per project (fen, by kind: services and goods 500,000 yuan, works 1,000,000 yuan)",
    },
    regional: true,
  }),
  passShare: defineSetting({
    key: "projects.vote_pass_share",
    schema: z.number().min(0).max(1),
    default: 0.5,
    label: {
      zh: "居民议事会评议通过比例（赞成票须超过到会人数的该比例，默认过半数）",
      en: "Residents' council pass share (votes for must exceed this share of the members present; default: more than half)",
    },
    regional: true,
  }),
  publicityWorkingDays: defineSetting({
    key: "projects.publicity_working_days",
    schema: z.number().int().min(1).max(60),
    default: 5,
    label: { zh: "民生微实事公示期（工作日）", en: "Micro-project publicity period (working days)" },
    regional: true,
  }),
  surveyMinResponses: defineSetting({
    key: "projects.survey_min_responses",
    schema: z.number().int().min(1).max(1000),
    default: 5,
    label: { zh: "满意度评价最少答卷数", en: "Fewest survey answers before an evaluation" },
    regional: true,
  }),
};
