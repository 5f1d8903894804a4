import { z } from "zod";
import { defineSetting } from "../../platform/settings.js";

/** The [B] rules of DOMAIN.md §5: practice, so settings with the common default. */
export const PARTY_SETTINGS = {
  publicityWorkingDays: defineSetting({
    key: "party.publicity_working_days",
    schema: z.number().int().min(0).max(30),
    default: 5,
    label: { zh: "发展党员公示期（工作日）", en: "Publicity period before the branch vote (working days)" },
    regional: true,
  }),
  lessonsPerYear: defineSetting({
    key: "party.lessons_per_year",
    schema: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(12)]),
    default: 4 as 1 | 2 | 4 | 12,
    label: { zh: "党课频次（每年次数：1/2/4/12）", en: "Party lessons per year (1/2/4/12)" },
    regional: true,
  }),
  reminderDays: defineSetting({
    key: "party.reminder_days",
    schema: z.number().int().min(0).max(60),
    default: 7,
    label: { zh: "组织生活到期提醒（期末前天数）", en: "Meeting reminder before a period ends (days)" },
    regional: true,
  }),
};
