import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { uuidv7 } from "../../platform/ids.js";
import "./reports.tables.js";
import type { AnnualReportTable } from "./reports.tables.js";

// The report module's tables: template versions, report versions and their timeline.

export type Key = { regionId: string; year: number };

export const reportsRepo = {
  latestTemplate: (db: Kysely<DB>, k: Key) =>
    db
      .selectFrom("report_templates")
      .selectAll()
      .where("region_id", "=", k.regionId)
      .where("year", "=", k.year)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst(),
  /** The latest template saved for the region in an earlier year (a year with none saved carries it over). */
  earlierTemplate: (db: Kysely<DB>, k: Key) =>
    db
      .selectFrom("report_templates")
      .selectAll()
      .where("region_id", "=", k.regionId)
      .where("year", "<", k.year)
      .orderBy("year", "desc")
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst(),
  templateVersions: (db: Kysely<DB>, k: Key) =>
    db
      .selectFrom("report_templates")
      .select(["version", "saved_by_name", "saved_at"])
      .where("region_id", "=", k.regionId)
      .where("year", "=", k.year)
      .orderBy("version", "desc")
      .execute(),
  insertTemplate: (db: Kysely<DB>, k: Key, version: number, body: unknown, by: { id: string | null; name: string }, at: string) =>
    db
      .insertInto("report_templates")
      .values({ id: uuidv7(), region_id: k.regionId, year: k.year, version, body: JSON.stringify(body), saved_by: by.id, saved_by_name: by.name, saved_at: at })
      .execute(),
  reports: (db: Kysely<DB>, k: Key) =>
    db.selectFrom("annual_reports").selectAll().where("region_id", "=", k.regionId).where("year", "=", k.year).orderBy("version", "desc").execute(),
  latestPublished: (db: Kysely<DB>, k: Key) =>
    db
      .selectFrom("annual_reports")
      .selectAll()
      .where("region_id", "=", k.regionId)
      .where("year", "=", k.year)
      .where("state", "=", "published")
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst(),
  async insertReport(db: Kysely<DB>, k: Key, version: number, by: string, at: string, findings = "{}"): Promise<AnnualReportTable> {
    const row: AnnualReportTable = {
      id: uuidv7(),
      region_id: k.regionId,
      year: k.year,
      version,
      state: "draft",
      author_id: null,
      author_name: null,
      reviewer_name: null,
      findings,
      frozen: null,
      template_version: null,
      created_by_name: by,
      created_at: at,
      updated_at: at,
      published_at: null,
    };
    await db.insertInto("annual_reports").values(row).execute();
    return row;
  },
  updateReport: (db: Kysely<DB>, id: string, patch: Partial<AnnualReportTable>) => db.updateTable("annual_reports").set(patch).where("id", "=", id).execute(),
  insertEvent: (db: Kysely<DB>, reportId: string, step: string, by: { id: string | null; name: string }, at: string, note = "") =>
    db.insertInto("annual_report_events").values({ id: uuidv7(), report_id: reportId, step, actor_id: by.id, actor_name: by.name, at, note }).execute(),
  events: (db: Kysely<DB>, reportIds: string[]) =>
    reportIds.length
      ? db.selectFrom("annual_report_events").selectAll().where("report_id", "in", reportIds).orderBy("at", "desc").orderBy("id", "desc").execute()
      : Promise.resolve([]),
};
