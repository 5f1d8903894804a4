import type { Kysely } from "kysely";
import type { z } from "zod";
import { maskName } from "../../../contracts/mask.js";
import {
  MASS_ORG_KINDS,
  type TNomination,
  type TNominationCreate,
  type ZApplicationCreate,
  type ZBrandProjectCreate,
  type ZMassOrg,
  type ZMassOrgDetail,
  type ZMemberCreate,
} from "../../../contracts/massorgs.js";
import type { Config } from "../../config.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { localDate } from "../../platform/dates.js";
import { AppError, errors, type Msg } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { communityInScope, type Scope } from "../../platform/scope.js";
import type { Settings } from "../../platform/settings.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import * as repo from "./massorgs.repo.js";
import { awardRefusal, joinRefusal, leaveRefusal, resultRefusal } from "./massorgs.rules.js";
import { MASSORG_SETTINGS } from "./massorgs.settings.js";
import "./massorgs.tables.js";

// 群团: members and leaders of the mass organisations (platform organisations of kind 妇联, 网格妇联,
// 三新妇女组织, 团委), their brand projects and applications (申报 to a level, with the result), and
// honours & nominations of people and organisations. Each write one transaction with its audit entry.

export type MassOrgDeps = { db: Kysely<DB>; audit: Audit; clock: Clock; config: Config; settings: Settings };
const ORG: Msg = { zh: "群团组织", en: "Mass organisation" };
const refused = (m: Msg) => new AppError(409, "RULE", m);
const bad = (m: Msg) => new AppError(400, "BAD_REQUEST", m);
const masked = (v: string) => maskName(v) ?? "";

type AppRow = Awaited<ReturnType<typeof repo.applicationsOf>>[number];
const toApplication = (a: AppRow) => ({
  id: a.id,
  projectId: a.project_id,
  projectName: a.project_name,
  orgId: a.org_id,
  orgName: a.org_name,
  title: a.title,
  level: a.level as any,
  appliedOn: a.applied_on,
  result: a.result as any,
  resultOn: a.result_on,
  note: a.note,
});
type NomRow = NonNullable<Awaited<ReturnType<typeof repo.nominationRow>>>;
const toNomination = (n: NomRow): TNomination => ({
  id: n.id,
  communityId: n.community_id,
  nomineeKind: n.nominee_kind as TNomination["nomineeKind"],
  personId: n.person_id,
  orgId: n.org_id,
  nomineeName: n.nominee_kind === "person" ? masked(n.nominee_name) : n.nominee_name,
  award: n.award,
  level: n.level as TNomination["level"],
  nominatedOn: n.nominated_on,
  byOrgName: n.by_org_name,
  result: n.result as TNomination["result"],
  resultOn: n.result_on,
  note: n.note,
});

export type MassOrgsService = ReturnType<typeof createMassOrgsService>;

export function createMassOrgsService(deps: MassOrgDeps) {
  const { db, audit, clock, settings } = deps;
  const today = () => localDate(clock.now(), deps.config.timeZone);
  const newId = () => uuidv7(clock.now().getTime());

  async function summaries(scope: Scope, exec: Kysely<DB> = db): Promise<z.infer<typeof ZMassOrg>[]> {
    const orgs = await repo.massOrgs(exec, scope);
    const ids = orgs.map((o) => o.id);
    const [members, projects] = await Promise.all([repo.activeMembers(exec, ids), repo.brandProjects(exec, ids)]);
    return orgs.map((o) => {
      const mine = members.filter((m) => m.org_id === o.id && !m.left_on);
      return {
        id: o.id,
        name: o.name,
        kind: o.kind,
        parentId: o.parent_id,
        parentName: o.parent_name,
        gridName: o.grid_name,
        foundedOn: o.founded_on,
        members: mine.length,
        leaders: mine.filter((m) => m.role !== "member").map((m) => masked(m.name)),
        brandProjects: projects.filter((p) => p.org_id === o.id).length,
      };
    });
  }

  /** A mass organisation of the caller's scope, for a write: refuses organisations of other kinds. */
  async function openOrg(exec: Kysely<DB>, scope: Scope, id: string) {
    const o = await repo.massOrg(exec, scope, id);
    if (!o) throw errors.notFound(ORG);
    if (!(MASS_ORG_KINDS as readonly string[]).includes(o.kind))
      throw bad({
        zh: `“${o.name}”不是群团组织（妇联、网格妇联、三新妇女组织、团委）`,
        en: `${o.name} is not a mass organisation (women's federation or youth league)`,
      });
    if (o.archived) throw refused({ zh: "该组织已归档", en: "The organisation is archived" });
    return o;
  }

  async function detail(scope: Scope, id: string, exec: Kysely<DB> = db): Promise<z.infer<typeof ZMassOrgDetail>> {
    await openOrg(exec, scope, id);
    const all = await summaries(scope, exec);
    const org = all.find((o) => o.id === id);
    if (!org) throw errors.notFound(ORG);
    const members = await repo.activeMembers(exec, [id]);
    const projects = await repo.brandProjects(exec, [id]);
    const apps = await repo.applicationsOf(
      exec,
      projects.map((p) => p.id),
    );
    return {
      org,
      children: all.filter((o) => o.parentId === id),
      members: members.map((m) => ({
        id: m.id,
        orgId: m.org_id,
        personId: m.person_id,
        name: masked(m.name),
        role: m.role as any,
        joinedOn: m.joined_on,
        leftOn: m.left_on,
      })),
      brandProjects: projects.map((p) => ({
        id: p.id,
        orgId: p.org_id,
        orgName: p.org_name,
        name: p.name,
        description: p.description,
        startedOn: p.started_on,
        applications: apps.filter((a) => a.project_id === p.id).map(toApplication),
      })),
    };
  }

  return {
    summaries,
    detail,

    async addMember(who: Who, orgId: string, input: z.infer<typeof ZMemberCreate>, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const o = await openOrg(trx, who.scope, orgId);
        const p = await repo.personRow(trx, input.personId);
        if (!p || p.archived || p.community_id !== o.community_id)
          throw bad({ zh: "成员须是本社区人口库中的人员", en: "A member must be on this community's people registry" });
        const current = (await repo.activeMembers(trx, [orgId])).some((m) => m.person_id === input.personId && !m.left_on);
        const no = joinRefusal(current, input.joinedOn, today(), o.founded_on);
        if (no) throw refused(no);
        const id = newId();
        await repo.insertMember(trx, {
          id,
          org_id: orgId,
          community_id: o.community_id,
          person_id: p.id,
          role: input.role,
          joined_on: input.joinedOn,
          left_on: null,
          created_at: clock.now().toISOString(),
        });
        await audit.record(trx, who, {
          action: "massorgs.member.add",
          entity: "organisation",
          entityId: orgId,
          communityId: o.community_id,
          after: { memberId: id, role: input.role, joinedOn: input.joinedOn },
        });
        return id;
      });
    },

    async leaveMember(who: Who, orgId: string, memberId: string, on: string, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const o = await openOrg(trx, who.scope, orgId);
        const m = await repo.memberRow(trx, memberId);
        if (!m || m.org_id !== orgId) throw errors.notFound({ zh: "成员", en: "Member" });
        const no = leaveRefusal({ joinedOn: m.joined_on, leftOn: m.left_on }, on, today());
        if (no) throw refused(no);
        await repo.leaveMember(trx, memberId, on);
        await audit.record(trx, who, {
          action: "massorgs.member.leave",
          entity: "organisation",
          entityId: orgId,
          communityId: o.community_id,
          after: { memberId, on },
        });
      });
    },

    async addBrandProject(who: Who, input: z.infer<typeof ZBrandProjectCreate>, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const o = await openOrg(trx, who.scope, input.orgId);
        if (input.startedOn > today()) throw bad({ zh: "启动日期不能晚于今天", en: "The start date cannot be after today" });
        const id = newId();
        await repo.insertBrandProject(trx, {
          id,
          org_id: o.id,
          community_id: o.community_id,
          name: input.name,
          description: input.description,
          started_on: input.startedOn,
          created_at: clock.now().toISOString(),
        });
        await audit.record(trx, who, { action: "massorgs.brand.create", entity: "mo_brand_project", entityId: id, communityId: o.community_id, after: input });
        return id;
      });
    },

    async apply(who: Who, projectId: string, input: z.infer<typeof ZApplicationCreate>) {
      return inTx(db, undefined, async (trx) => {
        const p = await repo.brandProjectRow(trx, who.scope, projectId);
        if (!p) throw errors.notFound({ zh: "品牌项目", en: "Brand project" });
        if (input.appliedOn > today()) throw bad({ zh: "申报日期不能晚于今天", en: "The application date cannot be after today" });
        if (input.appliedOn < p.started_on)
          throw bad({ zh: `申报日期早于项目启动日期 ${p.started_on}`, en: `The application date is before the project started (${p.started_on})` });
        const id = newId();
        await repo.insertApplication(trx, {
          id,
          project_id: p.id,
          org_id: p.org_id,
          community_id: p.community_id,
          title: input.title,
          level: input.level,
          applied_on: input.appliedOn,
          result: "pending",
          result_on: null,
          note: input.note,
          created_at: clock.now().toISOString(),
        });
        await audit.record(trx, who, {
          action: "massorgs.application.create",
          entity: "mo_application",
          entityId: id,
          communityId: p.community_id,
          after: input,
        });
        return id;
      });
    },

    async applicationResult(who: Who, id: string, input: { result: string; on: string }) {
      return inTx(db, undefined, async (trx) => {
        const a = await repo.applicationRow(trx, who.scope, id);
        if (!a) throw errors.notFound({ zh: "申报", en: "Application" });
        const no = resultRefusal(a.result, a.applied_on, input.on, today());
        if (no) throw refused(no);
        await repo.setApplicationResult(trx, id, input.result, input.on);
        await audit.record(trx, who, {
          action: "massorgs.application.result",
          entity: "mo_application",
          entityId: id,
          communityId: a.community_id,
          after: input,
        });
        return a.org_id;
      });
    },

    async application(scope: Scope, id: string) {
      const a = await repo.applicationFull(db, scope, id);
      if (!a) throw errors.notFound({ zh: "申报", en: "Application" });
      return toApplication(a);
    },

    async applications(scope: Scope, f: { year?: number; communityId?: string }) {
      return (await repo.applicationsIn(db, scope, f)).map(toApplication);
    },

    async nominate(who: Who, input: TNominationCreate, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const c = await communityInScope(trx, who.scope, input.communityId);
        if (input.nominatedOn > today()) throw bad({ zh: "推荐日期不能晚于今天", en: "The nomination date cannot be after today" });
        const no = awardRefusal(input.award, await settings.get(MASSORG_SETTINGS.awards, c.path, trx));
        if (no) throw bad(no);
        let name: string;
        if (input.nomineeKind === "person") {
          const p = await repo.personRow(trx, input.personId ?? "");
          if (!p || p.archived || p.community_id !== c.id)
            throw bad({ zh: "被推荐人不在本社区人口库中", en: "The nominee is not on this community's people registry" });
          name = p.name;
        } else {
          const o = await repo.orgRow(trx, input.orgId ?? "");
          if (!o || o.archived || o.community_id !== c.id)
            throw bad({ zh: "被推荐组织不在本社区的组织名录中", en: "The nominated organisation is not on this community's register" });
          name = o.name;
        }
        if (input.byOrgId) {
          const b = await repo.orgRow(trx, input.byOrgId);
          if (!b || b.community_id !== c.id)
            throw bad({ zh: "推荐单位不在本社区的组织名录中", en: "The nominating organisation is not on this community's register" });
        }
        const id = newId();
        await repo.insertNomination(trx, {
          id,
          community_id: c.id,
          nominee_kind: input.nomineeKind,
          person_id: input.nomineeKind === "person" ? (input.personId ?? null) : null,
          org_id: input.nomineeKind === "org" ? (input.orgId ?? null) : null,
          nominee_name: name,
          award: input.award,
          level: input.level,
          nominated_on: input.nominatedOn,
          by_org_id: input.byOrgId ?? null,
          result: "pending",
          result_on: null,
          note: input.note,
          created_at: clock.now().toISOString(),
        });
        await audit.record(trx, who, {
          action: "massorgs.nomination.create",
          entity: "mo_nomination",
          entityId: id,
          communityId: c.id,
          after: { ...input, nominee: input.nomineeKind === "person" ? masked(name) : name },
        });
        return id;
      });
    },

    async nominationResult(who: Who, id: string, input: { result: string; on: string }, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const n = await repo.nominationRow(trx, who.scope, id);
        if (!n) throw errors.notFound({ zh: "推荐", en: "Nomination" });
        const no = resultRefusal(n.result, n.nominated_on, input.on, today());
        if (no) throw refused(no);
        await repo.setNominationResult(trx, id, input.result, input.on);
        await audit.record(trx, who, {
          action: "massorgs.nomination.result",
          entity: "mo_nomination",
          entityId: id,
          communityId: n.community_id,
          after: input,
        });
      });
    },

    async nomination(scope: Scope, id: string) {
      const n = await repo.nominationRow(db, scope, id);
      if (!n) throw errors.notFound({ zh: "推荐", en: "Nomination" });
      return toNomination(n);
    },

    async nominations(scope: Scope, f: { year?: number; communityId?: string }) {
      return (await repo.nominationsIn(db, scope, f)).map(toNomination);
    },
  };
}
