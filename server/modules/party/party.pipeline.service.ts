import type { z } from "zod";
import { maskIdNumber } from "../../../contracts/mask.js";
import {
  APPROVAL_STEPS,
  type TApplicant,
  type TApplicantCreate,
  type TApplicantLeave,
  type TCentralTraining,
  type TStepRecord,
  ZCentralTraining,
  type ZExtendProbation,
} from "../../../contracts/party.js";
import { addMonths, ageOn } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { Scope } from "../../platform/scope.js";
import { settingFrom } from "../../platform/settings.js";
import { inTx } from "../../platform/tx.js";
import { actorName, type Who } from "../../platform/who.js";
import { type Ex, notPast, type PartyDeps, rule, todayFn } from "./party.common.js";
import type { PartyMembersService } from "./party.members.service.js";
import type { PartyOrgsService } from "./party.orgs.service.js";
import {
  type ApplicantFilter,
  type ApplicantRow,
  applicantDetailRow,
  applicantIn,
  applicantOfMember,
  applicantPage,
  deleteStep,
  insertApplicant,
  insertStep,
  openApplicationOf,
  openApplicationsOf,
  passedSteps,
  regionLevel,
  stepById,
  stepsOf,
  updateApplicant,
} from "./party.pipeline.repo.js";
import { ageRule, approvalRule, approverRule, checkStep, docsRule, extensionRule, nextStep, type PublicityRules, stepName } from "./party.pipeline.rules.js";
import { activeMemberOfPerson, memberIn, memberNames, personIn } from "./party.repo.js";
import { PARTY_SETTINGS } from "./party.settings.js";
import type { PartyApplicantTable } from "./party.tables.js";
import { workCalendar } from "./party.workdays.js";

// The development pipeline (发展党员): an applicant taken through the 25 steps by the rules of
// party.pipeline.rules.ts; step 17 makes them a probationary member, step 24 a full one.

export type PartyPipelineService = ReturnType<typeof createPartyPipelineService>;

/** The steps whose dates the next step's time rules read. */
const TIMED_STEPS = [3, 13, 15];
const STEP_NUMBERS = Array.from({ length: 25 }, (_, i) => i + 1);

export function createPartyPipelineService(deps: PartyDeps & { orgs: PartyOrgsService; members: PartyMembersService }) {
  const { db, audit, clock, orgs, members } = deps;
  const today = todayFn(deps);

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
  const passedOnOf = (steps: ReadonlyArray<{ step: number; done_on: string; passed: number }>) => (s: number) =>
    steps.find((x) => x.step === s && x.passed)?.done_on ?? null;

  function toApplicant(r: ApplicantRow, steps: Array<{ step: number; done_on: string; passed: number }>, rules: PublicityRules, t: string): TApplicant {
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
      stoppedOn: r.stopped_on ?? null,
      stopReason: r.stop_reason ?? null,
      next: nextStep(r, passedOnOf(steps), rules, t),
    };
  }

  /** Step 1: the application, to a branch, by a person of at least 18 not already a member or in the pipeline. */
  async function createApplicant(who: Who, input: TApplicantCreate, exec?: Ex) {
    return inTx(db, exec, async (trx) => {
      const org = await orgs.get(who.scope, input.orgId, trx);
      if (org.level !== "党支部" && org.level !== "党总支") throw errors.badRequest("入党申请向党支部提出", "An application is made to a party branch");
      const p = await personIn(trx, who.scope, input.personId);
      notPast(input.appliedOn, today(), { zh: "申请日期", en: "Application date" });
      ageRule(p.name, ageOn(p.birth_date, input.appliedOn));
      if (await openApplicationOf(trx, p.id)) throw errors.conflict(`${p.name}已在发展流程中`, `${p.name} is already in the pipeline`);
      if (await activeMemberOfPerson(trx, p.id)) throw errors.conflict(`${p.name}已是党员`, `${p.name} is already a party member`);
      docsRule(1, input.documents);
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
        stopped_on: null,
        stop_reason: null,
        created_at: now,
        updated_at: now,
      };
      await insertApplicant(trx, row);
      await insertStep(trx, {
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
      });
      await audit.record(trx, who, {
        action: "party.applicant.create",
        entity: "party_applicant",
        entityId: row.id,
        communityId: row.community_id,
        after: { ...row, person: p.name },
      });
      return row.id;
    });
  }

  /**
   * Records the next step of an applicant, refusing it out of order or too early with the rule it breaks.
   * `approving` "history": an import recording a past approval (17, 24) that the subdistrict gave: every
   * rule of the step holds, only who may approve today is not asked.
   */
  async function recordStep(who: Who, id: string, input: TStepRecord, exec?: Ex, mode: boolean | "history" = false) {
    const { passed, step } = await recordStepRow(who, id, input, exec, mode);
    return { passed, step };
  }
  /** recordStep, answering also the id of the step's record (what a caller keeps to withdraw it). */
  async function recordStepRow(who: Who, id: string, input: TStepRecord, exec?: Ex, mode: boolean | "history" = false) {
    const approving = mode === "history" ? (APPROVAL_STEPS as readonly number[]).includes(input.step) : mode;
    return inTx(db, exec, async (trx) => {
      const publicity = await publicityRules(trx, who.scope.path);
      const a = await applicantIn(trx, who.scope, id);
      if (!a) throw errors.notFound({ zh: "入党申请人", en: "Applicant" });
      const n = input.step;
      approvalRule(n, approving);
      if (mode === true) approverRule(who.user ? await regionLevel(trx, who.user.scopeRegionId) : who.scope.level);
      const steps = await passedSteps(trx, [a.id], [3, 13, 15]);
      const effect = checkStep(input, { applicant: a, doneOn: passedOnOf(steps), publicity, today: today() });
      const d = input.doneOn;
      const patch: Partial<PartyApplicantTable> = {};
      const memberNamesOfStep = effect.fullMembers ? await members.requireFull(trx, effect.fullMembers.ids, a.community_id, effect.fullMembers.what) : [];
      if (effect.admit) {
        patch.status = "probationary";
        patch.admitted_on = d;
        patch.probation_start = effect.admit.probationStart;
        patch.probation_end = effect.admit.probationEnd;
        patch.member_id = await members.create(
          who,
          { personId: a.person_id, orgId: a.org_id, status: "probationary", joinedOn: effect.admit.probationStart, mobile: false, lostContact: false },
          trx,
        );
      }
      if (effect.becomeFull) {
        patch.status = "full";
        if (a.member_id) await members.makeFull(trx, a.member_id, a.probation_end);
      }
      const now = clock.now().toISOString();
      const stepRow = {
        id: uuidv7(clock.now().getTime()),
        community_id: a.community_id,
        applicant_id: a.id,
        step: n,
        done_on: d,
        passed: effect.passed ? 1 : 0,
        member_ids: JSON.stringify(input.memberIds),
        documents: JSON.stringify(input.documents),
        vote: input.vote ? JSON.stringify(input.vote) : null,
        training_hours: input.trainingHours ?? null,
        conclusion: input.conclusion ?? null,
        note: input.note ?? (memberNamesOfStep.length ? memberNamesOfStep.join("、") : null),
        recorded_by: actorName(who),
        created_at: now,
      };
      await insertStep(trx, stepRow);
      // A vote that misses the majority is recorded as failed; the applicant stays where they were.
      if (effect.passed) await updateApplicant(trx, a.id, { ...patch, last_step: n, stage: stepName(n).stage, last_step_on: d, updated_at: now });
      await audit.record(trx, who, {
        action: effect.passed ? `party.step.${n}` : `party.step.${n}.failed`,
        entity: "party_applicant",
        entityId: a.id,
        communityId: a.community_id,
        after: stepRow,
      });
      return { passed: effect.passed, step: n, stepId: stepRow.id };
    });
  }

  /** Extends a probation once, by 6–12 months, until the vote on full membership. */
  async function extendProbation(who: Who, id: string, input: z.infer<typeof ZExtendProbation>) {
    return inTx(db, null, async (trx) => {
      const a = await applicantIn(trx, who.scope, id);
      if (!a) throw errors.notFound({ zh: "入党申请人", en: "Applicant" });
      extensionRule(a);
      notPast(input.decidedOn, today(), { zh: "决定日期", en: "Decision date" });
      const end = addMonths(a.probation_end as string, input.months);
      await updateApplicant(trx, a.id, { extended_months: input.months, probation_end: end, updated_at: clock.now().toISOString() });
      await audit.record(trx, who, {
        action: "party.probation.extend",
        entity: "party_applicant",
        entityId: a.id,
        communityId: a.community_id,
        after: { ...input, probation_end: end },
      });
    });
  }

  /**
   * Leaves the pipeline (本人撤回申请 / 党组织终止培养): from that day the applicant is neither in the
   * pipeline nor overdue; the steps stay on the record. A probationary member is not "stopped" here
   * (取消预备党员资格 is a decision on the member register).
   */
  async function leave(who: Who, id: string, input: TApplicantLeave, exec?: Ex) {
    return inTx(db, exec, async (trx) => {
      const a = await applicantIn(trx, who.scope, id);
      if (!a) throw errors.notFound({ zh: "入党申请人", en: "Applicant" });
      if (a.status !== "active")
        throw errors.conflict("只有培养中（尚未接收为预备党员）的申请人可以退出发展流程", "Only an applicant not yet admitted can leave the pipeline");
      notPast(input.on, today(), { zh: "退出日期", en: "Date left" });
      if (input.on < a.last_step_on)
        throw rule(`退出日期不能早于最后办理的步骤（${a.last_step_on}）`, `The date left cannot be before the last step done (${a.last_step_on})`);
      const patch = { status: "stopped" as const, stopped_on: input.on, stop_reason: input.reason, updated_at: clock.now().toISOString() };
      await updateApplicant(trx, a.id, patch);
      await audit.record(trx, who, {
        action: "party.applicant.leave",
        entity: "party_applicant",
        entityId: a.id,
        communityId: a.community_id,
        before: { status: a.status },
        after: patch,
      });
    });
  }

  async function getApplicant(scope: Scope, id: string) {
    const r = await applicantDetailRow(db, scope, id);
    if (!r) throw errors.notFound({ zh: "入党申请人", en: "Applicant" });
    const steps = await stepsOf(db, id);
    const names = await memberNames(db, [...new Set(steps.flatMap((s) => JSON.parse(s.member_ids) as string[]))]);
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
  }

  return {
    createApplicant,
    recordStep,
    /** Steps 17 and 24, the subdistrict party working committee's. */
    approve: (who: Who, id: string, input: TStepRecord, exec?: Ex) => recordStep(who, id, input, exec, true),
    extendProbation,
    leave,
    /** Extends a probationary member's probation (once, 6–12 months) on the pipeline record that admitted them. */
    async extendMemberProbation(who: Who, memberId: string, input: z.infer<typeof ZExtendProbation>) {
      const m = await memberIn(db, who.scope, memberId);
      if (m.status !== "probationary") throw errors.conflict("只有预备党员可以延长预备期", "Only a probationary member's probation can be extended");
      const a = await applicantOfMember(db, memberId);
      if (!a)
        throw rule(
          `${m.name}不是经本系统发展流程接收的预备党员，没有预备期记录，不能在此延长预备期`,
          `${m.name} was not admitted through the development pipeline here: there is no probation on record to extend`,
        );
      await extendProbation(who, a.id, input);
    },
    async list(scope: Scope, f: ApplicantFilter & { page: number; pageSize: number }) {
      const { rows, total } = await applicantPage(db, scope, f);
      const steps = await passedSteps(
        db,
        rows.map((r) => r.id),
        TIMED_STEPS,
      );
      const rules = await publicityRules(db, scope.path);
      const t = today();
      const items = rows.map((r) =>
        toApplicant(
          r,
          steps.filter((s) => s.applicant_id === r.id),
          rules,
          t,
        ),
      );
      return { items, total, page: f.page, pageSize: f.pageSize };
    },
    get: getApplicant,
    /**
     * Every applicant in the filter with the date of each step passed, for the XLSX export (in the
     * import's columns, so it reads back in); the export is written to the audit log.
     */
    async exportRows(who: Who, f: ApplicantFilter) {
      const { items } = await this.list(who.scope, { ...f, page: 1, pageSize: 100_000 });
      const dates = new Map<string, Record<number, string>>();
      for (let i = 0; i < items.length; i += 500) {
        const part = items.slice(i, i + 500).map((a) => a.id);
        for (const st of await passedSteps(db, part, STEP_NUMBERS)) {
          const d = dates.get(st.applicant_id) ?? {};
          if (st.passed) d[st.step] = st.done_on;
          dates.set(st.applicant_id, d);
        }
      }
      await audit.record(db, who, { action: "party.applicant.export", entity: "party_applicant", after: { filter: f, rows: items.length } });
      return items.map((a) => ({ ...a, stepDates: dates.get(a.id) ?? {} }));
    },
    /**
     * Of these people, those in the pipeline (applying, or probationary) in scope: their stage, last
     * step and next step with its time rules. `needsCentralTraining`: a candidate (发展对象, stage 3)
     * whose central training (step 11) is not yet recorded.
     */
    async among(scope: Scope, personIds: string[], exec: Ex = db) {
      const rows = await openApplicationsOf(exec, scope, personIds);
      const steps = await passedSteps(
        exec,
        rows.map((r) => r.id),
        TIMED_STEPS,
      );
      const rules = await publicityRules(exec, scope.path);
      const t = today();
      return rows.map((r) => ({
        applicantId: r.id,
        personId: r.person_id,
        orgId: r.org_id,
        status: r.status as "active" | "probationary",
        stage: r.stage,
        lastStep: r.last_step,
        next: nextStep(r, passedOnOf(steps.filter((s) => s.applicant_id === r.id)), rules, t),
        needsCentralTraining: r.stage === 3 && r.last_step < 11,
      }));
    },
    /**
     * Records the central training an applicant attended as step 11 (≥ 3 days or 24 hours [A]),
     * under every rule of the step as entered on the page: in order (after the political review),
     * dated, with the 培训结业证书, enough hours.
     */
    async recordCentralTraining(who: Who, applicantId: string, training: TCentralTraining, exec?: Ex) {
      const t = ZCentralTraining.safeParse(training);
      if (!t.success)
        throw errors.badRequest(`集中培训记录有误：${t.error.issues[0]?.message}`, `Invalid central training record: ${t.error.issues[0]?.message}`);
      const { doneOn, hours, documents, note } = t.data;
      return recordStepRow(who, applicantId, { step: 11, doneOn, trainingHours: hours, documents, note: note ?? null, memberIds: [], extended: false }, exec);
    },
    /**
     * Withdraws a central training recorded by `recordCentralTraining` (its `stepId`), when the
     * attendance it was recorded for is removed: that record only — a step 11 record, of an applicant
     * in scope still at step 11 with nothing recorded after it. The applicant is back at the step
     * before (the next step is the central training again); the record's removal is audited with it.
     */
    async withdrawCentralTraining(who: Who, stepId: string, exec?: Ex) {
      return inTx(db, exec, async (trx) => {
        const s = await stepById(trx, stepId);
        const a = s && (await applicantIn(trx, who.scope, s.applicant_id));
        if (!s || !a) throw errors.notFound({ zh: "集中培训记录", en: "Central training record" });
        if (s.step !== 11 || !s.passed) throw errors.conflict("该记录不是已办理的集中培训（第11步）", "The record is not a central training done (step 11)");
        const later = (await stepsOf(trx, a.id)).filter((x) => x.step > 11);
        if (a.last_step !== 11 || later.length)
          throw errors.conflict(
            `${a.name}已办理集中培训之后的步骤（第${Math.max(a.last_step, ...later.map((x) => x.step))}步），集中培训记录不能撤回`,
            `${a.name} has steps after the central training (step ${Math.max(a.last_step, ...later.map((x) => x.step))}): it cannot be withdrawn`,
          );
        await deleteStep(trx, s.id);
        const before = (await stepsOf(trx, a.id)).filter((x) => x.passed && x.step < 11).at(-1);
        const lastStep = before?.step ?? 1;
        const patch = {
          last_step: lastStep,
          stage: stepName(lastStep).stage,
          last_step_on: before?.done_on ?? a.applied_on,
          updated_at: clock.now().toISOString(),
        };
        await updateApplicant(trx, a.id, patch);
        await audit.record(trx, who, {
          action: "party.step.11.withdraw",
          entity: "party_applicant",
          entityId: a.id,
          communityId: a.community_id,
          before: s,
          after: { last_step: lastStep },
        });
        return { withdrawn: true as const, step: 11, lastStep };
      });
    },
  };
}
