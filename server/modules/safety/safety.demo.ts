import type { Kysely } from "kysely";
import type { HAZARD_KINDS, PlaceKind, TDisputeCreate } from "../../../contracts/safety.js";
import type { DB } from "../../db/types.js";
import { personName, phone, type Rng, rng } from "../../demo/random.js";
import { addDays, localDate } from "../../platform/dates.js";
import type { Deps } from "../../platform/http.js";
import { scopeOf } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import type { DemoContext } from "../types.js";
import { DEFAULT_CHECKLISTS } from "./inspections.service.js";
import type { SafetyServices } from "./safety.services.js";

// The demo community's 2024 safety work, generated through the module's own services (built over
// the demo's movable clock, `ctx.clock`), which the demo sets before each action so every action
// carries its 2024 time; then the live work of the days before `ctx.now`. The report's figures come
// out exactly:
export const SEED_2024 = {
  disputesResolved: 439,
  inspections: 356,
  laborDisputes: 235,
  laborMediated: 230,
  laborRecoveredYuan: 2_820_000,
};

type Kind = (typeof HAZARD_KINDS)[number];
const HAZARD_TEXT: Record<Kind, string[]> = {
  消防: ["消防通道被杂物堵塞", "灭火器过期未更换", "楼道堆放易燃杂物", "消防栓被遮挡"],
  燃气: ["燃气软管老化开裂", "餐饮店未安装燃气报警器", "液化气瓶存放在室内"],
  用电: ["电动车入户充电", "电线私拉乱接", "配电箱未上锁且线路裸露", "飞线充电"],
  高空坠物: ["阳台花盆摆放在护栏外", "外墙瓷砖空鼓有脱落风险", "广告牌松动"],
  违建: ["楼顶新搭建铁皮房", "占用公共空间搭建棚架"],
  河道: ["河道护栏破损", "河道边坡垃圾堆积", "排水口异味"],
  交通: ["路口视线被遮挡", "人行道井盖缺失", "学校周边违停严重"],
  其他: ["树木倒伏风险", "围墙开裂"],
};
const PLACES: Array<[PlaceKind, string]> = [
  ["shop", "福民便利店"],
  ["shop", "鸿发五金店"],
  ["shop", "狮径餐馆"],
  ["shop", "丹坑百货"],
  ["shop", "悦兴药房"],
  ["shop", "新围快餐"],
  ["rental", "富康村 12 栋出租屋"],
  ["rental", "悦兴二村 8 栋出租屋"],
  ["rental", "狮径村 21 栋出租屋"],
  ["rental", "丹坑村 5 栋出租屋"],
  ["rental", "新围村 16 栋出租屋"],
  ["rental", "凤凰岭 3 栋出租屋"],
  ["three_small", "阳光理发店"],
  ["three_small", "福民小作坊（服装加工）"],
  ["three_small", "鸿发小旅馆"],
  ["three_small", "景华电动车维修店"],
  ["construction", "福民新村旧改项目工地"],
  ["construction", "观澜雅居外立面改造工地"],
  ["venue", "狮径公园党群服务驿站"],
  ["venue", "福民社区文体活动中心"],
  ["school", "深圳市龙华区行知学校"],
  ["school", "深圳市龙华区福城实验学校"],
];
const DISPUTE_TEXT: Record<string, string[]> = {
  邻里: ["楼上漏水导致楼下天花板受损，双方就维修费用发生争执", "邻居长期在楼道堆放杂物，影响通行", "装修噪音扰民引发争吵"],
  婚姻家庭: ["赡养老人费用分担产生分歧", "离婚后子女探视安排发生矛盾"],
  物业: ["业主对物业费上涨有异议", "小区停车位分配引发纠纷"],
  房屋租赁: ["租客退租时押金退还发生争议", "房东提前收房，租客要求赔偿"],
  消费: ["美容店预付卡退款纠纷", "家电维修收费争议"],
  交通: ["电动车与行人碰撞，医疗费用赔偿争议", "小区内车辆剐蹭赔偿纠纷"],
  其他: ["宠物伤人赔偿纠纷", "商铺占道经营引发矛盾"],
};
const EMPLOYERS = [
  "福民电子厂",
  "鸿发五金制品厂",
  "观澜湖建筑劳务公司",
  "丹坑塑胶制品厂",
  "悦兴包装材料公司",
  "新围装饰工程队",
  "福城物流有限公司",
  "景华餐饮管理公司",
  "狮径服装加工厂",
  "凤凰岭家具厂",
];

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

/** n integers ≥ min summing exactly to total, roughly proportional to random weights. */
function split(r: Rng, total: number, n: number, step: number): number[] {
  const w = Array.from({ length: n }, () => 0.3 + r.next() * r.next() * 4);
  const sw = w.reduce((a, b) => a + b, 0);
  const out = w.map((x) => Math.max(step, Math.round((total * x) / sw / step) * step));
  const diff = total - out.reduce((a, b) => a + b, 0);
  const big = out.indexOf(Math.max(...out));
  out[big] += diff;
  return out;
}

const dayOf2024 = (r: Rng, from = 0, to = 365) => addDays("2024-01-01", r.int(from, to));
const at = (date: string, hour = 2, min = 0) => `${date}T${String(hour).padStart(2, "0")}:${String(min).padStart(2, "0")}:00Z`;

export async function seedSafety(services: SafetyServices, deps: Pick<Deps, "db" | "config">, ctx: DemoContext) {
  const { world, clock, log } = ctx;
  const r = rng(4_2024);
  clock.set("2024-01-02T01:00:00Z");
  const { hazards, inspections, disputes } = services;
  const db = deps.db;
  const leader = await whoFor(db, "leader");
  const staff = await whoFor(db, "staff");
  const mediator = await whoFor(db, "mediator");
  const patrols = [await whoFor(db, "patrol01"), await whoFor(db, "patrol02"), await whoFor(db, "patrol03")];
  const gridWorkers: Who[] = [];
  for (let i = 1; i <= 12; i++) gridWorkers.push(await whoFor(db, `grid${String(i).padStart(2, "0")}`));
  const G = world.grids;
  const tx = <T>(fn: (trx: Kysely<DB>) => Promise<T>) => inTx(db, undefined, fn);

  /** Drives a hazard through assign → rectify → verify → close at realistic times. */
  async function workHazard(
    trx: Kysely<DB>,
    id: string,
    gi: number,
    foundOn: string,
    risk: string,
    opts: { late?: boolean; stopAt?: "found" | "assigned" | "rectified" } = {},
  ) {
    if (opts.stopAt === "found") return;
    clock.set(at(foundOn, 3, r.int(0, 59)));
    const assigned = await hazards.assign(staff, id, { assigneeName: `${G[gi].name}网格员` }, trx);
    if (opts.stopAt === "assigned") return;
    const span = opts.late ? (assigned.daysLeft ?? 7) + r.int(1, 6) : r.int(0, Math.max(0, assigned.daysLeft ?? 3));
    const fixedOn = addDays(foundOn, span);
    clock.set(at(fixedOn, 6, r.int(0, 59)));
    await hazards.rectify(
      gridWorkers[gi],
      id,
      { note: r.pick(["已清理完毕", "已督促业主整改到位", "已更换并复查", "已拆除并恢复原状", "已加装防护设施"]), rectifiedOn: fixedOn },
      trx,
    );
    if (opts.stopAt === "rectified") return;
    const checkOn = addDays(fixedOn, r.int(0, 2));
    clock.set(at(checkOn, 7, r.int(0, 59)));
    const checker = risk === "high" || risk === "major" ? leader : staff;
    await hazards.verify(checker, id, { passed: true, note: "现场核查已整改到位" }, trx);
    clock.set(at(checkOn, 8, r.int(0, 59)));
    await hazards.close(checker, id, {}, trx);
  }

  // ---------------------------------------------------------------- places and 2024 inspections
  const placeIds: Array<{ id: string; kind: PlaceKind; gi: number }> = [];
  await tx(async (trx) => {
    clock.set("2023-12-20T02:00:00Z");
    for (const [k, [kind, name]] of PLACES.entries()) {
      const gi = k % 12;
      const p = await inspections.createPlace(
        staff,
        { gridId: G[gi].id, kind, name, address: `龙华区福城街道${Object.keys(world.estates)[gi]}`, contactName: personName(r), contactPhone: phone(r) },
        trx,
      );
      placeIds.push({ id: p.id, kind, gi });
    }
  });
  // 356 days of 2024 with one inspection each (每日开展安全检查); 10 days without.
  const skip = new Set(r.shuffle(Array.from({ length: 366 }, (_, i) => i)).slice(0, 366 - SEED_2024.inspections));
  let inspectionHazards = 0;
  for (let month = 0; month < 12; month++) {
    await tx(async (trx) => {
      for (let d = 0; d < 366; d++) {
        const date = addDays("2024-01-01", d);
        if (Number(date.slice(5, 7)) - 1 !== month || skip.has(d)) continue;
        const place = placeIds[d % placeIds.length];
        clock.set(at(date, 2, r.int(0, 59)));
        const items = DEFAULT_CHECKLISTS[place.kind];
        const failIdx = r.chance(0.12) ? r.int(0, items.length - 1) : -1;
        const inspectors = [r.pick(["社区安全员", "staff"]) === "staff" ? "社区工作人员" : "社区安全员", `${G[place.gi].name}网格员`];
        const inspId = await inspections.create(
          staff,
          {
            placeId: place.id,
            inspectedOn: date,
            inspectors,
            items: items.map((item, k) => ({ item, passed: k !== failIdx, note: k === failIdx ? "现场发现不符合要求" : null })),
          },
          trx,
        );
        if (failIdx >= 0) {
          const insp = await inspections.get(staff.scope, inspId, trx);
          const failed = insp.items?.find((i) => !i.passed);
          if (failed) {
            const kind: Kind = /电/.test(failed.item) ? "用电" : /燃气/.test(failed.item) ? "燃气" : /交通/.test(failed.item) ? "交通" : "消防";
            const h = await inspections.openHazard(staff, failed.id, { kind, risk: "low" }, trx);
            await workHazard(trx, h.id, place.gi, date, "low", { late: r.chance(0.08) });
            inspectionHazards++;
          }
        }
      }
    });
  }
  log(`safety: ${placeIds.length} places, ${SEED_2024.inspections} inspections in 2024 (${inspectionHazards} hazards from failed items)`);

  // ---------------------------------------------------------------- 2024 hazards: patrol, reports, cases
  // The night-patrol hazards (206 in 2024) are opened by the volunteers module's demo night patrols,
  // through this module's hazard service, each with its patrol's id as sourceRef.
  const plan: Array<{ source: "patrol" | "report" | "case"; n: number }> = [
    { source: "patrol", n: 140 },
    { source: "report", n: 46 },
    { source: "case", n: 24 },
  ];
  let nHaz = 0;
  for (const { source, n } of plan) {
    await tx(async (trx) => {
      for (let k = 0; k < n; k++) {
        const gi = r.int(0, 11);
        // Closed in 2024: found by early December at the latest.
        const foundOn = dayOf2024(r, 0, 330);
        const kind = r.pick(Object.keys(HAZARD_TEXT) as Kind[]);
        const risk = r.chance(0.05) ? "high" : r.chance(0.25) ? "medium" : "low";
        clock.set(at(foundOn, 2, r.int(0, 59)));
        const finder = source === "patrol" ? patrols[k % 3] : gridWorkers[gi];
        const h = await hazards.create(
          finder,
          {
            gridId: G[gi].id,
            source,
            sourceRef: source === "case" ? `MYSB-${foundOn.replace(/-/g, "")}-${k}` : null,
            kind,
            place: `${Object.keys(world.estates)[gi]}${r.int(1, 40)}栋附近`,
            description: r.pick(HAZARD_TEXT[kind]),
            risk,
            foundOn,
          },
          trx,
        );
        await workHazard(trx, h.id, gi, foundOn, risk, { late: r.chance(0.07) });
        nHaz++;
      }
    });
  }
  log(`safety: ${nHaz} hazards found and closed in 2024 (night patrols' own come from the volunteers demo)`);

  // ---------------------------------------------------------------- 2024 disputes and labor disputes
  const mediators = ["人民调解员", "社区调委会主任", "网格员", "司法所专职调解员"];
  const laborRecovered = split(r, SEED_2024.laborRecoveredYuan * 100, SEED_2024.laborMediated, 50_000);
  async function oneDispute(trx: Kysely<DB>, _k: number, labor: boolean, outcome: "success" | "failed" | "referred" | "terminated", recoveredFen = 0) {
    const gi = r.int(0, 11);
    const type = labor ? "劳资" : r.pick(["邻里", "邻里", "邻里", "婚姻家庭", "物业", "房屋租赁", "房屋租赁", "消费", "交通", "其他"] as const);
    const registeredOn = dayOf2024(r, 0, labor ? 345 : 335);
    clock.set(at(registeredOn, 1, r.int(0, 59)));
    const workers = labor ? r.int(1, 30) : 0;
    const input: TDisputeCreate = {
      gridId: G[gi].id,
      type,
      source: labor
        ? r.pick(["walk_in", "walk_in", "case_12345", "grid_check"] as const)
        : r.pick(["grid_check", "grid_check", "walk_in", "police", "court", "case_12345"] as const),
      summary: labor ? `${workers} 名劳动者反映被拖欠工资，要求支付` : r.pick(DISPUTE_TEXT[type]),
      registeredOn,
      parties: labor
        ? [
            { name: personName(r), role: "applicant", phone: phone(r) },
            { name: r.pick(EMPLOYERS), role: "respondent" },
          ]
        : [
            { name: personName(r), role: "applicant", phone: phone(r) },
            { name: personName(r), role: "respondent", phone: phone(r) },
          ],
      labor: labor ? { employer: r.pick(EMPLOYERS), workers, claimedFen: Math.max(recoveredFen, r.int(5, 60) * 100_000) } : null,
    };
    const gw = gridWorkers[gi];
    const id = await disputes.create(gw, input, trx);
    let day = registeredOn;
    const next = (a: number, b: number) => {
      day = addDays(day, r.int(a, b));
      clock.set(at(day, 3, r.int(0, 59)));
      return day;
    };
    // 定格: the grid tries first; harder cases go up a level (or two).
    const esc = r.next();
    let cur = await disputes.session(
      gw,
      id,
      { heldOn: next(0, 2), mediators: [`${G[gi].name}网格员`], attendees: "双方当事人", record: "听取双方陈述，释法说理" },
      trx,
    );
    if (labor || esc < 0.2) {
      await disputes.escalate(gw, id, { toLevel: "community", reason: labor ? "劳资纠纷涉及金额较大，提交社区调委会" : "网格调解未果，提交社区调委会" }, trx);
      cur = await disputes.session(
        mediator,
        id,
        { heldOn: next(1, 3), mediators: [r.pick(mediators), "社区调委会主任"], attendees: "双方当事人、网格员", record: "组织双方面对面调解" },
        trx,
      );
      if (esc < 0.04) {
        await disputes.escalate(mediator, id, { toLevel: "subdistrict", reason: "社区调解未果，提请街道调委会" }, trx);
        await disputes.session(
          mediator,
          id,
          { heldOn: next(1, 4), mediators: ["街道人民调解委员会"], attendees: "双方当事人、社区调解员", record: "街道联合调解" },
          trx,
        );
      }
    }
    const closedOn = next(0, labor ? 5 : 8);
    const parties = cur.parties;
    const who = labor || esc < 0.2 ? mediator : gw;
    if (outcome === "success") {
      const written = labor || r.chance(0.7);
      await disputes.close(
        who,
        id,
        {
          outcome,
          closedOn,
          agreement: {
            form: written ? "written" : "oral",
            madeOn: closedOn,
            facts: input.summary,
            terms: labor
              ? `${input.labor?.employer}于协议签订之日起 5 日内支付拖欠工资共计 ${(recoveredFen / 100).toFixed(2)} 元。`
              : "双方互相谅解，责任方承担相应费用并赔礼道歉。",
            performance: labor ? "银行转账，一次性支付" : "协议签订后 7 日内履行完毕",
            signedPartyIds: written ? parties.map((p) => p.id) : [],
            mediatorSigned: true,
          },
          labor: labor ? { recoveredFen } : undefined,
        },
        trx,
      );
    } else
      await disputes.close(
        who,
        id,
        {
          outcome,
          closedOn,
          referral: outcome === "referred" ? (labor ? "仲裁" : r.pick(["法院", "派出所"] as const)) : undefined,
          reason: outcome === "terminated" ? "一方当事人拒绝继续调解" : outcome === "failed" ? "双方分歧较大，未能达成协议" : "引导当事人通过法定途径解决",
        },
        trx,
      );
    return id;
  }
  // Interleave by month-sized batches so each transaction stays small.
  const jobs: Array<{ labor: boolean; outcome: "success" | "failed" | "referred" | "terminated"; fen: number }> = [];
  for (let i = 0; i < SEED_2024.laborMediated; i++) jobs.push({ labor: true, outcome: "success", fen: laborRecovered[i] });
  for (const o of ["referred", "referred", "referred", "terminated", "terminated"] as const) jobs.push({ labor: true, outcome: o, fen: 0 });
  for (let i = 0; i < SEED_2024.disputesResolved - SEED_2024.laborMediated; i++) jobs.push({ labor: false, outcome: "success", fen: 0 });
  for (let i = 0; i < 27; i++) jobs.push({ labor: false, outcome: r.pick(["failed", "referred", "terminated"] as const), fen: 0 });
  for (let i = 0; i < jobs.length; i += 60) {
    await tx(async (trx) => {
      for (let k = i; k < Math.min(jobs.length, i + 60); k++) await oneDispute(trx, k, jobs[k].labor, jobs[k].outcome, jobs[k].fen);
    });
  }
  log(
    `safety: ${jobs.length} disputes in 2024 (${SEED_2024.disputesResolved} resolved; labor ${SEED_2024.laborDisputes} / ${SEED_2024.laborMediated} / ${SEED_2024.laborRecoveredYuan} yuan)`,
  );

  // ---------------------------------------------------------------- live work now (the real date)
  const now = ctx.now;
  const today = localDate(now, deps.config.timeZone);
  const daysAgo = (n: number) => addDays(today, -n);
  await tx(async (trx) => {
    // Recent inspections so the daily plan has done, due and missed places.
    for (const [k, p] of placeIds.entries()) {
      const last = daysAgo(k % 3 === 0 ? 0 : r.int(3, 70));
      clock.set(at(last, 1, 0));
      await inspections.create(
        staff,
        { placeId: p.id, inspectedOn: last, inspectors: ["社区安全员"], items: DEFAULT_CHECKLISTS[p.kind].map((item) => ({ item, passed: true })) },
        trx,
      );
    }
    // Open hazards at every stage, some past their deadline.
    for (let k = 0; k < 18; k++) {
      const gi = k % 12;
      const foundOn = daysAgo(r.int(1, 25));
      clock.set(at(foundOn, 2, r.int(0, 59)));
      const kind = r.pick(Object.keys(HAZARD_TEXT) as Kind[]);
      const h = await hazards.create(
        k % 3 === 0 ? patrols[k % 3] : gridWorkers[gi],
        {
          gridId: G[gi].id,
          source: (["report", "patrol", "report", "case"] as const)[k % 4],
          kind,
          place: `${Object.keys(world.estates)[gi]}${r.int(1, 40)}栋`,
          description: r.pick(HAZARD_TEXT[kind]),
          risk: k % 5 === 0 ? "medium" : "low",
          foundOn,
        },
        trx,
      );
      const stopAt = (["found", "assigned", "assigned", "rectified"] as const)[k % 4];
      await workHazard(trx, h.id, gi, foundOn, "low", { stopAt });
    }
    clock.set(now.toISOString());
    await hazards.escalateOverdue(staff, trx);
    // Open disputes: one at each level, a labor case inside its 15 days.
    for (let k = 0; k < 6; k++) {
      const gi = (k * 5) % 12;
      const on = daysAgo(r.int(1, 12));
      clock.set(at(on, 2, 0));
      const labor = k === 0;
      const id = await disputes.create(
        gridWorkers[gi],
        {
          gridId: G[gi].id,
          type: labor ? "劳资" : (["邻里", "物业", "房屋租赁", "婚姻家庭", "消费"] as const)[k - 1],
          source: labor ? "walk_in" : "grid_check",
          summary: labor ? "12 名工人反映工地劳务公司拖欠两个月工资" : r.pick(DISPUTE_TEXT[(["邻里", "物业", "房屋租赁", "婚姻家庭", "消费"] as const)[k - 1]]),
          registeredOn: on,
          parties: [
            { name: personName(r), role: "applicant", phone: phone(r) },
            { name: labor ? "观澜湖建筑劳务公司" : personName(r), role: "respondent" },
          ],
          labor: labor ? { employer: "观澜湖建筑劳务公司", workers: 12, claimedFen: 18_600_000 } : null,
        },
        trx,
      );
      if (k % 3 === 1) await disputes.escalate(gridWorkers[gi], id, { toLevel: "community", reason: "网格调解未果" }, trx);
    }
  });
  log("safety: current open hazards, disputes and the inspection plan");
}
