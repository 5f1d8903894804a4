import type { Kysely } from "kysely";
import type { z } from "zod";
import type { THouseholdCreate, THouseholdDetail, ZHouseholdQuery, ZHouseholdUpdate } from "../../../contracts/care.js";
import type { DB } from "../../db/types.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { communityInScope, type Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { bad, type CareDeps, HOUSEHOLD, json, maskedName, refused, todayOf, toHousehold } from "./care.common.js";
import {
  endPairings,
  type HouseholdRow,
  householdPage,
  householdRow,
  insertHousehold,
  insertHouseholdPeople,
  linesOfHousehold,
  orgsByIds,
  peopleByIds,
  peopleInActiveHouseholds,
  peopleOfHouseholds,
  updateHousehold,
  usersByIds,
} from "./care.repo.js";
import { archiveRefusal, kindsRefusal, unvisitedCutoff } from "./care.rules.js";
import { CARE_SETTINGS } from "./care.settings.js";
import type { CareHouseholdPersonTable } from "./care.tables.js";

// Households in care: taken in from the people registry (a head and the members at the same house),
// their difficulty kinds (the setting's list), needs, grid worker and paired party members; archived
// when they leave care. Each write is one transaction with its audit entry.

export type HouseholdsService = ReturnType<typeof createHouseholdsService>;

export function createHouseholdsService(deps: CareDeps) {
  const { db, audit, clock, settings } = deps;
  const today = () => todayOf(deps);

  async function open(exec: Kysely<DB>, scope: Scope, id: string): Promise<HouseholdRow> {
    const r = await householdRow(exec, scope, id);
    if (!r) throw errors.notFound(HOUSEHOLD);
    return r;
  }

  /** A grid worker named must be an enabled account whose scope lies in (or above) the household's community. */
  async function checkWorker(trx: Kysely<DB>, id: string | null | undefined, communityPath: string) {
    if (!id) return;
    const [u] = await usersByIds(trx, [id]);
    if (!u || u.disabled || !(u.path.startsWith(communityPath) || communityPath.startsWith(u.path)))
      throw bad({ zh: "所选网格员不存在、已停用或不在该社区", en: "The grid worker chosen does not exist, is disabled or is not in this community" });
  }

  /** Paired party members: people of the household's community tagged 党员, not members of it. */
  async function checkPaired(trx: Kysely<DB>, ids: string[], communityId: string, members: string[]) {
    if (new Set(ids).size !== ids.length) throw bad({ zh: "结对党员重复", en: "A paired party member is given twice" });
    const got = await peopleByIds(trx, ids);
    for (const id of ids) {
      const p = got.find((x) => x.id === id);
      if (!p || p.community_id !== communityId || p.archived)
        throw bad({ zh: "结对党员不在本社区人口库中", en: "A paired party member is not on this community's registry" });
      if (!json<string[]>(p.tags, []).includes("党员"))
        throw bad({ zh: `${p.name.slice(0, 1)}* 不是党员，不能结对帮扶`, en: "A paired member must be a party member (tagged 党员)" });
      if (members.includes(id)) throw bad({ zh: "结对党员不能是本户成员", en: "A paired party member cannot be a member of the household" });
    }
  }

  async function detail(scope: Scope, id: string, exec: Kysely<DB> = db): Promise<THouseholdDetail> {
    const r = await open(exec, scope, id);
    const t = today();
    const people = await peopleOfHouseholds(exec, [id]);
    const lines = await linesOfHousehold(exec, id);
    const userIds = [...new Set(lines.flatMap((l) => json<string[]>(l.visitor_user_ids, [])))];
    const personIds = [...new Set(lines.flatMap((l) => json<string[]>(l.visitor_person_ids, [])))];
    const orgIds = [...new Set(lines.flatMap((l) => json<string[]>(l.partner_org_ids, [])))];
    const [users, persons, orgs] = await Promise.all([usersByIds(exec, userIds), peopleByIds(exec, personIds), orgsByIds(exec, orgIds)]);
    const nameOf = new Map<string, string>([
      ...users.map((u) => [u.id, u.display_name] as [string, string]),
      ...persons.map((p) => [p.id, maskedName(p.name)] as [string, string]),
    ]);
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    const visits = lines.map((l) => ({
      visitId: l.visit_id,
      lineId: l.id,
      visitedOn: l.visited_on,
      title: l.title,
      kind: l.kind as "visit" | "campaign",
      visitors: [...json<string[]>(l.visitor_user_ids, []), ...json<string[]>(l.visitor_person_ids, [])].map((x) => nameOf.get(x) ?? "—"),
      partners: json<string[]>(l.partner_org_ids, []).map((x) => orgName.get(x) ?? "—"),
      goods: l.goods,
      moneyFen: Number(l.money_fen),
      services: l.services,
      followUp: l.follow_up,
      followUpClosedOn: l.follow_up_closed_on,
      // A voided visit stays on the household's timeline, marked, and out of what it received.
      voided: !!l.voided_at,
    }));
    const live = visits.filter((v) => !v.voided);
    const household = toHousehold(r, people, t);
    return {
      household,
      visits,
      received: {
        visits: live.length,
        moneyFen: live.reduce((s, v) => s + v.moneyFen, 0),
        goods: [...new Set(live.map((v) => v.goods).filter(Boolean))],
        services: [...new Set(live.map((v) => v.services).filter(Boolean))],
      },
      openNeeds: [
        ...household.needs.map((n) => ({ text: n, source: "household" as const, lineId: null, since: r.enrolled_on })),
        ...live
          .filter((v) => v.followUp && !v.followUpClosedOn)
          .map((v) => ({ text: v.followUp, source: "follow_up" as const, lineId: v.lineId, since: v.visitedOn })),
      ],
    };
  }

  return {
    detail,

    async list(scope: Scope, q: z.infer<typeof ZHouseholdQuery>) {
      let lastBefore: string | undefined;
      if (q.unvisited === "1") {
        const months = q.months ?? (await settings.get(CARE_SETTINGS.unvisitedMonths, scope.path));
        lastBefore = unvisitedCutoff(today(), months);
      }
      const { rows, total } = await householdPage(db, scope, { ...q, lastBefore }, q.page, q.pageSize);
      const people = await peopleOfHouseholds(
        db,
        rows.map((r) => r.id),
      );
      const t = today();
      return { items: rows.map((r) => toHousehold(r, people, t)), total, page: q.page, pageSize: q.pageSize, cutoff: lastBefore ?? null };
    },

    async create(who: Who, input: THouseholdCreate, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const t = today();
        if (input.enrolledOn > t) throw bad({ zh: "纳入帮扶日期不能晚于今天", en: "The date taken into care cannot be after today" });
        const memberIds = [input.headPersonId, ...input.memberIds.filter((m) => m !== input.headPersonId)];
        if (new Set(memberIds).size !== memberIds.length) throw bad({ zh: "家庭成员重复", en: "A member is given twice" });
        const got = await peopleByIds(trx, memberIds);
        const head = got.find((p) => p.id === input.headPersonId);
        if (!head || head.archived) throw errors.notFound({ zh: "户主（人口库）", en: "Head of household (people registry)" });
        // The head must be visible to the caller (a grid worker takes in households of their own grid).
        const community = await communityInScope(trx, who.scope, head.community_id);
        if (who.scope.level === "grid" && head.grid_id !== who.scope.regionId)
          throw errors.notFound({ zh: "户主（人口库）", en: "Head of household (people registry)" });
        for (const id of memberIds) {
          const p = got.find((x) => x.id === id);
          if (!p || p.archived || p.community_id !== head.community_id)
            throw bad({ zh: "家庭成员须是同一社区人口库中的人员", en: "Members must be people of the same community's registry" });
        }
        const taken = await peopleInActiveHouseholds(trx, memberIds);
        if (taken.length) throw refused({ zh: "有成员已在另一帮扶中的困难户里", en: "A member already belongs to another household in care" });
        const kindsNo = kindsRefusal(input.kinds, await settings.get(CARE_SETTINGS.difficultyKinds, community.path, trx));
        if (kindsNo) throw bad(kindsNo);
        await checkWorker(trx, input.gridWorkerId, community.path);
        await checkPaired(trx, input.pairedIds, head.community_id, memberIds);
        const now = clock.now();
        const id = uuidv7(now.getTime());
        await insertHousehold(trx, {
          id,
          community_id: head.community_id,
          grid_id: head.grid_id,
          head_person_id: head.id,
          kinds: JSON.stringify(input.kinds),
          primary_kind: input.kinds[0],
          needs: JSON.stringify(input.needs),
          grid_worker_id: input.gridWorkerId ?? null,
          state: "active",
          enrolled_on: input.enrolledOn,
          archived_on: null,
          archive_reason: null,
          last_visited_on: null,
          note: input.note ?? null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        });
        const link = (personId: string, role: string): CareHouseholdPersonTable => ({
          id: uuidv7(now.getTime()),
          household_id: id,
          community_id: head.community_id,
          person_id: personId,
          role,
          since: input.enrolledOn,
          until: null,
        });
        await insertHouseholdPeople(trx, [
          ...memberIds.map((m) => link(m, m === head.id ? "head" : "member")),
          ...input.pairedIds.map((p) => link(p, "paired")),
        ]);
        await audit.record(trx, who, {
          action: "care.household.create",
          entity: "care_household",
          entityId: id,
          communityId: head.community_id,
          after: { members: memberIds.length, kinds: input.kinds, needs: input.needs.length, paired: input.pairedIds.length, enrolledOn: input.enrolledOn },
        });
        return id;
      });
    },

    async update(who: Who, id: string, input: z.infer<typeof ZHouseholdUpdate>) {
      return inTx(db, undefined, async (trx) => {
        const r = await open(trx, who.scope, id);
        if (r.state === "archived") throw refused({ zh: "已归档的困难户不能修改", en: "An archived household cannot be changed" });
        const patch: Record<string, unknown> = { updated_at: clock.now().toISOString() };
        if (input.kinds) {
          const no = kindsRefusal(input.kinds, await settings.get(CARE_SETTINGS.difficultyKinds, r.community_path, trx));
          if (no) throw bad(no);
          patch.kinds = JSON.stringify(input.kinds);
          patch.primary_kind = input.kinds[0];
        }
        if (input.needs) patch.needs = JSON.stringify(input.needs);
        if (input.gridWorkerId !== undefined) {
          await checkWorker(trx, input.gridWorkerId, r.community_path);
          patch.grid_worker_id = input.gridWorkerId;
        }
        if (input.note !== undefined) patch.note = input.note;
        let pairing: { added: string[]; ended: string[] } | undefined;
        if (input.pairedIds) {
          const current = (await peopleOfHouseholds(trx, [id])).filter((p) => p.role === "paired").map((p) => p.person_id);
          const members = (await peopleOfHouseholds(trx, [id])).filter((p) => p.role !== "paired").map((p) => p.person_id);
          await checkPaired(trx, input.pairedIds, r.community_id, members);
          const added = input.pairedIds.filter((p) => !current.includes(p));
          const ended = current.filter((p) => !input.pairedIds?.includes(p));
          const t = today();
          await endPairings(trx, id, ended, t);
          const now = clock.now();
          await insertHouseholdPeople(
            trx,
            added.map((p) => ({
              id: uuidv7(now.getTime()),
              household_id: id,
              community_id: r.community_id,
              person_id: p,
              role: "paired",
              since: t,
              until: null,
            })),
          );
          pairing = { added, ended };
        }
        await updateHousehold(trx, id, patch);
        await audit.record(trx, who, {
          action: "care.household.update",
          entity: "care_household",
          entityId: id,
          communityId: r.community_id,
          before: { kinds: json(r.kinds, []), needs: json(r.needs, []), gridWorkerId: r.grid_worker_id },
          after: { ...input, pairing },
        });
        return detail(who.scope, id, trx);
      });
    },

    async archive(who: Who, id: string, input: { on: string; reason: string }) {
      return inTx(db, undefined, async (trx) => {
        const r = await open(trx, who.scope, id);
        const no = archiveRefusal(
          { state: r.state, enrolledOn: r.enrolled_on, archivedOn: r.archived_on, lastVisitedOn: r.last_visited_on },
          input.on,
          today(),
        );
        if (no) throw refused(no);
        await updateHousehold(trx, id, { state: "archived", archived_on: input.on, archive_reason: input.reason, updated_at: clock.now().toISOString() });
        await audit.record(trx, who, {
          action: "care.household.archive",
          entity: "care_household",
          entityId: id,
          communityId: r.community_id,
          after: input,
        });
        return detail(who.scope, id, trx);
      });
    },
  };
}
