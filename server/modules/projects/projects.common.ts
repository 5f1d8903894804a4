import type { Kysely } from "kysely";
import { z } from "zod";
import { maskName, maskPhone } from "../../../contracts/mask.js";
import type { ProjectKind, ProjectStage, ProjectStep, TProject } from "../../../contracts/projects.js";
import type { Config } from "../../config.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { localDate } from "../../platform/dates.js";
import { AppError, errors, type Msg } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { Settings } from "../../platform/settings.js";
import type { Who } from "../../platform/who.js";
import { insertEvent, lastEventAt, openObjectionCount, type ProjectRow, projectRow } from "./projects.repo.js";
import { type StepState, stepDateRefusal, stepRefusal } from "./projects.rules.js";
import { PROJECT_SETTINGS } from "./projects.settings.js";
import "./projects.tables.js";

export type ProjectDeps = { db: Kysely<DB>; audit: Audit; clock: Clock; config: Config; settings: Settings };

/** A resident or the system acting without an account carries the name the timeline shows. */
export type WhoNamed = Who & { name?: string };

export const PROJECT: Msg = { zh: "民生微实事项目", en: "Micro-project" };
export const ZIdParam = z.object({ id: z.string().min(1).max(64) });

export function json<T>(v: string | null | undefined, fallback: T): T {
  if (!v) return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

export const actorLabel = (who: WhoNamed) => who.user?.displayName ?? who.user?.username ?? who.name ?? "系统";
export const refused = (m: Msg) => new AppError(409, "RULE", m);

export function toProject(r: ProjectRow): TProject {
  const person = r.proposer_kind === "resident";
  return {
    id: r.id,
    code: r.code,
    communityId: r.community_id,
    communityName: r.community_name,
    year: r.year,
    title: r.title,
    kind: r.kind as ProjectKind,
    place: r.place,
    reason: r.reason,
    estimatedFen: r.estimated_fen,
    proposerKind: r.proposer_kind as TProject["proposerKind"],
    proposerName: person ? (maskName(r.proposer_name) ?? "") : r.proposer_name,
    proposerPhone: maskPhone(r.proposer_phone),
    proposedOn: r.proposed_on,
    stage: r.stage as ProjectStage,
    publicityEndsOn: r.publicity_ends_on,
    approvedOn: r.approved_on,
    budgetFen: r.budget_fen,
    contractor: r.contractor,
    plannedStart: r.planned_start,
    plannedEnd: r.planned_end,
    progressPct: r.progress_pct,
    spentFen: r.spent_fen,
    acceptedOn: r.accepted_on,
    acceptors: json<string[]>(r.acceptors, []),
    evaluatedOn: r.evaluated_on,
    satisfaction: r.satisfaction,
    surveyCount: r.survey_count,
    closedOn: r.closed_on,
    closeReason: r.close_reason,
  };
}

/** The date the latest step of a project was taken: a new step may not be dated before it. */
export const lastStepDate = (r: ProjectTable2) =>
  [r.proposed_on, r.reviewed_on, r.voted_on, r.publicised_on, r.approved_on, r.started_on, r.accepted_on, r.evaluated_on, r.closed_on]
    .filter((d): d is string => !!d)
    .sort()
    .pop() ?? null;
type ProjectTable2 = Pick<
  ProjectRow,
  "proposed_on" | "reviewed_on" | "voted_on" | "publicised_on" | "approved_on" | "started_on" | "accepted_on" | "evaluated_on" | "closed_on"
>;

/** What every step shares: the project in the caller's scope, read in the transaction, and its rules' state. */
export function stepKit(deps: ProjectDeps) {
  const { clock, config, settings, audit } = deps;
  const today = () => localDate(clock.now(), config.timeZone);

  async function stateOf(trx: Kysely<DB>, r: ProjectRow): Promise<StepState> {
    return {
      stage: r.stage as ProjectStage,
      today: today(),
      publicityEndsOn: r.publicity_ends_on,
      openObjections: await openObjectionCount(trx, r.id),
      progressPct: r.progress_pct,
      surveyCount: r.survey_count,
      surveyMin: await settings.get(PROJECT_SETTINGS.surveyMinResponses, r.community_path, trx),
    };
  }

  return {
    today,
    stateOf,
    /** The project, and the step's own date checked; refuses a step out of order with its rule. */
    async open(trx: Kysely<DB>, who: Who, id: string, step: ProjectStep, on?: string) {
      const r = await projectRow(trx, who.scope, id);
      if (!r) throw errors.notFound(PROJECT);
      const st = await stateOf(trx, r);
      const date = on ?? st.today;
      // A step dated in the future is refused below; its rules are read on its own date.
      const no = stepRefusal(step, { ...st, today: [date, st.today].sort()[0] });
      if (no) throw refused(no);
      const bad = stepDateRefusal(date, st.today, lastStepDate(r));
      if (bad) throw errors.badRequest(bad.zh, bad.en);
      return { row: r, state: st, on: date };
    },
    /** The step on the timeline, and in the audit log, in the step's transaction. */
    async record(
      trx: Kysely<DB>,
      who: WhoNamed,
      r: { id: string; community_id: string },
      step: ProjectStep,
      on: string,
      note: string,
      detail: Record<string, unknown>,
    ) {
      // Two steps in the same millisecond (a proposal and its review from a script) keep their order.
      const last = await lastEventAt(trx, r.id);
      const t = clock.now().getTime();
      const at = new Date(last && Date.parse(last) >= t ? Date.parse(last) + 1 : t).toISOString();
      await insertEvent(trx, {
        id: uuidv7(clock.now().getTime()),
        project_id: r.id,
        community_id: r.community_id,
        step,
        on_date: on,
        at,
        actor: actorLabel(who),
        note,
        detail: JSON.stringify(detail),
      });
      await audit.record(trx, who, {
        action: `projects.${step}`,
        entity: "project",
        entityId: r.id,
        communityId: r.community_id,
        after: { on, note, ...detail },
      });
    },
  };
}
export type StepKit = ReturnType<typeof stepKit>;
