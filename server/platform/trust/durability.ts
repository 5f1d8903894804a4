import { type Kysely, sql } from "kysely";
import type { Dialect } from "../../db/connect.js";
import type { DB } from "../../db/types.js";

/**
 * What the database says about the durability of an acknowledged commit, read at start-up.
 * SQLite: the `synchronous` pragma in force (FULL unless SHEQU_SQLITE_SYNC=NORMAL).
 * PostgreSQL: `fsync` and `synchronous_commit`; either off means a commit answered 2xx can be lost
 * on a power loss or an OS crash (and with fsync off the whole cluster can be corrupted).
 */
export type Durability = { dialect: Dialect; settings: Record<string, string>; warnings: string[] };

const SQLITE_SYNC: Record<string, string> = { "0": "OFF", "1": "NORMAL", "2": "FULL", "3": "EXTRA" };

export async function checkDurability(db: Kysely<DB>, dialect: Dialect): Promise<Durability> {
  const warnings: string[] = [];
  if (dialect === "sqlite") {
    const r = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
    const v = SQLITE_SYNC[String(r.rows[0]?.synchronous)] ?? String(r.rows[0]?.synchronous);
    if (v !== "FULL" && v !== "EXTRA")
      warnings.push(
        `SQLite synchronous = ${v}: an acknowledged write can be lost on power loss or an OS crash (SHEQU_SQLITE_SYNC=FULL to fsync every commit). ` +
          `SQLite synchronous = ${v}：断电或系统崩溃时，已确认的写入可能丢失（设 SHEQU_SQLITE_SYNC=FULL 每次提交落盘）。`,
      );
    return { dialect, settings: { synchronous: v }, warnings };
  }
  const settings: Record<string, string> = {};
  for (const name of ["fsync", "synchronous_commit"] as const) {
    const r = await sql<{ setting: string }>`select current_setting(${name}) as setting`.execute(db);
    settings[name] = String(r.rows[0]?.setting ?? "");
  }
  if (settings.fsync !== "on")
    warnings.push(
      `PostgreSQL fsync = ${settings.fsync}: a power loss or an OS crash can lose acknowledged writes and corrupt the database; set fsync = on. ` +
        `PostgreSQL fsync = ${settings.fsync}：断电或系统崩溃会丢失已确认的写入并可能损坏数据库，请设 fsync = on。`,
    );
  if (settings.synchronous_commit === "off")
    warnings.push(
      "PostgreSQL synchronous_commit = off: the last acknowledged writes can be lost on a crash; set synchronous_commit = on. " +
        "PostgreSQL synchronous_commit = off：崩溃时最近已确认的写入可能丢失，请设 synchronous_commit = on。",
    );
  return { dialect, settings, warnings };
}
