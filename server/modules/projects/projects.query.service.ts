import type { Kysely } from "kysely";
import {
  PROJECT_KINDS,
  type ProjectStep,
  type TBudget,
  type TProject,
  type TProjectDetail,
  type TProjectQuery,
  type TPublicProject,
  type TPublicProjectDetail,
} from "../../../contracts/projects.js";
import type { DB } from "../../db/types.js";
import { errors } from "../../platform/errors.js";
import { communityInScope, type Scope } from "../../platform/scope.js";
import { json, PROJECT, type ProjectDeps, type StepKit, toProject } from "./projects.common.js";
import {
  committedFen,
  eventsOf,
  objectionsOf,
  type ProjectRow,
  paymentsInPeriod,
  paymentsOf,
  progressOf,
  projectById,
  projectPage,
  projectRow,
  projectRows,
  publicProjects,
  surveyCounts,
  votesOf,
} from "./projects.repo.js";
import { nextSteps, satisfactionOf } from "./projects.rules.js";
import { PROJECT_SETTINGS } from "./projects.settings.js";

// What is read of projects: the list, a project's page (timeline, votes, objections, progress,
// payments, survey, the steps open now), a community-year's budget, and the public views — the
// same records, without personal data.

export type QueryService = ReturnType<typeof createQueryService>;

export function createQueryService(deps: ProjectDeps, kit: StepKit) {
  const { db, settings } = deps;

  async function detailOf(exec: Kysely<DB>, r: ProjectRow): Promise<TProjectDetail> {
    const [events, votes, objections, progress, payments, counts, state] = await Promise.all([
      eventsOf(exec, r.id),
      votesOf(exec, r.id),
      objectionsOf(exec, r.id),
      progressOf(exec, r.id),
      paymentsOf(exec, r.id),
      surveyCounts(exec, r.id),
      kit.stateOf(exec, r),
    ]);
    const s = satisfactionOf(counts);
    return {
      ...toProject(r),
      timeline: events.map((e) => ({
        id: e.id,
        step: e.step as ProjectStep,
        on: e.on_date,
        at: e.at,
        actor: e.actor,
        note: e.note,
        detail: json(e.detail, {}),
      })),
      votes: votes.map((v) => ({
        meetingId: v.meeting_id,
        title: v.title,
        heldOn: v.held_on,
        membersPresent: v.members_present,
        votesFor: v.votes_for,
        votesAgainst: v.votes_against,
        abstentions: v.abstentions,
        passed: !!v.passed,
      })),
      objections: objections.map((o) => ({
        id: o.id,
        receivedOn: o.received_on,
        byName: o.by_name,
        content: o.content,
        resolution: o.resolution,
        resolvedOn: o.resolved_on,
      })),
      progress: progress.map((p) => ({
        id: p.id,
        month: p.month,
        reportedOn: p.reported_on,
        percent: p.percent,
        note: p.note,
        photos: json<string[]>(p.photos, []),
      })),
      payments: payments.map((p) => ({
        id: p.id,
        paidOn: p.paid_on,
        amountFen: p.amount_fen,
        voucher: p.voucher,
        payee: p.payee,
        note: p.note,
        voided: !!p.voided,
        voidReason: p.void_reason,
      })),
      survey: { ...counts, total: s.total, rate: s.rate },
      next: nextSteps(state),
    };
  }

  const toPublic = (r: Pick<ProjectRow, keyof TPublicProjectRow>): TPublicProject => ({
    id: r.id,
    code: r.code,
    title: r.title,
    kind: r.kind as TPublicProject["kind"],
    place: r.place,
    stage: r.stage as TPublicProject["stage"],
    proposedOn: r.proposed_on,
    budgetFen: r.budget_fen,
    spentFen: r.spent_fen,
    progressPct: r.progress_pct,
    contractor: r.contractor,
    acceptedOn: r.accepted_on,
    satisfaction: r.satisfaction,
    surveyOpen: r.stage === "accepted",
  });

  return {
    async list(scope: Scope, q: TProjectQuery) {
      const { rows, total } = await projectPage(db, scope, q);
      return { items: rows.map(toProject), total, page: q.page, pageSize: q.pageSize };
    },
    async all(scope: Scope, q: Omit<TProjectQuery, "page" | "pageSize">): Promise<TProject[]> {
      return (await projectRows(db, scope, q)).map(toProject);
    },
    async detail(scope: Scope, id: string): Promise<TProjectDetail> {
      const r = await projectRow(db, scope, id);
      if (!r) throw errors.notFound(PROJECT);
      return detailOf(db, r);
    },

    /** A community-year: its budget (setting), what 立项 committed and what was paid, by kind with the caps. */
    async budget(scope: Scope, communityId: string, year: number): Promise<TBudget> {
      const c = await communityInScope(db, scope, communityId);
      const annual = await settings.get(PROJECT_SETTINGS.annualBudgetFen, c.path);
      const caps = await settings.get(PROJECT_SETTINGS.kindCapsFen, c.path);
      const rows = await committedFen(db, c.id, year);
      const byKind = PROJECT_KINDS.map((kind) => {
        const of = rows.filter((r) => r.kind === kind);
        return {
          kind,
          capFen: caps[kind],
          projects: of.length,
          committedFen: of.reduce((s, r) => s + r.committed, 0),
          paidFen: of.reduce((s, r) => s + r.spent, 0),
        };
      });
      const committed = byKind.reduce((s, k) => s + k.committedFen, 0);
      return {
        communityId: c.id,
        year,
        annualFen: annual,
        committedFen: committed,
        paidFen: byKind.reduce((s, k) => s + k.paidFen, 0),
        leftFen: annual - committed,
        byKind,
      };
    },

    /** A community's payments of a period as the public sees them: project, day, amount, payee (no voucher). */
    async publicPayments(communityId: string, from: string, to: string) {
      return (await paymentsInPeriod(db, communityId, from, to)).map((r) => ({
        projectId: r.project_id,
        projectCode: r.code,
        projectTitle: r.title,
        paidOn: r.paid_on,
        amountFen: r.amount_fen,
        payee: r.payee,
      }));
    },

    async publicList(communityId: string): Promise<TPublicProject[]> {
      return (await publicProjects(db, communityId)).map(toPublic);
    },

    /** A project as the public sees it: stages, budget and spend, progress with photos, acceptance, survey. */
    async publicDetail(id: string): Promise<TPublicProjectDetail> {
      const r = await projectById(db, id);
      if (!r) throw errors.notFound(PROJECT);
      const [events, progress, counts] = await Promise.all([eventsOf(db, id), progressOf(db, id), surveyCounts(db, id)]);
      const s = satisfactionOf(counts);
      // Objections and payments show as steps without who objected or the vouchers.
      const shown: ProjectStep[] = ["propose", "review", "vote", "publicise", "approve", "progress", "accept", "evaluate", "cancel"];
      return {
        ...toPublic(r),
        reason: r.reason,
        publicityEndsOn: r.publicity_ends_on,
        steps: events
          .filter((e) => shown.includes(e.step as ProjectStep))
          .map((e) => ({ step: e.step as ProjectStep, on: e.on_date, note: e.step === "propose" ? "" : e.note })),
        progress: progress.map((p) => ({ month: p.month, percent: p.percent, note: p.note, photos: json<string[]>(p.photos, []) })),
        acceptance: r.accepted_on ? { on: r.accepted_on, acceptors: json<string[]>(r.acceptors, []), note: r.acceptance_note ?? "" } : null,
        survey: { ...counts, total: s.total, rate: s.rate },
      };
    },
  };
}

type TPublicProjectRow = Pick<
  ProjectRow,
  | "id"
  | "code"
  | "title"
  | "kind"
  | "place"
  | "stage"
  | "proposed_on"
  | "budget_fen"
  | "spent_fen"
  | "progress_pct"
  | "contractor"
  | "accepted_on"
  | "satisfaction"
>;
