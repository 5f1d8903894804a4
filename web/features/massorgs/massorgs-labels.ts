import { APPLICATION_RESULT_LABELS, LEVEL_LABELS, MEMBER_ROLE_LABELS, NOMINATION_RESULT_LABELS } from "../../../contracts/massorgs";
import type { Lang } from "../../api/types";

export const levelLabel = (l: string, lang: Lang) => LEVEL_LABELS[l as keyof typeof LEVEL_LABELS]?.[lang] ?? l;
export const levelOptions = (lang: Lang) => Object.entries(LEVEL_LABELS).map(([value, m]) => ({ value, label: m[lang] }));
export const roleLabel = (r: string, lang: Lang) => MEMBER_ROLE_LABELS[r as keyof typeof MEMBER_ROLE_LABELS]?.[lang] ?? r;
export const nominationResult = (r: string, lang: Lang) => NOMINATION_RESULT_LABELS[r as keyof typeof NOMINATION_RESULT_LABELS]?.[lang] ?? r;
export const applicationResult = (r: string, lang: Lang) => APPLICATION_RESULT_LABELS[r as keyof typeof APPLICATION_RESULT_LABELS]?.[lang] ?? r;
export const resultColor = (r: string) => (r === "awarded" || r === "approved" ? "green" : r === "pending" ? "blue" : "default");
export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
