import type { Kysely } from "kysely";
import type { ProjectKind, SurveyAnswer } from "../../../contracts/projects.js";
import type { DB } from "../../db/types.js";
import { personName, phone, rng } from "../../demo/random.js";
import { addDays, localDate } from "../../platform/dates.js";
import type { Deps } from "../../platform/http.js";
import { scopeOf } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { DemoContext } from "../types.js";
import type { WhoNamed } from "./projects.common.js";
import type { ProjectServices } from "./projects.services.js";

// The demo community's 民生微实事 through the module's own services, over the demo's movable clock
// (set before each action, so every step carries its own day and passes the rules a step entered
// on that day does). 2024: 11 projects from proposal to evaluation — the five the report names and
// six more — paying exactly 1,560,000 yuan (projects.count 11, projects.spend 1,560,000), plus two
// proposals that did not pass; 2025: projects still in implementation.
export const SEED_2024 = { count: 11, spendYuan: 1_560_000 };

type Spec = {
  title: string;
  kind: ProjectKind;
  place: string;
  reason: string;
  budget: number;
  paid: number;
  proposedOn: string;
  meeting: number;
  /** The month the work ends (100%); undefined: still in implementation at `progressTo`. */
  endMonth?: string;
  progressTo?: { month: string; percent: number };
  objection?: boolean;
};

const P2024: Spec[] = [
  {
    title: "狮径公园电动自行车便民停车棚",
    kind: "works",
    place: "狮径公园东门",
    reason: "居民电动自行车无处停放、飞线充电隐患多，建设带充电桩的便民停车棚",
    budget: 250_000,
    paid: 238_000,
    proposedOn: "2024-01-15",
    meeting: 0,
    endMonth: "2024-07",
  },
  {
    title: "菜地路面修复",
    kind: "works",
    place: "富康菜地片区道路",
    reason: "菜地片区道路坑洼积水，雨天居民出行困难",
    budget: 195_000,
    paid: 186_000,
    proposedOn: "2024-01-22",
    meeting: 0,
    endMonth: "2024-06",
  },
  {
    title: "福城实验学校人行便道",
    kind: "works",
    place: "福城实验学校南侧",
    reason: "学生上下学人车混行，需增设人行便道和护栏",
    budget: 280_000,
    paid: 265_000,
    proposedOn: "2024-02-05",
    meeting: 0,
    endMonth: "2024-08",
  },
  {
    title: "福悦街心公园建设",
    kind: "works",
    place: "福悦花园与悦兴二村之间空地",
    reason: "闲置空地杂草丛生，居民希望建成休闲小公园",
    budget: 360_000,
    paid: 342_000,
    proposedOn: "2024-02-19",
    meeting: 0,
    endMonth: "2024-10",
    objection: true,
  },
  {
    title: "丹坑水河道周边环境整治",
    kind: "works",
    place: "丹坑水河道两岸",
    reason: "河道两岸垃圾堆积、护栏破损，需整治环境并修复护栏",
    budget: 165_000,
    paid: 158_000,
    proposedOn: "2024-02-26",
    meeting: 0,
    endMonth: "2024-07",
  },
  {
    title: "长者饭堂助餐服务",
    kind: "service",
    place: "福民社区党群服务中心",
    reason: "高龄、独居老人就餐不便，提供助餐和送餐服务",
    budget: 80_000,
    paid: 78_000,
    proposedOn: "2024-03-01",
    meeting: 0,
    endMonth: "2024-11",
  },
  {
    title: "老旧楼栋消防器材更新",
    kind: "goods",
    place: "新围村、丹坑村老旧楼栋",
    reason: "灭火器过期、应急灯损坏，更换楼道消防器材",
    budget: 60_000,
    paid: 56_000,
    proposedOn: "2024-04-08",
    meeting: 1,
    endMonth: "2024-07",
  },
  {
    title: "青少年暑期托管服务",
    kind: "service",
    place: "福民社区文体活动中心",
    reason: "双职工家庭暑期孩子无人照看，开展暑期托管和兴趣课程",
    budget: 48_000,
    paid: 45_000,
    proposedOn: "2024-04-12",
    meeting: 1,
    endMonth: "2024-08",
  },
  {
    title: "背街小巷路灯增设",
    kind: "works",
    place: "鸿发、景华苑背街小巷",
    reason: "小巷夜间照明不足，居民夜归不安全",
    budget: 75_000,
    paid: 72_000,
    proposedOn: "2024-04-18",
    meeting: 1,
    endMonth: "2024-09",
  },
  {
    title: "社区健身器材更新",
    kind: "goods",
    place: "观澜雅居、凤凰岭小区广场",
    reason: "健身器材老化损坏，存在安全隐患",
    budget: 65_000,
    paid: 63_000,
    proposedOn: "2024-04-25",
    meeting: 1,
    endMonth: "2024-08",
  },
  {
    title: "困境家庭心理关爱服务",
    kind: "service",
    place: "福民社区",
    reason: "为困境家庭和独居老人提供心理疏导和上门关爱服务",
    budget: 60_000,
    paid: 57_000,
    proposedOn: "2024-05-06",
    meeting: 1,
    endMonth: "2024-11",
  },
];
const MEETINGS_2024 = [
  { title: "福民社区2024年第一次居民议事会", heldOn: "2024-03-15", present: 23 },
  { title: "福民社区2024年第二次居民议事会", heldOn: "2024-05-17", present: 21 },
];
const P2025: Spec[] = [
  {
    title: "景华苑小区雨污分流改造",
    kind: "works",
    place: "景华苑小区",
    reason: "雨污混流导致小区排水口返味",
    budget: 420_000,
    paid: 168_000,
    proposedOn: "2025-02-17",
    meeting: 0,
    progressTo: { month: "2025-11", percent: 65 },
  },
  {
    title: "长者助浴上门服务",
    kind: "service",
    place: "福民社区",
    reason: "失能半失能老人洗浴困难，提供上门助浴",
    budget: 70_000,
    paid: 28_000,
    proposedOn: "2025-03-03",
    meeting: 0,
    progressTo: { month: "2025-10", percent: 50 },
  },
  {
    title: "凤凰岭口袋公园照明与座椅",
    kind: "goods",
    place: "凤凰岭口袋公园",
    reason: "口袋公园夜间无照明、缺少休息座椅",
    budget: 90_000,
    paid: 36_000,
    proposedOn: "2025-03-10",
    meeting: 0,
    progressTo: { month: "2025-09", percent: 80 },
  },
];
const MEETING_2025 = { title: "福民社区2025年第一次居民议事会", heldOn: "2025-04-18", present: 25 };

const months = (from: string, to: string) => {
  const out: string[] = [];
  for (let m = from; m <= to; ) {
    out.push(m);
    const [y, mo] = m.split("-").map(Number);
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
  }
  return out;
};

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

export async function seedProjects(svc: ProjectServices, deps: Pick<Deps, "db" | "config">, ctx: DemoContext) {
  const { world, clock, log, now } = ctx;
  const { db } = deps;
  const r = rng(1212);
  const leader = await whoFor(db, "leader");
  const staff = await whoFor(db, "staff");
  const resident: WhoNamed = { user: null, scope: leader.scope, name: "居民（网上）" };
  const communityId = world.communityId;
  const today = localDate(now, deps.config.timeZone);
  // Actions in time order, across the projects: each sets the clock to its own moment first.
  const actions: Array<{ at: string; run: () => Promise<unknown> }> = [];
  const on = (date: string, run: () => Promise<unknown>, hour = 2) => {
    if (date <= today) actions.push({ at: `${date}T${String(hour).padStart(2, "0")}:${String(actions.length % 60).padStart(2, "0")}:00Z`, run });
  };
  const ids = new Map<string, string>();
  const idOf = (s: Spec) => ids.get(s.title) as string;

  const plan = (specs: Spec[], meetings: Array<{ title: string; heldOn: string; present: number }>, rejected: Array<Spec & { at: "review" | "vote" }>) => {
    for (const s of [...specs, ...rejected]) {
      const byResident = r.chance(0.7);
      on(s.proposedOn, async () => {
        const made = await svc.proposals.propose(byResident ? resident : staff, {
          communityId,
          title: s.title,
          kind: s.kind,
          place: s.place,
          reason: s.reason,
          estimatedFen: Math.round(s.budget * 1.1) * 100,
          proposerKind: byResident ? "resident" : "staff",
          proposerName: byResident ? personName(r) : "社区工作人员",
          proposerPhone: byResident ? phone(r) : null,
        });
        ids.set(s.title, made.id);
      });
      const reviewOn = addDays(s.proposedOn, 7);
      const rejectAtReview = "at" in s && s.at === "review";
      on(reviewOn, () =>
        svc.proposals.review(
          leader,
          idOf(s),
          rejectAtReview ? { passed: false, note: "超出民生微实事范围，建议纳入政府投资项目" } : { passed: true, note: "符合民生微实事申报条件" },
        ),
      );
    }
    meetings.forEach((m, i) => {
      const put = [...specs.filter((s) => s.meeting === i), ...rejected.filter((s) => s.at === "vote" && s.meeting === i)];
      on(m.heldOn, () =>
        svc.proposals.holdMeeting(leader, {
          communityId,
          title: m.title,
          heldOn: m.heldOn,
          membersPresent: m.present,
          votes: put.map((s) => {
            const fail = "at" in s;
            const votesFor = fail ? Math.floor(m.present / 2) - 2 : m.present - 2 - r.int(0, 3);
            const against = fail ? m.present - votesFor - 3 : r.int(0, 1);
            return { projectId: idOf(s), votesFor, votesAgainst: against, abstentions: m.present - votesFor - against };
          }),
        }),
      );
      const start = addDays(m.heldOn, 3);
      for (const s of specs.filter((x) => x.meeting === i)) {
        on(start, () => svc.proposals.publicise(leader, idOf(s), {}));
        if (s.objection) {
          on(addDays(start, 2), () => svc.proposals.object(staff, idOf(s), { byName: "悦兴二村居民", content: "担心公园夜间噪音扰民，建议限定活动时间" }));
          on(addDays(start, 4), async () => {
            const d = await svc.query.detail(leader.scope, idOf(s));
            await svc.proposals.resolveObjection(leader, idOf(s), d.objections[0].id, {
              resolution: "已与居民沟通：公园设置22:00后静音提示，远离住宅一侧布置活动场地",
            });
          });
        }
        // 立项 a few days after the publicity period (its end depends on the calendar: computed when publicised).
        const approveOn = addDays(start, 12);
        on(approveOn, () =>
          svc.delivery.approve(leader, idOf(s), {
            budgetFen: s.budget * 100,
            contractor:
              s.kind === "service" ? "深圳市龙华区福城社工服务中心" : s.kind === "goods" ? "深圳市福城物资供应有限公司" : "深圳市福民建设工程有限公司",
            plannedStart: addDays(approveOn, 10),
            plannedEnd: s.endMonth ? `${s.endMonth}-28` : addDays(approveOn, 240),
          }),
        );
        const first = approveOn.slice(0, 7);
        const last = s.endMonth ?? s.progressTo?.month ?? first;
        const ms = months(first, last);
        const target = s.endMonth ? 100 : (s.progressTo?.percent ?? 50);
        ms.forEach((m, k) => {
          const day = k === 0 ? (approveOn.slice(8) < "25" ? "25" : approveOn.slice(8)) : k === ms.length - 1 && s.endMonth ? "10" : "25";
          const pct = k === ms.length - 1 ? target : Math.max(5, Math.round((target * (k + 1)) / ms.length / 5) * 5);
          on(
            `${m}-${day}`,
            () =>
              svc.delivery.reportProgress(staff, idOf(s), {
                month: m,
                percent: Math.min(pct, target),
                note: pct >= 100 ? "完工" : `完成${Math.min(pct, target)}%`,
                photos: [],
              }),
            3,
          );
        });
        // Payments: an advance, a stage payment, and the balance before acceptance (2025's: the first two only).
        const paid = s.paid * 100;
        const parts = s.endMonth ? [Math.round(paid * 0.3), Math.round(paid * 0.4)] : [Math.round(paid * 0.5)];
        parts.push(paid - parts.reduce((a, b) => a + b, 0));
        const payDays = s.endMonth
          ? [addDays(approveOn, 14), `${ms[Math.floor((ms.length - 1) / 2)]}-20`, `${last}-12`]
          : [addDays(approveOn, 14), `${ms[Math.floor(ms.length / 2)]}-26`];
        const code = `${s.proposedOn.slice(0, 4)}-${String(specs.indexOf(s) + 1).padStart(2, "0")}`;
        const firstPay = addDays(approveOn, 14);
        for (const [k, amountFen] of parts.entries()) {
          const paidOn = [payDays[k], firstPay].sort()[1];
          on(
            paidOn,
            () =>
              svc.delivery.pay(leader, idOf(s), {
                paidOn,
                amountFen,
                voucher: `FM${code}-${k + 1}`,
                payee: s.kind === "service" ? "深圳市龙华区福城社工服务中心" : s.kind === "goods" ? "深圳市福城物资供应有限公司" : "深圳市福民建设工程有限公司",
                note: ["预付款", "进度款", "尾款"][s.endMonth ? k : k === 0 ? 0 : 1],
              }),
            4,
          );
        }
        if (!s.endMonth) continue;
        const acceptOn = `${last}-15`;
        on(
          acceptOn,
          () => svc.delivery.accept(leader, idOf(s), { acceptors: ["福民社区书记", "社区居委会委员", "居民代表"], passed: true, note: "按设计完成，质量合格" }),
          5,
        );
        for (let k = 0; k < 12; k++) {
          const roll = r.next();
          const answer: SurveyAnswer = roll < 0.8 ? "satisfied" : roll < 0.95 ? "fair" : "unsatisfied";
          on(addDays(acceptOn, 1 + k), () => svc.delivery.answerSurvey(resident, idOf(s), { answer, comment: "" }, "online"), 6);
        }
        on(addDays(acceptOn, 20), () => svc.delivery.evaluate(leader, idOf(s), {}), 7);
      }
    });
  };

  plan(P2024, MEETINGS_2024, [
    {
      title: "社区广场加装钢结构顶棚",
      kind: "works",
      place: "福民社区广场",
      reason: "广场雨天无法开展活动",
      budget: 1_500_000,
      paid: 0,
      proposedOn: "2024-02-01",
      meeting: 0,
      at: "review",
    },
    {
      title: "小区停车场扩建",
      kind: "works",
      place: "福悦花园北侧",
      reason: "停车位不足",
      budget: 600_000,
      paid: 0,
      proposedOn: "2024-02-20",
      meeting: 0,
      at: "vote",
    },
  ]);
  plan(P2025, [MEETING_2025], []);
  // The live work of the last weeks: a resident's proposal through 初审, the council and 公示,
  // its publicity period over and ready for 立项; and a proposal of the last days, waiting for its review.
  const ready: Spec = { title: "福民新村儿童游乐设施更新", kind: "goods", place: "福民新村中心花园", reason: "儿童游乐设施老化、地面无防护垫", budget: 120_000, paid: 0, proposedOn: addDays(today, -45), meeting: 0 };
  on(ready.proposedOn, async () => {
    const made = await svc.proposals.propose(resident, {
      communityId,
      title: ready.title,
      kind: ready.kind,
      place: ready.place,
      reason: ready.reason,
      estimatedFen: ready.budget * 100,
      proposerKind: "resident",
      proposerName: personName(r),
      proposerPhone: phone(r),
    });
    ids.set(ready.title, made.id);
  });
  on(addDays(today, -40), () => svc.proposals.review(leader, idOf(ready), { passed: true, note: "符合民生微实事申报条件" }));
  on(addDays(today, -35), () =>
    svc.proposals.holdMeeting(leader, {
      communityId,
      title: "福民社区居民议事会",
      heldOn: addDays(today, -35),
      membersPresent: 19,
      votes: [{ projectId: idOf(ready), votesFor: 16, votesAgainst: 1, abstentions: 2 }],
    }),
  );
  on(addDays(today, -30), () => svc.proposals.publicise(leader, idOf(ready), {}));

  on(addDays(today, -2), async () => {
    await svc.proposals.propose(resident, {
      communityId,
      title: "狮径村口增设休息座椅",
      kind: "goods",
      place: "狮径村口公交站旁",
      reason: "老人等车无处休息",
      estimatedFen: 1_200_000,
      proposerKind: "resident",
      proposerName: personName(r),
      proposerPhone: phone(r),
    });
  });

  actions.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const a of actions) {
    clock.set(a.at);
    await a.run();
  }
  log(`projects: ${ids.size + 1} projects, ${actions.length} steps`);
}
