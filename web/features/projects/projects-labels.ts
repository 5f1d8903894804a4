// Labels of 民生微实事 in both languages, from the contracts (the server's exports use the same).
import {
  PROJECT_KIND_LABELS,
  PROJECT_KINDS,
  PROJECT_STAGE_LABELS,
  PROJECT_STAGES,
  PROJECT_STEP_LABELS,
  type ProjectKind,
  type ProjectStage,
  type ProjectStep,
  SURVEY_ANSWER_LABELS,
  SURVEY_ANSWERS,
} from "../../../contracts/projects";
import type { Lang } from "../../api/types";

export const kindLabel = (k: ProjectKind, lang: Lang) => PROJECT_KIND_LABELS[k]?.[lang] ?? k;
export const stageLabel = (s: ProjectStage, lang: Lang) => PROJECT_STAGE_LABELS[s]?.[lang] ?? s;
export const stepLabel = (s: ProjectStep, lang: Lang) => PROJECT_STEP_LABELS[s]?.[lang] ?? s;
export const kindOptions = (lang: Lang) => PROJECT_KINDS.map((k) => ({ value: k, label: kindLabel(k, lang) }));
export const stageOptions = (lang: Lang) => PROJECT_STAGES.map((s) => ({ value: s, label: stageLabel(s, lang) }));
export const answerOptions = (lang: Lang) => SURVEY_ANSWERS.map((a) => ({ value: a, label: SURVEY_ANSWER_LABELS[a][lang] }));

const STAGE_COLORS: Record<ProjectStage, string> = {
  proposed: "default",
  reviewed: "cyan",
  voted: "geekblue",
  publicised: "purple",
  approved: "blue",
  implementing: "processing",
  accepted: "green",
  evaluated: "success",
  rejected: "error",
  cancelled: "default",
};
export const stageColor = (s: ProjectStage) => STAGE_COLORS[s] ?? "default";

/** Fen as yuan with two decimals: 1560000 元 → "1,560,000.00". */
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? "—" : (fen / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const pct = (r: number | null | undefined) => (r === null || r === undefined ? "—" : `${(r * 100).toFixed(1)}%`);
