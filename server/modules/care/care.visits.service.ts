import type { Kysely } from "kysely";
import type { z } from "zod";
import type { TVisit, TVisitCreate, ZVisitQuery } from "../../../contracts/care.js";
import type { TVoid } from "../../../contracts/platform.js";
import type { DB } from "../../db/types.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { communityInScope, type Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import { restorePatch, voidingOf, voidPatch } from "../../platform/voiding.js";
import type { Who } from "../../platform/who.js";
import { bad, type CareDeps, HOUSEHOLD, json, maskedName, refused, todayOf, VISIT } from "./care.common.js";
import {
  closeFollowUpRow,
  householdRows,
  insertVisit,
  insertVisitLines,
  lastLiveVisit,
  lineRow,
  linesOfVisits,
  orgsByIds,
  peopleByIds,
  updateHousehold,
  updateVisit,
  usersByIds,
  visitPage,
  visitRow,
} from "./care.repo.js";
import { householdName, visitRefusal } from "./care.rules.js";
import type { CareVisitTable } from "./care.tables.js";

// Care visits: one visit (a home visit, or a 慰问活动 covering many households) with who went —
// accounts, people of the registry, partner units (platform organisations) — and per household what
// was given and the follow-up needs. One transaction: the visit, its lines, each household's latest
// visit date and one audit entry. A visit to an archived household is refused, nothing written.

export type VisitsService = ReturnType<typeof createVisitsService>;

export function createVisitsService(deps: CareDeps) {
  const { db, audit, clock } = deps;
  const today = () => todayOf(deps);

  async function toVisits(exec: Kysely<DB>, rows: CareVisitTable[]): Promise<TVisit[]> {
    const lines = await linesOfVisits(
      exec,
      rows.map((r) => r.id),
    );
    const userIds = [...new Set(rows.flatMap((r) => json<string[]>(r.visitor_user_ids, [])))];
    const personIds = [...new Set(rows.flatMap((r) => json<string[]>(r.visitor_person_ids, [])))];
    const orgIds = [...new Set(rows.flatMap((r) => json<string[]>(r.partner_org_ids, [])))];
    const [users, persons, orgs] = await Promise.all([usersByIds(exec, userIds), peopleByIds(exec, personIds), orgsByIds(exec, orgIds)]);
    const userName = new Map(users.map((u) => [u.id, u.display_name]));
    const personName = new Map(persons.map((p) => [p.id, maskedName(p.name)]));
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    return rows.map((r) => ({
      id: r.id,
      communityId: r.community_id,
      visitedOn: r.visited_on,
      title: r.title,
      kind: r.kind as TVisit["kind"],
      visitors: [
        ...json<string[]>(r.visitor_user_ids, []).map((x) => userName.get(x) ?? "—"),
        ...json<string[]>(r.visitor_person_ids, []).map((x) => personName.get(x) ?? "—"),
      ],
      partners: json<string[]>(r.partner_org_ids, []).map((x) => ({ id: x, name: orgName.get(x) ?? "—" })),
      households: lines
        .filter((l) => l.visit_id === r.id)
        .map((l) => ({
          id: l.id,
          householdId: l.household_id,
          householdName: householdName(l.head_name ?? ""),
          gridName: l.grid_name,
          goods: l.goods,
          moneyFen: Number(l.money_fen),
          services: l.services,
          followUp: l.follow_up,
          followUpClosedOn: l.follow_up_closed_on,
        })),
      moneyFen: Number(r.money_fen),
      note: r.note,
      voided: voidingOf(r),
    }));
  }

  /** Each household of a visit takes its latest live visit date again (after a void or a restore). */
  async function relast(trx: Kysely<DB>, visitId: string) {
    const lines = await linesOfVisits(trx, [visitId]);
    for (const h of new Set(lines.map((l) => l.household_id))) await updateHousehold(trx, h, { last_visited_on: await lastLiveVisit(trx, h) });
  }

  async function get(scope: Scope, id: string, exec: Kysely<DB> = db) {
    const r = await visitRow(exec, scope, id);
    if (!r) throw errors.notFound(VISIT);
    return (await toVisits(exec, [r]))[0];
  }

  return {
    get,

    async list(scope: Scope, q: z.infer<typeof ZVisitQuery>) {
      const { rows, total } = await visitPage(db, scope, q, q.page, q.pageSize);
      return { items: await toVisits(db, rows), total, page: q.page, pageSize: q.pageSize };
    },

    /** Records a visit; answers its id. */
    async record(who: Who, input: TVisitCreate, exec?: Kysely<DB>): Promise<string> {
      return inTx(db, exec, async (trx) => {
        const community = await communityInScope(trx, who.scope, input.communityId);
        const t = today();
        const ids = input.households.map((h) => h.householdId);
        const hs = await householdRows(trx, who.scope, ids);
        for (const id of ids) {
          const h = hs.find((x) => x.id === id);
          if (!h || h.community_id !== community.id) throw errors.notFound(HOUSEHOLD);
          const no = visitRefusal({ state: h.state, enrolledOn: h.enrolled_on, archivedOn: h.archived_on }, input.visitedOn, t);
          if (no) throw refused({ zh: `${householdName(h.head_name ?? "")}：${no.zh}`, en: `${householdName(h.head_name ?? "")}: ${no.en}` });
        }
        const users = await usersByIds(trx, input.visitorUserIds);
        for (const id of input.visitorUserIds) {
          const u = users.find((x) => x.id === id);
          if (!u || u.disabled || !(u.path.startsWith(community.path) || community.path.startsWith(u.path)))
            throw bad({ zh: "走访人员（账号）不存在、已停用或不在该社区", en: "A visitor (account) does not exist, is disabled or is not in this community" });
        }
        const persons = await peopleByIds(trx, input.visitorPersonIds);
        for (const id of input.visitorPersonIds) {
          const p = persons.find((x) => x.id === id);
          if (!p || p.archived || p.community_id !== community.id)
            throw bad({ zh: "走访人员不在本社区人口库中", en: "A visitor is not on this community's people registry" });
        }
        const orgs = await orgsByIds(trx, input.partnerOrgIds);
        for (const id of input.partnerOrgIds) {
          const o = orgs.find((x) => x.id === id);
          if (!o || o.archived || o.community_id !== community.id)
            throw bad({ zh: "共建单位不在本社区的组织名录中", en: "A partner unit is not on this community's organisations register" });
        }
        const now = clock.now();
        const id = uuidv7(now.getTime());
        const month = input.visitedOn.slice(0, 7);
        const money = input.households.reduce((s, h) => s + h.moneyFen, 0);
        await insertVisit(trx, {
          id,
          community_id: community.id,
          visited_on: input.visitedOn,
          visit_month: month,
          title: input.title,
          kind: input.kind,
          visitor_user_ids: JSON.stringify(input.visitorUserIds),
          visitor_person_ids: JSON.stringify(input.visitorPersonIds),
          partner_org_ids: JSON.stringify(input.partnerOrgIds),
          household_count: input.households.length,
          money_fen: money,
          note: input.note,
          created_at: now.toISOString(),
          voided_at: null,
          voided_by: null,
          void_reason: null,
        });
        await insertVisitLines(
          trx,
          input.households.map((l) => ({
            id: uuidv7(now.getTime()),
            visit_id: id,
            household_id: l.householdId,
            community_id: community.id,
            grid_id: hs.find((h) => h.id === l.householdId)?.grid_id ?? null,
            visited_on: input.visitedOn,
            visit_month: month,
            goods: l.goods,
            money_fen: l.moneyFen,
            services: l.services,
            follow_up: l.followUp,
            follow_up_closed_on: null,
          })),
        );
        for (const h of hs)
          if (!h.last_visited_on || h.last_visited_on < input.visitedOn) await updateHousehold(trx, h.id, { last_visited_on: input.visitedOn });
        await audit.record(trx, who, {
          action: "care.visit.create",
          entity: "care_visit",
          entityId: id,
          communityId: community.id,
          after: { visitedOn: input.visitedOn, kind: input.kind, households: ids, partners: input.partnerOrgIds, moneyFen: money },
        });
        return id;
      });
    },

    /**
     * 作废: a visit entered by mistake leaves the figures and the list (its households' latest visit
     * dates go back to their last live visit), stays on their timelines and in the audit log; restore
     * brings it back. One transaction each, with its audit entry.
     */
    async voidVisit(who: Who, id: string, input: TVoid) {
      return inTx(db, undefined, async (trx) => {
        const r = await visitRow(trx, who.scope, id);
        if (!r) throw errors.notFound(VISIT);
        const patch = voidPatch(r, who, clock.now(), input);
        await updateVisit(trx, id, patch);
        await relast(trx, id);
        await audit.record(trx, who, {
          action: "care.visit.void",
          entity: "care_visit",
          entityId: id,
          communityId: r.community_id,
          after: { reason: patch.void_reason },
        });
        return get(who.scope, id, trx);
      });
    },

    async restoreVisit(who: Who, id: string) {
      return inTx(db, undefined, async (trx) => {
        const r = await visitRow(trx, who.scope, id);
        if (!r) throw errors.notFound(VISIT);
        await updateVisit(trx, id, restorePatch(r));
        await relast(trx, id);
        await audit.record(trx, who, {
          action: "care.visit.restore",
          entity: "care_visit",
          entityId: id,
          communityId: r.community_id,
          before: { reason: r.void_reason },
        });
        return get(who.scope, id, trx);
      });
    },

    /** A follow-up need met: closed on a day, no earlier than its visit. */
    async closeFollowUp(who: Who, lineId: string, on: string) {
      return inTx(db, undefined, async (trx) => {
        const l = await lineRow(trx, lineId);
        const [h] = l ? await householdRows(trx, who.scope, [l.household_id]) : [];
        if (!l || !h) throw errors.notFound({ zh: "后续需求", en: "Follow-up need" });
        if (!l.follow_up) throw bad({ zh: "这次走访没有记录后续需求", en: "This visit recorded no follow-up need" });
        if (l.follow_up_closed_on) throw refused({ zh: "该后续需求已解决", en: "The follow-up need is already met" });
        if ((await visitRow(trx, who.scope, l.visit_id))?.voided_at) throw refused({ zh: "该走访已作废", en: "The visit is voided" });
        if (on < l.visited_on || on > today())
          throw bad({ zh: `解决日期应在走访日 ${l.visited_on} 与今天之间`, en: `The date must lie between the visit (${l.visited_on}) and today` });
        await closeFollowUpRow(trx, lineId, on);
        await audit.record(trx, who, {
          action: "care.follow_up.close",
          entity: "care_visit",
          entityId: l.visit_id,
          communityId: l.community_id,
          after: { lineId, on },
        });
        return l.household_id;
      });
    },
  };
}
