// The demo community's cases, generated through the service (register → dispatch → sign → contact →
// close → return visit), month by month in one transaction each, with a moving clock. The 2024
// totals come out exactly as the seed reports them (PRODUCT.md): 4469 cases on the 民意速办 platform
// of which 849 resident appeals, all resolved; 20 tea-talk appeals resolved; 17 急难愁盼 resolved by
// party organisations; 67 community-survey appeals, all resolved.
import type { Kysely } from "kysely";
import type { AppealType, Channel, Satisfaction, TAppealCreate, Urgency } from "../../../contracts/appeals.js";
import type { Role } from "../../../contracts/roles.js";
import type { DB } from "../../db/types.js";
import { type Rng, rng } from "../../demo/random.js";
import type { Deps } from "../../platform/http.js";
import type { Who } from "../../platform/who.js";
import type { DemoContext } from "../types.js";
import type { AppealsServices } from "./appeals.services.js";

type Outcome = {
  resolved: boolean;
  /** Satisfaction answers of the successive return visits (the last decides); [] = no visit (events). */
  visits: Array<Satisfaction | "unreached">;
  contacted?: boolean;
  late?: boolean;
  signLate?: boolean;
  /** Stop part-way (open cases): the last step reached. */
  stopAt?: "registered" | "dispatched" | "handling" | "closed";
};
type Spec = {
  channel: Channel;
  kind: "appeal" | "event";
  appealType?: AppealType;
  category: string;
  grid: number;
  urgency: Urgency;
  tags?: string[];
  target: "grid" | "org" | "community" | "mediator" | "party";
  org?: string;
  outcome: Outcome;
  merge?: boolean;
};

const EVENT_CATS = ["SR01", "SR02", "SR03", "SR04", "SR05", "JM01", "JM02", "JM03", "SG01", "SG02", "SG03", "GY04", "GY05", "TF02", "TF03"];
const APPEAL_CATS = [
  "GY01",
  "GY02",
  "GY03",
  "GY04",
  "SR01",
  "SR05",
  "JM01",
  "JM03",
  "SG01",
  "MS01",
  "MS02",
  "MS03",
  "MS04",
  "MS05",
  "MS06",
  "MS07",
  "QT01",
  "QT02",
];
const CAT_NAMES: Record<string, string> = {
  SR01: "垃圾未及时清运",
  SR02: "墙面乱张贴小广告",
  SR03: "路边占道经营",
  SR04: "绿化带杂草丛生",
  SR05: "餐饮油烟扰民",
  GY01: "停水",
  GY02: "停电",
  GY03: "燃气异味",
  GY04: "路灯不亮",
  GY05: "井盖破损",
  SG01: "夜间施工噪音",
  SG02: "楼顶违章搭建",
  SG03: "工地围挡破损",
  JM01: "车辆乱停放堵塞消防通道",
  JM02: "共享单车堆放",
  JM03: "广场舞噪音扰民",
  TF01: "电动车楼道充电",
  TF02: "外墙瓷砖脱落",
  TF03: "暴雨后路面积水",
  MS01: "咨询医保报销流程",
  MS02: "租房押金纠纷",
  MS03: "工厂拖欠工资",
  MS04: "楼上漏水邻里纠纷",
  MS05: "子女入学积分咨询",
  MS06: "独居老人需要助餐",
  MS07: "物业费收取不透明",
  QT01: "咨询居住证办理",
  QT02: "建议增设休闲座椅",
};
const PROPERTY = ["福悦物业服务有限公司", "阳基物业管理处"];
const BRANCHES = ["鸿发", "阳基御龙山", "富康", "悦兴二", "狮径", "丹坑"].map((n) => `中共福民社区${n}党支部`);

function orgFor(cat: string, r: Rng): Spec["target"] | string {
  if (cat.startsWith("GY") || cat === "MS07") return r.pick(PROPERTY);
  if (cat === "MS04") return "mediator";
  if (cat.startsWith("MS") || cat.startsWith("QT")) return "community";
  if (cat === "TF01" || cat === "TF02") return "福城派出所福民警务室";
  if (cat === "SG02" || cat === "SG03") return "龙华区建筑工务署";
  return "grid";
}

const MONTH_WEIGHTS = [7, 6, 8, 8, 9, 10, 10, 9, 8, 8, 8, 9];
/** Split n over 12 months by the weights, exactly. */
function perMonth(n: number): number[] {
  const sum = MONTH_WEIGHTS.reduce((a, b) => a + b, 0);
  const out = MONTH_WEIGHTS.map((w) => Math.floor((n * w) / sum));
  let rest = n - out.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % 12, rest--) out[i]++;
  return out;
}

function visitsFor(r: Rng, resolved: boolean): Outcome["visits"] {
  if (!resolved) return [r.pick(["basic", "unsatisfied", "satisfied"] as const)].map((s) => (s === "unsatisfied" ? "basic" : s));
  const roll = r.next();
  if (roll < 0.004) return ["unsatisfied", "unsatisfied", "basic"];
  if (roll < 0.05) return ["unsatisfied", "satisfied"];
  if (roll < 0.08) return ["unreached"];
  if (roll < 0.22) return ["basic"];
  return ["satisfied"];
}

function urgencyFor(r: Rng, cat: string): Urgency {
  if (cat.startsWith("TF") || cat === "GY03") return r.chance(0.6) ? "urgent" : "normal";
  return r.chance(0.08) ? "urgent" : r.chance(0.01) ? "supervised" : "normal";
}

/** The 2024 cases, channel by channel, so the seed's figures are exact by construction. */
function specs2024(r: Rng): Spec[][] {
  const months: Spec[][] = Array.from({ length: 12 }, () => []);
  const put = (n: number, make: (i: number) => Spec) => {
    let i = 0;
    perMonth(n).forEach((k, m) => {
      for (let j = 0; j < k; j++) months[m].push(make(i++));
    });
  };
  const appeal = (channel: Channel, resolved: boolean, extra: Partial<Spec> = {}): Spec => {
    const category = extra.category ?? r.pick(APPEAL_CATS);
    const o = orgFor(category, r);
    return {
      channel,
      kind: "appeal",
      appealType:
        category.startsWith("QT01") || category === "MS01" || category === "MS05"
          ? "consult"
          : category === "QT02"
            ? "suggestion"
            : r.pick(["help", "complaint", "help", "report"] as const),
      category,
      grid: r.int(0, 11),
      urgency: urgencyFor(r, category),
      target: o === "grid" || o === "community" || o === "mediator" ? o : "org",
      org: o === "grid" || o === "community" || o === "mediator" ? undefined : o,
      outcome: { resolved, visits: visitsFor(r, resolved), contacted: r.chance(0.98), late: r.chance(0.06), signLate: r.chance(0.04) },
      ...extra,
    };
  };
  const event = (channel: Channel): Spec => {
    const category = r.pick(EVENT_CATS);
    const o = orgFor(category, r);
    const grid = r.int(0, 11);
    return {
      channel,
      kind: "event",
      category,
      grid,
      urgency: urgencyFor(r, category),
      target: o === "community" || o === "mediator" ? "grid" : o === "grid" ? "grid" : "org",
      org: o === "grid" || o === "community" || o === "mediator" ? undefined : o,
      outcome: { resolved: r.chance(0.97), visits: [], late: r.chance(0.05), signLate: r.chance(0.03) },
    };
  };
  // 民意速办: 849 resident appeals, all resolved (17 of them 急难愁盼 handled by party branches), and 3620 events.
  const urgentAt = new Set(r.shuffle(Array.from({ length: 849 }, (_, i) => i)).slice(0, 17));
  put(849, (i) =>
    urgentAt.has(i)
      ? appeal("mysb", true, { category: r.pick(["MS06", "MS02", "GY01", "MS05"]), tags: ["急难愁盼"], target: "party", org: r.pick(BRANCHES) })
      : appeal("mysb", true),
  );
  put(3620, () => event("mysb"));
  // 书记茶话会: 22 suggestions, 20 resolved; 社区丈量: 67, all resolved.
  put(22, (i) => appeal("tea_talk", i % 11 !== 5, { appealType: "suggestion", category: r.pick(["QT02", "SR04", "JM01", "MS06"]) }));
  put(67, () => appeal("survey", true));
  // Other channels: some unresolved, 3 急难愁盼 handled by non-party units (not in the party figure).
  put(150, (i) => appeal("12345", r.chance(0.9), i < 3 ? { tags: ["急难愁盼"], category: "GY01", target: "org", org: PROPERTY[0] } : {}));
  put(60, () => appeal("phone", r.chance(0.92)));
  put(40, () => appeal("walkin", r.chance(0.95)));
  put(20, () => appeal("online", r.chance(0.9)));
  put(80, () => event("grid"));
  put(30, () => event("night_patrol"));
  put(30, () => event("inspection"));
  // Duplicates registered again through 12345 and merged into the first.
  put(6, () => ({ ...appeal("12345", true), merge: true }));
  return months;
}

type Actor = { id: string; username: string; displayName: string; role: Role; scopeRegionId: string };

/**
 * Through the module's own services (`svc`, built over the demo's movable clock `ctx.clock`), which
 * the demo sets before each step. "The last days" are those before `ctx.now`, the real moment.
 */
export async function seedAppeals(svc: AppealsServices, deps: Pick<Deps, "db">, ctx: DemoContext) {
  const { world, clock, log } = ctx;
  const { intake, handling, visits, merge } = svc;
  const r = rng(20240311);
  const realNow = ctx.now;
  clock.set("2024-01-01T01:00:00Z");
  const db = deps.db;

  const regionRows = await db.selectFrom("regions").select(["id", "path", "level", "community_id"]).where("community_id", "=", world.communityId).execute();
  const pathOf = new Map(regionRows.map((x) => [x.id, x.path]));
  const users = await db.selectFrom("users").select(["id", "username", "display_name", "role", "scope_region_id"]).execute();
  const who = (username: string): Who => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`demo account ${username} missing`);
    const reg = regionRows.find((x) => x.id === u.scope_region_id);
    const level = (reg?.level ?? "community") as any;
    const user: Actor = { id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, scopeRegionId: u.scope_region_id };
    return { user, scope: { regionId: u.scope_region_id, path: pathOf.get(u.scope_region_id) ?? "/", level, communityId: world.communityId } };
  };
  const staff = who("staff");
  const leader = who("leader");
  const mediator = who("mediator");
  const gridWho = world.grids.map((_, i) => who(`grid${String(i + 1).padStart(2, "0")}`));
  const patrols = [1, 2, 3].map((i) => who(`patrol0${i}`));
  const people = await db
    .selectFrom("people")
    .select(["id", "name", "phone", "grid_id"])
    .where("community_id", "=", world.communityId)
    .where("phone", "is not", null)
    .execute();
  const estates = Object.keys(world.estates);

  let seq = 0;
  const HOUR = 3_600_000;
  const MIN = 60_000;

  /** One case through the flow, its steps at plausible times after `t0`. */
  async function run(trx: Kysely<DB>, s: Spec, t0: number, mergeInto?: string, limit = Number.POSITIVE_INFINITY): Promise<string> {
    seq++;
    const registrar =
      s.kind === "event"
        ? s.channel === "night_patrol" || s.channel === "inspection"
          ? patrols[seq % 3]
          : gridWho[s.grid]
        : s.channel === "survey" || s.channel === "tea_talk"
          ? leader
          : staff;
    const person = s.kind === "appeal" && people.length && r.chance(0.6) ? people[r.int(0, people.length - 1)] : null;
    // A 书记茶话会 appeal the activities module registered from its tea talk (through appeals.api.ts)
    // is handled from here on as any other, in its own grid; the draws here are made all the same,
    // so every other case of the demo comes out as before.
    const pre = s.channel === "tea_talk" ? teaTalkCases.get(new Date(t0).getUTCMonth())?.shift() : undefined;
    const gridOf = (id: string | null | undefined) =>
      Math.max(
        0,
        world.grids.findIndex((g) => g.id === id),
      );
    const gridIdx = pre ? gridOf(pre.grid_id) : person?.grid_id ? gridOf(person.grid_id) : s.grid;
    const grid = world.grids[gridIdx];
    const estate = estates[gridIdx] ?? estates[0];
    const what = CAT_NAMES[s.category] ?? "问题";
    const input: TAppealCreate = {
      communityId: world.communityId,
      channel: s.channel,
      kind: s.kind,
      appealType: s.kind === "appeal" ? (s.appealType ?? "help") : null,
      categoryCode: s.category,
      urgency: s.urgency,
      title: `${estate}${what}`,
      content:
        s.kind === "event"
          ? `巡查发现${estate}${r.int(1, 40)}栋附近${what}，已拍照留存，需要处置。`
          : `居民反映：${estate}${r.int(1, 40)}栋${what}，希望尽快协调解决。`,
      address: `龙华区福城街道${estate}${r.int(1, 40)}栋`,
      gridId: grid.id,
      appellantPersonId: person?.id ?? null,
      appellantName: s.kind === "appeal" && !person ? `${r.pick(["陈", "李", "黄", "张", "刘"])}${r.pick(["先生", "女士"])}` : null,
      appellantPhone: s.kind === "appeal" && !person ? `13${r.int(0, 9)}${String(r.int(0, 99_999_999)).padStart(8, "0")}` : null,
      tags: s.tags ?? [],
      externalNo:
        s.channel === "mysb" || s.channel === "12345" ? `${s.channel === "mysb" ? "MY" : "SZ"}${new Date(t0).getUTCFullYear()}${String(100000 + seq)}` : null,
    };
    const registerWho = registrar.user?.role === "grid" && registrar.scope.regionId !== grid.id ? staff : registrar;
    if (pre) t0 = new Date(pre.registered_at).getTime();
    clock.set(new Date(t0).toISOString());
    const id = pre ? pre.id : await intake.register(registerWho, input, trx);
    if (mergeInto) {
      clock.set(new Date(t0 + r.int(5, 60) * MIN).toISOString());
      await merge.merge(staff, id, mergeInto, trx);
      return id;
    }
    const o = s.outcome;
    if (o.stopAt === "registered") return id;
    let t = t0 + r.int(5, 90) * MIN;
    // Dispatch and who handles it.
    let handler: Who = staff;
    const dispatch: { orgId?: string; userId?: string; toCommunity?: boolean; assistOrgIds?: string[] } = {};
    if (s.target === "grid") {
      handler = gridWho[gridIdx];
      dispatch.userId = handler.user?.id;
    } else if (s.target === "mediator") {
      handler = mediator;
      dispatch.userId = mediator.user?.id;
    } else if (s.target === "community") dispatch.toCommunity = true;
    else {
      dispatch.orgId = world.orgs[s.org ?? ""];
      if (s.target === "party") dispatch.assistOrgIds = [world.orgs.中共福民社区委员会];
    }
    if (t > limit) return id;
    clock.set(new Date(t).toISOString());
    await handling.dispatch(staff, id, dispatch, trx);
    if (o.stopAt === "dispatched") return id;
    for (let round = 0; ; round++) {
      t += (o.signLate && round === 0 ? r.int(150, 600) : r.int(5, 100)) * MIN;
      if (t > limit) return id;
      clock.set(new Date(t).toISOString());
      await handling.sign(handler, id, trx);
      if (o.stopAt === "handling" && round === 0) return id;
      const row = await svc.cases.raw(staff.scope, id, trx);
      if (row.appellant_phone) {
        t += r.int(20, 600) * MIN;
        if (t > limit) return id;
        clock.set(new Date(t).toISOString());
        await handling.contact(handler, id, "电话联系诉求人，了解具体情况", trx);
      }
      // Close inside the deadline, or after it for the late ones.
      const due = new Date(row.due_at as string).getTime();
      const window = Math.max(due - t, 30 * MIN);
      t = o.late && round === 0 ? due + r.int(1, 48) * HOUR : t + Math.max(10 * MIN, Math.floor(window * (0.1 + 0.8 * r.next())));
      if (t > limit) return id;
      clock.set(new Date(t).toISOString());
      const resolvedNow = o.resolved;
      await handling.close(
        handler,
        id,
        { answer: resolvedNow ? "已协调相关单位处置完毕，现场已恢复正常。" : "已向诉求人解释相关政策，暂不具备解决条件。", resolved: resolvedNow },
        trx,
      );
      if (o.stopAt === "closed") return id;
      const answer = o.visits[round];
      if (!answer) return id;
      t += r.int(6, 60) * HOUR;
      if (t > limit) return id;
      clock.set(new Date(t).toISOString());
      if (answer === "unreached") {
        await visits.visit(staff, id, { reached: false, contacted: false, resolved: false }, trx);
        return id;
      }
      await visits.visit(
        staff,
        id,
        { reached: true, contacted: o.contacted !== false, resolved: resolvedNow && answer !== "unsatisfied", satisfaction: answer },
        trx,
      );
      if (answer !== "unsatisfied") return id;
    }
  }

  const randomTime = (year: number, month: number) => {
    const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    // 08:00–19:59 Beijing time = 00:00–11:59 UTC.
    return Date.UTC(year, month, r.int(1, days), r.int(0, 11), r.int(0, 59), r.int(0, 59));
  };

  // The tea-talk appeals already registered from the activities module's 书记茶话会 (its demo runs
  // first), by month of registration; without them (appeals' demo alone) they are registered here.
  const teaTalkCases = new Map<number, Array<{ id: string; registered_at: string; grid_id: string | null }>>();
  for (const c of await db
    .selectFrom("appeals")
    .select(["id", "registered_at", "grid_id"])
    .where("community_id", "=", world.communityId)
    .where("channel", "=", "tea_talk")
    .where("source_module", "=", "activities")
    .orderBy("registered_at")
    .execute()) {
    const m = new Date(new Date(c.registered_at).getTime() + 8 * 3_600_000).getUTCMonth();
    teaTalkCases.set(m, [...(teaTalkCases.get(m) ?? []), c]);
  }

  const months = specs2024(r);
  const t0 = Date.now();
  let n = 0;
  for (let m = 0; m < 12; m++) {
    const list = months[m].map((s) => ({ s, t: randomTime(2024, m) })).sort((a, b) => a.t - b.t);
    await db.transaction().execute(async (trx) => {
      let last: string | null = null;
      for (const { s, t } of list) {
        const id = await run(trx, s, t, s.merge && last ? last : undefined);
        if (!s.merge) last = id;
        n++;
        if (process.env.APPEALS_SEED_TRACE && n % 200 === 0) log(`appeals: ${n} cases, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
    });
  }
  log(`appeals: ${n} cases of 2024 in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // 2025 (when the clock is past it) and live work of the last days before "today".
  const later: Array<{ s: Spec; t: number }> = [];
  const mk = (channel: Channel, outcome: Outcome, kind: "appeal" | "event" = "appeal"): Spec => {
    const category = kind === "event" ? r.pick(EVENT_CATS) : r.pick(APPEAL_CATS);
    const o = orgFor(category, r);
    const target = o === "grid" || o === "community" || o === "mediator" ? o : "org";
    return {
      channel,
      kind,
      appealType: kind === "appeal" ? r.pick(["help", "complaint", "consult"] as const) : undefined,
      category,
      grid: r.int(0, 11),
      urgency: urgencyFor(r, category),
      target: kind === "event" && target !== "org" ? "grid" : target,
      org: target === "org" ? (o as string) : undefined,
      outcome,
    };
  };
  if (realNow.getTime() > Date.UTC(2026, 0, 1)) {
    for (let m = 0; m < 12; m++)
      for (let k = 0; k < 10; k++) {
        const open = m === 11 && k < 4;
        later.push({
          s: mk(r.pick(["mysb", "12345", "mysb"] as const), {
            resolved: true,
            visits: ["satisfied"],
            ...(open ? { stopAt: (["dispatched", "handling", "handling", "registered"] as const)[k] } : {}),
          }),
          t: randomTime(2025, m),
        });
      }
  }
  if (realNow.getTime() > Date.UTC(2025, 0, 15)) {
    const stops = ["registered", "registered", "dispatched", "dispatched", "handling", "handling", "handling", "closed", "closed", undefined] as const;
    for (let k = 0; k < 40; k++) {
      const stopAt = stops[k % stops.length];
      const s = mk(r.pick(["mysb", "12345", "phone", "grid"] as const), { resolved: true, visits: ["satisfied"], stopAt });
      // Spread over the last 12 days; the oldest open ones are past their deadlines.
      later.push({ s, t: realNow.getTime() - r.int(1, 12 * 24) * HOUR });
    }
    // Work in the first demo accounts' inboxes: grid01 and staff.
    for (let k = 0; k < 4; k++) {
      const s = mk("mysb", { resolved: true, visits: [], stopAt: k < 2 ? "dispatched" : "handling" }, "event");
      later.push({ s: { ...s, grid: 0, target: "grid" }, t: realNow.getTime() - r.int(2, 60) * HOUR });
    }
  }
  if (later.length) {
    later.sort((a, b) => a.t - b.t);
    await db.transaction().execute(async (trx) => {
      for (const { s, t } of later) await run(trx, s, t, undefined, realNow.getTime());
    });
    log(`appeals: ${later.length} cases of 2025 and of the last days`);
  }
}
