import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from "kysely";
import * as m001 from "./migrations/001-platform.js";
import * as m002 from "./migrations/002-appeals.js";
import * as m003 from "./migrations/003-safety.js";
import * as m004 from "./migrations/004-party.js";
import * as m005 from "./migrations/005-patrol.js";
import * as m006 from "./migrations/006-patrol-repeat-index.js";
import * as m007 from "./migrations/007-patrol-plan-activated.js";
import * as m008 from "./migrations/008-appeals-source.js";
import * as m009 from "./migrations/009-activities.js";
import * as m010 from "./migrations/010-reports.js";
import * as m011 from "./migrations/011-projects.js";
import * as m012 from "./migrations/012-volunteers.js";
import * as m013 from "./migrations/013-care.js";
import * as m014 from "./migrations/014-massorgs.js";
import * as m015 from "./migrations/015-party-applicant-leave.js";
import * as m016 from "./migrations/016-portal.js";
import * as m017 from "./migrations/017-voiding.js";
import * as m018 from "./migrations/018-people-name-index.js";
import * as m019 from "./migrations/019-alerts.js";
import * as m020 from "./migrations/020-screen-links.js";
import * as m021 from "./migrations/021-audit-archives.js";
import * as m024 from "./migrations/024-activities-calendar-feeds.js";
import * as m025 from "./migrations/025-election-voiding.js";
import * as m028 from "./migrations/028-closed-month-care-voiding.js";
import * as m029 from "./migrations/029-hazard-code-index.js";
import * as m030 from "./migrations/030-two-factor.js";
import * as m031 from "./migrations/031-pipl.js";
import * as m032 from "./migrations/032-history-state.js";
import * as m033 from "./migrations/033-activities-audiences-booking-minutes.js";
import * as m036 from "./migrations/036-activities-starts-index.js";
import * as m037 from "./migrations/037-activities-central-credits.js";
import * as m038 from "./migrations/038-table-versions.js";
import * as m040 from "./migrations/040-activities-training-attendance-index.js";
import * as m041 from "./migrations/041-region-dates.js";
import * as m042 from "./migrations/042-party-certified-on.js";
import { ensureTableVersions } from "./table-versions.js";

// Modules append their migrations here, in order; names never change once released.
const migrations: Record<string, Migration> = {
  "001-platform": m001,
  "002-appeals": m002,
  "003-safety": m003,
  "004-party": m004,
  "005-patrol": m005,
  "006-patrol-repeat-index": m006,
  "007-patrol-plan-activated": m007,
  "008-appeals-source": m008,
  "009-activities": m009,
  "010-reports": m010,
  "011-projects": m011,
  "012-volunteers": m012,
  "013-care": m013,
  "014-massorgs": m014,
  "015-party-applicant-leave": m015,
  "016-portal": m016,
  "017-voiding": m017,
  "018-people-name-index": m018,
  "019-alerts": m019,
  "020-screen-links": m020,
  "021-audit-archives": m021,
  "024-activities-calendar-feeds": m024,
  "025-election-voiding": m025,
  "028-closed-month-care-voiding": m028,
  "029-hazard-code-index": m029,
  "030-two-factor": m030,
  "031-pipl": m031,
  "032-history-state": m032,
  "033-activities-audiences-booking-minutes": m033,
  "036-activities-starts-index": m036,
  "037-activities-central-credits": m037,
  "038-table-versions": m038,
  "040-activities-training-attendance-index": m040,
  "041-region-dates": m041,
  "042-party-certified-on": m042,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one, so on PostgreSQL
  // a schema would go unmigrated whenever another schema of the same database has been migrated.
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    migrationTableSchema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s;
  // Modules are built side by side and land in any order: a migration numbered below one already run
  // (a module merged later) still runs, rather than the database refusing to start.
  const migrator = new Migrator({ db, provider: new StaticProvider(), migrationTableSchema, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  // Every table, those just made included, has its version triggers (server/db/table-versions.ts).
  await ensureTableVersions(db);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
