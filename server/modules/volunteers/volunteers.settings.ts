import { z } from "zod";
import { defineSetting } from "../../platform/settings.js";

// The [B] rules of DOMAIN.md §6 as settings (per deployment, overridable per subdistrict or community).

export const ZStarLevels = z
  .array(z.object({ level: z.number().int().min(1).max(9), hours: z.number().min(0).max(100_000), tenureMonths: z.number().int().min(0).max(600) }))
  .min(1)
  .max(9);
export type StarLevels = z.infer<typeof ZStarLevels>;

export const VOLUNTEER_SETTINGS = {
  starLevels: defineSetting({
    key: "volunteers.star_levels",
    schema: ZStarLevels,
    default: [
      { level: 1, hours: 100, tenureMonths: 6 },
      { level: 2, hours: 300, tenureMonths: 6 },
      { level: 3, hours: 600, tenureMonths: 12 },
      { level: 4, hours: 1000, tenureMonths: 12 },
      { level: 5, hours: 1500, tenureMonths: 24 },
    ],
    label: {
      zh: "深圳义工星级（累计服务时数与注册时长：一星100小时半年 … 五星1500小时两年）",
      en: "Shenzhen volunteer star levels (cumulative hours and tenure: 1★ 100 h and half a year … 5★ 1500 h and two years)",
    },
    regional: true,
  }),
  teamMinMembers: defineSetting({
    key: "volunteers.team_min_members",
    schema: z.number().int().min(1).max(100),
    default: 5,
    label: { zh: "志愿服务队“成熟即建”：队长之外的最少队员数", en: "Volunteer team founded (成熟即建) once it has a leader and this many members" },
    regional: true,
  }),
  maxRecordHours: defineSetting({
    key: "volunteers.max_record_hours",
    schema: z.number().min(1).max(24),
    default: 12,
    label: { zh: "单条服务记录最长时数", en: "Longest single service record (hours)" },
    regional: true,
  }),
};
