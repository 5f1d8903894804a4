import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { Permission } from "../../contracts/roles.js";
import type { DB } from "../db/types.js";
import type { Msg } from "./errors.js";
import type { Scope } from "./scope.js";

/** A period in local calendar dates, inclusive, plus optional drill-down filters (dimension → value). */
export type FigureQuery = { scope: Scope; from: string; to: string; filters: Record<string, string> };

export type FigureColumn = { key: string; label: Msg };
export type FigureRecords = { columns: FigureColumn[]; rows: Record<string, unknown>[]; total: number };
/** One group of a breakdown. A ratio figure's groups are ratios, with their numerator and denominator. */
export type FigureGroup = { key: string; label: string; value: number; numerator?: number; denominator?: number };

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
  /**
   * Whose records it counts for a grid worker: "grid" (records placed in a grid: the grid's own) or
   * "community" (records of the community as a whole — party organisations, plans, budgets — which a
   * grid worker sees as the community's). By default "grid" when the figure breaks down by grid.
   */
  scope?: "grid" | "community";
};

/** Whether a figure's records are a grid's own or the community's as a whole (FigureDef.scope). */
export const scopeLevelOf = (f: FigureDef): "grid" | "community" => f.scope ?? (f.dimensions?.grid ? "grid" : "community");

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
type Expr = ReturnType<typeof sql>;

/**
 * A dimension of a query-defined figure: a column of its records (and a column or labels to name groups).
 * `join` is for an attribute a record has several values of (an activity's audiences): it brings the
 * column in, and is made only when grouping or filtering by that dimension, so the figure's value still
 * counts each record once; a record is in the group of each of its values (the groups may sum to more
 * than the value), and the filter keeps the records having the value. The join must give at most one
 * row per record and value (a left join puts the records without one in the group ""). It gets the
 * query, so that a joined subquery can be limited to the scope and period (SQLite materialises a
 * derived table whole before joining it).
 */
export type FigureDimension = {
  label: Msg;
  column: string;
  labelColumn?: string;
  labels?: Record<string, Msg>;
  join?: (qb: AnyQB, q: FigureQuery) => AnyQB;
};

/** What count, sum and ratio figures share: the records, defined once by a query. */
type RecordsSpec = {
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
  dimensions?: Record<string, FigureDimension>;
};

/** The figure's records with the drill-down filters (f.<dimension>=<key>) applied. */
function filteredBy(spec: RecordsSpec) {
  /** `groupBy`: the dimension a breakdown groups by, joined when it has a join and no filter joined it. */
  return (db: Kysely<DB>, q: FigureQuery, groupBy?: string) => {
    let qb = spec.base(db, q);
    for (const [dim, v] of Object.entries(q.filters)) {
      const d = spec.dimensions?.[dim];
      if (!d) continue;
      if (d.join) qb = d.join(qb, q);
      qb = v === "" ? qb.where(d.column as any, "is", null) : qb.where(d.column as any, "=", v);
    }
    const g = groupBy && !(groupBy in q.filters) ? spec.dimensions?.[groupBy] : undefined;
    if (g?.join) qb = g.join(qb, q);
    return qb;
  };
}

/**
 * The machinery every query-defined figure shares. `measure` is the aggregate selected as `v` over
 * the records (and per group); `extra` adds columns to each drill-down row; `finish` turns the
 * aggregates of a set of records into the figure's value.
 */
function queryFigure(
  spec: RecordsSpec,
  unit: FigureDef["unit"],
  m: {
    select: (eb: any, db: Kysely<DB>, q: FigureQuery) => Promise<unknown[]>;
    value: (row: any) => number;
    group?: (row: any) => Pick<FigureGroup, "value" | "numerator" | "denominator">;
    rowExtra?: (db: Kysely<DB>, q: FigureQuery) => Promise<{ select: unknown[]; columns: FigureColumn[]; map: (r: any) => Record<string, unknown> }>;
  },
): FigureDef {
  const filtered = filteredBy(spec);
  const aggregate = async (db: Kysely<DB>, q: FigureQuery, qb: AnyQB) => {
    const sel = await m.select(null, db, q);
    return qb.select(sel as any).executeTakeFirst();
  };
  const count = async (db: Kysely<DB>, q: FigureQuery) =>
    Number(
      (
        (await filtered(db, q)
          .select((eb: any) => eb.fn.countAll().as("n"))
          .executeTakeFirst()) as any
      )?.n ?? 0,
    );
  return {
    key: spec.key,
    module: spec.module,
    unit,
    label: spec.label,
    definition: spec.definition,
    recordsPermission: spec.recordsPermission,
    async value(db, q) {
      return m.value(await aggregate(db, q, filtered(db, q)));
    },
    async records(db, q, { page, pageSize }) {
      const extra = m.rowExtra ? await m.rowExtra(db, q) : null;
      const rows = await filtered(db, q)
        .select([...spec.columns.map(([expr, key]) => `${expr} as ${key}` as any), ...((extra?.select ?? []) as any[])])
        .orderBy(spec.orderBy as any)
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      const map = (r: any) => {
        if (!extra) return spec.mapRow ? spec.mapRow(r) : r;
        const own = extra.map(r);
        const { counted__: _c, ...rest } = r;
        return { ...(spec.mapRow ? spec.mapRow(rest) : rest), ...own };
      };
      return {
        columns: [...spec.columns.map(([, key, label]) => ({ key, label })), ...(extra?.columns ?? [])],
        rows: rows.map(map),
        total: await count(db, q),
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
                const sel = await m.select(null, db, q);
                const rows = await filtered(db, q, dim)
                  .select((eb: any) => [eb.ref(d.column).as("k"), eb.ref(lc).as("l"), ...(sel as any[])])
                  .groupBy([d.column, lc] as any)
                  .execute();
                return rows
                  .map((r: any) => ({
                    key: r.k === null || r.k === undefined ? "" : String(r.k),
                    label: d.labels?.[r.k]?.[lang] ?? String(r.l ?? "—"),
                    ...(m.group ? m.group(r) : { value: m.value(r) }),
                  }))
                  .sort((a, b) => (b.denominator ?? b.value) - (a.denominator ?? a.value) || b.value - a.value);
              },
            },
          ]),
        )
      : undefined,
  };
}

/**
 * A count figure defined once by the query of its records: the value is COUNT over that query,
 * the drill-down pages through the same query, the breakdowns group it by a column. So a number
 * and its records can never disagree.
 */
export function countFigure(spec: RecordsSpec): FigureDef {
  return queryFigure(spec, "count", {
    select: async () => [sql<number>`count(*)`.as("v")],
    value: (r) => Number(r?.v ?? 0),
  });
}

/**
 * A figure that sums a column over its records (money, people, hours): the value is SUM(column) ×
 * scale over the records' query, the drill-down is those records, each group is its own sum.
 * Money is stored in fen: `scale: 0.01` gives yuan.
 */
export function sumFigure(spec: RecordsSpec & { unit: "yuan" | "count"; sum: string; scale?: number }): FigureDef {
  const scale = spec.scale ?? 1;
  // Rounded to the cent (or the unit) so that 0.01 × fen sums do not print 1559999.9999999998.
  const round = (v: number) => Math.round(v * scale * 100) / 100;
  return queryFigure(spec, spec.unit, {
    select: async () => [sql<number>`coalesce(sum(${sql.ref(spec.sum)}), 0)`.as("v")],
    value: (r) => round(Number(r?.v ?? 0)),
  });
}

/**
 * A ratio figure: the records are its denominator; each record's share of the numerator is a SQL
 * expression (0 or 1 for a plain share, a weight in 0…1 otherwise). The value is Σ weight ÷ count;
 * each group of a breakdown is its own ratio, with its numerator and denominator, so a breakdown
 * of a rate is never a breakdown of counts. An empty denominator gives 0.
 */
export function ratioFigure(spec: RecordsSpec & { numerator: Expr | ((db: Kysely<DB>, q: FigureQuery) => Expr | Promise<Expr>) }): FigureDef {
  const weight = async (db: Kysely<DB>, q: FigureQuery) => (typeof spec.numerator === "function" ? await spec.numerator(db, q) : spec.numerator);
  const parts = (r: any) => {
    const denominator = Number(r?.n ?? 0);
    const numerator = Math.round(Number(r?.s ?? 0) * 10000) / 10000;
    return { value: denominator ? numerator / denominator : 0, numerator, denominator };
  };
  return queryFigure(spec, "ratio", {
    select: async (_eb, db, q) => {
      const w = await weight(db, q);
      return [sql<number>`count(*)`.as("n"), sql<number>`coalesce(sum(${w}), 0)`.as("s")];
    },
    value: (r) => parts(r).value,
    group: parts,
    rowExtra: async (db, q) => ({
      select: [sql<number>`${await weight(db, q)}`.as("counted__")],
      columns: [{ key: "counted", label: { zh: "计入分子", en: "In the numerator" } }],
      map: (r) => ({ counted: Number(r.counted__) }),
    }),
  });
}

/**
 * A ratio over records worked out in code (where the rule is not one SQL expression: a company is
 * 一肩挑 when its chair holds the party post of the same company): `items` returns the
 * denominator's rows and which of them count. Breakdowns group those rows by a field of theirs.
 */
export function rowsRatioFigure(spec: {
  key: string;
  module: string;
  label: Msg;
  definition: Msg;
  recordsPermission?: Permission;
  columns: FigureColumn[];
  items: (db: Kysely<DB>, q: FigureQuery) => Promise<{ rows: Record<string, unknown>[]; hit: (r: any) => boolean }>;
  dimensions?: Record<string, { label: Msg; field: string; labelField?: string }>;
}): FigureDef {
  const ratioOf = (rows: Record<string, unknown>[], hit: (r: any) => boolean) => {
    const numerator = rows.filter(hit).length;
    return { value: rows.length ? Math.round((numerator / rows.length) * 10000) / 10000 : 0, numerator, denominator: rows.length };
  };
  const filtered = async (db: Kysely<DB>, q: FigureQuery) => {
    const { rows, hit } = await spec.items(db, q);
    const keep = rows.filter((r) =>
      Object.entries(q.filters).every(([dim, v]) => !spec.dimensions?.[dim] || String(r[spec.dimensions[dim].field] ?? "") === v),
    );
    return { rows: keep, hit };
  };
  return {
    key: spec.key,
    module: spec.module,
    unit: "ratio",
    label: spec.label,
    definition: spec.definition,
    recordsPermission: spec.recordsPermission,
    async value(db, q) {
      const { rows, hit } = await filtered(db, q);
      return ratioOf(rows, hit).value;
    },
    async records(db, q, { page, pageSize }) {
      const { rows } = await filtered(db, q);
      return { columns: spec.columns, rows: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length };
    },
    dimensions: spec.dimensions
      ? Object.fromEntries(
          Object.entries(spec.dimensions).map(([dim, d]) => [
            dim,
            {
              label: d.label,
              async groups(db: Kysely<DB>, q: FigureQuery) {
                const { rows, hit } = await filtered(db, q);
                const by = new Map<string, { label: string; rows: Record<string, unknown>[] }>();
                for (const r of rows) {
                  const k = String(r[d.field] ?? "");
                  const g = by.get(k) ?? { label: String(r[d.labelField ?? d.field] ?? "—"), rows: [] };
                  g.rows.push(r);
                  by.set(k, g);
                }
                return [...by.entries()].map(([key, g]) => ({ key, label: g.label, ...ratioOf(g.rows, hit) })).sort((a, b) => b.denominator - a.denominator);
              },
            },
          ]),
        )
      : undefined,
  };
}
