// Small helpers the patrol services, repos and rules share.
import { z } from "zod";

/** A JSON column read back, or the default when it is empty or not JSON. */
export const json = <T>(s: string | null | undefined, d: T): T => {
  if (!s) return d;
  try {
    return JSON.parse(s) as T;
  } catch {
    return d;
  }
};

/** A long list cut into parts (an `in` list of at most n values per query). */
export const chunks = <T>(xs: T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

export const POINT = { zh: "巡查点", en: "Patrol point" };
export const PLAN = { zh: "巡查计划", en: "Patrol plan" };
export const TEAM = { zh: "巡查队伍", en: "Patrol team" };
export const CHECKIN = { zh: "打卡记录", en: "Check-in" };

/** Route params of one record by id. */
export const ZIdParam = z.object({ id: z.string().min(1).max(64) });
/** A page of a list, as the list routes answer. */
export const ZPageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
