// The scoped starting points of safety's queries (places, inspections, disputes): every list and
// read of them begins here, so none forgets the caller's data scope. Hazards keep theirs beside
// their service (hazardsInScope in hazards.service.ts).
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { inScope, type Scope } from "../../platform/scope.js";
import { type VoidedChoice, voidedChoice, whereVoided } from "../../platform/voiding.js";
import "./safety.tables.js";

export function placesInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("safety_places as p")
    .leftJoin("regions as g", "g.id", "p.grid_id")
    .where(inScope(scope, { community: "p.community_id", grid: "p.grid_id" }));
}
export function inspectionsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("safety_inspections as i")
    .innerJoin("safety_places as p", "p.id", "i.place_id")
    .leftJoin("regions as g", "g.id", "i.grid_id")
    .where(inScope(scope, { community: "i.community_id", grid: "i.grid_id" }));
}

/** A failed or passed item of an inspection of the scope, with what opening a hazard from it needs. */
export const inspectionItemInScope = (db: Kysely<DB>, scope: Scope, itemId: string) =>
  db
    .selectFrom("safety_inspection_items as it")
    .innerJoin("safety_inspections as i", "i.id", "it.inspection_id")
    .innerJoin("safety_places as p", "p.id", "i.place_id")
    .select([
      "it.id",
      "it.item",
      "it.passed",
      "it.note",
      "it.photos",
      "it.hazard_id",
      "i.grid_id",
      "i.inspected_on",
      "i.id as inspection_id",
      "p.name as place_name",
      "p.address",
    ])
    .where("it.id", "=", itemId)
    .where(inScope(scope, { community: "i.community_id", grid: "i.grid_id" }))
    .executeTakeFirst();

export type DisputeFilter = {
  q?: string;
  type?: string;
  level?: string;
  status?: string;
  outcome?: string;
  gridId?: string;
  labor?: "0" | "1";
  from?: string;
  to?: string;
  voided?: "0" | "1" | "all";
};

/** The disputes of a scope; a voided one (作废) only when asked for. */
export function disputesInScope(db: Kysely<DB>, scope: Scope, voided: VoidedChoice = "exclude") {
  return whereVoided(
    db
      .selectFrom("safety_disputes as d")
      .leftJoin("regions as g", "g.id", "d.grid_id")
      .where(inScope(scope, { community: "d.community_id", grid: "d.grid_id" })),
    "d.voided_at",
    voided,
  );
}

export function filteredDisputes(db: Kysely<DB>, scope: Scope, f: DisputeFilter) {
  let q = disputesInScope(db, scope, voidedChoice(f.voided));
  if (f.type) q = q.where("d.type", "=", f.type);
  if (f.level) q = q.where("d.level", "=", f.level);
  if (f.status) q = q.where("d.status", "=", f.status);
  if (f.outcome) q = q.where("d.outcome", "=", f.outcome);
  if (f.gridId) q = q.where("d.grid_id", "=", f.gridId);
  if (f.labor) q = q.where("d.is_labor", "=", Number(f.labor));
  if (f.from) q = q.where("d.registered_on", ">=", f.from);
  if (f.to) q = q.where("d.registered_on", "<=", f.to);
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["d.summary"]), "like", like),
        eb(eb.fn("lower", ["d.code"]), "like", like),
        eb(eb.fn("lower", ["d.employer"]), "like", like),
        eb("d.id", "in", eb.selectFrom("safety_dispute_parties as pp").select("pp.dispute_id").where("pp.name", "like", like)),
      ]),
    );
  }
  return q;
}

/** The places of the scope (not archived) of this name, read through `exec`. */
export const placesNamed = (exec: Kysely<DB>, scope: Scope, name: string) =>
  placesInScope(exec, scope).select(["p.id", "p.name", "p.kind"]).where("p.archived", "=", 0).where("p.name", "=", name).limit(2).execute();

/** An inspection of a place on a day by these inspectors (as stored, JSON), if recorded. */
export const inspectionRecorded = (exec: Kysely<DB>, placeId: string, on: string, inspectors: string) =>
  exec
    .selectFrom("safety_inspections")
    .select("id")
    .where("place_id", "=", placeId)
    .where("inspected_on", "=", on)
    .where("inspectors", "=", inspectors)
    .executeTakeFirst();

/** Every item of the inspections in scope, one row each, with its inspection and hazard: the export that reads back in. */
export function inspectionItemRows(db: Kysely<DB>, scope: Scope, f: { placeId?: string; gridId?: string; from?: string; to?: string }) {
  let q = inspectionsInScope(db, scope)
    .innerJoin("safety_inspection_items as it", "it.inspection_id", "i.id")
    .leftJoin("safety_hazards as h", "h.id", "it.hazard_id")
    .select([
      "i.id",
      "i.inspected_on",
      "p.name as place_name",
      "p.kind as place_kind",
      "g.name as grid_name",
      "i.inspectors",
      "i.note",
      "it.item",
      "it.passed",
      "it.note as item_note",
      "h.code as hazard_code",
      "h.kind as hazard_kind",
      "h.risk as hazard_risk",
    ]);
  if (f.placeId) q = q.where("i.place_id", "=", f.placeId);
  if (f.gridId) q = q.where("i.grid_id", "=", f.gridId);
  if (f.from) q = q.where("i.inspected_on", ">=", f.from);
  if (f.to) q = q.where("i.inspected_on", "<=", f.to);
  return q.orderBy("i.inspected_on").orderBy("i.id").orderBy("it.sort").limit(200_000).execute();
}
