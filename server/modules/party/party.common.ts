import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { todayOf } from "../../platform/dates.js";
import { AppError, errors, type Msg } from "../../platform/errors.js";
import type { Settings } from "../../platform/settings.js";

// What the party services share: their dependencies, the refusal that names a rule, the date checks.

export type Ex = Kysely<DB>;

/** The narrow dependencies of every party service; collaborators are added per service. */
export type PartyDeps = { db: Kysely<DB>; audit: Audit; clock: Clock; settings: Settings; timeZone: string };

/** A refusal that names the rule it applies (DOMAIN.md §5), in both languages. */
export const rule = (zh: string, en: string) => new AppError(400, "PARTY_RULE", { zh, en });

/** Today's local date on the service's clock. */
export const todayFn = (deps: Pick<PartyDeps, "clock" | "timeZone">) => () => todayOf(deps.clock.now(), deps.timeZone);

/** A date that must not lie after `today`. */
export function notPast(d: string, today: string, what: Msg) {
  if (d > today) throw errors.badRequest(`${what.zh}不能晚于今天`, `${what.en} cannot be in the future`);
}

/** A term (or membership) given by its start and optional end: the end must come after the start. */
export function termOrder(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end <= start) throw errors.badRequest("任期结束日期须晚于开始日期", "The term must end after it starts");
}
