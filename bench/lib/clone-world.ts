// Bench volume from the demo community (bench only, not demo data): its records copied into earlier
// years (dates shifted by whole years) and into more communities of its subdistrict (new regions with
// new ids, every record and the records they point to copied with the same new ids), in plain SQL on
// the SQLite file. Generic over the schema: a table is copied when it carries community_id (or points
// to a table that is copied); a column is given the copy's id suffix when it names a record of a
// copied table (found by looking its first value up), so references stay inside the copy; text
// columns of a unique index get the suffix too. Registers (people, members, points …) are not
// copied into earlier years: the same residents had the earlier years' cases.
import SQLite from "better-sqlite3";

type Db = SQLite.Database;
const NEVER = new Set([
  "regions",
  "users",
  "sessions",
  "audit_log",
  "audit_archives",
  "notifications",
  "screen_links",
  "files",
  "appeal_api_keys",
  "dashboard_layouts",
  "jobs",
  "annual_reports",
  "annual_report_events",
  "report_templates",
  "patrol_user_last",
]);
/** Registers: copied into other communities, not into earlier years. */
const REGISTERS = new Set([
  "people",
  "organisations",
  "company_board",
  "party_orgs",
  "party_members",
  "party_posts",
  "party_applicants",
  "vol_volunteers",
  "vol_teams",
  "vol_team_members",
  "vol_star_levels",
  "care_households",
  "care_household_people",
  "patrol_points",
  "patrol_teams",
  "patrol_plans",
  "act_venues",
  "act_rooms",
  "act_partners",
  "act_series",
  "safety_places",
  "mo_members",
  "portal_columns",
]);

const cols = (db: Db, t: string) => db.prepare(`pragma table_info("${t}")`).all() as Array<{ name: string; type: string; pk: number }>;
const tables = (db: Db) =>
  (
    db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'").all() as Array<{ name: string }>
  ).map((r) => r.name);
const q = (s: string) => `"${s}"`;

/** Tables of a community's records: with community_id, or pointing to one of those (declared foreign keys). */
function communityTables(db: Db, exclude: Set<string>) {
  const all = tables(db).filter((t) => !NEVER.has(t) && !exclude.has(t));
  const set = new Set(all.filter((t) => cols(db, t).some((c) => c.name === "community_id")));
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of all) {
      if (set.has(t)) continue;
      const fks = db.prepare(`pragma foreign_key_list("${t}")`).all() as Array<{ table: string }>;
      if (fks.some((f) => set.has(f.table))) {
        set.add(t);
        changed = true;
      }
    }
  }
  return [...set];
}

function uniqueTextCols(db: Db, t: string) {
  const out = new Set<string>();
  for (const ix of db.prepare(`pragma index_list("${t}")`).all() as Array<{ name: string; unique: number }>) {
    if (!ix.unique) continue;
    for (const c of db.prepare(`pragma index_info("${ix.name}")`).all() as Array<{ name: string }>) out.add(c.name);
  }
  return out;
}

/** Which columns of `t` name a record of one of `copied` (or a region in `regionIds`), judged by the first non-null value. */
function refCols(db: Db, t: string, copied: string[], regionIds: Set<string>) {
  const withId = copied.filter((c) => cols(db, c).some((x) => x.name === "id"));
  const out = new Set<string>();
  for (const c of cols(db, t)) {
    if (c.name !== "id" && !c.name.endsWith("_id")) continue;
    const v = (db.prepare(`select ${q(c.name)} v from ${q(t)} where ${q(c.name)} is not null limit 1`).get() as { v: unknown } | undefined)?.v;
    if (typeof v !== "string") continue;
    if (c.name === "id" || regionIds.has(v) || withId.some((o) => db.prepare(`select 1 from ${q(o)} where id = ? limit 1`).get(v))) out.add(c.name);
  }
  return out;
}

/**
 * Rows copied per table, once per pass: the rows to copy are taken once into a temporary table
 * (`where`), the table's plain indexes are dropped while the passes insert and made again after.
 */
function copyTables(db: Db, list: string[], where: (t: string) => string, passes: Array<(t: string) => string>) {
  const counts: Record<string, number> = {};
  for (const t of list) {
    const indexes = (
      db.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null").all(t) as Array<{ name: string; sql: string }>
    ).filter((i) => !/create unique/i.test(i.sql));
    db.exec(`drop table if exists temp.src; create temp table src as select * from ${q(t)} where ${where(t)}`);
    for (const i of indexes) db.exec(`drop index ${q(i.name)}`);
    const names = cols(db, t).map((c) => q(c.name));
    counts[t] = 0;
    for (const sql of passes) counts[t] += db.prepare(`insert or ignore into ${q(t)} (${names.join(", ")}) select ${sql(t)} from temp.src`).run().changes;
    for (const i of indexes) db.exec(i.sql);
    db.exec("drop table temp.src");
  }
  return counts;
}

/** The rows a pass copies: the community's own, not copies already made (no reference carries the marker). */
function originals(db: Db, t: string, refs: string[], marker: string, communityId: string) {
  const conds = refs.filter((c) => c !== "community_id").map((c) => `(${q(c)} is null or ${q(c)} not like '%${marker}%')`);
  if (cols(db, t).some((c) => c.name === "community_id")) conds.push(`community_id = '${communityId}'`);
  return conds.length ? conds.join(" and ") : "0";
}

const suffixed = (c: string, sfx: string) => `case when ${q(c)} is null then null else ${q(c)} || '${sfx}' end`;
const shiftYear = (c: string, k: number) =>
  `case when ${q(c)} glob '[12][0-9][0-9][0-9]-[01][0-9]*' then printf('%04d', cast(substr(${q(c)}, 1, 4) as integer) - ${k}) || substr(${q(c)}, 5) else ${q(c)} end`;

/** The demo community's records copied `years` years back (its registers stay as they are). */
export function copyYears(file: string, communityId: string, years: number[], opts: { exclude?: string[] } = {}) {
  const db = new SQLite(file);
  db.pragma("foreign_keys = OFF");
  db.pragma("synchronous = OFF");
  const list = communityTables(db, new Set([...REGISTERS, ...(opts.exclude ?? [])]));
  const refs = new Map(list.map((t) => [t, refCols(db, t, list, new Set())]));
  // Text columns holding dates or times (by their first value), shifted by whole years.
  const dated = new Map(
    list.map((t) => [
      t,
      new Set(
        cols(db, t)
          .filter((c) => {
            if (c.name === "year") return true;
            const v = (db.prepare(`select ${q(c.name)} v from ${q(t)} where ${q(c.name)} is not null limit 1`).get() as { v: unknown } | undefined)?.v;
            return typeof v === "string" && /^[12]\d{3}-[01]\d/.test(v);
          })
          .map((c) => c.name),
      ),
    ]),
  );
  let total: Record<string, number> = {};
  db.transaction(() => {
    total = copyTables(
      db,
      list,
      (t) => originals(db, t, [...(refs.get(t) ?? [])], "~", communityId),
      years.map((k) => (t: string) => {
        const sfx = `~y${k}`;
        const uniq = uniqueTextCols(db, t);
        return cols(db, t)
          .map((c) => {
            if (refs.get(t)?.has(c.name)) return suffixed(c.name, sfx);
            if (dated.get(t)?.has(c.name)) return c.name === "year" && !/char|text/i.test(c.type) ? `${q(c.name)} - ${k}` : shiftYear(c.name, k);
            if (uniq.has(c.name) && /char|text|^$/i.test(c.type)) return suffixed(c.name, sfx);
            return q(c.name);
          })
          .join(", ");
      }),
    );
  })();
  db.close();
  return total;
}

/**
 * The demo community copied `n` times into its subdistrict: its region and grids (new ids and paths,
 * the same boundaries), every record of every year (registers included) with the new ids.
 */
export function copyCommunities(file: string, communityId: string, n: number, opts: { exclude?: string[] } = {}) {
  const db = new SQLite(file);
  db.pragma("foreign_keys = OFF");
  db.pragma("synchronous = OFF");
  const comm = db.prepare("select * from regions where id = ?").get(communityId) as Record<string, unknown> & { id: string; path: string; name: string };
  const under = db.prepare("select * from regions where path like ?").all(`${comm.path}%`) as Array<Record<string, unknown> & { id: string; path: string }>;
  const regionIds = new Set(under.map((r) => r.id));
  const regionCols = cols(db, "regions").map((c) => c.name);
  const list = communityTables(db, new Set(opts.exclude ?? []));
  const refs = new Map(list.map((t) => [t, refCols(db, t, list, regionIds)]));
  const ids: string[] = [];
  let total: Record<string, number> = {};
  db.transaction(() => {
    const insRegion = db.prepare(`insert into regions (${regionCols.map(q).join(", ")}) values (${regionCols.map(() => "?").join(", ")})`);
    const regionUniq = uniqueTextCols(db, "regions");
    for (let k = 1; k <= n; k++) {
      const sfx = `~c${k}`;
      const parentPath = comm.path.slice(0, comm.path.length - comm.id.length - 1);
      for (const r of under) {
        const rest = r.path.slice(parentPath.length).split("/").filter(Boolean);
        const row: Record<string, unknown> = { ...r, id: r.id + sfx, path: `${parentPath}${rest.map((s) => s + sfx).join("/")}/` };
        if (r.parent_id && regionIds.has(r.parent_id as string)) row.parent_id = `${r.parent_id}${sfx}`;
        if (r.id === communityId) row.name = `${comm.name}（副本${k}）`;
        for (const u of regionUniq) if (u !== "id" && u !== "path" && typeof row[u] === "string" && u !== "name") row[u] = `${row[u]}${sfx}`;
        insRegion.run(...regionCols.map((c) => row[c] ?? null));
      }
      ids.push(communityId + sfx);
    }
    total = copyTables(
      db,
      list,
      (t) => originals(db, t, [...(refs.get(t) ?? [])], "~c", communityId),
      Array.from({ length: n }, (_, i) => (t: string) => {
        const sfx = `~c${i + 1}`;
        const uniq = uniqueTextCols(db, t);
        return cols(db, t)
          .map((c) => {
            if (refs.get(t)?.has(c.name) || c.name === "community_id") return suffixed(c.name, sfx);
            if (uniq.has(c.name) && /char|text|^$/i.test(c.type)) return suffixed(c.name, sfx);
            return q(c.name);
          })
          .join(", ");
      }),
    );
  })();
  db.exec("analyze");
  db.close();
  return { ids, rows: total };
}
