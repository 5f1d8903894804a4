import { maskIdNumber } from "../../../contracts/mask.js";
import type { TElection, TElectionCreate } from "../../../contracts/party.js";
import type { TVoid } from "../../../contracts/platform.js";
import { addMonths } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { OrganisationsService } from "../../platform/organisations/organisations.service.js";
import type { Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import { restorePatch, voidingOf, voidPatch } from "../../platform/voiding.js";
import type { Who } from "../../platform/who.js";
import { type Ex, notPast, type PartyDeps, rule, termOrder, todayFn } from "./party.common.js";
import {
  type ElectionFilter,
  type ElectionRow,
  electionList,
  electionPage,
  electionRowIn,
  insertElection,
  organisationWithParty,
  otherTermElection,
  postEndedBy,
  postMadeBy,
  setElectionVoiding,
  setPostEnded,
  setPostVoided,
} from "./party.elections.repo.js";
import { clashingPosts, heldPost, updatePartyOrg } from "./party.orgs.repo.js";
import { termsOverlap } from "./party.orgs.rules.js";
import type { PartyOrgsService } from "./party.orgs.service.js";

// Elections [A]: 换届 on schedule (a delay or advance at most one year), 补选 with a majority of
// those due present and of those present in favour, 任免 with the approving body — of party
// organisations, and the 换届 of joint-stock cooperatives.

export type PartyElectionsService = ReturnType<typeof createPartyElectionsService>;

function toElection(r: ElectionRow): TElection {
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
    personIdNumber: maskIdNumber(r.person_id_number),
    removedPersonIdNumber: maskIdNumber(r.removed_id_number),
    voided: voidingOf({ voided_at: r.voided_at ?? null, voided_by: r.voided_by ?? null, void_reason: r.void_reason ?? null }),
  };
}

export function createPartyElectionsService(deps: PartyDeps & { orgs: PartyOrgsService; organisations: OrganisationsService }) {
  const { db, audit, clock, orgs, organisations } = deps;
  const today = todayFn(deps);

  async function create(who: Who, input: TElectionCreate, exec?: Ex) {
    return inTx(db, exec, async (trx) => {
      const o = await organisationWithParty(trx, input.orgId);
      if (!o) throw errors.notFound({ zh: "组织", en: "Organisation" });
      await organisations.get(who.scope, o.id, trx);
      notPast(input.heldOn, today(), { zh: "选举/任免日期", en: "Election date" });
      if (!o.level && o.kind !== "股份合作公司")
        throw errors.badRequest("只能登记党组织或股份合作公司的换届、补选和任免", "Only party organisations and joint-stock cooperatives have elections here");
      if (input.votesDue != null && input.votesCast != null && input.votesCast > input.votesDue)
        throw errors.badRequest("实到人数不能多于应到人数", "More voters present than due");
      if (input.votesFor != null && input.votesCast != null && input.votesFor > input.votesCast)
        throw errors.badRequest("赞成票不能多于实到人数", "More votes for than voters present");
      if (input.kind === "换届") {
        if (!input.termStart || !input.termEnd) throw errors.badRequest("换届须填写新一届任期", "A term election needs the new term");
        termOrder(input.termStart, input.termEnd);
        // A delay or advance needs approval and is at most one year [A].
        if (o.term_end && (input.heldOn > addMonths(o.term_end, 12) || input.heldOn < addMonths(o.term_end, -12)))
          throw rule(
            `换届应按期进行，延期或提前换届不超过一年（本届任期至${o.term_end}）`,
            `Elections are held on schedule; a delay or advance is at most one year (this term ends ${o.term_end})`,
          );
        if (o.level) await updatePartyOrg(trx, o.id, { term_start: input.termStart, term_end: input.termEnd, updated_at: clock.now().toISOString() });
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
          const held = await heldPost(trx, o.id, input.removedPersonId, input.post, input.heldOn);
          if (!held)
            throw errors.badRequest(
              `被免职人员在${input.heldOn}未担任${o.name}${input.post}`,
              `The person removed did not hold ${input.post} of ${o.name} on ${input.heldOn}`,
            );
          await orgs.endPost(who, held.id, input.heldOn, trx);
        }
        await orgs.addPost(
          who,
          { orgId: o.id, personId: input.personId, post: input.post, termStart: input.heldOn, termEnd: o.term_end, certified: input.certified },
          trx,
        );
      }
      const row = {
        // A 换届 of a party organisation keeps the term it replaced, so voiding it can put that back.
        prev_term: input.kind === "换届" && o.level ? JSON.stringify({ start: o.term_start ?? null, end: o.term_end ?? null }) : null,
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
      await insertElection(trx, row);
      await audit.record(trx, who, {
        action: `party.election.${input.kind}`,
        entity: "party_election",
        entityId: row.id,
        communityId: row.community_id,
        after: row,
      });
      return row.id;
    });
  }

  /**
   * 作废 / 恢复 (issue 15): an election entered by mistake leaves the figures and the list, and so
   * does what it did to the committee: the post it made is voided with it (not held), the post it
   * ended is held again; restoring puts both back. A 换届 of a party organisation gives it back the
   * term it had before (kept on the election; for one recorded before that, the previous 换届's);
   * it is refused while a later 换届 of the organisation is live — that one was held on this term's
   * schedule and set the term the organisation has now, so it is voided first — or when the
   * organisation's term was changed since on its page (voiding would undo that change unseen).
   */
  function setVoiding(who: Who, id: string, voiding: boolean, input?: TVoid) {
    return inTx(db, null, async (trx) => {
      const e = await electionRowIn(trx, who.scope, id);
      if (!e) throw errors.notFound({ zh: "选举/任免记录", en: "Election" });
      const cols = { voided_at: e.voided_at ?? null, voided_by: e.voided_by ?? null, void_reason: e.void_reason ?? null };
      const patch = voiding ? voidPatch(cols, who, clock.now(), input as TVoid) : restorePatch(cols);
      const made = e.kind === "换届" ? undefined : await postMadeBy(trx, e);
      const removed = e.kind !== "换届" && e.removed_person_id ? e.removed_person_id : null;
      const org = e.kind === "换届" ? await organisationWithParty(trx, e.org_id) : undefined;
      if (org?.level) await retermOnVoiding(trx, e, org, voiding);
      if (voiding) {
        if (made) await setPostVoided(trx, made.id, patch.voided_at);
        const ended = removed ? await postEndedBy(trx, e) : undefined;
        if (ended) await setPostEnded(trx, ended.id, null);
      } else {
        // The post it ended ends again first; then the post it made must clash with no other.
        const held = removed ? await heldPost(trx, e.org_id, removed, e.post ?? "", e.held_on) : undefined;
        if (held) await setPostEnded(trx, held.id, e.held_on);
        if (made?.voided_at) {
          const clash = (await clashingPosts(trx, made.org_id, made.post, made.person_id)).find((o) =>
            termsOverlap(o.term_start, o.ended_on ?? o.term_end, made.term_start, made.ended_on ?? made.term_end),
          );
          if (clash)
            throw errors.conflict(
              `不能恢复：${clash.name}已任${clash.post}（${clash.term_start}起）`,
              `Cannot restore: ${clash.name} holds ${clash.post} from ${clash.term_start}`,
            );
          await setPostVoided(trx, made.id, null);
        }
      }
      await setElectionVoiding(trx, id, patch);
      await audit.record(trx, who, {
        action: voiding ? "party.election.void" : "party.election.restore",
        entity: "party_election",
        entityId: id,
        communityId: e.community_id,
        before: cols,
        after: { ...patch, post: made?.id ?? null },
      });
      const back = (await electionList(trx, who.scope, { voided: "all" })).find((x) => x.id === id);
      return toElection(back as ElectionRow);
    });
  }

  /** The organisation's term when a 换届 is voided (back to the one before) or restored (its own again). */
  async function retermOnVoiding(
    trx: Ex,
    e: { id: string; org_id: string; held_on: string; term_start: string | null; term_end: string | null; prev_term?: string | null },
    org: { id: string; term_start: string | null; term_end: string | null },
    voiding: boolean,
  ) {
    const later = await otherTermElection(trx, e, "after");
    if (later)
      throw errors.conflict(
        voiding
          ? `不能作废：${later.held_on}的换届以本届任期为准并确定了现任期（${later.term_start ?? "—"}至${later.term_end ?? "—"}），请先作废该次换届`
          : `不能恢复：${later.held_on}的换届已确定现任期（${later.term_start ?? "—"}至${later.term_end ?? "—"}），请先作废该次换届`,
        voiding
          ? `Cannot void: the term election of ${later.held_on} was held on this term and set the present one; void that one first`
          : `Cannot restore: the term election of ${later.held_on} set the present term; void that one first`,
      );
    let term: { start: string | null; end: string | null };
    if (voiding) {
      if (org.term_start !== e.term_start || org.term_end !== e.term_end)
        throw errors.conflict(
          `不能作废：组织的任期已另行修改（现为${org.term_start ?? "—"}至${org.term_end ?? "—"}），请先在组织页改回本次换届的任期`,
          "Cannot void: the organisation's term was changed since this election; set it back to this election's term first",
        );
      const before = await otherTermElection(trx, e, "before");
      const kept = e.prev_term ? (JSON.parse(e.prev_term) as { start: string | null; end: string | null }) : null;
      term = kept ?? (before ? { start: before.term_start, end: before.term_end } : { start: null, end: null });
    } else term = { start: e.term_start, end: e.term_end };
    await updatePartyOrg(trx, org.id, { term_start: term.start, term_end: term.end, updated_at: clock.now().toISOString() });
  }

  return {
    create,
    voidElection: (who: Who, id: string, input: TVoid) => setVoiding(who, id, true, input),
    restoreElection: (who: Who, id: string) => setVoiding(who, id, false),
    async list(scope: Scope, f: ElectionFilter & { page: number; pageSize: number }) {
      const { rows, total } = await electionPage(db, scope, f);
      return { items: rows.map(toElection), total, page: f.page, pageSize: f.pageSize };
    },
    /** Every election in the filter, for the XLSX export; the export itself is written to the audit log. */
    async exportRows(who: Who, f: ElectionFilter) {
      const rows = await electionList(db, who.scope, f);
      await audit.record(db, who, { action: "party.election.export", entity: "party_election", after: { filter: f, rows: rows.length } });
      return rows.map(toElection);
    },
  };
}
