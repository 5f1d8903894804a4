import type { Kysely } from "kysely";
import {
  type TMeetingCreate,
  type TProjectCreate,
  type TReview,
  ZCancel,
  ZMeetingCreate,
  ZObjection,
  ZObjectionResolve,
  ZProjectCreate,
  ZPublicise,
  ZReview,
} from "../../../contracts/projects.js";
import type { DB } from "../../db/types.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { communityInScope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { workCalendarAt } from "../../platform/workdays.js";
import type { ProjectDeps, StepKit, WhoNamed } from "./projects.common.js";
import {
  insertMeeting,
  insertObjection,
  insertProject,
  insertVote,
  nextCode,
  objectionsOf,
  projectRow,
  sameProposal,
  updateObjection,
  updateProject,
} from "./projects.repo.js";
import { publicityEnd, stepDateRefusal, votePasses, voteRefusal } from "./projects.rules.js";
import { PROJECT_SETTINGS } from "./projects.settings.js";

// 征集 → 初审 → 居民议事会评议 → 公示 (with its objections), and cancelling: the steps before 立项.
// Each step is one transaction: the project's stage, its timeline entry and the audit record.

export type ProposalsService = ReturnType<typeof createProposalsService>;

export function createProposalsService(deps: ProjectDeps, kit: StepKit) {
  const { db, clock, settings } = deps;
  const now = () => clock.now().toISOString();

  return {
    /**
     * 征集: a project proposed by a resident, an organisation or the staff. The same title proposed
     * in the same community on the same day is the same proposal (a double tap, a re-import): it
     * is returned as it is, `created: false`.
     */
    async propose(who: WhoNamed, input: TProjectCreate, exec?: Kysely<DB>): Promise<{ id: string; code: string; created: boolean }> {
      const v = ZProjectCreate.parse(input);
      return inTx(db, exec, async (trx) => {
        const community = await communityInScope(trx, who.scope, v.communityId);
        const today = kit.today();
        const on = v.proposedOn ?? today;
        const bad = stepDateRefusal(on, today, null);
        if (bad) throw errors.badRequest(bad.zh, bad.en);
        const same = await sameProposal(trx, community.id, v.title, on);
        if (same) return { ...same, created: false };
        if (v.proposerKind === "organisation") {
          if (!v.proposerOrgId) throw errors.badRequest("组织提出的项目须选择组织", "A project proposed by an organisation names the organisation");
          const o = await trx.selectFrom("organisations").select(["community_id"]).where("id", "=", v.proposerOrgId).executeTakeFirst();
          if (o?.community_id !== community.id) throw errors.badRequest("所选组织不存在或不属于该社区", "The organisation chosen is not of this community");
        }
        const year = Number(on.slice(0, 4));
        const t = now();
        const row = {
          id: uuidv7(clock.now().getTime()),
          code: await nextCode(trx, community.id, year),
          community_id: community.id,
          year,
          title: v.title,
          kind: v.kind,
          place: v.place,
          reason: v.reason,
          estimated_fen: v.estimatedFen,
          proposer_kind: v.proposerKind,
          proposer_name: v.proposerName,
          proposer_phone: v.proposerPhone ?? null,
          proposer_org_id: v.proposerKind === "organisation" ? (v.proposerOrgId ?? null) : null,
          proposed_on: on,
          stage: "proposed",
          reviewed_on: null,
          voted_on: null,
          publicised_on: null,
          publicity_ends_on: null,
          approved_on: null,
          budget_fen: null,
          contractor: null,
          planned_start: null,
          planned_end: null,
          started_on: null,
          progress_pct: 0,
          spent_fen: 0,
          accepted_on: null,
          acceptors: "[]",
          acceptance_note: null,
          evaluated_on: null,
          satisfaction: null,
          survey_count: 0,
          closed_on: null,
          closed_stage: null,
          close_reason: null,
          created_at: t,
          updated_at: t,
        };
        await insertProject(trx, row);
        await kit.record(trx, who, row, "propose", on, v.title, { code: row.code, kind: v.kind, estimatedFen: v.estimatedFen, proposerKind: v.proposerKind });
        return { id: row.id, code: row.code, created: true };
      });
    },

    /** 初审 by the community party committee: passed, or rejected with the reason. */
    async review(who: Who, id: string, input: TReview, exec?: Kysely<DB>) {
      const v = ZReview.parse(input);
      return inTx(db, exec, async (trx) => {
        const { row, on } = await kit.open(trx, who, id, "review", v.on);
        if (!v.passed && !v.note) throw errors.badRequest("初审不通过须写明理由", "A rejection states its reason");
        const patch = v.passed
          ? { stage: "reviewed", reviewed_on: on, updated_at: now() }
          : { stage: "rejected", reviewed_on: on, closed_on: on, closed_stage: "rejected", close_reason: v.note, updated_at: now() };
        await updateProject(trx, id, patch);
        await kit.record(trx, who, row, "review", on, v.note, { passed: v.passed });
      });
    },

    /**
     * 居民议事会评议: one meeting with the members present and the votes on each project put to it.
     * Each project must have passed 初审; votes cast cannot outnumber the members present; a
     * project passes with more votes for than the setting's share of those present (more than
     * half by default). All the meeting's votes are written together or not at all.
     */
    async holdMeeting(who: Who, input: TMeetingCreate, exec?: Kysely<DB>) {
      const v = ZMeetingCreate.parse(input);
      return inTx(db, exec, async (trx) => {
        const community = await communityInScope(trx, who.scope, v.communityId);
        const ids = v.votes.map((x) => x.projectId);
        if (new Set(ids).size !== ids.length) throw errors.badRequest("同一项目在一次会议中只能表决一次", "A project is voted on once per meeting");
        const share = await settings.get(PROJECT_SETTINGS.passShare, community.path, trx);
        const meeting = {
          id: uuidv7(clock.now().getTime()),
          community_id: community.id,
          title: v.title,
          held_on: v.heldOn,
          members_present: v.membersPresent,
          created_at: now(),
        };
        const results: Array<{ projectId: string; passed: boolean }> = [];
        let inserted = false;
        for (const x of v.votes) {
          const { row, on } = await kit.open(trx, who, x.projectId, "vote", v.heldOn);
          if (row.community_id !== community.id) throw errors.badRequest(`项目「${row.title}」不属于该社区`, `${row.title} is not a project of this community`);
          const no = voteRefusal({ present: v.membersPresent, votesFor: x.votesFor, votesAgainst: x.votesAgainst, abstentions: x.abstentions }, row.title);
          if (no) throw errors.badRequest(no.zh, no.en);
          if (!inserted) {
            await insertMeeting(trx, meeting);
            inserted = true;
          }
          const passed = votePasses(x.votesFor, v.membersPresent, share);
          await insertVote(trx, {
            id: uuidv7(clock.now().getTime()),
            meeting_id: meeting.id,
            project_id: row.id,
            community_id: row.community_id,
            members_present: v.membersPresent,
            votes_for: x.votesFor,
            votes_against: x.votesAgainst,
            abstentions: x.abstentions,
            passed: passed ? 1 : 0,
            created_at: now(),
          });
          const note = `${v.title}：到会${v.membersPresent}人，赞成${x.votesFor}、反对${x.votesAgainst}、弃权${x.abstentions}，${passed ? "通过" : "未通过"}`;
          await updateProject(
            trx,
            row.id,
            passed
              ? { stage: "voted", voted_on: on, updated_at: now() }
              : { stage: "rejected", voted_on: on, closed_on: on, closed_stage: "rejected", close_reason: note, updated_at: now() },
          );
          await kit.record(trx, who, row, "vote", on, note, {
            meetingId: meeting.id,
            membersPresent: v.membersPresent,
            votesFor: x.votesFor,
            votesAgainst: x.votesAgainst,
            abstentions: x.abstentions,
            passed,
            share,
          });
          results.push({ projectId: row.id, passed });
        }
        return { meetingId: meeting.id, results };
      });
    },

    /** 公示: from the day given for the setting's working days (holidays and 调休 of the calendar settings). */
    async publicise(who: Who, id: string, input: { on?: string }, exec?: Kysely<DB>) {
      const v = ZPublicise.parse(input);
      return inTx(db, exec, async (trx) => {
        const { row, on } = await kit.open(trx, who, id, "publicise", v.on);
        const days = await settings.get(PROJECT_SETTINGS.publicityWorkingDays, row.community_path, trx);
        const ends = publicityEnd(on, days, await workCalendarAt(trx, row.community_path));
        await updateProject(trx, id, { stage: "publicised", publicised_on: on, publicity_ends_on: ends, updated_at: now() });
        await kit.record(trx, who, row, "publicise", on, `公示${days}个工作日，至${ends}`, { workingDays: days, endsOn: ends });
        return { endsOn: ends };
      });
    },

    /** An objection received during the publicity period. */
    async object(who: WhoNamed, id: string, input: { byName: string; content: string; on?: string }, exec?: Kysely<DB>) {
      const v = ZObjection.parse(input);
      return inTx(db, exec, async (trx) => {
        const { row, on } = await kit.open(trx, who, id, "objection", v.on);
        if (row.publicised_on && on < row.publicised_on)
          throw errors.badRequest(`异议日期早于公示开始日期${row.publicised_on}`, `The objection is dated before the publicity began (${row.publicised_on})`);
        const o = {
          id: uuidv7(clock.now().getTime()),
          project_id: id,
          community_id: row.community_id,
          received_on: on,
          by_name: v.byName,
          content: v.content,
          resolution: null,
          resolved_on: null,
          created_at: now(),
        };
        await insertObjection(trx, o);
        await kit.record(trx, who, row, "objection", on, v.content, { objectionId: o.id, byName: v.byName });
        return { id: o.id };
      });
    },

    /** An objection answered (立项 waits until every one is). */
    async resolveObjection(who: Who, id: string, objectionId: string, input: { resolution: string; on?: string }, exec?: Kysely<DB>) {
      const v = ZObjectionResolve.parse(input);
      return inTx(db, exec, async (trx) => {
        const row = await projectRow(trx, who.scope, id);
        const o = row ? (await objectionsOf(trx, id)).find((x) => x.id === objectionId) : undefined;
        if (!row || !o) throw errors.notFound({ zh: "异议", en: "Objection" });
        if (o.resolved_on) throw errors.conflict("该异议已处理", "This objection has already been answered");
        const on = v.on ?? kit.today();
        const bad = stepDateRefusal(on, kit.today(), o.received_on);
        if (bad) throw errors.badRequest(bad.zh, bad.en);
        await updateObjection(trx, objectionId, { resolution: v.resolution, resolved_on: on });
        await kit.record(trx, who, row, "objection_resolved", on, v.resolution, { objectionId });
      });
    },

    /** 撤销 with the reason: a project not yet accepted. What was paid stays paid (and counted). */
    async cancel(who: Who, id: string, input: { reason: string; on?: string }, exec?: Kysely<DB>) {
      const v = ZCancel.parse(input);
      return inTx(db, exec, async (trx) => {
        const { row, on } = await kit.open(trx, who, id, "cancel", v.on);
        await updateProject(trx, id, { stage: "cancelled", closed_on: on, closed_stage: "cancelled", close_reason: v.reason, updated_at: now() });
        await kit.record(trx, who, row, "cancel", on, v.reason, { from: row.stage });
      });
    },
  };
}
