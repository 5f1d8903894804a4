// 个人信息: what Shequ holds about one person, from every module through one registry (like figures,
// todos and map layers). A module registers its provider in its `<m>.personal.ts`; each reads its own
// tables and answers, for one person of the registry:
// - `collect`: its records of the person, as sheets for the resident's copy (查阅/复制) — the person's
//   own data in full, anyone else's in those records masked;
// - `retention`: its rules that keep records from being anonymised (data: a key and the reason in
//   Chinese and English), each with the person's records it holds;
// - `anonymise`: replaces, inside the caller's transaction, every copy of the person's name, ID number,
//   phone and address its tables keep, so the records stay (and the figures keep counting them).
// The PIPL module (server/modules/pipl) only reads this registry.
import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";
import type { Msg } from "./errors.js";

/** The person as the registry holds them, full values: providers match their copies on these. */
export type PersonalSubject = {
  id: string;
  communityId: string;
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
};

export type PersonalColumn = { key: string; label: Msg };
export type PersonalRow = Record<string, string | number | null>;
/** One sheet of the resident's copy: a register's records of the person. */
export type PersonalSection = { key: string; label: Msg; columns: PersonalColumn[]; rows: PersonalRow[] };

/** A record a rule keeps: its id and how its register names it (no one else's personal data). */
export type HeldRecord = { id: string; label: string };

/** A rule that keeps records from anonymisation, with its reason: data, listed on the page. */
export type RetentionRule = {
  key: string;
  label: Msg;
  reason: Msg;
  /** The person's records this rule keeps now (none: the rule does not stand in the way). */
  holds: (db: Kysely<DB>, subject: PersonalSubject) => Promise<HeldRecord[]>;
};

/** What an anonymisation changed in one table: rows touched (no values). */
export type AnonymisedPart = { table: string; rows: number };

export type PersonalDataProvider = {
  key: string;
  module: string;
  label: Msg;
  collect: (db: Kysely<DB>, subject: PersonalSubject) => Promise<PersonalSection[]>;
  retention: RetentionRule[];
  /** Replace the person's copies in this provider's tables (inside `trx`); the registry record itself is the people provider's. */
  anonymise: (trx: Kysely<DB>, subject: PersonalSubject, alias: string) => Promise<AnonymisedPart[]>;
};

export type PersonalDataRegistry = ReturnType<typeof createPersonalDataRegistry>;

export function createPersonalDataRegistry() {
  const providers = new Map<string, PersonalDataProvider>();
  return {
    register(p: PersonalDataProvider) {
      if (providers.has(p.key)) throw new Error(`personal data provider ${p.key} registered twice`);
      providers.set(p.key, p);
    },
    get: (key: string) => providers.get(key),
    all: () => [...providers.values()],
  };
}

/**
 * Replaces every occurrence of the person's name, ID number and phone in a free text (a case's
 * content, a note) by the alias or stars. Names of one character are left (they would match anything).
 */
export function scrubText(text: string | null, subject: PersonalSubject, alias: string): string | null {
  if (text == null) return text;
  let t = text;
  for (const v of [subject.idNumber, subject.phone]) if (v && v.length >= 6) t = t.split(v).join("***");
  if (subject.address && subject.address.length >= 4) t = t.split(subject.address).join("***");
  if (Array.from(subject.name).length >= 2) t = t.split(subject.name).join(alias);
  return t;
}

/** Whether a text still holds any of the person's name, ID number or phone (for checks after anonymisation). */
export function holdsTrace(text: string | null | undefined, subject: PersonalSubject): boolean {
  if (!text) return false;
  return [subject.name, subject.idNumber, subject.phone].some((v) => !!v && Array.from(v).length >= 2 && text.includes(v));
}
