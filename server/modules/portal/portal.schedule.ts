// The disclosure schedule in force: for each community in scope and each scheduled column, the
// periods due in a span and the items that filled them — the overdue list (监督) and the on-time
// rate both read it, so they cannot disagree.
import type { Kysely } from "kysely";
import type { PortalPeriod, TOverdue } from "../../../contracts/portal.js";
import type { DB } from "../../db/types.js";
import { addDays } from "../../platform/dates.js";
import type { Scope } from "../../platform/scope.js";
import { settingFrom } from "../../platform/settings.js";
import { columnsAll, communitiesIn, publishedOf } from "./portal.repo.js";
import { fills, slotsDue } from "./portal.rules.js";
import { PORTAL_SETTINGS } from "./portal.settings.js";

export type SlotRow = {
  communityId: string;
  communityName: string;
  columnKey: string;
  columnName: string;
  period: PortalPeriod;
  slotFrom: string;
  slotTo: string;
  dueOn: string;
  /** The item that filled the slot on time (published by the due day), if any; else the first published later. */
  itemId: string | null;
  itemTitle: string | null;
  publishedOn: string | null;
  onTime: boolean;
};

/** Every slot due in [from, to] in the scope, with what filled it (published on or before `asOf`). */
export async function slotRows(db: Kysely<DB>, scope: Scope, from: string, to: string, asOf = to): Promise<SlotRow[]> {
  const [communities, columns] = await Promise.all([communitiesIn(db, scope), columnsAll(db)]);
  const scheduled = columns.filter((k) => k.active && (k.period === "monthly" || k.period === "quarterly" || k.period === "yearly"));
  const published = (
    await publishedOf(
      db,
      communities.map((c) => c.id),
      scheduled.map((k) => k.key),
    )
  ).filter((i) => (i.published_on ?? "") <= asOf);
  const out: SlotRow[] = [];
  for (const c of communities) {
    const since = await settingFrom(db, PORTAL_SETTINGS.since, c.path);
    for (const k of scheduled) {
      const mine = published
        .filter((i) => i.community_id === c.id && i.column_key === k.key)
        .sort((a, b) => (a.published_on ?? "").localeCompare(b.published_on ?? ""));
      for (const s of slotsDue(k.period as PortalPeriod, since, from, to)) {
        const onTime = mine.find((i) => fills(s, { periodTo: i.period_to, publishedOn: i.published_on ?? "" }));
        const late = onTime ?? mine.find((i) => i.period_to >= s.from && i.period_to <= s.to);
        out.push({
          communityId: c.id,
          communityName: c.name,
          columnKey: k.key,
          columnName: k.name,
          period: k.period as PortalPeriod,
          slotFrom: s.from,
          slotTo: s.to,
          dueOn: s.dueOn,
          itemId: late?.id ?? null,
          itemTitle: late?.title ?? null,
          publishedOn: late?.published_on ?? null,
          onTime: !!onTime,
        });
      }
    }
  }
  return out;
}

/** Columns whose period passed (due before `on`) with nothing published for it by `on`: the last year's. */
export async function overdue(db: Kysely<DB>, scope: Scope, on: string): Promise<TOverdue[]> {
  const rows = await slotRows(db, scope, addDays(on, -366), addDays(on, -1), on);
  return rows
    .filter((r) => !r.itemId)
    .map((r) => ({
      communityId: r.communityId,
      communityName: r.communityName,
      columnKey: r.columnKey,
      columnName: r.columnName,
      period: r.period,
      slotFrom: r.slotFrom,
      slotTo: r.slotTo,
      dueOn: r.dueOn,
    }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.columnKey.localeCompare(b.columnKey));
}
