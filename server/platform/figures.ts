import type { Kysely, SelectQueryBuilder } from "kysely";
import type { Permission } from "../../contracts/roles.js";
import type { DB } from "../db/types.js";
import type { Msg } from "./errors.js";
import type { Scope } from "./scope.js";

/** A period in local calendar dates, inclusive, plus optional drill-down filters (dimension → value). */
export type FigureQuery = { scope: Scope; from: string; to: string; filters: Record<string, string> };

export type FigureColumn = { key: string; label: Msg };
export type FigureRecords = { columns: FigureColumn[]; rows: Record<string, unknown>[]; total: number };
export type FigureGroup = { key: string; label: string; value: number };

export type FigureDef = {
  key: string;
  module: string;
  unit: "count" | "yuan" | "ratio";
  label: Msg;
  definition: Msg;
  /** Permission needed to see the records behind it (the value itself needs figures.read). */
  recordsPermission?: Permission;
  value: (db: Kysely<DB>, q: FigureQuery) => Promise<number>;
  records: (db: Kysely<DB>, q: FigureQuery, page: { page: number; pageSize: number }) => Promise<FigureRecords>;
  /** Dimensions this figure can be broken down by; each group drills down with filters[dim]=group.key. */
  dimensions?: Record<string, { label: Msg; groups: (db: Kysely<DB>, q: FigureQuery, lang: "zh" | "en") => Promise<FigureGroup[]> }>;
};

export type FigureRegistry = ReturnType<typeof createFigureRegistry>;

export function createFigureRegistry() {
  const defs = new Map<string, FigureDef>();
  return {
    register(def: FigureDef) {
      if (defs.has(def.key)) throw new Error(`figure ${def.key} registered twice`);
      defs.set(def.key, def);
    },
    get: (key: string) => defs.get(key),
    all: () => [...defs.values()],
  };
}

type AnyQB = SelectQueryBuilder<any, any, any>;

/**
 * A count figure defined once by the query of its records: the value is COUNT over that query,
 * the drill-down pages through the same query, the breakdowns group it by a column. So a number
 * and its records can never disagree.
 */
export function countFigure(spec: {
  key: string;
  module: string;
  label: Msg;
  definition: Msg;
  recordsPermission?: Permission;
  /** The records behind the figure, scoped and filtered by period. Must not select columns. */
  base: (db: Kysely<DB>, q: FigureQuery) => AnyQB;
  /** Columns shown in the drill-down, as [sql expression, output key, label]. */
  columns: Array<[string, string, Msg]>;
  orderBy: string;
  /** Map a raw record (e.g. to mask personal data). */
  mapRow?: (row: Record<string, unknown>) => Record<string, unknown>;
  dimensions?: Record<string, { label: Msg; column: string; labelColumn?: string; labels?: Record<string, Msg> }>;
}): FigureDef {
  const filtered = (db: Kysely<DB>, q: FigureQuery) => {
    let qb = spec.base(db, q);
    for (const [dim, v] of Object.entries(q.filters)) {
      const d = spec.dimensions?.[dim];
      if (d) qb = v === "" ? qb.where(d.column as any, "is", null) : qb.where(d.column as any, "=", v);
    }
    return qb;
  };
  return {
    key: spec.key,
    module: spec.module,
    unit: "count",
    label: spec.label,
    definition: spec.definition,
    recordsPermission: spec.recordsPermission,
    async value(db, q) {
      const r = await filtered(db, q)
        .select((eb: any) => eb.fn.countAll().as("n"))
        .executeTakeFirst();
      return Number((r as any)?.n ?? 0);
    },
    async records(db, q, { page, pageSize }) {
      const total = await this.value(db, q);
      const rows = await filtered(db, q)
        .select(spec.columns.map(([expr, key]) => `${expr} as ${key}` as any))
        .orderBy(spec.orderBy as any)
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return {
        columns: spec.columns.map(([, key, label]) => ({ key, label })),
        rows: spec.mapRow ? rows.map(spec.mapRow) : rows,
        total,
      };
    },
    dimensions: spec.dimensions
      ? Object.fromEntries(
          Object.entries(spec.dimensions).map(([dim, d]) => [
            dim,
            {
              label: d.label,
              async groups(db: Kysely<DB>, q: FigureQuery, lang: "zh" | "en") {
                const lc = d.labelColumn ?? d.column;
                const rows = await filtered(db, q)
                  .select((eb: any) => [eb.ref(d.column).as("k"), eb.ref(lc).as("l"), eb.fn.countAll().as("n")])
                  .groupBy([d.column, lc] as any)
                  .orderBy("n" as any, "desc")
                  .execute();
                return rows.map((r: any) => ({
                  key: r.k ?? "",
                  label: d.labels?.[r.k]?.[lang] ?? String(r.l ?? "—"),
                  value: Number(r.n),
                }));
              },
            },
          ]),
        )
      : undefined,
  };
}
