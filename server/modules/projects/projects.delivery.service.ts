import type { Kysely } from "kysely";
import {
  type ProjectKind,
  type TAccept,
  type TApprove,
  type TPayment,
  type TProgress,
  type TSurveyAnswer,
  ZAccept,
  ZApprove,
  ZEvaluate,
  ZPayment,
  ZProgress,
  ZSurveyAnswer,
  ZVoid,
} from "../../../contracts/projects.js";
import type { DB } from "../../db/types.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { PROJECT, type ProjectDeps, refused, type StepKit, type WhoNamed } from "./projects.common.js";
import {
  committedFen,
  filesOfCommunity,
  insertPayment,
  insertProgress,
  insertSurvey,
  paymentById,
  paymentByVoucher,
  progressOf,
  projectById,
  projectRow,
  surveyCounts,
  updateProject,
  voidPaymentRow,
} from "./projects.repo.js";
import { approvalRefusal, paymentRefusal, progressRefusal, satisfactionOf, stepDateRefusal } from "./projects.rules.js";
import { PROJECT_SETTINGS } from "./projects.settings.js";

// 立项 → 实施 (monthly progress, payments) → 验收 → 评价 (the residents' survey). Money in fen;
// each step one transaction with its timeline entry and audit record.

export type DeliveryService = ReturnType<typeof createDeliveryService>;

export function createDeliveryService(deps: ProjectDeps, kit: StepKit) {
  const { db, clock, settings } = deps;
  const now = () => clock.now().toISOString();

  return {
    /**
     * 立项: budget, contractor and planned dates, after the publicity period with every objection
     * answered. The budget must fit its kind's cap and what is left of the community's budget of
     * the year of 立项 (settings); a refusal shows the figures.
     */
    async approve(who: Who, id: string, input: TApprove, exec?: Kysely<DB>) {
      const v = ZApprove.parse(input);
      return inTx(db, exec, async (trx) => {
        const { row, on } = await kit.open(trx, who, id, "approve", v.on);
        if (v.plannedEnd < v.plannedStart) throw errors.badRequest("计划完成日期不能早于计划开工日期", "The planned end cannot be before the planned start");
        const year = Number(on.slice(0, 4));
        const caps = await settings.get(PROJECT_SETTINGS.kindCapsFen, row.community_path, trx);
        const annual = await settings.get(PROJECT_SETTINGS.annualBudgetFen, row.community_path, trx);
        const committed = (await committedFen(trx, row.community_id, year)).reduce((s, r) => s + r.committed, 0);
        const no = approvalRefusal({
          kind: row.kind as ProjectKind,
          budgetFen: v.budgetFen,
          capFen: caps[row.kind as ProjectKind],
          committedFen: committed,
          annualFen: annual,
          year,
        });
        if (no) throw refused(no);
        await updateProject(trx, id, {
          stage: "approved",
          year,
          approved_on: on,
          budget_fen: v.budgetFen,
          contractor: v.contractor,
          planned_start: v.plannedStart,
          planned_end: v.plannedEnd,
          updated_at: now(),
        });
        await kit.record(trx, who, row, "approve", on, v.contractor, {
          budgetFen: v.budgetFen,
          contractor: v.contractor,
          plannedStart: v.plannedStart,
          plannedEnd: v.plannedEnd,
          year,
        });
      });
    },

    /** 实施: one progress report a month (percent never falling), with photos (platform files of the community). */
    async reportProgress(who: Who, id: string, input: TProgress, exec?: Kysely<DB>) {
      const v = ZProgress.parse(input);
      return inTx(db, exec, async (trx) => {
        const { row, on } = await kit.open(trx, who, id, "progress", v.on);
        const reports = await progressOf(trx, id);
        const last = reports.at(-1);
        const no = progressRefusal({
          month: v.month,
          percent: v.percent,
          approvedOn: row.approved_on ?? on,
          today: kit.today(),
          last: last ? { month: last.month, percent: last.percent } : null,
        });
        if (no) throw errors.badRequest(no.zh, no.en);
        const photos = [...new Set(v.photos)];
        if ((await filesOfCommunity(trx, row.community_id, photos)).length !== photos.length)
          throw errors.badRequest("照片须为本社区已上传的附件", "Photos must be files uploaded in this community");
        const p = {
          id: uuidv7(clock.now().getTime()),
          project_id: id,
          community_id: row.community_id,
          month: v.month,
          reported_on: on,
          percent: v.percent,
          note: v.note,
          photos: JSON.stringify(photos),
          created_at: now(),
        };
        await insertProgress(trx, p);
        await updateProject(trx, id, { stage: "implementing", started_on: row.started_on ?? on, progress_pct: v.percent, updated_at: now() });
        await kit.record(trx, who, row, "progress", on, v.note, { month: v.month, percent: v.percent, photos });
        return { id: p.id };
      });
    },

    /**
     * A payment with its date and voucher. The same voucher again with the same date and amount is
     * the same payment (nothing new); a voucher used for another payment is refused. A payment that
     * takes the spend over the budget is refused with the figures.
     */
    async pay(who: Who, id: string, input: TPayment, exec?: Kysely<DB>): Promise<{ id: string; created: boolean }> {
      const v = ZPayment.parse(input);
      return inTx(db, exec, async (trx) => {
        const same = await paymentByVoucher(trx, id, v.voucher);
        if (same && (await projectRow(trx, who.scope, id))) {
          if (same.paid_on === v.paidOn && same.amount_fen === v.amountFen && !same.voided) return { id: same.id, created: false };
          throw errors.conflict(`凭证号${v.voucher}已用于另一笔支付`, `Voucher ${v.voucher} is already used for another payment`);
        }
        const { row } = await kit.open(trx, who, id, "payment");
        const bad = stepDateRefusal(v.paidOn, kit.today(), row.approved_on);
        if (bad) throw errors.badRequest(bad.zh, bad.en);
        const no = paymentRefusal({ budgetFen: row.budget_fen ?? 0, spentFen: row.spent_fen, amountFen: v.amountFen });
        if (no) throw refused(no);
        const p = {
          id: uuidv7(clock.now().getTime()),
          project_id: id,
          community_id: row.community_id,
          paid_on: v.paidOn,
          paid_month: v.paidOn.slice(0, 7),
          amount_fen: v.amountFen,
          voucher: v.voucher,
          payee: v.payee,
          note: v.note,
          voided: 0,
          void_reason: null,
          created_at: now(),
        };
        await insertPayment(trx, p);
        await updateProject(trx, id, { spent_fen: row.spent_fen + v.amountFen, updated_at: now() });
        await kit.record(trx, who, row, "payment", v.paidOn, v.note, { paymentId: p.id, amountFen: v.amountFen, voucher: v.voucher, payee: v.payee });
        return { id: p.id, created: true };
      });
    },

    /** A payment voided with the reason (kept, not counted), before acceptance. */
    async voidPayment(who: Who, id: string, paymentId: string, input: { reason: string }, exec?: Kysely<DB>) {
      const v = ZVoid.parse(input);
      return inTx(db, exec, async (trx) => {
        const { row, on } = await kit.open(trx, who, id, "payment");
        const p = await paymentById(trx, id, paymentId);
        if (!p) throw errors.notFound({ zh: "支付记录", en: "Payment" });
        if (p.voided) throw errors.conflict("该支付已作废", "This payment is already void");
        await voidPaymentRow(trx, paymentId, v.reason);
        await updateProject(trx, id, { spent_fen: row.spent_fen - p.amount_fen, updated_at: now() });
        await kit.record(trx, who, row, "payment_void", on, v.reason, { paymentId, amountFen: p.amount_fen, voucher: p.voucher });
      });
    },

    /** 验收 by the people named, with the result: passed → accepted; not passed stays in implementation, on the timeline. */
    async accept(who: Who, id: string, input: TAccept, exec?: Kysely<DB>) {
      const v = ZAccept.parse(input);
      return inTx(db, exec, async (trx) => {
        const { row, on } = await kit.open(trx, who, id, "accept", v.on);
        if (v.passed)
          await updateProject(trx, id, {
            stage: "accepted",
            accepted_on: on,
            acceptors: JSON.stringify(v.acceptors),
            acceptance_note: v.note,
            updated_at: now(),
          });
        await kit.record(trx, who, row, "accept", on, v.note, { passed: v.passed, acceptors: v.acceptors });
      });
    },

    /** One answer of the satisfaction survey (the public form, or a paper form entered by staff), while the survey is open: after 验收, before 评价. */
    async answerSurvey(who: WhoNamed, id: string, input: TSurveyAnswer, channel: "online" | "paper", exec?: Kysely<DB>) {
      const v = ZSurveyAnswer.parse(input);
      return inTx(db, exec, async (trx) => {
        const row = who.user ? await projectRow(trx, who.scope, id) : await projectById(trx, id);
        if (!row) throw errors.notFound(PROJECT);
        if (row.stage !== "accepted")
          throw refused({
            zh: "满意度调查在项目验收后、评价完成前开放",
            en: "The satisfaction survey is open after acceptance and until the evaluation",
          });
        await insertSurvey(trx, {
          id: uuidv7(clock.now().getTime()),
          project_id: id,
          community_id: row.community_id,
          submitted_on: kit.today(),
          answer: v.answer,
          comment: v.comment,
          channel,
          created_at: now(),
        });
        await updateProject(trx, id, { survey_count: row.survey_count + 1, updated_at: now() });
      });
    },

    /** 评价: the survey closed, its satisfaction rate kept on the project. */
    async evaluate(who: Who, id: string, input: { on?: string }, exec?: Kysely<DB>) {
      const v = ZEvaluate.parse(input);
      return inTx(db, exec, async (trx) => {
        const { row, on } = await kit.open(trx, who, id, "evaluate", v.on);
        const counts = await surveyCounts(trx, id);
        const s = satisfactionOf(counts);
        await updateProject(trx, id, { stage: "evaluated", evaluated_on: on, satisfaction: s.rate, updated_at: now() });
        await kit.record(trx, who, row, "evaluate", on, `满意度${((s.rate ?? 0) * 100).toFixed(1)}%（${s.total}份）`, { ...counts, rate: s.rate });
        return s;
      });
    },
  };
}
