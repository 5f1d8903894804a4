// Labels of the activities pages (zh_CN default, en_US).
import {
  ACTIVITY_STATUS_LABELS,
  ISSUE_STATUS_LABELS,
  SIGNUP_STATUS_LABELS,
  TRAINEE_LABELS,
  TYPE_CLASS_LABELS,
  VENUE_KIND_EN,
  VENUE_STATE_LABELS,
} from "../../../contracts/activities";
import type { Lang } from "../../api/types";

type Labels = Record<string, { zh: string; en: string }>;
const of = (m: Labels) => (k: string | null | undefined, lang: Lang) => (k ? (m[k]?.[lang] ?? k) : "—");
export const statusLabel = of(ACTIVITY_STATUS_LABELS);
export const signupStatusLabel = of(SIGNUP_STATUS_LABELS);
export const venueStateLabel = of(VENUE_STATE_LABELS);
export const issueStatusLabel = of(ISSUE_STATUS_LABELS);
export const traineeLabel = of(TRAINEE_LABELS);
export const classLabel = of(TYPE_CLASS_LABELS);
export const venueKindLabel = (k: string, lang: Lang) => (lang === "zh" ? k : ((VENUE_KIND_EN as Record<string, string>)[k] ?? k));
export const STATUS_COLOR: Record<string, string> = { planned: "processing", held: "success", cancelled: "default", confirmed: "success", waitlist: "warning" };
