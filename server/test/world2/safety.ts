import { countBy, expectAll, importXlsx, ok, type Period, plusDays, ratioBy, within } from "./common.js";
import { type Builder, READ_AT, W2_USERS } from "./types.js";

// 平安建设: a hazard register with its whole history (imported), hazards entered late through the
// API (the deadline runs from the date found), inspections with their items (imported; a failed item
// opens a hazard on the inspection's day), disputes and labor disputes with their outcomes
// (imported), in three years and two communities.

type Hazard = {
  communityId: string;
  gridId: string;
  source: "patrol" | "night_patrol" | "inspection";
  kind: string;
  foundOn: string;
  deadline: string | null;
  rectifiedOn: string | null;
  closedOn: string | null;
  cancelled?: boolean;
};
type Inspection = { communityId: string; gridId: string; on: string; placeKind: "shop" | "rental"; passed: boolean };
type Dispute = {
  communityId: string;
  gridId: string;
  registeredOn: string;
  type: string;
  source: string;
  outcome: "success" | "failed" | null;
  closedOn: string | null;
  workers?: number;
  recoveredYuan?: number;
};

const SOURCE_ZH = { patrol: "巡查", night_patrol: "夜巡", inspection: "安全检查" } as const;
const DISPUTE_SOURCE_ZH: Record<string, string> = { grid_check: "网格员排查", walk_in: "来访申请", police: "派出所移交" };

export const safety: Builder = {
  module: "safety",
  async build(w) {
    const today = READ_AT.slice(0, 10);
    w.setNow("2026-01-10T10:00:00");
    const hazards: Hazard[] = [];
    const inspections: Inspection[] = [];
    const disputes: Dispute[] = [];

    // ---- the hazard register, imported with its history
    for (const [ci, c] of w.communities.entries()) {
      const leader = await w.as(W2_USERS.leaders[ci]);
      const rows: Array<Record<string, string>> = [];
      let n = 0;
      const add = (h: Omit<Hazard, "communityId">, gi: number) => {
        hazards.push({ communityId: c.id, ...h });
        const g = c.grids.find((x) => x.id === h.gridId)!;
        rows.push({
          编号: `W2YH${ci}-${String(++n).padStart(3, "0")}`,
          发现日期: h.foundOn,
          来源: SOURCE_ZH[h.source],
          类型: h.kind,
          网格: g.name,
          地点: `${g.name}${gi + 1}栋`,
          隐患描述: "消防通道堆放杂物",
          风险等级: "一般",
          ...(h.deadline ? { 责任人: "网格员甲", 整改期限: h.deadline } : {}),
          ...(h.rectifiedOn ? { 整改日期: h.rectifiedOn, 整改人: "网格员甲", 整改说明: "已整改" } : {}),
          ...(h.closedOn ? { 核查人: "安全员乙", 核查日期: h.closedOn, 销号日期: h.closedOn } : {}),
        });
      };
      const years = ci === 0 ? [2023, 2024, 2025] : [2024, 2025];
      for (const y of years)
        for (let k = 0; k < (ci === 0 ? 4 : 3) + (y - 2023); k++) {
          const gi = k % c.grids.length;
          const found = `${y}-${String(1 + ((k * 4 + ci) % 12)).padStart(2, "0")}-${String(1 + ((k * 7) % 28)).padStart(2, "0")}`;
          const deadline = plusDays(found, 15);
          const kind = ["消防", "燃气", "用电"][(k + ci) % 3];
          const source = k % 3 === 2 ? "night_patrol" : "patrol";
          const state = (k + y + ci) % 5;
          // 0 closed on time, 1 rectified late and closed, 2 open past its deadline, 3 found only, 4 rectified on time (not yet closed)
          const rect = state === 0 || state === 4 ? plusDays(deadline, -3) : state === 1 ? plusDays(deadline, 4) : null;
          add(
            {
              gridId: c.grids[gi].id,
              source,
              kind,
              foundOn: found,
              deadline: state === 3 ? null : deadline,
              rectifiedOn: rect,
              closedOn: state === 0 || state === 1 ? plusDays(rect!, 2) : null,
            },
            gi,
          );
        }
      // A night-patrol hazard found at the year's very end and closed in the next year.
      add(
        {
          gridId: c.grids[0].id,
          source: "night_patrol",
          kind: "消防",
          foundOn: "2024-12-31",
          deadline: "2025-01-15",
          rectifiedOn: "2025-01-02",
          closedOn: "2025-01-03",
        },
        0,
      );
      // Found on the last day of March 2025, never rectified: overdue for 2025, not for March.
      add(
        {
          gridId: c.grids[c.grids.length - 1].id,
          source: "patrol",
          kind: "燃气",
          foundOn: "2025-03-31",
          deadline: "2025-04-15",
          rectifiedOn: null,
          closedOn: null,
        },
        1,
      );
      const r = await importXlsx(leader, `/api/safety/hazards/import?communityId=${c.id}`, rows, "hazards");
      if (r.created !== rows.length) throw new Error(`hazards import created ${r.created} of ${rows.length}`);
      // The same file again changes nothing.
      const again = await importXlsx(leader, `/api/safety/hazards/import?communityId=${c.id}`, rows, "hazards");
      if (again.created !== 0) throw new Error(`hazards re-import created ${again.created}`);
    }

    // ---- hazards entered late through the API: the deadline runs from the date found (low risk: 15 days)
    {
      const c = w.communities[0];
      const grid = await w.as(W2_USERS.grid);
      w.setNow("2025-06-10T10:00:00");
      const late = await ok(
        grid.post("/api/safety/hazards", {
          gridId: c.grids[0].id,
          source: "patrol",
          kind: "用电",
          place: "松元1栋",
          description: "电线私拉乱接",
          risk: "low",
          foundOn: "2025-05-01",
        }),
        "hazard entered late",
      );
      const leader = await w.as(W2_USERS.leaders[0]);
      const a = await ok(leader.post(`/api/safety/hazards/${late.id}/assign`, { assigneeName: "网格员甲" }), "assign late hazard");
      if (a.deadline !== "2025-05-16") throw new Error(`a hazard found on 2025-05-01 and assigned on 2025-06-10 has deadline ${a.deadline}, not 2025-05-16`);
      hazards.push({
        communityId: c.id,
        gridId: c.grids[0].id,
        source: "patrol",
        kind: "用电",
        foundOn: "2025-05-01",
        deadline: "2025-05-16",
        rectifiedOn: null,
        closedOn: null,
      });
      // One entered by mistake and cancelled: in no figure.
      const wrong = await ok(
        grid.post("/api/safety/hazards", {
          gridId: c.grids[0].id,
          source: "patrol",
          kind: "其他",
          place: "松元2栋",
          description: "误报",
          foundOn: "2025-06-01",
        }),
        "hazard by mistake",
      );
      await ok(leader.post(`/api/safety/hazards/${wrong.id}/cancel`, { reason: "重复登记" }), "cancel hazard");
      hazards.push({
        communityId: c.id,
        gridId: c.grids[0].id,
        source: "patrol",
        kind: "其他",
        foundOn: "2025-06-01",
        deadline: null,
        rectifiedOn: null,
        closedOn: null,
        cancelled: true,
      });
      w.setNow("2026-01-10T10:00:00");
    }

    // ---- inspections with their items (one item each; a failed one opens a hazard on its day)
    for (const [ci, c] of w.communities.entries()) {
      const leader = await w.as(W2_USERS.leaders[ci]);
      const rows: Array<Record<string, string>> = [];
      const plan: Array<[string, number, "shop" | "rental", boolean]> =
        ci === 0
          ? [
              ["2023-05-06", 0, "shop", true],
              ["2024-03-01", 0, "shop", false],
              ["2024-12-31", 1, "rental", true],
              ["2025-03-01", 0, "rental", true],
              ["2025-03-31", 2, "shop", false],
              ["2025-07-01", 0, "shop", true],
            ]
          : [
              ["2024-06-30", 0, "shop", true],
              ["2025-01-01", 1, "rental", false],
              ["2025-03-15", 1, "shop", true],
            ];
      for (const [on, gi, kind, passed] of plan) {
        const g = c.grids[gi];
        inspections.push({ communityId: c.id, gridId: g.id, on, placeKind: kind, passed });
        rows.push({
          检查日期: on,
          场所: `${g.name}${kind === "shop" ? "便利店" : "出租屋"}`,
          场所类型: kind === "shop" ? "商铺" : "出租屋",
          网格: g.name,
          检查人: "张三、李四",
          检查项: "灭火器在有效期内",
          结果: passed ? "合格" : "不合格",
          ...(passed ? {} : { 情况说明: "灭火器过期", 隐患类型: "消防", 风险等级: "一般" }),
        });
        if (!passed)
          hazards.push({ communityId: c.id, gridId: g.id, source: "inspection", kind: "消防", foundOn: on, deadline: null, rectifiedOn: null, closedOn: null });
      }
      await importXlsx(leader, "/api/safety/inspections/import", rows, "inspections");
    }

    // ---- disputes (labor ones with workers and money), imported with their outcomes
    for (const [ci, c] of w.communities.entries()) {
      const leader = await w.as(W2_USERS.leaders[ci]);
      const rows: Array<Record<string, string>> = [];
      const plan: Array<[string, number, string, string, "success" | "failed" | null, string | null, number?, number?]> =
        ci === 0
          ? [
              ["2023-02-01", 0, "邻里", "grid_check", "success", "2023-02-10"],
              ["2023-11-20", 1, "劳资", "walk_in", "success", "2024-01-05", 6, 30000],
              ["2024-04-01", 0, "物业", "police", "failed", "2024-04-20"],
              ["2024-12-31", 2, "劳资", "walk_in", "failed", "2025-01-01", 3, 0],
              ["2025-03-01", 0, "邻里", "grid_check", "success", "2025-03-31"],
              ["2025-03-31", 1, "劳资", "grid_check", "success", "2025-04-02", 12, 86000.5],
              ["2025-06-30", 0, "婚姻家庭", "walk_in", null, null],
            ]
          : [
              ["2024-02-29", 0, "劳资", "walk_in", "success", "2024-03-01", 4, 12000],
              ["2024-08-08", 1, "房屋租赁", "grid_check", "success", "2024-08-30"],
              ["2025-03-10", 0, "邻里", "police", "failed", "2025-03-20"],
            ];
      for (const [k, [on, gi, type, source, outcome, closedOn, workers, recovered]] of plan.entries()) {
        const g = c.grids[gi];
        disputes.push({ communityId: c.id, gridId: g.id, registeredOn: on, type, source, outcome, closedOn, workers, recoveredYuan: recovered });
        rows.push({
          登记日期: on,
          网格: g.name,
          类型: type,
          来源: DISPUTE_SOURCE_ZH[source],
          当事人: `当事人${ci}${k}甲、当事人${ci}${k}乙`,
          纠纷概要: `${type}纠纷${ci}-${k}`,
          ...(type === "劳资"
            ? { 用人单位: `某公司${k}`, 涉及人数: String(workers), "诉求金额（元）": String((recovered ?? 0) + 1000), "追回金额（元）": String(recovered ?? 0) }
            : {}),
          ...(outcome
            ? {
                调解结果: outcome === "success" ? "调解成功" : "调解不成",
                办结日期: closedOn!,
                协议内容: outcome === "success" ? "双方达成一致" : "双方未达成一致",
              }
            : {}),
        });
      }
      const r = await importXlsx(leader, "/api/safety/disputes/import", rows, "disputes");
      if (r.created !== rows.length) throw new Error(`disputes import created ${r.created} of ${rows.length}`);
    }

    // ---- what each figure must say
    const live = hazards.filter((h) => !h.cancelled);
    const found = (p: Period) => live.filter((h) => within(h.foundOn, p));
    const asOf = (p: Period) => (p.to < today ? p.to : today);
    const overdue = (p: Period) => found(p).filter((h) => h.deadline && h.deadline < asOf(p) && (h.rectifiedOn === null || h.rectifiedOn > h.deadline));
    const onTime = (p: Period) => found(p).filter((h) => h.rectifiedOn && h.deadline && h.rectifiedOn <= h.deadline);
    const nightResolved = (p: Period) => live.filter((h) => h.source === "night_patrol" && h.closedOn && within(h.closedOn, p));
    const month = (d: string) => d.slice(0, 7);
    const registered = (p: Period) => disputes.filter((d) => within(d.registeredOn, p));
    const closed = (p: Period) => disputes.filter((d) => d.closedOn && within(d.closedOn, p));
    const labor = (ds: Dispute[]) => ds.filter((d) => d.type === "劳资");

    return [
      ...expectAll(w, "safety.hazards_found", {
        gridScoped: true,
        value: (p, holds) => found(p).filter(holds).length,
        groups: { by: "source", values: (p, holds) => countBy(found(p).filter(holds), (h) => h.source) },
      }),
      ...expectAll(w, "safety.hazards_found", {
        gridScoped: true,
        periods: [{ from: "2025-01-01", to: "2025-12-31" }],
        value: (p, holds) => found(p).filter(holds).length,
        groups: { by: "month", values: (p, holds) => countBy(found(p).filter(holds), (h) => month(h.foundOn)) },
      }),
      ...expectAll(w, "safety.hazards_rectified_on_time", {
        gridScoped: true,
        value: (p, holds) => onTime(p).filter(holds).length,
        groups: { by: "kind", values: (p, holds) => countBy(onTime(p).filter(holds), (h) => h.kind) },
      }),
      ...expectAll(w, "safety.hazards_overdue", {
        gridScoped: true,
        value: (p, holds) => overdue(p).filter(holds).length,
        groups: { by: "grid", values: (p, holds) => countBy(overdue(p).filter(holds), (h) => h.gridId) },
      }),
      ...expectAll(w, "safety.night_patrol_hazards_resolved", {
        gridScoped: true,
        value: (p, holds) => nightResolved(p).filter(holds).length,
      }),
      ...expectAll(w, "safety.inspections", {
        gridScoped: true,
        value: (p, holds) => inspections.filter((i) => within(i.on, p) && holds(i)).length,
        groups: {
          by: "result",
          values: (p, holds) =>
            countBy(
              inspections.filter((i) => within(i.on, p) && holds(i)),
              (i) => (i.passed ? "passed" : "failed"),
            ),
        },
      }),
      ...expectAll(w, "safety.inspections", {
        gridScoped: true,
        periods: [{ from: "2024-01-01", to: "2024-12-31" }],
        value: (p, holds) => inspections.filter((i) => within(i.on, p) && holds(i)).length,
        groups: {
          by: "placeKind",
          values: (p, holds) =>
            countBy(
              inspections.filter((i) => within(i.on, p) && holds(i)),
              (i) => i.placeKind,
            ),
        },
      }),
      ...expectAll(w, "safety.disputes_registered", {
        gridScoped: true,
        value: (p, holds) => registered(p).filter(holds).length,
        groups: { by: "type", values: (p, holds) => countBy(registered(p).filter(holds), (d) => d.type) },
      }),
      ...expectAll(w, "safety.disputes_resolved", {
        gridScoped: true,
        value: (p, holds) => closed(p).filter((d) => d.outcome === "success" && holds(d)).length,
        groups: {
          by: "source",
          values: (p, holds) =>
            countBy(
              closed(p).filter((d) => d.outcome === "success" && holds(d)),
              (d) => d.source,
            ),
        },
      }),
      ...expectAll(w, "safety.disputes_success_rate", {
        gridScoped: true,
        value: (p, holds) => {
          const cs = closed(p).filter(holds);
          return cs.length ? cs.filter((d) => d.outcome === "success").length / cs.length : 0;
        },
        groups: {
          by: "type",
          values: (p, holds) =>
            ratioBy(
              closed(p).filter(holds),
              (d) => d.type,
              (d) => (d.outcome === "success" ? 1 : 0),
            ),
        },
      }),
      ...expectAll(w, "safety.labor_disputes", {
        gridScoped: true,
        value: (p, holds) => labor(registered(p)).filter(holds).length,
        groups: { by: "month", values: (p, holds) => countBy(labor(registered(p)).filter(holds), (d) => month(d.registeredOn)) },
      }),
      ...expectAll(w, "safety.labor_mediated", {
        gridScoped: true,
        value: (p, holds) => labor(closed(p)).filter((d) => d.outcome === "success" && holds(d)).length,
      }),
      ...expectAll(w, "safety.labor_recovered", {
        gridScoped: false,
        value: (p, holds) =>
          labor(closed(p))
            .filter(holds)
            .reduce((s, d) => s + (d.recoveredYuan ?? 0), 0),
        tolerance: 0.005,
      }),
      ...expectAll(w, "safety.labor_workers", {
        gridScoped: false,
        value: (p, holds) =>
          labor(registered(p))
            .filter(holds)
            .reduce((s, d) => s + (d.workers ?? 0), 0),
      }),
    ];
  },
};
