// 福民社区's 2024 report, taken through its life on the demo's clock in January 2025 by the demo's
// accounts, as the people would: the community leader submits it (草稿 → 审核), the subdistrict
// supervisor reviews it (→ 定稿), the leader publishes it (→ 发布, frozen with its figures). So the
// portal's 年度报告 column (made next, in the portal's demo) shows the report itself.
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { scopeOf } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { DemoContext } from "../types.js";
import type { ReportLife } from "./reports.life.service.js";

async function whoFor(db: Kysely<DB>, username: string): Promise<Who> {
  const u = await db
    .selectFrom("users")
    .select(["id", "username", "display_name", "role", "scope_region_id"])
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  const scope = await scopeOf(db, u.scope_region_id);
  if (!scope) throw new Error(`no scope for ${username}`);
  return { user: { id: u.id, username: u.username, displayName: u.display_name, role: u.role, scopeRegionId: u.scope_region_id }, scope };
}

export async function seedReports(life: ReportLife, db: Kysely<DB>, ctx: DemoContext) {
  const { clock, world, log } = ctx;
  const leader = await whoFor(db, "leader");
  const supervisor = await whoFor(db, "supervisor");
  const region = world.communityId;
  clock.set("2025-01-10T02:00:00Z");
  await life.step(leader, 2024, region, "submit", "2024年工作报告初稿，请街道审核");
  clock.set("2025-01-13T07:00:00Z");
  await life.step(supervisor, 2024, region, "approve", "数据已核对，同意定稿");
  clock.set("2025-01-15T02:00:00Z");
  await life.step(leader, 2024, region, "publish");
  log("reports: 福民社区 2024 report submitted, reviewed and published (2025-01-15)");
}
