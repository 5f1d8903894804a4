import type { Kysely } from "kysely";
import { z } from "zod";
import type { THousehold } from "../../../contracts/care.js";
import { maskAddress, maskName } from "../../../contracts/mask.js";
import type { Config } from "../../config.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { ageOn, localDate } from "../../platform/dates.js";
import { AppError, type Msg } from "../../platform/errors.js";
import type { Settings } from "../../platform/settings.js";
import type { HouseholdRow } from "./care.repo.js";
import { householdName } from "./care.rules.js";
import "./care.tables.js";

export type CareDeps = { db: Kysely<DB>; audit: Audit; clock: Clock; config: Config; settings: Settings };

export const HOUSEHOLD: Msg = { zh: "困难户", en: "Household" };
export const VISIT: Msg = { zh: "走访记录", en: "Care visit" };
export const ZIdParam = z.object({ id: z.string().min(1).max(64) });
export const refused = (m: Msg) => new AppError(409, "RULE", m);
export const bad = (m: Msg) => new AppError(400, "BAD_REQUEST", m);

export function json<T>(v: string | null | undefined, fallback: T): T {
  if (!v) return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

export const todayOf = (deps: Pick<CareDeps, "clock" | "config">) => localDate(deps.clock.now(), deps.config.timeZone);

type PersonLink = { household_id: string; person_id: string; role: string; name: string; gender: string; birth_date: string | null };

/** The only way a household leaves the module: names masked (张*), the address down to the building. */
export function toHousehold(r: HouseholdRow, people: PersonLink[], today: string): THousehold {
  const mine = people.filter((p) => p.household_id === r.id);
  return {
    id: r.id,
    communityId: r.community_id,
    communityName: r.community_name,
    gridId: r.grid_id,
    gridName: r.grid_name,
    name: householdName(r.head_name ?? ""),
    address: maskAddress(r.head_address),
    kinds: json<string[]>(r.kinds, []),
    needs: json<string[]>(r.needs, []),
    gridWorkerId: r.grid_worker_id,
    gridWorkerName: r.grid_worker_name,
    paired: mine.filter((p) => p.role === "paired").map((p) => ({ personId: p.person_id, name: maskedName(p.name) })),
    members: mine
      .filter((p) => p.role !== "paired")
      .sort((a, b) => (a.role === "head" ? -1 : b.role === "head" ? 1 : 0))
      .map((p) => ({ personId: p.person_id, name: maskedName(p.name), gender: p.gender, age: ageOn(p.birth_date, today), head: p.role === "head" })),
    state: r.state as THousehold["state"],
    enrolledOn: r.enrolled_on,
    archivedOn: r.archived_on,
    archiveReason: r.archive_reason,
    lastVisitedOn: r.last_visited_on,
    note: r.note,
  };
}

/** 张* — people in care are shown by surname only on every page, as in public lists. */
export const maskedName = (v: string): string => maskName(v) ?? "";
