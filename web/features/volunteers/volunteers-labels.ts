import {
  RECORD_KIND_LABELS,
  RECORD_STATE_LABELS,
  type RecordKind,
  type RecordState,
  VOLUNTEER_STATE_LABELS,
  type VolunteerState,
} from "../../../contracts/volunteers";
import type { Lang } from "../../api/types";

export const stateLabel = (s: VolunteerState, lang: Lang) => VOLUNTEER_STATE_LABELS[s]?.[lang] ?? s;
export const recordStateLabel = (s: RecordState, lang: Lang) => RECORD_STATE_LABELS[s]?.[lang] ?? s;
export const recordKindLabel = (s: RecordKind, lang: Lang) => RECORD_KIND_LABELS[s]?.[lang] ?? s;
export const stars = (n: number) => (n > 0 ? "★".repeat(n) : "—");
export const RECORD_STATE_COLORS: Record<string, string> = { open: "processing", pending: "warning", confirmed: "success", void: "default" };
export const HAZARD_STATUS: Record<string, { zh: string; en: string; color: string }> = {
  found: { zh: "待交办", en: "Found", color: "red" },
  assigned: { zh: "整改中", en: "Assigned", color: "orange" },
  rectified: { zh: "待核查", en: "Rectified", color: "gold" },
  verified: { zh: "待销号", en: "Verified", color: "blue" },
  closed: { zh: "已销号", en: "Closed", color: "green" },
  cancelled: { zh: "已撤销", en: "Cancelled", color: "default" },
};
