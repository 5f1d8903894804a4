import type { Kysely } from "kysely";
import { ilike } from "../../db/connect.js";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../scope.js";

export type PeopleFilter = { q?: string; gridId?: string; kind?: string; tag?: string; archived?: "0" | "1" };

/** All people queries start here, so none can forget the data scope. */
export function peopleInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("people as p")
    .leftJoin("regions as g", "g.id", "p.grid_id")
    .leftJoin("regions as c", "c.id", "p.community_id")
    .where(inScope(scope, { community: "p.community_id", grid: "p.grid_id" }));
}

export function filteredPeople(db: Kysely<DB>, scope: Scope, f: PeopleFilter) {
  let q = peopleInScope(db, scope).where("p.archived", "=", f.archived === "1" ? 1 : 0);
  if (f.gridId) q = q.where("p.grid_id", "=", f.gridId);
  if (f.kind) q = q.where("p.kind", "=", f.kind as any);
  if (f.tag) q = q.where(ilike("p.tags", `"${f.tag}"`));
  if (f.q) {
    const needle = f.q;
    // Searching by the last digits of a phone or ID is how workers find people; the match is exact-suffix.
    q = q.where((eb) =>
      eb.or([
        ilike("p.name", needle),
        ilike("p.address", needle),
        ...(/^\d{4,}[\dXx]?$/.test(needle) ? [eb("p.phone", "like", `%${needle}`), eb("p.id_number", "like", `%${needle.toUpperCase()}`)] : []),
      ]),
    );
  }
  return q;
}

export const PERSON_COLUMNS = [
  "p.id",
  "p.community_id",
  "p.grid_id",
  "p.estate_id",
  "p.name",
  "p.gender",
  "p.birth_date",
  "p.id_number",
  "p.phone",
  "p.address",
  "p.kind",
  "p.tags",
  "p.note",
  "p.archived",
  "p.updated_at",
  "g.name as grid_name",
  "c.name as community_name",
] as const;
