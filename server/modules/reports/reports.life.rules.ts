import type { TReportState } from "../../../contracts/reports.js";

// The life of an annual report: 草稿 → 审核 → 定稿 → 发布. A draft is submitted for review by its
// author; another person approves it (定稿) or returns it to draft; a final report is published and
// frozen. A published report is never edited: a new version (a new draft) is made instead. Pure.

export type Step = "submit" | "return" | "approve" | "publish";
export type Refusal = { zh: string; en: string };
const STATE_ZH: Record<TReportState, string> = { draft: "草稿", review: "审核", final: "定稿", published: "发布" };
const STEPS: Record<Step, { from: TReportState; to: TReportState; zh: string; en: string }> = {
  submit: { from: "draft", to: "review", zh: "提交审核", en: "submit for review" },
  return: { from: "review", to: "draft", zh: "退回草稿", en: "return to draft" },
  approve: { from: "review", to: "final", zh: "审核定稿", en: "approve" },
  publish: { from: "final", to: "published", zh: "发布", en: "publish" },
};

/** The state a step leads to, or why it is refused: the wrong state, or the author reviewing their own report. */
export function nextState(state: TReportState, step: Step, actorId: string | null, authorId: string | null): { to: TReportState } | { refused: Refusal } {
  const s = STEPS[step];
  if (s.from !== state)
    return {
      refused: {
        zh: `报告当前为「${STATE_ZH[state]}」，不能${s.zh}（须为「${STATE_ZH[s.from]}」）`,
        en: `The report is ${state}; it cannot ${s.en} (it must be ${s.from})`,
      },
    };
  if ((step === "approve" || step === "return") && actorId && actorId === authorId)
    return { refused: { zh: "审核须由报告作者以外的人进行", en: "A report is reviewed by someone other than its author" } };
  return { to: s.to };
}

/** Why the report cannot be edited in this state (template, findings), or null when it can. */
export function editRefusal(state: TReportState): Refusal | null {
  if (state === "published")
    return { zh: "报告已发布，不能修改；请新建版本后再编辑", en: "The report is published and cannot be edited; make a new version to edit" };
  if (state !== "draft")
    return { zh: `报告当前为「${STATE_ZH[state]}」，不能修改；请先退回草稿`, en: `The report is ${state} and cannot be edited; return it to draft first` };
  return null;
}

/** A new version may be made only of a published report. */
export function newVersionRefusal(state: TReportState): Refusal | null {
  return state === "published" ? null : { zh: "只有已发布的报告才能新建版本", en: "Only a published report gets a new version" };
}
