// Display labels for the shared vocabularies of contracts/ (zh is the canonical term, en its translation).
import {
  ORG_KIND_EN,
  ORG_KINDS,
  PERSON_KIND_LABELS,
  PERSON_KINDS,
  PERSON_TAG_EN,
  PERSON_TAGS,
  REGION_LEVEL_LABELS,
  type REGION_LEVELS,
} from "../../contracts/platform";
import type { Lang } from "../api/types";

type Level = (typeof REGION_LEVELS)[number];
type OrgKind = (typeof ORG_KINDS)[number];
type PersonKind = (typeof PERSON_KINDS)[number];
type Tag = (typeof PERSON_TAGS)[number];

export const levelLabel = (level: string, lang: Lang) => REGION_LEVEL_LABELS[level as Level]?.[lang] ?? level;
export const orgKindLabel = (kind: string, lang: Lang) => (lang === "zh" ? kind : (ORG_KIND_EN[kind as OrgKind] ?? kind));
export const personKindLabel = (kind: string, lang: Lang) => PERSON_KIND_LABELS[kind as PersonKind]?.[lang] ?? kind;
export const tagLabel = (tag: string, lang: Lang) => (lang === "zh" ? tag : (PERSON_TAG_EN[tag as Tag] ?? tag));
export const genderLabel = (g: string, lang: Lang) => (g === "M" ? (lang === "zh" ? "男" : "Male") : g === "F" ? (lang === "zh" ? "女" : "Female") : "—");

export const orgKindOptions = (lang: Lang) => ORG_KINDS.map((k) => ({ value: k, label: orgKindLabel(k, lang) }));
export const personKindOptions = (lang: Lang) => PERSON_KINDS.map((k) => ({ value: k, label: personKindLabel(k, lang) }));
export const tagOptions = (lang: Lang) => PERSON_TAGS.map((k) => ({ value: k, label: tagLabel(k, lang) }));
export const genderOptions = (lang: Lang) => [
  { value: "M", label: genderLabel("M", lang) },
  { value: "F", label: genderLabel("F", lang) },
];

/** A steady colour per tag, so 低保 looks the same on every page. */
const TAG_COLORS: Record<string, string> = {
  老年人: "gold",
  残疾人: "purple",
  低保: "orange",
  困境儿童: "magenta",
  党员: "red",
  志愿者: "green",
  退役军人: "geekblue",
  独居老人: "volcano",
  重点关注: "error",
};
export const tagColor = (tag: string) => TAG_COLORS[tag] ?? "default";
export const personKindColor = (k: string) => (k === "registered" ? "blue" : k === "migrant" ? "cyan" : "purple");
