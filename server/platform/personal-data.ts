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

// The shape every provider shares, as data: a sheet is its rows and a column list (key, label, and
// where the value comes from), a person's records are matched by the link or by their copies, and an
// anonymisation scrubs text columns row by row. Providers declare these; the registry's contract above
// does not change.

/** A value of a resident's copy. */
export type Cell = string | number | null;
type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
/**
 * A column of a sheet: `[key, zh, en]` shows the row's field named by the key (`startsAt` shows
 * `starts_at`); `[key, zh, en, from]` shows another field or what a function makes of the row.
 */
export type SheetColumn<R> =
  | readonly [key: Camel<keyof R & string>, zh: string, en: string]
  | readonly [key: string, zh: string, en: string, from: (keyof R & string) | ((r: R) => Cell)];

const snake = (key: string) => key.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/** One sheet of the resident's copy from a register's rows and its column list. */
export function sheet<R extends object>(key: string, label: Msg, rows: readonly R[], columns: readonly SheetColumn<R>[]): PersonalSection {
  const cols = columns.map(([k, zh, en, from]) => {
    const get: (r: R) => Cell =
      typeof from === "function"
        ? from
        : (r) => {
            const field = from ?? (k in r ? k : snake(k));
            return (r as Record<string, Cell>)[field] as Cell;
          };
    return { key: k, label: { zh, en }, get };
  });
  return {
    key,
    label,
    columns: cols.map(({ key: k, label: l }) => ({ key: k, label: l })),
    rows: rows.map((r) => Object.fromEntries(cols.map((c) => [c.key, c.get(r)]))),
  };
}

/**
 * A filter for the person's records in a table that keeps copies of them: the registry link, or
 * their ID number, or their phone within their community (only the copies named; none that is unknown).
 */
export function ofSubject(s: PersonalSubject, cols: { person: string; phone?: string; community?: string; idNumber?: string }) {
  // Kysely's expression builder for any table: the columns are the caller's own.
  return (eb: any) =>
    eb.or([
      eb(cols.person, "=", s.id),
      ...(cols.idNumber && s.idNumber ? [eb(cols.idNumber, "=", s.idNumber)] : []),
      ...(cols.phone && cols.community && s.phone ? [eb.and([eb(cols.phone, "=", s.phone), eb(cols.community, "=", s.communityId)])] : []),
    ]);
}

/**
 * Scrubs the person out of the given text columns of `rows` (each with its id and those columns), one
 * update a row. With `set` (the copies of name, phone, link to overwrite) every row is updated; without,
 * only the rows whose text held the person. Answers how many rows it updated.
 */
export async function scrubRows<T extends keyof DB & string>(
  trx: Kysely<DB>,
  table: T,
  rows: readonly ({ id: string } & Record<string, string | null>)[],
  s: PersonalSubject,
  alias: string,
  set?: Partial<Record<keyof DB[T] & string, string | null>>,
): Promise<number> {
  let n = 0;
  for (const { id, ...text } of rows) {
    const next = Object.fromEntries(Object.entries(text).map(([k, v]) => [k, scrubText(v, s, alias)]));
    if (!set && Object.entries(next).every(([k, v]) => v === text[k])) continue;
    // The table is the caller's and its columns are checked by `set`'s type; Kysely cannot narrow a generic table.
    const db = trx as unknown as Kysely<Record<string, { id: string } & Record<string, string | null>>>;
    await db
      .updateTable(table as string)
      .set({ ...set, ...next })
      .where("id", "=", id)
      .execute();
    n++;
  }
  return n;
}
