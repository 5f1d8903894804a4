import { z } from "zod";
import { defineSetting } from "../../platform/settings.js";

export const PORTAL_SETTINGS = {
  /** Scheduled disclosures are due from this day on (the day the portal went into use). */
  since: defineSetting({
    key: "portal.schedule_since",
    schema: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    default: "2024-01-01",
    label: {
      zh: "三务公开按期公开的起算日期（此日起的每月/季度/年度公开计入按时公开率和逾期清单）",
      en: "Day from which scheduled disclosures are due (counted in the on-time rate and the overdue list)",
    },
    regional: true,
  }),
};
