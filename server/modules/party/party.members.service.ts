import type { z } from "zod";
import { maskIdNumber, maskPhone } from "../../../contracts/mask.js";
import type { TMember, TMemberCreate, ZAppraisal, ZMemberUpdate, ZTransferOut } from "../../../contracts/party.js";
import { ageOn } from "../../platform/dates.js";
import { errors, type Msg } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { PeopleService } from "../../platform/people/people.service.js";
import type { Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { type Ex, notPast, type PartyDeps, rule, todayFn } from "./party.common.js";
import {
  insertMember,
  type MemberFilter,
  type MemberRow,
  memberList,
  memberPage,
  memberRow,
  membersByIds,
  personByIdNumber,
  updateMember,
} from "./party.members.repo.js";
import type { PartyOrgsService } from "./party.orgs.service.js";
import { activeMemberOfPerson, memberIn, personIn } from "./party.repo.js";
import type { PartyMemberTable } from "./party.tables.js";

// The member register: members join a branch (and optionally one of its groups), move on, are appraised.

export type PartyMembersService = ReturnType<typeof createPartyMembersService>;

export function toMember(r: MemberRow, t: string): TMember {
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

export function createPartyMembersService(deps: PartyDeps & { orgs: PartyOrgsService; people: PeopleService }) {
  const { db, audit, clock, orgs } = deps;
  const today = todayFn(deps);

  async function create(who: Who, input: TMemberCreate, exec?: Ex) {
    return inTx(db, exec, async (trx) => {
      const org = await orgs.get(who.scope, input.orgId, trx);
      if (org.level === "党小组") throw errors.badRequest("党员编入党支部，党小组另行选择", "Members belong to a branch; choose the group separately");
      if (input.groupId) {
        const g = await orgs.get(who.scope, input.groupId, trx);
        if (g.level !== "党小组" || g.parent_id !== org.org_id) throw errors.badRequest("所选党小组不属于该党支部", "The group chosen is not in this branch");
      }
      const p = await personIn(trx, who.scope, input.personId);
      if (await activeMemberOfPerson(trx, p.id)) throw errors.conflict(`${p.name}已是在册党员`, `${p.name} is already a member on the register`);
      notPast(input.joinedOn, today(), { zh: "入党日期", en: "Joining date" });
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
      await insertMember(trx, row);
      // The people registry shows who is a party member by the 党员 tag (the platform's service, audited).
      await deps.people.addTag(who, p.id, "党员", trx);
      await audit.record(trx, who, {
        action: "party.member.create",
        entity: "party_member",
        entityId: row.id,
        communityId: row.community_id,
        after: { ...row, person: p.name },
      });
      return row.id;
    });
  }

  async function get(scope: Scope, id: string) {
    const r = await memberRow(db, scope, id);
    if (!r) throw errors.notFound({ zh: "党员", en: "Party member" });
    return toMember(r, today());
  }

  /** Contact persons and sponsors (DOMAIN.md §5) must be full members of the community; their names. */
  async function requireFull(exec: Ex, ids: string[], communityId: string, what: Msg) {
    const rows = await membersByIds(exec, ids);
    for (const id of ids) {
      const m = rows.find((r) => r.id === id);
      if (!m || m.community_id !== communityId) throw errors.notFound({ zh: "党员", en: "Party member" });
      if (m.status !== "full")
        throw rule(
          `${m.name}是${m.status === "probationary" ? "预备党员" : "已转出党员"}，${what.zh}须为正式党员`,
          `${m.name} is not a full member: ${what.en} must be full members`,
        );
    }
    return rows.map((r) => r.name);
  }

  return {
    create,
    get,
    requireFull,
    async list(scope: Scope, f: MemberFilter & { page: number; pageSize: number }) {
      const { rows, total } = await memberPage(db, scope, f);
      const t = today();
      return { items: rows.map((r) => toMember(r, t)), total, page: f.page, pageSize: f.pageSize };
    },
    /** Every member under a filter, for the XLSX export and the roster; the export itself is written to the audit log. */
    async exportRows(who: Who, f: MemberFilter) {
      const rows = await memberList(db, who.scope, f);
      await audit.record(db, who, { action: "party.member.export", entity: "party_member", after: { filter: f, rows: rows.length } });
      const t = today();
      return rows.map((r) => toMember(r, t));
    },
    async update(who: Who, id: string, input: z.infer<typeof ZMemberUpdate>) {
      await inTx(db, null, async (trx) => {
        const m = await memberIn(trx, who.scope, id);
        if (input.groupId) {
          const g = await orgs.get(who.scope, input.groupId, trx);
          if (g.level !== "党小组" || g.parent_id !== m.org_id)
            throw errors.badRequest("所选党小组不属于该党员所在党支部", "The group chosen is not in this member's branch");
        }
        const patch: Partial<PartyMemberTable> = { updated_at: clock.now().toISOString() };
        if (input.groupId !== undefined) patch.group_id = input.groupId;
        if (input.education !== undefined) patch.education = input.education;
        if (input.mobile !== undefined) patch.mobile = input.mobile ? 1 : 0;
        if (input.lostContact !== undefined) patch.lost_contact = input.lostContact ? 1 : 0;
        await updateMember(trx, id, patch);
        await audit.record(trx, who, { action: "party.member.update", entity: "party_member", entityId: id, communityId: m.community_id, after: patch });
      });
    },
    async transferOut(who: Who, id: string, input: z.infer<typeof ZTransferOut>) {
      await inTx(db, null, async (trx) => {
        const m = await memberIn(trx, who.scope, id);
        if (m.status === "transferred_out") throw errors.conflict("该党员已转出", "This member has already been transferred out");
        notPast(input.on, today(), { zh: "转出日期", en: "Transfer date" });
        if (input.on < m.joined_on) throw errors.badRequest("转出日期不能早于入党日期", "A transfer cannot precede joining");
        await updateMember(trx, id, {
          status: "transferred_out",
          transfer_out_on: input.on,
          transfer_out_to: input.to,
          updated_at: clock.now().toISOString(),
        });
        await audit.record(trx, who, {
          action: "party.member.transfer_out",
          entity: "party_member",
          entityId: id,
          communityId: m.community_id,
          after: input,
        });
      });
    },
    async appraise(who: Who, id: string, input: z.infer<typeof ZAppraisal>, exec?: Ex) {
      await inTx(db, exec, async (trx) => {
        const m = await memberIn(trx, who.scope, id);
        if (input.year > Number(today().slice(0, 4))) throw errors.badRequest("评议年度不能晚于今年", "The appraisal year cannot be in the future");
        await updateMember(trx, id, { appraisal_year: input.year, appraisal_result: input.result, updated_at: clock.now().toISOString() });
        await audit.record(trx, who, { action: "party.member.appraise", entity: "party_member", entityId: id, communityId: m.community_id, after: input });
      });
    },
    /** Makes a probationary member (admitted through the pipeline) a full member from a date. */
    async makeFull(exec: Ex, id: string, fullOn: string | null) {
      await updateMember(exec, id, { status: "full", full_on: fullOn, updated_at: clock.now().toISOString() });
    },
    /** A person of the registry in scope by ID number, if any (to match an imported register). */
    personByIdNumber: (scope: Scope, idNumber: string, exec: Ex = db) => personByIdNumber(exec, scope, idNumber),
    /** The member on the register a person is (not transferred out), if any. */
    registeredOf: (personId: string, exec: Ex = db) => activeMemberOfPerson(exec, personId),
  };
}
