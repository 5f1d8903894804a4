import { z } from "zod";
import { DEFAULT_DIFFICULTY_KINDS } from "../../../contracts/care.js";
import { defineSetting } from "../../platform/settings.js";

// The [B] rules of care as settings (per deployment, overridable per subdistrict or community).
export const CARE_SETTINGS = {
  difficultyKinds: defineSetting({
    key: "care.difficulty_kinds",
    schema: z.array(z.string().trim().min(1).max(20)).min(1).max(40),
    default: [...DEFAULT_DIFFICULTY_KINDS],
    label: { zh: "关爱帮扶困难类型（列表）", en: "Care: difficulty kinds (list)" },
    regional: true,
  }),
  unvisitedMonths: defineSetting({
    key: "care.unvisited_months",
    schema: z.number().int().min(1).max(36),
    default: 3,
    label: { zh: "困难户超过几个月未走访即提醒（月）", en: "Care: flag a household not visited for this many months" },
    regional: true,
  }),
};
