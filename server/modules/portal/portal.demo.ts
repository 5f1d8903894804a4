// 福民社区's 2024 disclosures, made through the portal's services on the demo's clock: the annual
// work report under 党务 > 党组织决议、决定及执行情况 (a placeholder of the same column while no
// report is published), the micro-projects' 立项 and 验收 notices, the party elections' results and
// the new members' 公示 drafted from the records, the monthly statements of the recorded payments,
// the quarterly columns — with 低保、救助、慰问 missing its third quarter (the overdue column) —
// and two items withdrawn with their reasons (one of them corrected).
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { addDays } from "../../platform/dates.js";
import { AppError } from "../../platform/errors.js";
import type { Deps } from "../../platform/http.js";
import { scopeOf } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { DemoContext } from "../types.js";
import type { PortalServices } from "./portal.services.js";

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

const Q = [
  ["2024-01-01", "2024-03-31", "第一季度", "2024-04-08"],
  ["2024-04-01", "2024-06-30", "第二季度", "2024-07-08"],
  ["2024-07-01", "2024-09-30", "第三季度", "2024-10-09"],
  ["2024-10-01", "2024-12-31", "第四季度", "2025-01-08"],
] as const;

export async function seedPortal(svc: PortalServices, deps: Pick<Deps, "db" | "config">, ctx: DemoContext) {
  const { clock, world, log } = ctx;
  const { db } = deps;
  const { items, drafts } = svc;
  const staff = await whoFor(db, "staff");
  const leader = await whoFor(db, "leader");
  const communityId = world.communityId;
  const at = (date: string, hh = "02") => clock.set(`${date}T${hh}:00:00Z`);

  /** Proposed by staff, reviewed and approved by the leader, all on `date` (findings in generated text confirmed as units' names). */
  async function publish(id: string, date: string) {
    at(date, "01");
    const d = await items.detail(staff.scope, id);
    if (d.status === "draft") await items.submit(staff, id);
    at(date, "03");
    try {
      await items.review(leader, id, { passed: true, confirmations: [] });
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== "RULE") throw e;
      const left = ((e.details as { findings?: Array<{ kind: "name" | "phone" | "id_number"; text: string }> })?.findings ?? []).map((f) => ({
        kind: f.kind,
        text: f.text,
        note: "经核实为单位或公开职务信息，非居民个人信息",
      }));
      await items.review(leader, id, { passed: true, confirmations: left });
    }
    at(date, "06");
    await items.approve(leader, id, { approved: true });
  }
  async function write(columnKey: string, title: string, body: string, from: string, to: string, on: string) {
    at(on, "00");
    const id = await items.create(staff, { communityId, columnKey, title, body, attachments: [], periodFrom: from, periodTo: to, submit: true });
    await publish(id, on);
    return id;
  }

  // The micro-projects' 立项 and 验收, published on the day of the step; their 公示 stay drafts.
  at("2024-01-02", "00");
  const proj = await drafts.draft(staff, { communityId, kind: "projects", year: 2024 });
  for (const id of proj.ids) {
    const d = await items.detail(staff.scope, id);
    if (d.source?.kind === "project-approve" || d.source?.kind === "project-accept") await publish(id, d.periodFrom);
  }

  // Elections' results a few days after each; the new members' 公示 in December.
  at("2024-01-02", "00");
  for (const id of (await drafts.draft(staff, { communityId, kind: "elections", year: 2024 })).ids) {
    const d = await items.detail(staff.scope, id);
    await publish(id, addDays(d.periodFrom, 3));
  }
  at("2024-12-16", "00");
  for (const id of (await drafts.draft(staff, { communityId, kind: "new_members", year: 2024 })).ids) await publish(id, "2024-12-18");

  // Monthly statements on the 5th of the next month; March's is withdrawn and corrected.
  for (let m = 1; m <= 12; m++) {
    const month = `2024-${String(m).padStart(2, "0")}`;
    const on = m === 12 ? "2025-01-05" : `2024-${String(m + 1).padStart(2, "0")}-05`;
    at(on, "00");
    const [id] = (await drafts.draft(staff, { communityId, kind: "finance", year: 2024, month })).ids;
    await publish(id, on);
    if (m === 3) {
      at("2024-04-12", "02");
      await items.withdraw(leader, id, "一笔支付的日期录入有误，核对凭证后更正重新公开");
      at("2024-04-15", "01");
      const v2 = await items.correct(staff, id, { body: `${(await items.detail(staff.scope, id)).body}<p>（更正：核对支付凭证后修正支付日期。）</p>` });
      await publish(v2, "2024-04-15");
    }
  }

  // The quarterly columns; 低保、救助、慰问 has no third quarter (overdue from 2024-10-16).
  for (const [i, [from, to, q, on]] of Q.entries()) {
    await write(
      "party.resolutions",
      `福民社区党委2024年${q}重要决策部署执行情况`,
      `<p>${q}，社区党委召开党委会议研究部署党建引领基层治理、民生微实事、平安建设等工作，各项决定已按分工落实，执行情况公开如下。</p><ul><li>党委会议决定事项均已明确责任人和完成时限；</li><li>民生微实事项目按居民议事会表决结果推进；</li><li>“书记茶话会”收集的居民诉求已转民意速办办理。</li></ul>`,
      from,
      to,
      on,
    );
    await write("party.dues", `福民社区党委2024年${q}党费收缴使用情况`, `<p>${q}党费按月足额收缴，全部按规定上缴，无违规使用情况。</p>`, from, to, on);
    await write(
      "finance.special",
      `福民社区2024年${q}专项资金使用情况`,
      `<p>${q}民生微实事等专项资金按项目进度拨付，明细见每月收支情况公开。</p>`,
      from,
      to,
      on,
    );
    if (i < 2)
      await write(
        "residents.welfare",
        `福民社区2024年${q}低保、救助、慰问情况`,
        `<p>${q}社区低保、临时救助和节日慰问按规定审核发放，名单按规定隐去个人信息。</p>`,
        from,
        to,
        on,
      );
  }

  // A residents' council decision, withdrawn after its reconsideration.
  const decision = await write(
    "residents.decisions",
    "居民议事会关于狮径公园停车棚选址的决定",
    "<p>经居民议事会表决，停车棚选址于狮径公园东侧。</p>",
    "2024-05-20",
    "2024-05-27",
    "2024-05-20",
  );
  at("2024-05-24", "02");
  await items.withdraw(leader, decision, "居民提出异议，经议事会复议选址调整，原决定撤回");
  // The year's report (published in January), or its placeholder.
  at("2025-01-20", "00");
  let report: string | undefined;
  try {
    report = (await drafts.draft(staff, { communityId, kind: "annual_report", year: 2024 })).ids[0];
  } catch (e) {
    if (!(e instanceof AppError) || e.status !== 404) throw e;
  }
  if (report) await publish(report, "2025-01-20");
  else
    await write(
      "party.resolutions",
      "福民社区2024年工作报告（待年度工作报告发布后替换）",
      "<p>福民社区党委2024年工作报告将在年度工作报告审核发布后在此公开。</p>",
      "2024-01-01",
      "2024-12-31",
      "2025-01-20",
    );

  log("portal: 2024 disclosures published");
}
