import { type Kysely, sql } from "kysely";
import type { z } from "zod";
import { maskIdNumber, maskPhone } from "../../../contracts/mask.js";
import {
  APPROVAL_STEPS,
  type MeetingType,
  PARTY_LEVELS,
  STEPS,
  type TApplicant,
  type TApplicantCreate,
  type TBoardCreate,
  type TBoardEnd,
  type TElection,
  type TElectionCreate,
  type TMeeting,
  type TMeetingCreate,
  type TMember,
  type TMemberCreate,
  type TPartyOrg,
  type TPartyOrgCreate,
  type TPartyOrgUpdate,
  type TPostCreate,
  type TStepRecord,
  type ZAppraisal,
  type ZExtendProbation,
  type ZMemberUpdate,
  type ZTransferOut,
} from "../../../contracts/party.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import { type Clock, localDate } from "../../platform/clock.js";
import { AppError, errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { createOrganisationsService } from "../../platform/organisations/organisations.service.js";
import { levelRank, type Scope } from "../../platform/scope.js";
import { type Settings, settingFrom } from "../../platform/settings.js";
import { actorId, actorName, type Who } from "../../platform/who.js";
import { addMonths, addWorkingDays, ageOn, monthEnd, type WorkCalendar, workCalendar } from "./party.dates.js";
import { activePostsOn, applicantsInScope, boardInScope, electionsInScope, meetingsInScope, membersInScope, partyOrgsInScope } from "./party.repo.js";
import { PARTY_SETTINGS } from "./party.settings.js";
import type { PartyApplicantTable, PartyMemberTable } from "./party.tables.js";

type Deps = { db: Kysely<DB>; audit: Audit; clock: Clock; settings: Settings; timeZone: string };
type Ex = Kysely<DB>;
type PublicityRules = { pub: number; cal: WorkCalendar };

/** A refusal that names the rule it applies (DOMAIN.md §5), in both languages. */
export const rule = (zh: string, en: string) => new AppError(400, "PARTY_RULE", { zh, en });
const stepName = (n: number) => STEPS[n - 1];
const stepLabel = (n: number) => ({ zh: `第${n}步「${stepName(n).zh}」`, en: `step ${n} (${stepName(n).en})` });

/** Meeting types whose members due are the organisation's committee, not all its members. */
const COMMITTEE_TYPES: MeetingType[] = ["党委会议", "支委会"];
/** Meeting types that need more than half of those due present. */
const QUORUM_TYPES: MeetingType[] = ["党委会议", "支委会", "支部党员大会"];

export type PartyService = ReturnType<typeof createPartyService>;

export function createPartyService(deps: Deps) {
  const { db, audit, clock, settings } = deps;
  const today = () => localDate(clock.now(), deps.timeZone);
  const orgsSvc = createOrganisationsService(deps);
  const run = <T>(exec: Ex | undefined, fn: (trx: Ex) => Promise<T>) => (exec ? fn(exec) : db.transaction().execute(fn));
  const log = (trx: Ex, who: Who, action: string, entity: string, entityId: string, communityId: string, after?: unknown, before?: unknown) =>
    audit.append(trx, { actorId: actorId(who), actorName: actorName(who), action, entity, entityId, communityId, after, before, ip: who.ip });
  const notPast = (d: string, what: { zh: string; en: string }) => {
    if (d > today()) throw errors.badRequest(`${what.zh}不能晚于今天`, `${what.en} cannot be in the future`);
  };

  async function partyOrg(exec: Ex, scope: Scope, id: string) {
    const r = await partyOrgsInScope(exec, scope)
      .select(["po.org_id", "po.community_id", "po.level", "po.party_kind", "po.founded_on", "po.term_start", "po.term_end", "o.name", "o.parent_id"])
      .where("po.org_id", "=", id)
      .executeTakeFirst();
    if (!r) throw errors.notFound({ zh: "党组织", en: "Party organisation" });
    return r;
  }
  async function person(exec: Ex, scope: Scope, id: string) {
    const p = await exec.selectFrom("people as p").selectAll("p").where("p.id", "=", id).where("p.archived", "=", 0).executeTakeFirst();
    // Party work is organised per community: the person must be registered in a community in scope.
    if (!p) throw errors.notFound({ zh: "人员", en: "Person" });
    const c = await exec.selectFrom("regions").select("path").where("id", "=", p.community_id).executeTakeFirst();
    if (!c?.path.startsWith(scope.path) && !(scope.communityId && scope.communityId === p.community_id)) throw errors.notFound({ zh: "人员", en: "Person" });
    return p;
  }
  async function member(exec: Ex, scope: Scope, id: string) {
    const m = await membersInScope(exec, scope).selectAll("m").select(["p.name"]).where("m.id", "=", id).executeTakeFirst();
    if (!m) throw errors.notFound({ zh: "党员", en: "Party member" });
    return m;
  }

  // ---------------- organisations ----------------
  function warningsOf(level: string, full: number, posts: Array<{ post: string }>) {
    const w: Array<{ code: string; zh: string; en: string }> = [];
    if (level !== "党支部") return w;
    if (full < 3) w.push({ code: "min_members", zh: `正式党员${full}人，党支部须有正式党员3人以上`, en: `${full} full members: a branch needs at least 3` });
    const committee = posts.length;
    if (full >= 7 && (committee < 3 || committee > 7))
      w.push({
        code: "committee_size",
        zh: `正式党员${full}人（7人以上），应设支部委员会（委员3至5人，最多7人），现有${committee}人`,
        en: `${full} full members (7 or more): a committee of 3–5 (at most 7) is needed, it has ${committee}`,
      });
    if (full < 7 && committee > 1)
      w.push({
        code: "no_committee",
        zh: `正式党员不足7人，不设支部委员会，只设书记1人（现有委员${committee}人）`,
        en: `Fewer than 7 full members: no committee, a secretary only (${committee} posts held)`,
      });
    if (!posts.some((p) => p.post === "书记")) w.push({ code: "no_secretary", zh: "未配备支部书记", en: "No branch secretary" });
    return w;
  }

  async function listOrgs(scope: Scope): Promise<TPartyOrg[]> {
    const t = today();
    const rows = await partyOrgsInScope(db, scope)
      .select([
        "po.org_id",
        "po.community_id",
        "po.level",
        "po.party_kind",
        "po.host_org_id",
        "po.founded_on",
        "po.term_start",
        "po.term_end",
        "o.name",
        "o.short_name",
        "o.parent_id",
        "g.name as grid_name",
        "h.name as host_name",
      ])
      .execute();
    const ids = rows.map((r) => r.org_id);
    if (ids.length === 0) return [];
    const counts = await db
      .selectFrom("party_members")
      .select(["org_id", "status", (eb) => eb.fn.countAll().as("n")])
      .where("org_id", "in", ids)
      .where("status", "!=", "transferred_out")
      .groupBy(["org_id", "status"])
      .execute();
    const posts = await activePostsOn(db, t)
      .innerJoin("people as p", "p.id", "ps.person_id")
      .select(["ps.id", "ps.org_id", "ps.person_id", "p.name", "ps.post", "ps.term_start", "ps.term_end", "ps.ended_on", "ps.certified"])
      .where("ps.org_id", "in", ids)
      .execute();
    const soon = addMonths(t, 3);
    const order = (l: string) => PARTY_LEVELS.indexOf(l as any);
    return rows
      .map((r) => {
        const full = Number(counts.find((c) => c.org_id === r.org_id && c.status === "full")?.n ?? 0);
        const prob = Number(counts.find((c) => c.org_id === r.org_id && c.status === "probationary")?.n ?? 0);
        const ps = posts
          .filter((p) => p.org_id === r.org_id)
          .map((p) => ({
            id: p.id,
            orgId: p.org_id,
            personId: p.person_id,
            personName: p.name,
            post: p.post,
            termStart: p.term_start,
            termEnd: p.term_end,
            endedOn: p.ended_on,
            certified: !!p.certified,
          }));
        return {
          id: r.org_id,
          communityId: r.community_id,
          parentId: r.parent_id,
          name: r.name,
          shortName: r.short_name,
          gridName: r.grid_name ?? null,
          level: r.level,
          partyKind: r.party_kind,
          hostOrgId: r.host_org_id,
          hostOrgName: r.host_name ?? null,
          foundedOn: r.founded_on,
          termStart: r.term_start,
          termEnd: r.term_end,
          termFlag: !r.term_end ? ("none" as const) : r.term_end < t ? ("expired" as const) : r.term_end <= soon ? ("expiring" as const) : ("ok" as const),
          fullMembers: full,
          probationaryMembers: prob,
          posts: ps,
          warnings: warningsOf(r.level, full, ps),
        };
      })
      .sort((a, b) => order(a.level) - order(b.level) || (a.foundedOn ?? "").localeCompare(b.foundedOn ?? "") || a.name.localeCompare(b.name));
  }

  async function createOrg(who: Who, input: TPartyOrgCreate, communityId?: string) {
    // Everything is checked before the platform organisation is made, so a refusal leaves nothing behind.
    if (input.parentId) {
      const parent = await partyOrg(db, who.scope, input.parentId);
      if (PARTY_LEVELS.indexOf(parent.level as any) >= PARTY_LEVELS.indexOf(input.level))
        throw rule(
          `上级党组织（${parent.level}）的层级须高于${input.level}（党委 > 党总支 > 党支部 > 党小组）`,
          `The parent (${parent.level}) must rank above a ${input.level} (committee > general branch > branch > group)`,
        );
    } else if (input.level !== "党委")
      throw rule("党总支、党支部、党小组须有上级党组织", "A general branch, branch or group needs a parent party organisation");
    if (input.hostOrgId) {
      const h = await db.selectFrom("organisations").select(["id", "community_id"]).where("id", "=", input.hostOrgId).executeTakeFirst();
      if (!h) throw errors.notFound({ zh: "所在单位", en: "Host organisation" });
    }
    if (input.foundedOn) notPast(input.foundedOn, { zh: "成立日期", en: "Founding date" });
    if (input.termStart && input.termEnd && input.termEnd <= input.termStart)
      throw errors.badRequest("任期结束日期须晚于开始日期", "The term must end after it starts");
    let orgId = input.orgId;
    let community = communityId ?? who.scope.communityId ?? "";
    if (orgId) {
      const o = await orgsSvc.get(who.scope, orgId);
      if (o.kind !== "党组织")
        throw errors.badRequest("只有类型为「党组织」的组织可登记为党组织", "Only organisations of kind 党组织 can be party organisations");
      const dup = await db.selectFrom("party_orgs").select("org_id").where("org_id", "=", orgId).executeTakeFirst();
      if (dup) throw errors.conflict("该组织已登记为党组织", "This organisation is already a party organisation");
      community = o.communityId;
    } else {
      if (!input.name) throw errors.badRequest("请填写党组织名称", "A name is required");
      if (input.parentId) community = (await partyOrg(db, who.scope, input.parentId)).community_id;
      if (!community) throw errors.badRequest("请在社区范围内新建党组织", "Create a party organisation within a community");
      const o = await orgsSvc.create(who, {
        communityId: community,
        gridId: input.gridId ?? null,
        parentId: input.parentId ?? null,
        kind: "党组织",
        name: input.name,
        foundedOn: input.foundedOn ?? null,
      });
      orgId = o.id;
    }
    const now = clock.now().toISOString();
    // Terms of community party organisations: 5 years [A].
    const termEnd = input.termEnd ?? (input.termStart && input.level !== "党小组" ? addMonths(input.termStart, 60) : null);
    await db.transaction().execute(async (trx) => {
      const row = {
        org_id: orgId as string,
        community_id: community,
        level: input.level,
        party_kind: input.partyKind,
        host_org_id: input.hostOrgId ?? null,
        founded_on: input.foundedOn ?? null,
        term_start: input.termStart ?? null,
        term_end: termEnd,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto("party_orgs").values(row).execute();
      await log(trx, who, "party.org.create", "party_org", row.org_id, community, row);
    });
    return orgId as string;
  }

  async function updateOrg(who: Who, id: string, input: TPartyOrgUpdate) {
    return db.transaction().execute(async (trx) => {
      const cur = await partyOrg(trx, who.scope, id);
      const before = await trx.selectFrom("party_orgs").selectAll().where("org_id", "=", id).executeTakeFirstOrThrow();
      const o = await trx.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const level = input.level ?? cur.level;
      const rank = (l: string) => PARTY_LEVELS.indexOf(l as (typeof PARTY_LEVELS)[number]);
      const parentId = input.parentId !== undefined ? input.parentId : o.parent_id;
      if (parentId) {
        if (parentId === id) throw errors.badRequest("上级党组织不能是自己", "A party organisation cannot be its own parent");
        const parent = await partyOrg(trx, who.scope, parentId);
        if (parent.community_id !== cur.community_id)
          throw errors.badRequest("上级党组织须在同一社区", "The parent party organisation must be in the same community");
        if (rank(parent.level) >= rank(level))
          throw rule(
            `上级党组织（${parent.level}）的层级须高于${level}（党委 > 党总支 > 党支部 > 党小组）`,
            `The parent (${parent.level}) must rank above a ${level} (committee > general branch > branch > group)`,
          );
        // The new parent must not sit below this organisation: that would make a loop.
        let up: string | null = parent.parent_id;
        for (let i = 0; up && i < 20; i++) {
          if (up === id) throw errors.badRequest("上级党组织不能是本组织的下级", "The parent cannot be one of this organisation's own sub-organisations");
          up = (await trx.selectFrom("organisations").select("parent_id").where("id", "=", up).executeTakeFirst())?.parent_id ?? null;
        }
      } else if (level !== "党委") throw rule("党总支、党支部、党小组须有上级党组织", "A general branch, branch or group needs a parent party organisation");
      if (level !== cur.level) {
        const children = await trx
          .selectFrom("party_orgs as po")
          .innerJoin("organisations as c", "c.id", "po.org_id")
          .select(["c.name", "po.level"])
          .where("c.parent_id", "=", id)
          .where("c.archived", "=", 0)
          .execute();
        for (const c of children)
          if (rank(c.level) <= rank(level))
            throw rule(
              `下级党组织${c.name}（${c.level}）的层级须低于${level}，请先调整下级党组织`,
              `The sub-organisation ${c.name} (${c.level}) must rank below a ${level}: change it first`,
            );
        const members = await trx
          .selectFrom("party_members")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("status", "!=", "transferred_out")
          .where(cur.level === "党小组" ? "group_id" : "org_id", "=", id)
          .executeTakeFirst();
        if (Number(members?.n ?? 0) > 0 && (level === "党小组" || cur.level === "党小组"))
          throw errors.badRequest(
            `${cur.name}有在册党员${Number(members?.n)}名，党员编入党支部、党小组另行编入，不能在党小组和其他层级之间改变`,
            `${cur.name} has ${Number(members?.n)} members on the register: a group and a branch cannot be switched into each other`,
          );
      }
      const hostOrgId = input.hostOrgId !== undefined ? input.hostOrgId : before.host_org_id;
      if (input.hostOrgId) {
        const h = await trx.selectFrom("organisations").select(["id", "kind"]).where("id", "=", input.hostOrgId).executeTakeFirst();
        if (!h) throw errors.notFound({ zh: "所在单位", en: "Host organisation" });
        if (h.id === id) throw errors.badRequest("所在单位不能是党组织自己", "A party organisation does not sit in itself");
      }
      const foundedOn = input.foundedOn !== undefined ? input.foundedOn : before.founded_on;
      if (input.foundedOn) notPast(input.foundedOn, { zh: "成立日期", en: "Founding date" });
      let termStart = before.term_start;
      let termEnd = before.term_end;
      if (input.termStart !== undefined || input.termEnd !== undefined) {
        termStart = input.termStart !== undefined ? input.termStart : before.term_start;
        // Terms of community party organisations: 5 years [A], as when it was created.
        termEnd = (input.termEnd !== undefined ? input.termEnd : before.term_end) ?? (termStart && level !== "党小组" ? addMonths(termStart, 60) : null);
      }
      if (termStart && termEnd && termEnd <= termStart) throw errors.badRequest("任期结束日期须晚于开始日期", "The term must end after it starts");
      if (termEnd && !termStart) throw errors.badRequest("请填写任期开始日期", "Enter the start of the term");
      const name = input.name ?? o.name;
      if (input.name !== undefined && input.name !== o.name) {
        const dup = await trx
          .selectFrom("organisations")
          .select("id")
          .where("community_id", "=", o.community_id)
          .where(sql`lower(name)`, "=", name.toLowerCase())
          .where("archived", "=", 0)
          .where("id", "!=", id)
          .executeTakeFirst();
        if (dup) throw errors.conflict(`本社区已有名为「${name}」的组织`, `An organisation named ${name} already exists in this community`);
      }
      const gridId = input.gridId !== undefined ? input.gridId : o.grid_id;
      if (input.gridId) {
        const g = await trx.selectFrom("regions").select(["community_id", "level"]).where("id", "=", input.gridId).executeTakeFirst();
        if (g?.level !== "grid" || g.community_id !== o.community_id)
          throw errors.badRequest("所选网格不属于该社区", "The grid chosen is not in this community");
      }
      const now = clock.now().toISOString();
      await trx
        .updateTable("organisations")
        .set({ name, parent_id: parentId, grid_id: gridId, founded_on: foundedOn, updated_at: now })
        .where("id", "=", id)
        .execute();
      const after = {
        level,
        party_kind: input.partyKind ?? before.party_kind,
        host_org_id: hostOrgId,
        founded_on: foundedOn,
        term_start: termStart,
        term_end: termEnd,
        updated_at: now,
      };
      await trx.updateTable("party_orgs").set(after).where("org_id", "=", id).execute();
      await log(
        trx,
        who,
        "party.org.update",
        "party_org",
        id,
        cur.community_id,
        { ...before, ...after, name, parent_id: parentId, grid_id: gridId },
        { ...before, name: o.name, parent_id: o.parent_id, grid_id: o.grid_id },
      );
    });
  }

  async function addPost(who: Who, input: TPostCreate, exec?: Ex) {
    return run(exec, async (trx) => {
      const org = await partyOrg(trx, who.scope, input.orgId);
      const p = await person(trx, who.scope, input.personId);
      if (input.termEnd && input.termEnd <= input.termStart) throw errors.badRequest("任期结束日期须晚于开始日期", "The term must end after it starts");
      // One holder per post at a time (委员 may be several): overlapping terms are refused.
      const end = input.termEnd ?? "9999-12-31";
      const others = await trx
        .selectFrom("party_posts as ps")
        .innerJoin("people as p", "p.id", "ps.person_id")
        .select(["p.name", "ps.term_start", "ps.term_end", "ps.ended_on", "ps.person_id", "ps.post"])
        .where("ps.org_id", "=", org.org_id)
        .where((eb) => (input.post === "委员" ? eb("ps.person_id", "=", p.id) : eb.or([eb("ps.post", "=", input.post), eb("ps.person_id", "=", p.id)])))
        .execute();
      for (const o of others) {
        const oEnd = o.ended_on ?? o.term_end ?? "9999-12-31";
        if (o.term_start < end && input.termStart < oEnd) {
          if (o.person_id === p.id)
            throw rule(
              `${p.name}在${org.name}已任${o.post}（${o.term_start}起），同一人任职期间不能重叠`,
              `${p.name} already holds ${o.post} in ${org.name} from ${o.term_start}: terms of one person must not overlap`,
            );
          throw rule(
            `${org.name}的${input.post}职务任期不能重叠：${o.name}任期${o.term_start}至${o.ended_on ?? o.term_end ?? "今"}`,
            `Overlapping terms for the post ${input.post} of ${org.name}: ${o.name} holds it from ${o.term_start} to ${o.ended_on ?? o.term_end ?? "now"}`,
          );
        }
      }
      const row = {
        id: uuidv7(clock.now().getTime()),
        community_id: org.community_id,
        org_id: org.org_id,
        person_id: p.id,
        post: input.post,
        term_start: input.termStart,
        term_end: input.termEnd ?? org.term_end ?? null,
        ended_on: null,
        certified: input.certified ? 1 : 0,
        created_at: clock.now().toISOString(),
      };
      await trx.insertInto("party_posts").values(row).execute();
      await log(trx, who, "party.post.create", "party_post", row.id, row.community_id, row);
      return row.id;
    });
  }

  async function endPost(who: Who, id: string, on: string, exec?: Ex) {
    return run(exec, async (trx) => {
      const ps = await trx.selectFrom("party_posts").selectAll().where("id", "=", id).executeTakeFirst();
      if (!ps) throw errors.notFound({ zh: "职务", en: "Post" });
      await partyOrg(trx, who.scope, ps.org_id);
      if (ps.ended_on) throw errors.conflict("该职务已免去", "This post has already ended");
      if (on <= ps.term_start) throw errors.badRequest("免职日期须晚于任职日期", "A post ends after it starts");
      await trx.updateTable("party_posts").set({ ended_on: on }).where("id", "=", id).execute();
      await log(trx, who, "party.post.end", "party_post", id, ps.community_id, { ended_on: on }, ps);
    });
  }

  // ---------------- members ----------------
  function toMember(r: any, t: string): TMember {
    return {
      id: r.id,
      personId: r.person_id,
      name: r.name,
      gender: r.gender,
      age: ageOn(r.birth_date, t),
      idNumber: maskIdNumber(r.id_number),
      phone: maskPhone(r.phone),
      orgId: r.org_id,
      orgName: r.org_name,
      groupId: r.group_id,
      status: r.status,
      joinedOn: r.joined_on,
      fullOn: r.full_on,
      education: r.education,
      transferInOn: r.transfer_in_on,
      transferInFrom: r.transfer_in_from,
      transferOutOn: r.transfer_out_on,
      transferOutTo: r.transfer_out_to,
      mobile: !!r.mobile,
      lostContact: !!r.lost_contact,
      appraisalYear: r.appraisal_year,
      appraisalResult: r.appraisal_result,
      probationEnd: r.status === "probationary" ? (r.probation_end ?? null) : null,
      probationExtendedMonths: r.extended_months ?? 0,
    };
  }
  const MEMBER_COLS = [
    "m.id",
    "m.person_id",
    "m.org_id",
    "m.group_id",
    "m.status",
    "m.joined_on",
    "m.full_on",
    "m.education",
    "m.transfer_in_on",
    "m.transfer_in_from",
    "m.transfer_out_on",
    "m.transfer_out_to",
    "m.mobile",
    "m.lost_contact",
    "m.appraisal_year",
    "m.appraisal_result",
    "p.name",
    "p.gender",
    "p.birth_date",
    "p.id_number",
    "p.phone",
    "o.name as org_name",
    "pa.probation_end",
    "pa.extended_months",
  ] as const;
  /** Members with the probation of the pipeline record that admitted them, if any. */
  const membersWithProbation = (scope: Scope) => membersInScope(db, scope).leftJoin("party_applicants as pa", "pa.member_id", "m.id");
  type MemberFilter = { q?: string; orgId?: string; status?: string; flag?: "mobile" | "lost" };
  function filteredMembers(scope: Scope, f: MemberFilter) {
    let q = membersWithProbation(scope);
    if (f.orgId) q = q.where((eb) => eb.or([eb("m.org_id", "=", f.orgId as string), eb("m.group_id", "=", f.orgId as string)]));
    if (f.status) q = q.where("m.status", "=", f.status as any);
    else q = q.where("m.status", "!=", "transferred_out");
    if (f.flag === "mobile") q = q.where("m.mobile", "=", 1);
    if (f.flag === "lost") q = q.where("m.lost_contact", "=", 1);
    if (f.q) q = q.where("p.name", "like", `%${f.q}%`);
    return q;
  }

  async function createMember(who: Who, input: TMemberCreate, exec?: Ex) {
    return run(exec, async (trx) => {
      const org = await partyOrg(trx, who.scope, input.orgId);
      if (org.level === "党小组") throw errors.badRequest("党员编入党支部，党小组另行选择", "Members belong to a branch; choose the group separately");
      if (input.groupId) {
        const g = await partyOrg(trx, who.scope, input.groupId);
        if (g.level !== "党小组" || g.parent_id !== org.org_id) throw errors.badRequest("所选党小组不属于该党支部", "The group chosen is not in this branch");
      }
      const p = await person(trx, who.scope, input.personId);
      const dup = await trx.selectFrom("party_members").select("id").where("person_id", "=", p.id).where("status", "!=", "transferred_out").executeTakeFirst();
      if (dup) throw errors.conflict(`${p.name}已是在册党员`, `${p.name} is already a member on the register`);
      notPast(input.joinedOn, { zh: "入党日期", en: "Joining date" });
      if (input.status === "full" && input.fullOn && input.fullOn < input.joinedOn)
        throw errors.badRequest("转正日期不能早于入党日期", "Full membership cannot precede joining");
      if (input.status === "probationary" && input.fullOn) throw errors.badRequest("预备党员没有转正日期", "A probationary member has no full-membership date");
      const now = clock.now().toISOString();
      const row: PartyMemberTable = {
        id: uuidv7(clock.now().getTime()),
        community_id: org.community_id,
        person_id: p.id,
        org_id: org.org_id,
        group_id: input.groupId ?? null,
        status: input.status,
        joined_on: input.joinedOn,
        full_on: input.status === "full" ? (input.fullOn ?? null) : null,
        education: input.education ?? null,
        transfer_in_on: input.transferInOn ?? null,
        transfer_in_from: input.transferInFrom ?? null,
        transfer_out_on: null,
        transfer_out_to: null,
        mobile: input.mobile ? 1 : 0,
        lost_contact: input.lostContact ? 1 : 0,
        appraisal_year: null,
        appraisal_result: null,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto("party_members").values(row).execute();
      // The people registry shows who is a party member by the 党员 tag.
      const tags: string[] = JSON.parse(p.tags ?? "[]");
      if (!tags.includes("党员"))
        await trx
          .updateTable("people")
          .set({ tags: JSON.stringify([...tags, "党员"]), updated_at: now })
          .where("id", "=", p.id)
          .execute();
      await log(trx, who, "party.member.create", "party_member", row.id, row.community_id, { ...row, person: p.name });
      return row.id;
    });
  }

  // ---------------- meetings ----------------
  /** Members due at a meeting of an organisation on a date: its committee, or its members (and its groups'). */
  async function membersDue(exec: Ex, orgId: string, type: string, on: string) {
    if (COMMITTEE_TYPES.includes(type as MeetingType)) {
      const rows = await activePostsOn(exec, on)
        .innerJoin("party_members as m", "m.person_id", "ps.person_id")
        .select(["m.id"])
        .distinct()
        .where("ps.org_id", "=", orgId)
        .where("m.joined_on", "<=", on)
        .where((eb) => eb.or([eb("m.transfer_out_on", "is", null), eb("m.transfer_out_on", ">", on)]))
        .execute();
      return new Set(rows.map((r) => r.id));
    }
    const children = await exec.selectFrom("organisations").select("id").where("parent_id", "=", orgId).execute();
    const ids = [orgId, ...children.map((c) => c.id)];
    const rows = await exec
      .selectFrom("party_members as m")
      .select("m.id")
      .where((eb) => eb.or([eb("m.org_id", "in", ids), eb("m.group_id", "=", orgId)]))
      .where("m.joined_on", "<=", on)
      .where((eb) => eb.or([eb("m.transfer_out_on", "is", null), eb("m.transfer_out_on", ">", on)]))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async function createMeeting(who: Who, input: TMeetingCreate, exec?: Ex) {
    return run(exec, async (trx) => {
      const org = await partyOrg(trx, who.scope, input.orgId);
      notPast(input.heldOn, { zh: "会议日期", en: "Meeting date" });
      if ((input.type === "党委会议" || input.type === "党建工作部署总结会") && !["党委", "党总支"].includes(org.level))
        throw rule(
          `${input.type}由党委（党总支）召开，${org.name}是${org.level}`,
          `A ${input.type} is held by a party committee; ${org.name} is a ${org.level}`,
        );
      if (input.type === "支委会" && org.level !== "党支部" && org.level !== "党总支")
        throw rule(`支委会由党支部召开，${org.name}是${org.level}`, `A branch committee meeting is held by a branch; ${org.name} is a ${org.level}`);
      if (org.founded_on && input.heldOn < org.founded_on)
        throw errors.badRequest(`会议日期早于${org.name}成立日期（${org.founded_on}）`, `The meeting predates the founding of ${org.name} (${org.founded_on})`);
      const due = await membersDue(trx, org.org_id, input.type, input.heldOn);
      const seen = new Set<string>();
      for (const a of input.attendance) {
        if (seen.has(a.memberId)) throw errors.badRequest("参会名单中有重复人员", "A member appears twice in the attendance");
        seen.add(a.memberId);
        if (!due.has(a.memberId)) {
          const m = await trx
            .selectFrom("party_members as m")
            .innerJoin("people as p", "p.id", "m.person_id")
            .select("p.name")
            .where("m.id", "=", a.memberId)
            .executeTakeFirst();
          const name = m?.name ?? a.memberId;
          const committee = COMMITTEE_TYPES.includes(input.type);
          throw rule(
            `${name}不是${org.name}${committee ? "的委员" : "的党员"}，不能登记为${input.type}的参会人员（会议只登记应到人员的出席情况）`,
            `${name} is not a ${committee ? "committee member" : "member"} of ${org.name} and cannot attend its ${input.type} (attendance is taken against the members due)`,
          );
        }
      }
      const status = new Map(input.attendance.map((a) => [a.memberId, a.status]));
      const present = [...due].filter((id) => status.get(id) === "present").length;
      const onLeave = [...due].filter((id) => status.get(id) === "leave").length;
      const quorumRequired = QUORUM_TYPES.includes(input.type);
      if (input.photoFileIds.length) {
        const found = await trx.selectFrom("files").select("id").where("id", "in", input.photoFileIds).execute();
        if (found.length !== new Set(input.photoFileIds).size) throw errors.badRequest("照片附件不存在", "A photo attachment does not exist");
      }
      const row = {
        id: uuidv7(clock.now().getTime()),
        community_id: org.community_id,
        org_id: org.org_id,
        type: input.type,
        held_on: input.heldOn,
        held_month: input.heldOn.slice(0, 7),
        place: input.place ?? null,
        topic: input.topic,
        host: input.host ?? null,
        due: due.size,
        present,
        on_leave: onLeave,
        absent: due.size - present - onLeave,
        quorum_required: quorumRequired ? 1 : 0,
        // More than half of the members due present [A, 支部工作条例].
        quorum_met: quorumRequired ? (present * 2 > due.size ? 1 : 0) : null,
        minutes: input.minutes ?? null,
        resolutions: input.resolutions ?? null,
        photos: JSON.stringify(input.photoFileIds),
        created_at: clock.now().toISOString(),
      };
      await trx.insertInto("party_meetings").values(row).execute();
      if (due.size)
        await trx
          .insertInto("party_attendance")
          .values([...due].map((id) => ({ meeting_id: row.id, member_id: id, community_id: row.community_id, status: status.get(id) ?? "absent" })))
          .execute();
      await log(trx, who, "party.meeting.create", "party_meeting", row.id, row.community_id, { ...row, minutes: undefined });
      return row.id;
    });
  }

  function toMeeting(r: any): TMeeting {
    return {
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      type: r.type,
      heldOn: r.held_on,
      place: r.place,
      topic: r.topic,
      host: r.host,
      due: r.due,
      present: r.present,
      onLeave: r.on_leave,
      absent: r.absent,
      quorumRequired: !!r.quorum_required,
      quorumMet: r.quorum_met === null ? null : !!r.quorum_met,
      minutes: r.minutes,
      resolutions: r.resolutions,
      photoFileIds: JSON.parse(r.photos ?? "[]"),
    };
  }
  type MeetingFilter = { orgId?: string; type?: string; from?: string; to?: string };
  function filteredMeetings(scope: Scope, f: MeetingFilter) {
    let q = meetingsInScope(db, scope);
    if (f.orgId) q = q.where("mt.org_id", "=", f.orgId);
    if (f.type) q = q.where("mt.type", "=", f.type);
    if (f.from) q = q.where("mt.held_on", ">=", f.from);
    if (f.to) q = q.where("mt.held_on", "<=", f.to);
    return q;
  }

  // ---------------- compliance ----------------
  type Period = { key: string; start: string; end: string };
  function periods(year: number, perYear: 1 | 2 | 4 | 12): Period[] {
    const out: Period[] = [];
    const len = 12 / perYear;
    for (let i = 0; i < perYear; i++) {
      const m0 = i * len + 1;
      const m1 = m0 + len - 1;
      const start = `${year}-${String(m0).padStart(2, "0")}-01`;
      const end = monthEnd(`${year}-${String(m1).padStart(2, "0")}`);
      const key =
        perYear === 12 ? `${year}-${String(m0).padStart(2, "0")}` : perYear === 4 ? `${year}Q${i + 1}` : perYear === 2 ? `${year}H${i + 1}` : `${year}`;
      out.push({ key, start, end });
    }
    return out;
  }

  /** Per branch, the meetings the rules require in each period of a year, and which are missing or short of quorum. */
  async function compliance(scope: Scope, year: number, asOf = today()) {
    const lessons = await settings.get(PARTY_SETTINGS.lessonsPerYear, scope.path);
    const remind = await settings.get(PARTY_SETTINGS.reminderDays, scope.path);
    const branches = (await listOrgs(scope)).filter((o) => o.level === "党支部");
    const groups = await partyOrgsInScope(db, scope).select(["po.org_id", "o.parent_id"]).where("po.level", "=", "党小组").execute();
    const meetings = await meetingsInScope(db, scope)
      .select(["mt.org_id", "mt.type", "mt.held_on", "mt.quorum_met", "o.parent_id"])
      .where("mt.held_on", ">=", `${year}-01-01`)
      .where("mt.held_on", "<=", `${year}-12-31`)
      .execute();
    const rows = branches.map((b) => {
      const myGroups = new Set(groups.filter((g) => g.parent_id === b.id).map((g) => g.org_id));
      const hasCommittee = b.posts.length >= 3;
      const rules: Array<[MeetingType, 1 | 2 | 4 | 12]> = [
        ["主题党日", 12],
        ...(hasCommittee ? ([["支委会", 12]] as Array<[MeetingType, 12]>) : []),
        ...(myGroups.size ? ([["党小组会", 12]] as Array<[MeetingType, 12]>) : []),
        ["支部党员大会", 4],
        ["党课", lessons],
        ["组织生活会", 1],
        ["民主评议", 1],
      ];
      const missing: z.infer<typeof import("../../../contracts/party.js").ZComplianceItem>[] = [];
      const reminders: typeof missing = [];
      const items: typeof missing = [];
      let required = 0;
      let met = 0;
      for (const [type, perYear] of rules) {
        for (const p of periods(year, perYear)) {
          if (p.start > asOf) continue;
          if (b.foundedOn && b.foundedOn > p.end) continue;
          const held = meetings.filter(
            (m) => m.type === type && m.held_on >= p.start && m.held_on <= p.end && (m.org_id === b.id || (type === "党小组会" && myGroups.has(m.org_id))),
          );
          const ok = held.some((m) => m.quorum_met !== 0);
          const item = { type, period: p.key, periodEnd: p.end, held: held.length };
          if (p.end >= asOf) {
            // The current period: not yet missing; a reminder when its end is near.
            if (!ok && asOf >= addDaysBack(p.end, remind)) reminders.push({ ...item, status: "due_soon" });
            continue;
          }
          required++;
          if (ok) met++;
          else missing.push({ ...item, status: held.length ? "short_quorum" : "missing" });
          items.push({ ...item, status: ok ? "ok" : held.length ? "short_quorum" : "missing" });
        }
      }
      return { orgId: b.id, orgName: b.name, required, met, missing, reminders, items };
    });
    return { year, asOf, rows };
  }

  // ---------------- elections and boards ----------------
  type ElectionFilter = { orgId?: string; kind?: string; from?: string; to?: string };
  function filteredElections(scope: Scope, f: ElectionFilter) {
    let q = electionsInScope(db, scope);
    if (f.orgId) q = q.where("e.org_id", "=", f.orgId);
    if (f.kind) q = q.where("e.kind", "=", f.kind);
    if (f.from) q = q.where("e.held_on", ">=", f.from);
    if (f.to) q = q.where("e.held_on", "<=", f.to);
    return q;
  }
  function toElection(r: any): TElection {
    return {
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      orgKind: r.org_kind,
      kind: r.kind,
      heldOn: r.held_on,
      termStart: r.term_start,
      termEnd: r.term_end,
      approvingBody: r.approving_body,
      documentNo: r.document_no,
      post: r.post,
      personName: r.person_name ?? null,
      removedPersonName: r.removed_name ?? null,
      votesDue: r.votes_due,
      votesCast: r.votes_cast,
      votesFor: r.votes_for,
      note: r.note,
    };
  }
  async function createElection(who: Who, input: TElectionCreate, exec?: Ex) {
    return run(exec, async (trx) => {
      const o = await trx
        .selectFrom("organisations as o")
        .leftJoin("party_orgs as po", "po.org_id", "o.id")
        .select(["o.id", "o.name", "o.kind", "o.community_id", "po.level", "po.term_end", "po.term_start"])
        .where("o.id", "=", input.orgId)
        .executeTakeFirst();
      if (!o) throw errors.notFound({ zh: "组织", en: "Organisation" });
      await orgsSvc.get(who.scope, o.id, trx);
      notPast(input.heldOn, { zh: "选举/任免日期", en: "Election date" });
      if (!o.level && o.kind !== "股份合作公司")
        throw errors.badRequest("只能登记党组织或股份合作公司的换届、补选和任免", "Only party organisations and joint-stock cooperatives have elections here");
      if (input.votesDue != null && input.votesCast != null && input.votesCast > input.votesDue)
        throw errors.badRequest("实到人数不能多于应到人数", "More voters present than due");
      if (input.votesFor != null && input.votesCast != null && input.votesFor > input.votesCast)
        throw errors.badRequest("赞成票不能多于实到人数", "More votes for than voters present");
      if (input.kind === "换届") {
        if (!input.termStart || !input.termEnd) throw errors.badRequest("换届须填写新一届任期", "A term election needs the new term");
        if (input.termEnd <= input.termStart) throw errors.badRequest("任期结束日期须晚于开始日期", "The term must end after it starts");
        // A delay or advance needs approval and is at most one year [A].
        if (o.term_end && (input.heldOn > addMonths(o.term_end, 12) || input.heldOn < addMonths(o.term_end, -12)))
          throw rule(
            `换届应按期进行，延期或提前换届不超过一年（本届任期至${o.term_end}）`,
            `Elections are held on schedule; a delay or advance is at most one year (this term ends ${o.term_end})`,
          );
        if (o.level)
          await trx
            .updateTable("party_orgs")
            .set({ term_start: input.termStart, term_end: input.termEnd, updated_at: clock.now().toISOString() })
            .where("org_id", "=", o.id)
            .execute();
      } else {
        if (!o.level) throw errors.badRequest("补选和任免只适用于党组织", "By-elections and appointments apply to party organisations");
        if (!input.post || !input.personId) throw errors.badRequest("请填写职务和人员", "The post and the person are required");
        if (input.kind === "补选") {
          if (input.votesDue == null || input.votesCast == null || input.votesFor == null)
            throw errors.badRequest("补选须填写应到、实到和赞成票数", "A by-election needs the votes due, cast and for");
          if (input.votesCast * 2 <= input.votesDue)
            throw rule(
              `补选须有超过半数的应到党员到会（应到${input.votesDue}，实到${input.votesCast}）`,
              `More than half of the members due must attend a by-election (${input.votesCast} of ${input.votesDue})`,
            );
          if (input.votesFor * 2 <= input.votesCast)
            throw rule(
              `当选须获得实到会党员过半数的赞成票（实到${input.votesCast}，赞成${input.votesFor}）`,
              `Election needs more than half of the votes of those present (${input.votesFor} of ${input.votesCast})`,
            );
        }
        if (input.removedPersonId) {
          const held = await activePostsOn(trx, input.heldOn)
            .select(["ps.id"])
            .where("ps.org_id", "=", o.id)
            .where("ps.person_id", "=", input.removedPersonId)
            .where("ps.post", "=", input.post)
            .executeTakeFirst();
          if (!held)
            throw errors.badRequest(
              `被免职人员在${input.heldOn}未担任${o.name}${input.post}`,
              `The person removed did not hold ${input.post} of ${o.name} on ${input.heldOn}`,
            );
          await endPost(who, held.id, input.heldOn, trx);
        }
        await addPost(
          who,
          { orgId: o.id, personId: input.personId, post: input.post, termStart: input.heldOn, termEnd: o.term_end, certified: input.certified },
          trx,
        );
      }
      const row = {
        id: uuidv7(clock.now().getTime()),
        community_id: o.community_id,
        org_id: o.id,
        kind: input.kind,
        held_on: input.heldOn,
        term_start: input.termStart ?? null,
        term_end: input.termEnd ?? null,
        approving_body: input.approvingBody,
        document_no: input.documentNo ?? null,
        post: input.post ?? null,
        person_id: input.personId ?? null,
        removed_person_id: input.removedPersonId ?? null,
        votes_due: input.votesDue ?? null,
        votes_cast: input.votesCast ?? null,
        votes_for: input.votesFor ?? null,
        note: input.note ?? null,
        created_at: clock.now().toISOString(),
      };
      await trx.insertInto("party_elections").values(row).execute();
      await log(trx, who, `party.election.${input.kind}`, "party_election", row.id, row.community_id, row);
      return row.id;
    });
  }

  async function addBoardMember(who: Who, input: TBoardCreate, exec?: Ex) {
    return run(exec, async (trx) => {
      const c = await orgsSvc.get(who.scope, input.companyId, trx);
      if (c.kind !== "股份合作公司") throw errors.badRequest("董事会只登记股份合作公司", "Boards are recorded for joint-stock cooperatives");
      const p = await person(trx, who.scope, input.personId);
      if (input.termEnd && input.termEnd <= input.termStart) throw errors.badRequest("任期结束日期须晚于开始日期", "The term must end after it starts");
      const end = input.termEnd ?? "9999-12-31";
      const clash = await trx
        .selectFrom("company_board as b")
        .innerJoin("people as p", "p.id", "b.person_id")
        .select(["p.name", "b.term_start", "b.term_end", "b.ended_on", "b.post", "b.person_id"])
        .where("b.company_id", "=", c.id)
        .where((eb) => eb.or([eb("b.ended_on", "is", null), eb("b.ended_on", ">", input.termStart)]))
        .where((eb) => eb.or([eb("b.person_id", "=", p.id), ...(input.post === "董事长" || input.post === "监事长" ? [eb("b.post", "=", input.post)] : [])]))
        .execute();
      for (const o of clash) {
        // An ended membership holds until the day before ended_on; else until its term ends.
        const oEnd = o.ended_on ?? o.term_end ?? "9999-12-31";
        if (o.term_start < end && input.termStart < oEnd)
          throw rule(
            `${c.name}的${o.post}任期重叠：${o.name}任期${o.term_start}至${o.ended_on ?? o.term_end ?? "今"}`,
            `Overlapping board terms at ${c.name}: ${o.name} is ${o.post} from ${o.term_start} to ${o.ended_on ?? o.term_end ?? "now"}`,
          );
      }
      const row = {
        id: uuidv7(clock.now().getTime()),
        community_id: c.communityId,
        company_id: c.id,
        person_id: p.id,
        post: input.post,
        term_start: input.termStart,
        term_end: input.termEnd ?? null,
        ended_on: null,
        created_at: clock.now().toISOString(),
      };
      await trx.insertInto("company_board").values(row).execute();
      await log(trx, who, "party.board.create", "company_board", row.id, row.community_id, row);
      return row.id;
    });
  }

  /**
   * Ends a board or supervisory-board membership on `on` (the first day it is no longer held). The
   * chair too: the company then has no chair until one is added. Ended members leave the board list
   * and, from that day, the 一肩挑 and 交叉任职 figures.
   */
  async function endBoardMember(who: Who, id: string, input: TBoardEnd, exec?: Ex) {
    return run(exec, async (trx) => {
      const b = await boardInScope(trx, who.scope).selectAll("b").select(["c.name as company_name", "p.name"]).where("b.id", "=", id).executeTakeFirst();
      if (!b) throw errors.notFound({ zh: "董事会成员", en: "Board member" });
      if (b.ended_on) throw errors.conflict(`${b.name}的${b.post}职务已于${b.ended_on}终止`, `${b.name} left the post of ${b.post} on ${b.ended_on}`);
      notPast(input.on, { zh: "离任日期", en: "End date" });
      if (input.on <= b.term_start) throw errors.badRequest(`离任日期须晚于任期开始（${b.term_start}）`, `A membership ends after it starts (${b.term_start})`);
      await trx.updateTable("company_board").set({ ended_on: input.on }).where("id", "=", id).execute();
      const { company_name, name, ...before } = b;
      await log(trx, who, "party.board.end", "company_board", id, b.community_id, { ended_on: input.on, company: company_name, person: name }, before);
    });
  }

  // ---------------- development pipeline ----------------
  async function applicantRow(exec: Ex, scope: Scope, id: string) {
    const a = await applicantsInScope(exec, scope).selectAll("a").select(["p.name", "p.birth_date"]).where("a.id", "=", id).executeTakeFirst();
    if (!a) throw errors.notFound({ zh: "入党申请人", en: "Applicant" });
    return a;
  }
  async function stepsOf(exec: Ex, applicantId: string) {
    return exec.selectFrom("party_steps").selectAll().where("applicant_id", "=", applicantId).orderBy("step").orderBy("created_at").execute();
  }
  async function doneOn(exec: Ex, applicantId: string, step: number) {
    const r = await exec
      .selectFrom("party_steps")
      .select("done_on")
      .where("applicant_id", "=", applicantId)
      .where("step", "=", step)
      .where("passed", "=", 1)
      .executeTakeFirst();
    return r?.done_on ?? null;
  }

  /**
   * The publicity period [B] and the working-day calendar it is counted in (public holidays and
   * 调休 are settings), read through `exec`: inside a transaction, the transaction.
   */
  async function publicityRules(exec: Ex, regionPath: string): Promise<PublicityRules> {
    const pub = await settingFrom(exec, PARTY_SETTINGS.publicityWorkingDays, regionPath);
    const holidays = await settingFrom(exec, PARTY_SETTINGS.publicHolidays, regionPath);
    const workdays = await settingFrom(exec, PARTY_SETTINGS.adjustedWorkdays, regionPath);
    return { pub, cal: workCalendar(holidays, workdays) };
  }

  function nextOf(
    a: Pick<PartyApplicantTable, "status" | "last_step" | "applied_on" | "probation_start" | "probation_end">,
    steps: Array<{ step: number; done_on: string; passed: number }>,
    { pub, cal }: PublicityRules,
    t: string,
  ) {
    if (a.status === "stopped" || a.last_step >= 25) return null;
    const n = a.last_step + 1;
    const on = (s: number) => steps.find((x) => x.step === s && x.passed)?.done_on ?? null;
    let earliest: string | null = null;
    let due: string | null = null;
    if (n === 2) due = addMonths(a.applied_on, 1);
    if (n === 7 && on(3)) earliest = addMonths(on(3) as string, 12);
    if (n === 15 && on(13)) earliest = addWorkingDays(on(13) as string, pub, cal);
    if (n === 17 && a.probation_start) due = addMonths(a.probation_start, 3);
    if ((n === 22 || n === 23) && a.probation_end) earliest = a.probation_end;
    return { step: n, earliest, due, overdue: !!due && t > due };
  }

  function toApplicant(r: any, steps: any[], rules: PublicityRules, t: string): TApplicant {
    return {
      id: r.id,
      personId: r.person_id,
      name: r.name,
      gender: r.gender,
      age: ageOn(r.birth_date, t),
      idNumber: maskIdNumber(r.id_number),
      orgId: r.org_id,
      orgName: r.org_name,
      status: r.status,
      stage: r.stage,
      lastStep: r.last_step,
      appliedOn: r.applied_on,
      probationStart: r.probation_start,
      probationEnd: r.probation_end,
      extendedMonths: r.extended_months,
      next: nextOf(r, steps, rules, t),
    };
  }

  async function checkDocs(step: number, docs: TStepRecord["documents"]) {
    for (const d of stepName(step).docs) {
      const got = docs.find((x) => x.name === d);
      if (!got || !(got.fileId || got.paper))
        throw rule(
          `${stepLabel(step).zh}缺少材料「${d}」：请上传或标记为纸质已归档`,
          `${stepLabel(step).en} lacks the document "${d}": upload it or mark it filed on paper`,
        );
    }
  }

  async function fullMembers(exec: Ex, ids: string[], communityId: string, what: { zh: string; en: string }) {
    const rows = await exec
      .selectFrom("party_members as m")
      .innerJoin("people as p", "p.id", "m.person_id")
      .select(["m.id", "m.status", "p.name", "m.community_id"])
      .where("m.id", "in", ids)
      .execute();
    for (const id of ids) {
      const m = rows.find((r) => r.id === id);
      if (!m || m.community_id !== communityId) throw errors.notFound({ zh: "党员", en: "Party member" });
      if (m.status !== "full")
        throw rule(
          `${m.name}是${m.status === "probationary" ? "预备党员" : "已转出党员"}，${what.zh}须为正式党员`,
          `${m.name} is not a full member: ${what.en} must be full members`,
        );
    }
    return rows;
  }

  async function createApplicant(who: Who, input: TApplicantCreate, exec?: Ex) {
    return run(exec, async (trx) => {
      const org = await partyOrg(trx, who.scope, input.orgId);
      if (org.level !== "党支部" && org.level !== "党总支") throw errors.badRequest("入党申请向党支部提出", "An application is made to a party branch");
      const p = await person(trx, who.scope, input.personId);
      notPast(input.appliedOn, { zh: "申请日期", en: "Application date" });
      const age = ageOn(p.birth_date, input.appliedOn);
      if (age === null) throw errors.badRequest("人员缺少出生日期，无法核对年龄", "The person has no birth date to check the age against");
      if (age < 18) throw rule(`申请入党须年满18周岁（${p.name}申请时${age}岁）`, `An applicant must be at least 18 years old (${p.name} was ${age})`);
      const busy = await trx
        .selectFrom("party_applicants")
        .select("id")
        .where("person_id", "=", p.id)
        .where("status", "in", ["active", "probationary"])
        .executeTakeFirst();
      if (busy) throw errors.conflict(`${p.name}已在发展流程中`, `${p.name} is already in the pipeline`);
      const isMember = await trx
        .selectFrom("party_members")
        .select("id")
        .where("person_id", "=", p.id)
        .where("status", "!=", "transferred_out")
        .executeTakeFirst();
      if (isMember) throw errors.conflict(`${p.name}已是党员`, `${p.name} is already a party member`);
      await checkDocs(1, input.documents);
      const now = clock.now().toISOString();
      const row: PartyApplicantTable = {
        id: uuidv7(clock.now().getTime()),
        community_id: org.community_id,
        person_id: p.id,
        org_id: org.org_id,
        status: "active",
        last_step: 1,
        stage: 1,
        last_step_on: input.appliedOn,
        applied_on: input.appliedOn,
        admitted_on: null,
        probation_start: null,
        probation_end: null,
        extended_months: 0,
        member_id: null,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto("party_applicants").values(row).execute();
      await trx
        .insertInto("party_steps")
        .values({
          id: uuidv7(clock.now().getTime()),
          community_id: row.community_id,
          applicant_id: row.id,
          step: 1,
          done_on: input.appliedOn,
          passed: 1,
          member_ids: "[]",
          documents: JSON.stringify(input.documents),
          vote: null,
          training_hours: null,
          conclusion: null,
          note: null,
          recorded_by: actorName(who),
          created_at: now,
        })
        .execute();
      await log(trx, who, "party.applicant.create", "party_applicant", row.id, row.community_id, { ...row, person: p.name });
      return row.id;
    });
  }

  /** Records the next step of an applicant, refusing it out of order or too early with the rule it breaks. */
  async function recordStep(who: Who, id: string, input: TStepRecord, exec?: Ex, approving = false) {
    return run(exec, async (trx) => {
      const { pub, cal } = await publicityRules(trx, who.scope.path);
      const a = await applicantRow(trx, who.scope, id);
      const n = input.step;
      const isApproval = (APPROVAL_STEPS as readonly number[]).includes(n);
      if (isApproval && !approving)
        throw rule(
          `${stepLabel(n).zh}由街道党工委审批，请使用「审批」`,
          `${stepLabel(n).en} is decided by the subdistrict party working committee: use Approve`,
        );
      if (!isApproval && approving) throw errors.badRequest("只有第17、24步是审批", "Only steps 17 and 24 are approvals");
      if (approving) {
        // A 社区党委 does not approve 预备党员: the 街道党工委 does [A].
        const own = who.user
          ? await trx.selectFrom("regions").select("level").where("id", "=", who.user.scopeRegionId).executeTakeFirst()
          : { level: who.scope.level };
        if (!own || levelRank(own.level) > levelRank("subdistrict"))
          throw new AppError(403, "PARTY_RULE", {
            zh: "社区党委无权审批预备党员的接收和转正，须由街道党工委审批",
            en: "A community party committee does not approve probationary or full membership: the subdistrict party working committee does",
          });
      }
      if (a.status === "stopped" || (a.status === "full" && a.last_step >= 25))
        throw errors.conflict("该申请人的发展流程已结束", "This applicant's pipeline has ended");
      const expected = a.last_step + 1;
      if (n !== expected) {
        if (n <= a.last_step) throw rule(`${stepLabel(n).zh}已办理`, `${stepLabel(n).en} is already done`);
        throw rule(
          `须按顺序办理：下一步是${stepLabel(expected).zh}，不能跳到${stepLabel(n).zh}`,
          `Steps go in order: the next is ${stepLabel(expected).en}, not ${stepLabel(n).en}`,
        );
      }
      const d = input.doneOn;
      notPast(d, { zh: "办理日期", en: "Step date" });
      if (d < a.last_step_on)
        throw rule(`${stepLabel(n).zh}的日期不能早于上一步（${a.last_step_on}）`, `${stepLabel(n).en} cannot precede the previous step (${a.last_step_on})`);
      await checkDocs(n, input.documents);
      const patch: Partial<PartyApplicantTable> = {};
      let passed = true;
      let memberNames: string[] = [];
      switch (n) {
        case 5: {
          const ids = [...new Set(input.memberIds)];
          if (ids.length < 1 || ids.length > 2) throw rule("须指定1至2名正式党员作为培养联系人", "One or two full members are assigned as contact persons");
          memberNames = (await fullMembers(trx, ids, a.community_id, { zh: "培养联系人", en: "contact persons" })).map((m) => m.name);
          break;
        }
        case 7: {
          const s3 = await doneOn(trx, a.id, 3);
          const earliest = addMonths(s3 as string, 12);
          if (d < earliest)
            throw rule(
              `确定为发展对象须经一年以上的培养教育和考察：确定为积极分子于${s3}，最早${earliest}`,
              `An activist is trained and observed for at least one year before becoming a candidate: activist since ${s3}, earliest ${earliest}`,
            );
          break;
        }
        case 9: {
          const ids = [...new Set(input.memberIds)];
          if (ids.length !== 2) throw rule("须有2名正式党员作入党介绍人", "Two full members act as sponsors");
          memberNames = (await fullMembers(trx, ids, a.community_id, { zh: "入党介绍人", en: "sponsors" })).map((m) => m.name);
          break;
        }
        case 10:
          if (!input.conclusion) throw rule("政治审查须形成结论性材料，请填写审查结论", "A political review ends with a written conclusion: enter it");
          break;
        case 11:
          if ((input.trainingHours ?? 0) < 24)
            throw rule(
              `发展对象须经集中培训，时间不少于3天或24学时（登记${input.trainingHours ?? 0}学时）`,
              `Central training of at least 3 days or 24 hours (${input.trainingHours ?? 0} h recorded)`,
            );
          break;
        case 15:
        case 23: {
          if (n === 15) {
            const s13 = await doneOn(trx, a.id, 13);
            const earliest = addWorkingDays(s13 as string, pub, cal);
            if (d < earliest)
              throw rule(
                `支部大会讨论前须公示${pub}个工作日：公示始于${s13}，最早${earliest}`,
                `Publicity of ${pub} working days before the branch vote: from ${s13}, earliest ${earliest}`,
              );
          } else if (a.probation_end && d < a.probation_end)
            throw rule(
              `预备期满方可讨论转正：预备期至${a.probation_end}`,
              `Full membership is discussed when probation ends: probation until ${a.probation_end}`,
            );
          const v = input.vote;
          if (!v) throw errors.badRequest("支部大会表决须登记应到、实到和表决票数", "A branch vote needs members due, present and the votes");
          if (v.present > v.due) throw errors.badRequest("实到人数不能多于应到人数", "More members present than due");
          if (v.yes + v.no + v.abstain > v.present) throw errors.badRequest("表决票数不能多于实到人数", "More votes than members present");
          if (v.writtenYes + v.writtenNo > v.due - v.present)
            throw errors.badRequest("书面意见只能来自未到会党员", "Written opinions come only from absent members");
          // More than half of the members due present, and more than half of the members due in favour (written opinions count) [A].
          passed = v.present * 2 > v.due && (v.yes + v.writtenYes) * 2 > v.due;
          break;
        }
        case 17: {
          const s15 = await doneOn(trx, a.id, 15);
          const limit = addMonths(s15 as string, input.extended ? 6 : 3);
          if (d > limit)
            throw rule(
              input.extended
                ? `审批期限最长6个月：支部大会于${s15}，期限至${limit}`
                : `上级党委应在支部大会通过后3个月内审批（特殊情况经批准可延至6个月）：支部大会于${s15}，期限至${limit}`,
              input.extended
                ? `Approval within at most 6 months: vote on ${s15}, limit ${limit}`
                : `Approval within 3 months of the branch vote (6 with an approved extension): vote on ${s15}, limit ${limit}`,
            );
          patch.status = "probationary";
          patch.admitted_on = d;
          // Probation is one year from the branch vote [A].
          patch.probation_start = s15;
          patch.probation_end = addMonths(s15 as string, 12);
          const memberId = await createMember(
            who,
            { personId: a.person_id, orgId: a.org_id, status: "probationary", joinedOn: s15 as string, mobile: false, lostContact: false },
            trx,
          );
          patch.member_id = memberId;
          break;
        }
        case 24: {
          if (a.status !== "probationary") throw errors.conflict("只有预备党员可以转正", "Only a probationary member becomes a full member");
          patch.status = "full";
          if (a.member_id)
            await trx
              .updateTable("party_members")
              .set({ status: "full", full_on: a.probation_end, updated_at: clock.now().toISOString() })
              .where("id", "=", a.member_id)
              .execute();
          break;
        }
      }
      if (n >= 18 && n <= 23 && a.status !== "probationary") throw errors.conflict("该步骤只适用于预备党员", "This step is for probationary members");
      const now = clock.now().toISOString();
      const stepRow = {
        id: uuidv7(clock.now().getTime()),
        community_id: a.community_id,
        applicant_id: a.id,
        step: n,
        done_on: d,
        passed: passed ? 1 : 0,
        member_ids: JSON.stringify(input.memberIds),
        documents: JSON.stringify(input.documents),
        vote: input.vote ? JSON.stringify(input.vote) : null,
        training_hours: input.trainingHours ?? null,
        conclusion: input.conclusion ?? null,
        note: input.note ?? (memberNames.length ? memberNames.join("、") : null),
        recorded_by: actorName(who),
        created_at: now,
      };
      await trx.insertInto("party_steps").values(stepRow).execute();
      // A vote that misses the majority is recorded as failed; the applicant stays where they were.
      if (passed) {
        await trx
          .updateTable("party_applicants")
          .set({ ...patch, last_step: n, stage: stepName(n).stage, last_step_on: d, updated_at: now })
          .where("id", "=", a.id)
          .execute();
      }
      await log(trx, who, passed ? `party.step.${n}` : `party.step.${n}.failed`, "party_applicant", a.id, a.community_id, stepRow);
      return { passed, step: n };
    });
  }

  async function extendProbation(who: Who, id: string, input: z.infer<typeof ZExtendProbation>) {
    return db.transaction().execute(async (trx) => {
      const a = await applicantRow(trx, who.scope, id);
      if (a.status !== "probationary") throw errors.conflict("只有预备党员可以延长预备期", "Only a probationary member's probation can be extended");
      if (a.extended_months > 0) throw rule("预备期只能延长一次（6至12个月）", "Probation can be extended once only (6–12 months)");
      if (a.last_step >= 23) throw errors.conflict("转正表决后不能延长预备期", "Probation cannot be extended after the vote on full membership");
      notPast(input.decidedOn, { zh: "决定日期", en: "Decision date" });
      const end = addMonths(a.probation_end as string, input.months);
      await trx
        .updateTable("party_applicants")
        .set({ extended_months: input.months, probation_end: end, updated_at: clock.now().toISOString() })
        .where("id", "=", a.id)
        .execute();
      await log(trx, who, "party.probation.extend", "party_applicant", a.id, a.community_id, { ...input, probation_end: end });
    });
  }

  return {
    today,
    partyOrg,
    listOrgs,
    createOrg,
    updateOrg,
    addPost,
    endPost,
    createMember,
    toMember,
    MEMBER_COLS,
    filteredMembers,
    async listMembers(scope: Scope, f: MemberFilter & { page: number; pageSize: number }) {
      const base = filteredMembers(scope, f);
      const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await base
        .select([...MEMBER_COLS])
        .orderBy("o.name")
        .orderBy("p.name")
        .orderBy("m.id")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      const t = today();
      return { items: rows.map((r) => toMember(r, t)), total, page: f.page, pageSize: f.pageSize };
    },
    async memberRows(who: Who, f: MemberFilter) {
      const rows = await filteredMembers(who.scope, f)
        .select([...MEMBER_COLS])
        .orderBy("o.name")
        .orderBy("p.name")
        .limit(100_000)
        .execute();
      await audit.append(db, {
        actorId: actorId(who),
        actorName: actorName(who),
        action: "party.member.export",
        entity: "party_member",
        after: { filter: f, rows: rows.length },
        ip: who.ip,
      });
      const t = today();
      return rows.map((r) => toMember(r, t));
    },
    async getMember(scope: Scope, id: string) {
      const r = await membersWithProbation(scope)
        .select([...MEMBER_COLS])
        .where("m.id", "=", id)
        .executeTakeFirst();
      if (!r) throw errors.notFound({ zh: "党员", en: "Party member" });
      return toMember(r, today());
    },
    async updateMember(who: Who, id: string, input: z.infer<typeof ZMemberUpdate>) {
      await db.transaction().execute(async (trx) => {
        const m = await member(trx, who.scope, id);
        if (input.groupId) {
          const g = await partyOrg(trx, who.scope, input.groupId);
          if (g.level !== "党小组" || g.parent_id !== m.org_id)
            throw errors.badRequest("所选党小组不属于该党员所在党支部", "The group chosen is not in this member's branch");
        }
        const patch: Partial<PartyMemberTable> = { updated_at: clock.now().toISOString() };
        if (input.groupId !== undefined) patch.group_id = input.groupId;
        if (input.education !== undefined) patch.education = input.education;
        if (input.mobile !== undefined) patch.mobile = input.mobile ? 1 : 0;
        if (input.lostContact !== undefined) patch.lost_contact = input.lostContact ? 1 : 0;
        await trx.updateTable("party_members").set(patch).where("id", "=", id).execute();
        await log(trx, who, "party.member.update", "party_member", id, m.community_id, patch);
      });
    },
    async transferOut(who: Who, id: string, input: z.infer<typeof ZTransferOut>) {
      await db.transaction().execute(async (trx) => {
        const m = await member(trx, who.scope, id);
        if (m.status === "transferred_out") throw errors.conflict("该党员已转出", "This member has already been transferred out");
        notPast(input.on, { zh: "转出日期", en: "Transfer date" });
        if (input.on < m.joined_on) throw errors.badRequest("转出日期不能早于入党日期", "A transfer cannot precede joining");
        await trx
          .updateTable("party_members")
          .set({ status: "transferred_out", transfer_out_on: input.on, transfer_out_to: input.to, updated_at: clock.now().toISOString() })
          .where("id", "=", id)
          .execute();
        await log(trx, who, "party.member.transfer_out", "party_member", id, m.community_id, input);
      });
    },
    /** Extends a probationary member's probation (once, 6–12 months) on the pipeline record that admitted them. */
    async extendMemberProbation(who: Who, id: string, input: z.infer<typeof ZExtendProbation>) {
      const m = await member(db, who.scope, id);
      if (m.status !== "probationary") throw errors.conflict("只有预备党员可以延长预备期", "Only a probationary member's probation can be extended");
      const a = await db.selectFrom("party_applicants").select("id").where("member_id", "=", id).executeTakeFirst();
      if (!a)
        throw rule(
          `${m.name}不是经本系统发展流程接收的预备党员，没有预备期记录，不能在此延长预备期`,
          `${m.name} was not admitted through the development pipeline here: there is no probation on record to extend`,
        );
      await extendProbation(who, a.id, input);
    },
    async appraise(who: Who, id: string, input: z.infer<typeof ZAppraisal>, exec?: Ex) {
      await run(exec, async (trx) => {
        const m = await member(trx, who.scope, id);
        if (input.year > Number(today().slice(0, 4))) throw errors.badRequest("评议年度不能晚于今年", "The appraisal year cannot be in the future");
        await trx
          .updateTable("party_members")
          .set({ appraisal_year: input.year, appraisal_result: input.result, updated_at: clock.now().toISOString() })
          .where("id", "=", id)
          .execute();
        await log(trx, who, "party.member.appraise", "party_member", id, m.community_id, input);
      });
    },
    membersDue,
    createMeeting,
    toMeeting,
    filteredMeetings,
    async listMeetings(scope: Scope, f: MeetingFilter & { page: number; pageSize: number }) {
      const base = filteredMeetings(scope, f);
      const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await base
        .selectAll("mt")
        .select("o.name as org_name")
        .orderBy("mt.held_on", "desc")
        .orderBy("mt.id")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return { items: rows.map(toMeeting), total, page: f.page, pageSize: f.pageSize };
    },
    async getMeeting(scope: Scope, id: string) {
      const r = await meetingsInScope(db, scope).selectAll("mt").select("o.name as org_name").where("mt.id", "=", id).executeTakeFirst();
      if (!r) throw errors.notFound({ zh: "会议", en: "Meeting" });
      const att = await db
        .selectFrom("party_attendance as a")
        .innerJoin("party_members as m", "m.id", "a.member_id")
        .innerJoin("people as p", "p.id", "m.person_id")
        .select(["a.member_id", "p.name", "a.status"])
        .where("a.meeting_id", "=", id)
        .orderBy("p.name")
        .execute();
      return { ...toMeeting(r), attendance: att.map((x) => ({ memberId: x.member_id, name: x.name, status: x.status as "present" | "leave" | "absent" })) };
    },
    compliance,
    createElection,
    async listElections(scope: Scope, f: ElectionFilter & { page: number; pageSize: number }) {
      const base = filteredElections(scope, f);
      const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await base
        .selectAll("e")
        .select(["o.name as org_name", "o.kind as org_kind", "np.name as person_name", "rp.name as removed_name"])
        .orderBy("e.held_on", "desc")
        .orderBy("e.id")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return { items: rows.map(toElection), total, page: f.page, pageSize: f.pageSize };
    },
    /** Every election in the filter, for the XLSX export; the export itself is written to the audit log. */
    async electionRows(who: Who, f: ElectionFilter) {
      const rows = await filteredElections(who.scope, f)
        .selectAll("e")
        .select(["o.name as org_name", "o.kind as org_kind", "np.name as person_name", "rp.name as removed_name"])
        .orderBy("e.held_on", "desc")
        .orderBy("e.id")
        .limit(100_000)
        .execute();
      await audit.append(db, {
        actorId: actorId(who),
        actorName: actorName(who),
        action: "party.election.export",
        entity: "party_election",
        after: { filter: f, rows: rows.length },
        ip: who.ip,
      });
      return rows.map(toElection);
    },
    addBoardMember,
    endBoardMember,
    async listBoard(scope: Scope) {
      const t = today();
      const rows = await boardInScope(db, scope)
        .select(["b.id", "b.company_id", "c.name as company_name", "b.person_id", "p.name", "b.post", "b.term_start", "b.term_end"])
        .where("b.ended_on", "is", null)
        .orderBy("c.name")
        .orderBy("b.post")
        .execute();
      const posts = await activePostsOn(db, t)
        .innerJoin("organisations as o", "o.id", "ps.org_id")
        .select(["ps.person_id", "ps.post", "o.short_name", "o.name"])
        .where("ps.person_id", "in", rows.length ? rows.map((r) => r.person_id) : [""])
        .execute();
      return rows.map((r) => ({
        id: r.id,
        companyId: r.company_id,
        companyName: r.company_name,
        personId: r.person_id,
        personName: r.name,
        post: r.post,
        termStart: r.term_start,
        termEnd: r.term_end,
        partyPosts: posts.filter((p) => p.person_id === r.person_id).map((p) => `${p.short_name ?? p.name}${p.post}`),
      }));
    },
    createApplicant,
    recordStep,
    approve: (who: Who, id: string, input: TStepRecord, exec?: Ex) => recordStep(who, id, input, exec, true),
    extendProbation,
    async listApplicants(scope: Scope, f: { orgId?: string; stage?: number; status?: string; q?: string; page: number; pageSize: number }) {
      let base = applicantsInScope(db, scope);
      if (f.orgId) base = base.where("a.org_id", "=", f.orgId);
      if (f.stage) base = base.where("a.stage", "=", f.stage);
      if (f.status) base = base.where("a.status", "=", f.status as any);
      if (f.q) base = base.where("p.name", "like", `%${f.q}%`);
      const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await base
        .selectAll("a")
        .select(["p.name", "p.gender", "p.birth_date", "p.id_number", "o.name as org_name"])
        .orderBy("a.last_step_on", "desc")
        .orderBy("a.id")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      const ids = rows.map((r) => r.id);
      const steps = ids.length
        ? await db
            .selectFrom("party_steps")
            .select(["applicant_id", "step", "done_on", "passed"])
            .where("applicant_id", "in", ids)
            .where("step", "in", [3, 13])
            .execute()
        : [];
      const rules = await publicityRules(db, scope.path);
      const t = today();
      return {
        items: rows.map((r) =>
          toApplicant(
            r,
            steps.filter((s) => s.applicant_id === r.id),
            rules,
            t,
          ),
        ),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },
    async getApplicant(scope: Scope, id: string) {
      const r = await applicantsInScope(db, scope)
        .selectAll("a")
        .select(["p.name", "p.gender", "p.birth_date", "p.id_number", "o.name as org_name"])
        .where("a.id", "=", id)
        .executeTakeFirst();
      if (!r) throw errors.notFound({ zh: "入党申请人", en: "Applicant" });
      const steps = await stepsOf(db, id);
      const ids = [...new Set(steps.flatMap((s) => JSON.parse(s.member_ids) as string[]))];
      const names = ids.length
        ? await db
            .selectFrom("party_members as m")
            .innerJoin("people as p", "p.id", "m.person_id")
            .select(["m.id", "p.name"])
            .where("m.id", "in", ids)
            .execute()
        : [];
      const rules = await publicityRules(db, scope.path);
      return {
        ...toApplicant(r, steps, rules, today()),
        steps: steps.map((s) => ({
          step: s.step,
          doneOn: s.done_on,
          passed: !!s.passed,
          memberNames: (JSON.parse(s.member_ids) as string[]).map((m) => names.find((n) => n.id === m)?.name ?? "?"),
          documents: JSON.parse(s.documents),
          vote: s.vote ? JSON.parse(s.vote) : null,
          trainingHours: s.training_hours,
          conclusion: s.conclusion,
          note: s.note,
          recordedBy: s.recorded_by,
        })),
      };
    },
  };
}

function addDaysBack(s: string, n: number) {
  const d = new Date(`${s}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}
