import type { Kysely } from "kysely";
import { maskAddress, maskIdNumber, maskName, maskPhone } from "../../../contracts/mask.js";
import type { PERSON_TAGS, TPerson, TPersonCreate, TPersonUpdate } from "../../../contracts/platform.js";
import type { DB, PersonTable } from "../../db/types.js";
import type { Audit } from "../audit.js";
import type { Clock } from "../clock.js";
import { ageOn, localDate } from "../dates.js";
import { errors } from "../errors.js";
import { uuidv7 } from "../ids.js";
import { communityInScope, type Scope } from "../scope.js";
import { inTx } from "../tx.js";
import type { Who } from "../who.js";
import { filteredPeople, PERSON_COLUMNS, type PeopleFilter, peopleInScope } from "./people.repo.js";

const NOT_FOUND = { zh: "人员", en: "Person" };

type Row = Record<(typeof PERSON_COLUMNS)[number] extends `${string} as ${infer A}` ? A : never, any> & Record<string, any>;

/** The only way a person leaves the service: personal data masked (DOMAIN.md §9). */
export function toPerson(r: Row, today: string): TPerson {
  return {
    id: r.id,
    communityId: r.community_id,
    communityName: r.community_name ?? null,
    gridId: r.grid_id,
    gridName: r.grid_name ?? null,
    estateId: r.estate_id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    age: ageOn(r.birth_date, today),
    idNumber: maskIdNumber(r.id_number),
    phone: maskPhone(r.phone),
    address: maskAddress(r.address),
    kind: r.kind,
    tags: JSON.parse(r.tags ?? "[]"),
    note: r.note,
    archived: !!r.archived,
    updatedAt: r.updated_at,
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;

export function createPeopleService(deps: { db: Kysely<DB>; audit: Audit; clock: Clock; timeZone: string }) {
  const { db, audit, clock } = deps;
  const today = () => localDate(clock.now(), deps.timeZone);

  async function rawInScope(scope: Scope, id: string, exec: Kysely<DB> = db) {
    const r = await peopleInScope(exec, scope).selectAll("p").where("p.id", "=", id).executeTakeFirst();
    if (!r) throw errors.notFound(NOT_FOUND);
    return r as PersonTable;
  }

  /** A grid (and estate) given for a person must lie in the person's community and in the caller's scope. */
  async function checkPlace(exec: Kysely<DB>, scope: Scope, communityId: string, gridId?: string | null, estateId?: string | null) {
    await communityInScope(exec, scope, communityId);
    for (const [id, lvl] of [
      [gridId, "grid"],
      [estateId, "estate"],
    ] as const) {
      if (!id) continue;
      const reg = await exec.selectFrom("regions").select(["path", "level", "community_id"]).where("id", "=", id).executeTakeFirst();
      if (
        !reg ||
        reg.community_id !== communityId ||
        !(reg.path.startsWith(scope.path) || scope.path.startsWith(reg.path)) ||
        (lvl === "grid" && reg.level !== "grid")
      )
        throw errors.badRequest(`所选${lvl === "grid" ? "网格" : "小区"}不属于该社区`, `The ${lvl} chosen is not in this community`);
    }
    // A grid-scoped worker registers people in their own grid only.
    if (scope.level === "grid" && gridId !== scope.regionId)
      throw errors.badRequest("网格员只能登记本网格的人员", "A grid worker registers people in their own grid only");
  }

  return {
    rawInScope,
    async list(scope: Scope, f: PeopleFilter & { page: number; pageSize: number }) {
      const base = filteredPeople(db, scope, f);
      const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await base
        .select([...PERSON_COLUMNS])
        .orderBy("p.grid_id")
        .orderBy("p.name")
        .orderBy("p.id")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      const t = today();
      return { items: rows.map((r) => toPerson(r as Row, t)), total, page: f.page, pageSize: f.pageSize };
    },

    async get(scope: Scope, id: string, exec: Kysely<DB> = db) {
      const r = await peopleInScope(exec, scope)
        .select([...PERSON_COLUMNS])
        .where("p.id", "=", id)
        .executeTakeFirst();
      if (!r) throw errors.notFound(NOT_FOUND);
      return toPerson(r as Row, today());
    },

    async create(who: Who, input: TPersonCreate, exec?: Kysely<DB>) {
      const run = async (trx: Kysely<DB>) => {
        await checkPlace(trx, who.scope, input.communityId, input.gridId, input.estateId);
        if (input.idNumber) {
          const dup = await trx
            .selectFrom("people")
            .select("id")
            .where("community_id", "=", input.communityId)
            .where("id_number", "=", input.idNumber)
            .executeTakeFirst();
          if (dup) throw errors.conflict("该证件号码的人员已登记在本社区", "A person with this ID number is already registered in this community");
        }
        const now = clock.now();
        let birth = input.birthDate ?? null;
        if (!birth && input.idNumber && /^\d{17}[\dX]$/.test(input.idNumber))
          birth = `${input.idNumber.slice(6, 10)}-${input.idNumber.slice(10, 12)}-${input.idNumber.slice(12, 14)}`;
        if (birth && birth > localDate(now, deps.timeZone)) throw errors.badRequest("出生日期不能晚于今天", "Birth date cannot be in the future");
        const row: PersonTable = {
          id: uuidv7(now.getTime()),
          community_id: input.communityId,
          grid_id: input.gridId ?? null,
          estate_id: input.estateId ?? null,
          name: input.name,
          gender: input.gender,
          birth_date: birth,
          id_number: input.idNumber ?? null,
          phone: input.phone ?? null,
          address: input.address ?? null,
          kind: input.kind,
          tags: JSON.stringify(input.tags ?? []),
          note: input.note ?? null,
          archived: 0,
          anonymised_at: null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        };
        await trx.insertInto("people").values(row).execute();
        await audit.record(trx, who, {
          action: "person.create",
          entity: "person",
          entityId: row.id,
          communityId: row.community_id,
          after: masked(row),
        });
        return row.id;
      };
      return inTx(db, exec, run);
    },

    /** Joins the caller's transaction when given one (a module recording what it knows of a person). */
    async update(who: Who, id: string, input: TPersonUpdate, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const before = await rawInScope(who.scope, id, trx);
        // Anonymisation is irreversible: no personal data is written back onto the record.
        if (before.anonymised_at && (input.name !== undefined || input.phone !== undefined || input.address !== undefined || input.note !== undefined))
          throw errors.conflict(
            "该人员已依个人信息删除请求匿名化，不能再填写其个人信息",
            "This person was anonymised on a deletion request; their personal data cannot be written again",
          );
        if (input.gridId !== undefined || input.estateId !== undefined)
          // null clears the grid/estate, so only undefined falls back to the stored value.
          await checkPlace(
            trx,
            who.scope,
            before.community_id,
            input.gridId !== undefined ? input.gridId : before.grid_id,
            input.estateId !== undefined ? input.estateId : before.estate_id,
          );
        if (input.birthDate && input.birthDate > today()) throw errors.badRequest("出生日期不能晚于今天", "Birth date cannot be in the future");
        const patch: Partial<PersonTable> = { updated_at: clock.now().toISOString() };
        if (input.gridId !== undefined) patch.grid_id = input.gridId;
        // Moved to another grid without naming an estate: the old estate lies in the old grid, so drop it.
        if (input.gridId !== undefined && input.gridId !== before.grid_id && input.estateId === undefined && before.estate_id) {
          const est = await trx.selectFrom("regions").select("path").where("id", "=", before.estate_id).executeTakeFirst();
          if (!input.gridId || !est?.path.includes(`/${input.gridId}/`)) patch.estate_id = null;
        }
        if (input.estateId !== undefined) patch.estate_id = input.estateId;
        if (input.name !== undefined) patch.name = input.name;
        if (input.gender !== undefined) patch.gender = input.gender;
        if (input.birthDate !== undefined) patch.birth_date = input.birthDate;
        if (input.phone !== undefined) patch.phone = input.phone;
        if (input.address !== undefined) patch.address = input.address;
        if (input.kind !== undefined) patch.kind = input.kind;
        if (input.tags !== undefined) patch.tags = JSON.stringify(input.tags);
        if (input.note !== undefined) patch.note = input.note;
        if (input.archived !== undefined && !!input.archived !== !!before.archived) {
          patch.archived = input.archived ? 1 : 0;
          patch.archived_at = input.archived ? (patch.updated_at ?? clock.now().toISOString()) : null;
        }
        await trx.updateTable("people").set(patch).where("id", "=", id).execute();
        await audit.record(trx, who, {
          action: input.archived === true ? "person.archive" : "person.update",
          entity: "person",
          entityId: id,
          communityId: before.community_id,
          before: masked(before),
          after: masked({ ...before, ...patch }),
        });
        // Read back inside the transaction: through `db` it would wait forever for SQLite's single
        // connection, and on PostgreSQL it would return the row as it was before this update.
        return this.get(who.scope, id, trx);
      });
    },

    /**
     * Adds a tag (党员, 志愿者 …) to a person the caller may see, if not there yet, inside the caller's
     * transaction when given one: another module records what it knows of a person this way, audited
     * like an edit on the page. Returns whether it was added.
     */
    async addTag(who: Who, id: string, tag: (typeof PERSON_TAGS)[number], exec?: Kysely<DB>): Promise<boolean> {
      return inTx(db, exec, async (trx) => {
        const before = await rawInScope(who.scope, id, trx);
        const tags: string[] = JSON.parse(before.tags ?? "[]");
        if (tags.includes(tag)) return false;
        const patch = { tags: JSON.stringify([...tags, tag]), updated_at: clock.now().toISOString() };
        await trx.updateTable("people").set(patch).where("id", "=", id).execute();
        await audit.record(trx, who, {
          action: "person.tag",
          entity: "person",
          entityId: id,
          communityId: before.community_id,
          before: { tags },
          after: { tags: [...tags, tag] },
        });
        return true;
      });
    },

    /**
     * The full names of the scope's residents that occur in a text (a disclosure's 保密审核 looks
     * for them): names only, of two characters or more, nothing else of the person.
     */
    async namesIn(scope: Scope, text: string, exec: Kysely<DB> = db): Promise<string[]> {
      if (!text) return [];
      const rows = await peopleInScope(exec, scope).select("p.name").where("p.archived", "=", 0).distinct().execute();
      return rows.map((r) => r.name).filter((n) => Array.from(n).length >= 2 && text.includes(n));
    },

    /**
     * PIPL 删除 as anonymisation: the registry record keeps its place (community, grid, gender, birth
     * date, kind, tags — what the figures count) and loses, irreversibly, the name (an alias instead),
     * ID number, phone, address and note. Inside the caller's transaction, where every module has
     * replaced its own copies; audited with the fields' masked values before and none after.
     */
    async anonymise(who: Who, id: string, alias: string, exec?: Kysely<DB>) {
      return inTx(db, exec, async (trx) => {
        const before = await rawInScope(who.scope, id, trx);
        if (before.anonymised_at) throw errors.conflict("该人员已匿名化", "This person has already been anonymised");
        const at = clock.now().toISOString();
        const patch = { name: alias, id_number: null, phone: null, address: null, note: null, anonymised_at: at, updated_at: at };
        await trx.updateTable("people").set(patch).where("id", "=", id).execute();
        await audit.record(trx, who, {
          action: "person.anonymise",
          entity: "person",
          entityId: id,
          communityId: before.community_id,
          before: {
            name: maskName(before.name),
            idNumber: maskIdNumber(before.id_number),
            phone: maskPhone(before.phone),
            address: maskAddress(before.address),
          },
          after: { name: alias, idNumber: null, phone: null, address: null, anonymisedAt: at },
        });
      });
    },

    /** Full value of one field of one person, audited with the reason given. */
    async reveal(who: Who, id: string, field: "idNumber" | "phone" | "address", reason: string) {
      return inTx(db, undefined, async (trx) => {
        const p = await rawInScope(who.scope, id, trx);
        const value = field === "idNumber" ? p.id_number : field === "phone" ? p.phone : p.address;
        await audit.record(trx, who, {
          action: "person.reveal",
          entity: "person",
          entityId: id,
          communityId: p.community_id,
          after: { field },
          reason,
        });
        return { field, value };
      });
    },

    /** Rows for an export, masked unless the exporter may reveal; the export itself is audited. */
    async exportRows(who: Who, f: PeopleFilter, reveal: boolean) {
      const rows = await filteredPeople(db, who.scope, f)
        .select([...PERSON_COLUMNS])
        .orderBy("p.grid_id")
        .orderBy("p.name")
        .limit(100_000)
        .execute();
      await audit.record(db, who, {
        action: "person.export",
        entity: "person",
        after: { filter: f, rows: rows.length, revealed: reveal },
      });
      const t = today();
      return rows.map((r: any) => ({ ...toPerson(r, t), ...(reveal ? { idNumber: r.id_number, phone: r.phone, address: r.address } : {}) }));
    },
  };
}

/** What the audit log keeps of a person: never the full ID number or phone. */
function masked(p: PersonTable) {
  return { ...p, id_number: maskIdNumber(p.id_number), phone: maskPhone(p.phone), address: maskAddress(p.address) };
}
