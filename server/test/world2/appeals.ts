import { countBy, expectAll, importXlsx, type Period, ratioBy, within } from "./common.js";
import { type Builder, W2_USERS } from "./types.js";

// 民意速办: each community's case export with its whole handling history, imported (every step at the
// file's time; the handling unit matched to the community's organisations), in three years, from
// four channels; some closed late, signed late, still open, reopened after an unsatisfied return
// visit (and not closed again), one appellant appealing twice within the repeat window, times at
// 00:00 and 23:59 on month and year boundaries.

type Case = {
  communityId: string;
  gridId: string;
  channel: "mysb" | "tea_talk" | "survey" | "12345";
  kind: "appeal" | "event";
  reg: string; // local "YYYY-MM-DD HH:mm"
  phone: string;
  urgent: boolean;
  unit: "party" | "property" | null;
  /** Hours after registration; null: not done / not in the file. */
  dispatchH: number | null;
  signH: number | null;
  closeH: number | null;
  resolved: boolean;
  visit: { vc: boolean | null; vr: boolean | null; sat: "满意" | "基本满意" | "不满意" } | null;
};

const CHANNEL_ZH = { mysb: "民意速办平台", tea_talk: "书记茶话会", survey: "社区丈量", "12345": "12345热线/i深圳" } as const;
const HOUR = 3_600_000;
const yn = (b: boolean) => (b ? "是" : "否");

export const appeals: Builder = {
  module: "appeals",
  async build(w) {
    const tz = w.timeZone ?? "Asia/Shanghai";
    if (tz !== "Asia/Shanghai") throw new Error("the appeals builder writes its times in Asia/Shanghai");
    const inst = (local: string) => new Date(`${local.replace(" ", "T")}:00+08:00`).getTime();
    const local = (ms: number) => {
      const d = new Date(ms + 8 * HOUR).toISOString();
      return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
    };
    const cases: Case[] = [];
    let phoneNo = 0;
    for (const [ci, c] of w.communities.entries()) {
      // The community's party committee handles the 急难愁盼 cases; a property company some others.
      await w.env.factories.makeOrg(c, { name: `中共${c.name}委员会`, kind: "党组织", foundedOn: "2010-07-01" });
      await w.env.factories.makeOrg(c, { name: `${c.name}物业服务有限公司`, kind: "物业公司", foundedOn: "2015-01-01" });
      const regs =
        ci === 0
          ? [
              "2023-03-05 10:00",
              "2023-08-01 00:00",
              "2023-12-31 23:59",
              "2024-01-01 00:00",
              "2024-02-29 12:00",
              "2024-06-30 23:59",
              "2024-07-01 00:00",
              "2024-10-10 08:00",
              "2024-12-31 23:59",
              "2025-01-01 00:00",
              "2025-03-01 00:00",
              "2025-03-01 07:59",
              "2025-03-15 15:00",
              "2025-03-31 23:59",
              "2025-06-30 23:59",
              "2025-09-09 09:09",
              "2025-12-01 00:00",
            ]
          : [
              "2024-03-01 00:00",
              "2024-05-20 10:00",
              "2024-12-31 23:59",
              "2025-01-01 00:00",
              "2025-03-10 11:00",
              "2025-03-31 23:59",
              "2025-07-01 00:00",
              "2025-11-11 11:11",
            ];
      for (const [k, reg] of regs.entries()) {
        const s = k + ci * 3;
        // Not s % 6 alone: that is the shape too, and every 社区丈量 case would be the open one.
        const channel = (["mysb", "mysb", "tea_talk", "survey", "mysb", "12345"] as const)[(s + Math.floor(s / 6)) % 6];
        const kind = s % 7 === 5 ? "event" : "appeal";
        const shape = s % 6; // 0 full on time, 1 signed late, 2 closed late, 3 open, 4 reopened, 5 thin (no history)
        const visit: Case["visit"] =
          shape === 3 || shape === 5
            ? null
            : shape === 4
              ? { vc: true, vr: false, sat: "不满意" }
              : { vc: s % 4 !== 0, vr: s % 5 !== 1 ? true : shape === 5 ? null : false, sat: s % 3 === 0 ? "基本满意" : "满意" };
        cases.push({
          communityId: c.id,
          gridId: c.grids[s % c.grids.length].id,
          channel,
          kind,
          reg,
          phone: `139${String(1000_0000 + ++phoneNo).slice(-8)}`,
          urgent: s % 2 === 0,
          unit: s % 3 === 0 ? "party" : s % 3 === 1 ? "property" : null,
          dispatchH: shape === 5 ? null : 0.5,
          signH: shape === 5 ? null : shape === 1 ? 3 : 1,
          closeH: shape === 3 ? null : shape === 2 ? 240 : 5 + (s % 4),
          resolved: s % 8 !== 3,
          visit: shape === 5 ? { vc: null, vr: null, sat: "满意" } : visit,
        });
      }
      // The same appellant again 5 days later (a repeat within the 30-day window).
      const first = cases.find((x) => x.communityId === c.id && x.kind === "appeal" && x.reg.startsWith("2025-03"))!;
      cases.push({ ...first, reg: local(inst(first.reg) + 5 * 24 * HOUR), urgent: false, unit: null, gridId: c.grids[0].id });
    }

    w.setNow("2026-01-10T10:00:00");
    for (const [ci, c] of w.communities.entries()) {
      const leader = await w.as(W2_USERS.leaders[ci]);
      const rows = cases
        .filter((x) => x.communityId === c.id)
        .map((x, k) => {
          const at = (h: number | null) => (h === null ? "" : local(inst(x.reg) + h * HOUR));
          const g = c.grids.find((gg) => gg.id === x.gridId)!;
          const closeAt = x.closeH === null ? null : inst(x.reg) + x.closeH * HOUR;
          return {
            工单编号: `W2MY${ci}${String(k + 1).padStart(3, "0")}`,
            来源渠道: CHANNEL_ZH[x.channel],
            类型: x.kind === "appeal" ? "诉求" : "事件",
            ...(x.kind === "appeal" ? { 诉求类型: "求助" } : {}),
            小类: "路灯",
            紧急程度: "一般件",
            标题: `${g.name}路灯不亮${k + 1}`,
            诉求内容: `${g.name}路灯不亮（第${k + 1}件）`,
            地址: `${c.name}${k + 1}号`,
            网格: g.name,
            诉求人: `居民${ci}${k}`,
            联系电话: x.phone,
            标签: x.urgent ? "急难愁盼" : "",
            登记时间: x.reg,
            承办单位: x.unit === "party" ? `中共${c.name}委员会` : x.unit === "property" ? `${c.name}物业服务有限公司` : "",
            派单时间: at(x.dispatchH),
            签收时间: at(x.signH),
            首次联系时间: at(x.signH === null ? null : x.signH + 0.5),
            办结时间: closeAt === null ? "" : local(closeAt),
            是否解决: x.closeH === null ? "" : yn(x.resolved),
            回访时间: x.visit && closeAt !== null ? local(closeAt + 48 * HOUR) : "",
            回访是否联系: x.visit?.vc == null ? "" : yn(x.visit.vc),
            回访是否解决: x.visit?.vr == null ? "" : yn(x.visit.vr),
            满意度: x.visit && closeAt !== null ? x.visit.sat : "",
          };
        });
      const r = await importXlsx(leader, `/api/appeals/import?communityId=${c.id}`, rows, "appeals");
      if (r.created !== rows.length) throw new Error(`appeals import created ${r.created} of ${rows.length}`);
      const again = await importXlsx(leader, `/api/appeals/import?communityId=${c.id}`, rows, "appeals");
      if (again.created !== 0) throw new Error(`appeals re-import created ${again.created}`);
    }

    // ---- what each figure must say (read on READ_AT: every open case is past its deadline by then)
    type S = Case & { date: string; closed: boolean; open: boolean; reopened: boolean; isResolved: boolean; repeat: boolean; minutes: number | null };
    // An event (事件) has no return visit: the product keeps none of the file's visit columns for it.
    for (const x of cases) if (x.kind === "event") x.visit = null;
    const all: S[] = cases.map((x) => {
      const visited = !!x.visit && x.closeH !== null;
      const reopened = visited && x.visit!.sat === "不满意";
      const closed = x.closeH !== null && !reopened;
      const answer = visited && x.visit!.vr !== null ? x.visit!.vr : x.resolved;
      const t = inst(x.reg);
      const repeat =
        x.kind === "appeal" &&
        cases.some((y) => y !== x && y.communityId === x.communityId && y.phone === x.phone && inst(y.reg) < t && inst(y.reg) >= t - 30 * 24 * HOUR);
      return {
        ...x,
        date: x.reg.slice(0, 10),
        closed,
        open: !closed,
        reopened,
        isResolved: closed && !!answer,
        repeat,
        minutes: closed ? Math.round((x.closeH! * HOUR) / 60_000) : null,
      };
    });
    const inP = (p: Period) => all.filter((x) => within(x.date, p));
    const visitedOf = (xs: S[]) => xs.filter((x) => x.visit && x.closeH !== null);
    const sat = (x: S) => (x.visit!.sat === "满意" ? 1 : x.visit!.sat === "基本满意" ? 0.9 : 0);
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    const rate = (xs: S[], hit: (x: S) => number) => mean(xs.map(hit));
    const byGrid = (x: S) => x.gridId;
    const month = (x: S) => x.date.slice(0, 7);

    const mysb = (p: Period) => inP(p).filter((x) => x.channel === "mysb");
    const resident = (p: Period) => mysb(p).filter((x) => x.kind === "appeal");
    const survey = (p: Period) => inP(p).filter((x) => x.channel === "survey");
    const respond = (p: Period) => visitedOf(inP(p)).filter((x) => x.visit!.vc !== null);
    const resolve = (p: Period) => visitedOf(inP(p)).filter((x) => x.visit!.vr !== null);
    const combined = (p: Period) => visitedOf(inP(p)).filter((x) => x.visit!.vc !== null && x.visit!.vr !== null);
    const signed = (p: Period) => inP(p).filter((x) => x.signH !== null && x.dispatchH !== null && !x.reopened);
    const closeRated = (p: Period) => inP(p); // closed (on time or late) + open past their deadline: all of them, on READ_AT
    const score = (x: S) => 0.1 * (x.visit!.vc ? 1 : 0) + 0.5 * (x.visit!.vr ? 1 : 0) + 0.4 * sat(x);

    const count = (key: string, of: (p: Period) => S[], groups?: { by: string; key: (x: S) => string }) =>
      expectAll(w, key, {
        gridScoped: true,
        value: (p, holds) => of(p).filter(holds).length,
        ...(groups ? { groups: { by: groups.by, values: (p, holds) => countBy(of(p).filter(holds), groups.key) } } : {}),
      });
    const ratio = (key: string, of: (p: Period) => S[], hit: (x: S) => number, groups?: { by: string; key: (x: S) => string }) =>
      expectAll(w, key, {
        gridScoped: true,
        value: (p, holds) => rate(of(p).filter(holds), hit),
        ...(groups ? { groups: { by: groups.by, values: (p, holds) => ratioBy(of(p).filter(holds), groups.key, hit) } } : {}),
      });

    return [
      ...count("appeals.cases", mysb, { by: "kind", key: (x) => x.kind }),
      ...count("appeals.cases", mysb, {
        by: "status",
        key: (x) => (x.closed ? (x.visit || x.kind === "event" ? "archived" : "closed") : x.reopened || x.dispatchH === null ? "dispatched" : "handling"),
      }),
      ...count("appeals.resident_resolved", (p) => resident(p).filter((x) => x.isResolved), { by: "grid", key: byGrid }),
      ...ratio("appeals.resident_resolution_rate", resident, (x) => (x.isResolved ? 1 : 0), { by: "grid", key: byGrid }),
      ...count("appeals.tea_talk_resolved", (p) => inP(p).filter((x) => x.channel === "tea_talk" && x.isResolved), { by: "month", key: month }),
      ...count("appeals.urgent_needs_resolved", (p) => inP(p).filter((x) => x.urgent && x.unit === "party" && x.isResolved), { by: "grid", key: byGrid }),
      ...count("appeals.survey_cases", survey, { by: "grid", key: byGrid }),
      ...ratio("appeals.survey_resolution_rate", survey, (x) => (x.isResolved ? 1 : 0), { by: "grid", key: byGrid }),
      ...count("appeals.all_cases", inP, { by: "channel", key: (x) => x.channel }),
      ...count("appeals.all_cases", inP, { by: "month", key: month }),
      ...ratio("appeals.response_rate", respond, (x) => (x.visit!.vc ? 1 : 0), { by: "channel", key: (x) => x.channel }),
      ...ratio("appeals.resolution_rate", resolve, (x) => (x.visit!.vr ? 1 : 0), { by: "grid", key: byGrid }),
      ...ratio("appeals.satisfaction_rate", (p) => visitedOf(inP(p)), sat, { by: "channel", key: (x) => x.channel }),
      ...ratio("appeals.combined_score", combined, score, { by: "grid", key: byGrid }),
      ...ratio("appeals.timely_sign_rate", signed, (x) => (x.signH! - x.dispatchH! <= 2 ? 1 : 0), { by: "grid", key: byGrid }),
      ...ratio("appeals.on_time_close_rate", closeRated, (x) => (x.closed && x.closeH! <= 48 ? 1 : 0), { by: "channel", key: (x) => x.channel }),
      ...ratio(
        "appeals.repeat_rate",
        (p) => inP(p).filter((x) => x.kind === "appeal"),
        (x) => (x.repeat ? 1 : 0),
        { by: "grid", key: byGrid },
      ),
      ...count("appeals.reopened", (p) => inP(p).filter((x) => x.reopened), { by: "grid", key: byGrid }),
      ...count("appeals.overdue_open", (p) => inP(p).filter((x) => x.open), { by: "channel", key: (x) => x.channel }),
      ...expectAll(w, "appeals.avg_handling_hours", {
        gridScoped: false,
        value: (p, holds) => {
          const ms = inP(p)
            .filter((x) => holds(x) && x.minutes !== null)
            .map((x) => x.minutes!);
          return ms.length ? Math.round((mean(ms) / 60) * 10) / 10 : 0;
        },
      }),
    ];
  },
};
