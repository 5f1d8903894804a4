import { PARTY_LEVELS, type TPartyOrg, type TPartyOrgCreate, type TPartyOrgUpdate, type TPostCreate } from "../../../contracts/party.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { OrganisationsService } from "../../platform/organisations/organisations.service.js";
import type { Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { type Ex, notPast, type PartyDeps, rule, termOrder, todayFn } from "./party.common.js";
import { postRows } from "./party.history.repo.js";
import {
  ancestorsOf,
  childOrgs,
  clashingPosts,
  endPostOn,
  insertPartyOrg,
  insertPost,
  memberCounts,
  organisationById,
  orgRows,
  orgsOfLevel,
  partyOrgById,
  postById,
  postsOn,
  regionById,
  registeredCount,
  sameName,
  updatePartyOrg,
} from "./party.orgs.repo.js";
import {
  branchWarnings,
  childrenRankBelow,
  defaultTermEnd,
  needsParent,
  notUnderItself,
  parentRanksAbove,
  termFlag,
  termsOverlap,
} from "./party.orgs.rules.js";
import { partyOrgIn, personIn } from "./party.repo.js";

// Party organisations (党委 > 党总支 > 党支部 > 党小组, each a platform organisation of kind 党组织
// extended by party_orgs) and the posts of their committees.

export type PartyOrgsService = ReturnType<typeof createPartyOrgsService>;

export function createPartyOrgsService(deps: PartyDeps & { organisations: OrganisationsService }) {
  const { db, audit, clock, organisations } = deps;
  const today = todayFn(deps);
  const founding = { zh: "成立日期", en: "Founding date" };

  /** The party organisation tree in scope, with member counts, the committees serving today and the setup warnings. */
  async function list(scope: Scope): Promise<TPartyOrg[]> {
    const t = today();
    const rows = await orgRows(db, scope);
    const ids = rows.map((r) => r.org_id);
    if (ids.length === 0) return [];
    const counts = await memberCounts(db, ids);
    const posts = await postsOn(db, ids, t);
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
            certifiedOn: p.certified_on ?? null,
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
          termFlag: termFlag(r.term_end, t),
          fullMembers: full,
          probationaryMembers: prob,
          posts: ps,
          warnings: branchWarnings(r.level, full, ps),
        };
      })
      .sort(
        (a, b) =>
          PARTY_LEVELS.indexOf(a.level as any) - PARTY_LEVELS.indexOf(b.level as any) ||
          (a.foundedOn ?? "").localeCompare(b.foundedOn ?? "") ||
          a.name.localeCompare(b.name),
      );
  }

  async function create(who: Who, input: TPartyOrgCreate, communityId?: string, exec?: Ex) {
    const ex = exec ?? db;
    // Everything is checked before the platform organisation is made, so a refusal leaves nothing behind.
    if (input.parentId) parentRanksAbove((await partyOrgIn(ex, who.scope, input.parentId)).level, input.level);
    else needsParent(input.level);
    if (input.hostOrgId && !(await organisationById(ex, input.hostOrgId))) throw errors.notFound({ zh: "所在单位", en: "Host organisation" });
    if (input.foundedOn) notPast(input.foundedOn, today(), founding);
    termOrder(input.termStart, input.termEnd);
    let orgId = input.orgId;
    let community = communityId ?? who.scope.communityId ?? "";
    if (orgId) {
      const o = await organisations.get(who.scope, orgId, ex);
      if (o.kind !== "党组织")
        throw errors.badRequest("只有类型为「党组织」的组织可登记为党组织", "Only organisations of kind 党组织 can be party organisations");
      if (await partyOrgById(ex, orgId)) throw errors.conflict("该组织已登记为党组织", "This organisation is already a party organisation");
      community = o.communityId;
    } else {
      if (!input.name) throw errors.badRequest("请填写党组织名称", "A name is required");
      if (input.parentId) community = (await partyOrgIn(ex, who.scope, input.parentId)).community_id;
      if (!community) throw errors.badRequest("请在社区范围内新建党组织", "Create a party organisation within a community");
      const o = await organisations.create(
        who,
        {
          communityId: community,
          gridId: input.gridId ?? null,
          parentId: input.parentId ?? null,
          kind: "党组织",
          name: input.name,
          shortName: input.shortName ?? null,
          foundedOn: input.foundedOn ?? null,
        },
        exec,
      );
      orgId = o.id;
    }
    const now = clock.now().toISOString();
    const row = {
      org_id: orgId as string,
      community_id: community,
      level: input.level,
      party_kind: input.partyKind,
      host_org_id: input.hostOrgId ?? null,
      founded_on: input.foundedOn ?? null,
      term_start: input.termStart ?? null,
      term_end: input.termEnd ?? defaultTermEnd(input.termStart, input.level),
      created_at: now,
      updated_at: now,
    };
    await inTx(db, exec, async (trx) => {
      await insertPartyOrg(trx, row);
      await audit.record(trx, who, { action: "party.org.create", entity: "party_org", entityId: row.org_id, communityId: community, after: row });
    });
    return row.org_id;
  }

  /** Edits an organisation's name, place in the tree, level, kind, host, founding date and term, keeping the tree's rules. */
  async function update(who: Who, id: string, input: TPartyOrgUpdate) {
    return inTx(db, null, async (trx) => {
      const cur = await partyOrgIn(trx, who.scope, id);
      const before = await partyOrgById(trx, id);
      const o = await organisationById(trx, id);
      if (!before || !o) throw errors.notFound({ zh: "党组织", en: "Party organisation" });
      const level = input.level ?? cur.level;
      const parentId = input.parentId !== undefined ? input.parentId : o.parent_id;
      if (parentId) {
        // Itself first, so the refusal names that and not the level it shares with itself.
        if (parentId === id) notUnderItself(id, parentId, []);
        const parent = await partyOrgIn(trx, who.scope, parentId);
        if (parent.community_id !== cur.community_id)
          throw errors.badRequest("上级党组织须在同一社区", "The parent party organisation must be in the same community");
        parentRanksAbove(parent.level, level);
        notUnderItself(id, parentId, await ancestorsOf(trx, parentId));
      } else needsParent(level);
      if (level !== cur.level) {
        childrenRankBelow(level, await childOrgs(trx, id));
        const members = await registeredCount(trx, id, cur.level === "党小组");
        if (members > 0 && (level === "党小组" || cur.level === "党小组"))
          throw errors.badRequest(
            `${cur.name}有在册党员${members}名，党员编入党支部、党小组另行编入，不能在党小组和其他层级之间改变`,
            `${cur.name} has ${members} members on the register: a group and a branch cannot be switched into each other`,
          );
      }
      const hostOrgId = input.hostOrgId !== undefined ? input.hostOrgId : before.host_org_id;
      if (input.hostOrgId) {
        if (!(await organisationById(trx, input.hostOrgId))) throw errors.notFound({ zh: "所在单位", en: "Host organisation" });
        if (input.hostOrgId === id) throw errors.badRequest("所在单位不能是党组织自己", "A party organisation does not sit in itself");
      }
      const foundedOn = input.foundedOn !== undefined ? input.foundedOn : before.founded_on;
      if (input.foundedOn) notPast(input.foundedOn, today(), founding);
      let termStart = before.term_start;
      let termEnd = before.term_end;
      if (input.termStart !== undefined || input.termEnd !== undefined) {
        termStart = input.termStart !== undefined ? input.termStart : before.term_start;
        // Terms of community party organisations: 5 years [A], as when it was created.
        termEnd = (input.termEnd !== undefined ? input.termEnd : before.term_end) ?? defaultTermEnd(termStart, level);
      }
      termOrder(termStart, termEnd);
      if (termEnd && !termStart) throw errors.badRequest("请填写任期开始日期", "Enter the start of the term");
      const name = input.name ?? o.name;
      if (input.name !== undefined && input.name !== o.name && (await sameName(trx, o.community_id, name, id)))
        throw errors.conflict(`本社区已有名为「${name}」的组织`, `An organisation named ${name} already exists in this community`);
      const gridId = input.gridId !== undefined ? input.gridId : o.grid_id;
      if (input.gridId) {
        const g = await regionById(trx, input.gridId);
        if (g?.level !== "grid" || g.community_id !== o.community_id)
          throw errors.badRequest("所选网格不属于该社区", "The grid chosen is not in this community");
      }
      const now = clock.now().toISOString();
      // The name, place in the tree, grid and founding date live on the platform organisation.
      await organisations.update(who, id, { name, parentId, gridId, foundedOn }, trx);
      const after = {
        level,
        party_kind: input.partyKind ?? before.party_kind,
        host_org_id: hostOrgId,
        founded_on: foundedOn,
        term_start: termStart,
        term_end: termEnd,
        updated_at: now,
      };
      await updatePartyOrg(trx, id, after);
      await audit.record(trx, who, {
        action: "party.org.update",
        entity: "party_org",
        entityId: id,
        communityId: cur.community_id,
        after: { ...before, ...after, name, parent_id: parentId, grid_id: gridId },
        before: { ...before, name: o.name, parent_id: o.parent_id, grid_id: o.grid_id },
      });
    });
  }

  /** Appoints a person to a committee post; one holder per post at a time (委员 may be several). */
  async function addPost(who: Who, input: TPostCreate, exec?: Ex) {
    return inTx(db, exec, async (trx) => {
      const org = await partyOrgIn(trx, who.scope, input.orgId);
      const p = await personIn(trx, who.scope, input.personId);
      termOrder(input.termStart, input.termEnd);
      if (input.certifiedOn && input.certifiedOn > today())
        throw errors.badRequest(`持证日期 ${input.certifiedOn} 晚于今天`, `The certificate date ${input.certifiedOn} is after today`);
      for (const o of await clashingPosts(trx, org.org_id, input.post, p.id)) {
        if (!termsOverlap(o.term_start, o.ended_on ?? o.term_end, input.termStart, input.termEnd ?? null)) continue;
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
      const row = {
        id: uuidv7(clock.now().getTime()),
        community_id: org.community_id,
        org_id: org.org_id,
        person_id: p.id,
        post: input.post,
        term_start: input.termStart,
        term_end: input.termEnd ?? org.term_end ?? null,
        ended_on: null,
        certified: input.certified || input.certifiedOn ? 1 : 0,
        certified_on: input.certifiedOn ?? null,
        created_at: clock.now().toISOString(),
      };
      await insertPost(trx, row);
      await audit.record(trx, who, { action: "party.post.create", entity: "party_post", entityId: row.id, communityId: row.community_id, after: row });
      return row.id;
    });
  }

  /** Ends a post on `on` (the first day it is no longer held). */
  async function endPost(who: Who, id: string, on: string, exec?: Ex) {
    return inTx(db, exec, async (trx) => {
      const ps = await postById(trx, id);
      if (!ps) throw errors.notFound({ zh: "职务", en: "Post" });
      await partyOrgIn(trx, who.scope, ps.org_id);
      if (ps.ended_on) throw errors.conflict("该职务已免去", "This post has already ended");
      if (on <= ps.term_start) throw errors.badRequest("免职日期须晚于任职日期", "A post ends after it starts");
      await endPostOn(trx, id, on);
      await audit.record(trx, who, {
        action: "party.post.end",
        entity: "party_post",
        entityId: id,
        communityId: ps.community_id,
        after: { ended_on: on },
        before: ps,
      });
    });
  }

  /** Records that a post's holder obtained the branch-work certificate on `on` (持证). */
  async function certifyPost(who: Who, id: string, on: string, exec?: Ex) {
    return inTx(db, exec, async (trx) => {
      const ps = await postById(trx, id);
      if (!ps) throw errors.notFound({ zh: "职务", en: "Post" });
      await partyOrgIn(trx, who.scope, ps.org_id);
      if (on > today()) throw errors.badRequest(`持证日期 ${on} 晚于今天`, `The certificate date ${on} is after today`);
      if (ps.certified && !ps.certified_on)
        throw errors.conflict("该委员已登记持证（日期未知）", "This member is already recorded as certified (date unknown)");
      await trx.updateTable("party_posts").set({ certified: 1, certified_on: on }).where("id", "=", id).execute();
      await audit.record(trx, who, {
        action: "party.post.certify",
        entity: "party_post",
        entityId: id,
        communityId: ps.community_id,
        before: { certified: ps.certified, certified_on: ps.certified_on ?? null },
        after: { certified: 1, certified_on: on },
      });
    });
  }

  return {
    today,
    list,
    certifyPost,
    /** Every committee post in scope, past and present, for the XLSX export; the export is written to the audit log. */
    async postExportRows(who: Who) {
      const rows = await postRows(db, who.scope);
      await audit.record(db, who, { action: "party.post.export", entity: "party_post", after: { rows: rows.length } });
      return rows;
    },
    /** One party organisation in scope (404 otherwise), read through `exec`. */
    get: (scope: Scope, id: string, exec: Ex = db) => partyOrgIn(exec, scope, id),
    /** The party groups (党小组) in scope with their branches. */
    groups: (scope: Scope) => orgsOfLevel(db, scope, "党小组"),
    create,
    update,
    addPost,
    endPost,
  };
}
