import type { Kysely } from "kysely";
import { type TInspectionCreate, VENUE_KINDS, ZInspectionCreate, ZIssueRectify, ZIssueVerify } from "../../../contracts/activities.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { addDays, todayOf } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { Scope } from "../../platform/scope.js";
import type { Settings } from "../../platform/settings.js";
import { inTx } from "../../platform/tx.js";
import { actorId, actorName, type Who } from "../../platform/who.js";
import type { HazardsService } from "../safety/safety.api.js";
import { ACTIVITY_SETTINGS, actorLabel, DEFAULT_CHECKLIST, json } from "./activities.common.js";
import { inspectionsInScope, issuesInScope } from "./activities.repo.js";
import type { ActIssueTable } from "./activities.tables.js";
import type { VenuesService } from "./activities.venues.service.js";

// 阵地自查自纠: a checklist per venue kind (editable), a visit with items passed or failed; each
// failed item is an issue with who fixes it by when, rectified with evidence and checked by ANOTHER
// person. An issue that is a safety hazard is handed to the safety module's hazard service
// (source "inspection", sourceRef "venue_issue:<id>"), never copied here.

const ISSUE = { zh: "自查问题", en: "Inspection issue" };

export function createInspectionsService(deps: {
  db: Kysely<DB>;
  audit: Audit;
  clock: Clock;
  settings: Settings;
  config: { timeZone: string };
  venues: VenuesService;
  hazards: HazardsService;
}) {
  const { db, audit, clock, venues, hazards } = deps;
  const today = () => todayOf(clock.now(), deps.config.timeZone);

  const toIssue = (r: ActIssueTable & { venue_name: string; grid_name?: string | null }, t: string) => ({
    id: r.id,
    inspectionId: r.inspection_id,
    venueId: r.venue_id,
    venueName: r.venue_name,
    gridName: r.grid_name ?? null,
    item: r.item,
    note: r.note,
    photos: json<string[]>(r.photos, []),
    foundOn: r.found_on,
    assignee: r.assignee,
    deadline: r.deadline,
    status: r.status,
    overdue: r.status === "open" && !!r.deadline && r.deadline < t,
    rectifiedOn: r.rectified_on,
    rectifiedBy: r.rectified_by,
    rectifyNote: r.rectify_note,
    evidence: json<string[]>(r.evidence, []),
    verifiedOn: r.verified_on,
    verifiedBy: r.verified_by,
    hazardId: r.hazard_id,
  });

  async function issueRaw(scope: Scope, id: string, exec: Kysely<DB>) {
    const r = await issuesInScope(exec, scope).selectAll("s").select(["v.name as venue_name", "g.name as grid_name"]).where("s.id", "=", id).executeTakeFirst();
    if (!r) throw errors.notFound(ISSUE);
    return r;
  }

  return {
    async checklist(kind: string, exec: Kysely<DB> = db): Promise<string[]> {
      const r = await exec.selectFrom("act_checklists").select("items").where("venue_kind", "=", kind).executeTakeFirst();
      return r ? json<string[]>(r.items, DEFAULT_CHECKLIST) : DEFAULT_CHECKLIST;
    },
    async setChecklist(who: Who, kind: string, items: string[]) {
      if (!(VENUE_KINDS as readonly string[]).includes(kind)) throw errors.badRequest("阵地类型无效", "Unknown venue kind");
      return inTx(db, null, async (trx) => {
        const now = clock.now().toISOString();
        const had = await trx.selectFrom("act_checklists").select("items").where("venue_kind", "=", kind).executeTakeFirst();
        if (had)
          await trx
            .updateTable("act_checklists")
            .set({ items: JSON.stringify(items), updated_at: now, updated_by: actorName(who) })
            .where("venue_kind", "=", kind)
            .execute();
        else
          await trx
            .insertInto("act_checklists")
            .values({ venue_kind: kind, items: JSON.stringify(items), updated_at: now, updated_by: actorName(who) })
            .execute();
        await audit.record(trx, who, { action: "venue.checklist", entity: "checklist", entityId: kind, before: had ?? null, after: { items } });
        return { kind, items };
      });
    },

    /** Records a self-inspection visit; each failed item becomes an issue (and, if marked so, a safety hazard). */
    async inspect(who: Who, venueId: string, input: TInspectionCreate, exec?: Kysely<DB>) {
      const v = ZInspectionCreate.parse(input);
      const t = today();
      if (v.inspectedOn > t) throw errors.badRequest("检查日期不能晚于今天", "The inspection date cannot be in the future");
      return inTx(db, exec, async (trx) => {
        const venue = await venues.raw(who.scope, venueId, trx);
        const days = await deps.settings.get(ACTIVITY_SETTINGS.issueDeadlineDays, "", trx);
        const now = clock.now().toISOString();
        const inspection = {
          id: uuidv7(clock.now().getTime()),
          community_id: venue.community_id,
          grid_id: venue.grid_id,
          venue_id: venueId,
          inspected_on: v.inspectedOn,
          inspected_month: v.inspectedOn.slice(0, 7),
          inspector: v.inspector,
          items_total: v.items.length,
          failed_count: v.items.filter((i) => !i.passed).length,
          note: v.note ?? null,
          created_by: actorName(who),
          created_at: now,
        };
        await trx.insertInto("act_inspections").values(inspection).execute();
        const issues: ActIssueTable[] = [];
        for (const it of v.items) {
          if (it.passed) continue;
          const issue: ActIssueTable = {
            id: uuidv7(clock.now().getTime()),
            inspection_id: inspection.id,
            community_id: venue.community_id,
            grid_id: venue.grid_id,
            venue_id: venueId,
            item: it.item,
            note: it.note ?? null,
            photos: JSON.stringify(it.photos ?? []),
            found_on: v.inspectedOn,
            found_month: inspection.inspected_month,
            assignee: it.assignee ?? null,
            deadline: it.deadline ?? addDays(v.inspectedOn, days),
            status: "open",
            rectified_on: null,
            rectified_by: null,
            rectified_by_id: null,
            evidence: "[]",
            rectify_note: null,
            verified_on: null,
            verified_by: null,
            hazard_id: null,
            created_at: now,
          };
          if (it.hazard) {
            if (!venue.grid_id) throw errors.badRequest("该阵地未定位到网格，无法移交隐患", "The venue lies in no grid, so no hazard can be opened");
            const h = await hazards.create(
              who,
              {
                gridId: venue.grid_id,
                source: "inspection",
                sourceRef: `venue_issue:${issue.id}`,
                kind: it.hazard.kind as never,
                place: venue.name,
                description: `${it.item}${it.note ? `：${it.note}` : ""}`,
                risk: it.hazard.risk,
                photos: it.photos ?? [],
                foundOn: v.inspectedOn,
              },
              trx,
            );
            issue.hazard_id = h.id;
          }
          issues.push(issue);
        }
        if (issues.length) await trx.insertInto("act_issues").values(issues).execute();
        await audit.record(trx, who, {
          action: "venue.inspect",
          entity: "venue_inspection",
          entityId: inspection.id,
          communityId: venue.community_id,
          after: { ...inspection, issues: issues.map((i) => i.id) },
        });
        return { id: inspection.id, failed: issues.length, issueIds: issues.map((i) => i.id) };
      });
    },
    async rectify(who: Who, id: string, input: unknown, exec?: Kysely<DB>) {
      const v = ZIssueRectify.parse(input);
      return inTx(db, exec, async (trx) => {
        const before = await issueRaw(who.scope, id, trx);
        if (before.status !== "open") throw errors.conflict("该问题不是待整改状态", "This issue is not open");
        if (v.on < before.found_on || v.on > today())
          throw errors.badRequest("整改日期须在发现日期与今天之间", "The rectification date must lie between the date found and today");
        const patch = {
          status: "rectified",
          rectified_on: v.on,
          rectified_by: actorLabel(who),
          rectified_by_id: actorId(who),
          rectify_note: v.note,
          evidence: JSON.stringify(v.evidence ?? []),
        };
        await trx.updateTable("act_issues").set(patch).where("id", "=", id).execute();
        await audit.record(trx, who, {
          action: "venue_issue.rectify",
          entity: "venue_issue",
          entityId: id,
          communityId: before.community_id,
          before,
          after: patch,
        });
        return toIssue({ ...before, ...patch }, today());
      });
    },
    /** Checked by another person than the one who rectified it; a failed check reopens it. */
    async verify(who: Who, id: string, input: unknown, exec?: Kysely<DB>) {
      const v = ZIssueVerify.parse(input);
      return inTx(db, exec, async (trx) => {
        const before = await issueRaw(who.scope, id, trx);
        if (before.status !== "rectified") throw errors.conflict("该问题尚未整改", "This issue has not been rectified");
        const same = who.user ? before.rectified_by_id === who.user.id : before.rectified_by === actorLabel(who);
        if (same) throw errors.conflict("复核须由整改人以外的人员进行", "The check must be made by someone other than the person who rectified it");
        const patch = v.passed
          ? { status: "verified", verified_on: v.on, verified_by: actorLabel(who) }
          : { status: "open", rectified_on: null, rectified_by: null, rectified_by_id: null, rectify_note: v.note ?? null };
        await trx.updateTable("act_issues").set(patch).where("id", "=", id).execute();
        await audit.record(trx, who, {
          action: "venue_issue.verify",
          entity: "venue_issue",
          entityId: id,
          communityId: before.community_id,
          before,
          after: patch,
        });
        return toIssue({ ...before, ...patch } as typeof before, today());
      });
    },
    async inspections(scope: Scope, venueId?: string) {
      let q = inspectionsInScope(db, scope).selectAll("i").select("v.name as venue_name");
      if (venueId) q = q.where("i.venue_id", "=", venueId);
      const rows = await q.orderBy("i.inspected_on", "desc").limit(500).execute();
      return rows.map((r) => ({
        id: r.id,
        venueId: r.venue_id,
        venueName: r.venue_name,
        inspectedOn: r.inspected_on,
        inspector: r.inspector,
        itemsTotal: r.items_total,
        failed: r.failed_count,
        note: r.note,
      }));
    },
    async issues(scope: Scope, f: { venueId?: string; status?: "open" | "overdue" | "rectified" | "verified" }) {
      const t = today();
      let q = issuesInScope(db, scope).selectAll("s").select(["v.name as venue_name", "g.name as grid_name"]);
      if (f.venueId) q = q.where("s.venue_id", "=", f.venueId);
      if (f.status === "overdue") q = q.where("s.status", "=", "open").where("s.deadline", "<", t);
      else if (f.status) q = q.where("s.status", "=", f.status);
      const rows = await q.orderBy("s.found_on", "desc").limit(1000).execute();
      return rows.map((r) => toIssue(r, t));
    },
  };
}
export type InspectionsService = ReturnType<typeof createInspectionsService>;
