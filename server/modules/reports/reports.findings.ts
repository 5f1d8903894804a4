import type { Kysely } from "kysely";
import type { TReportFinding } from "../../../contracts/reports.js";
import type { DB } from "../../db/types.js";
import type { FigureGroup, FigureQuery, FigureRegistry } from "../../platform/figures.js";
import { writeNumber } from "./reports.numbers.rules.js";

// 存在问题 drafted from the data: each finding is proved by a figure of the registry (its records,
// through the same registry the drill-down pages) — never read from another module's tables. A
// finding names its figure and the breakdown filters, so its evidence is one click away. A rule
// whose figure is not registered (a module not installed) proposes nothing.

export type Decision = { status: "accepted" | "edited" | "dropped" | "proposed"; text?: string };
type Draft = Omit<TReportFinding, "status" | "text" | "label">;

/** Rates below these are findings. */
export const THRESHOLDS = { certified: 0.8, satisfaction: 0.9, patrol: 0.9, minVisits: 5, careMonths: 6 } as const;
const pct = (v: number) => writeNumber(v, "%");
const allRecords = (reg: FigureRegistry, db: Kysely<DB>, key: string, q: FigureQuery) =>
  reg.get(key)?.records(db, q, { page: 1, pageSize: 100_000 }) ?? Promise.resolve({ rows: [], total: 0, columns: [] });
const groupsOf = async (reg: FigureRegistry, db: Kysely<DB>, key: string, dim: string, q: FigureQuery): Promise<FigureGroup[]> =>
  (await reg.get(key)?.dimensions?.[dim]?.groups(db, q, "zh")) ?? [];
const names = (xs: string[], what: string) => (xs.length > 3 ? `${xs.slice(0, 3).join("、")}等${xs.length}个${what}` : xs.join("、"));

type Rule = (reg: FigureRegistry, db: Kysely<DB>, q: FigureQuery, value: number) => Promise<Draft[]>;
const RULES: Record<string, Rule> = {
  // 党组织班子持证率较低: the share of serving committee members certified, with the organisations below it.
  "party.certified_share": async (reg, db, q, value) => {
    const recs = await allRecords(reg, db, "party.certified_share", q);
    if (!recs.total || value >= THRESHOLDS.certified) return [];
    const byOrg = new Map<string, { n: number; c: number }>();
    for (const r of recs.rows) {
      const o = byOrg.get(String(r.org)) ?? { n: 0, c: 0 };
      o.n++;
      if (r.certified === "是") o.c++;
      byOrg.set(String(r.org), o);
    }
    const low = [...byOrg].filter(([, o]) => o.c / o.n < THRESHOLDS.certified).map(([k]) => k);
    const where = low.length ? `，${names(low, "党组织")}尤为突出` : "";
    return [
      {
        id: "party.certified_share",
        key: "party.certified_share",
        filters: {},
        value,
        proposed: `党组织班子成员持证率为${pct(value)}，低于${pct(THRESHOLDS.certified)}${where}。`,
      },
    ];
  },
  // 三会一课 not held: the compliance view's missed meetings, by branch.
  "party.compliance_rate": async (reg, db, q, value) => {
    const recs = await allRecords(reg, db, "party.compliance_rate", q);
    const missed = recs.rows.filter((r) => r.status !== "已召开");
    if (!missed.length) return [];
    const branches = [...new Set(missed.map((r) => String(r.branch)))];
    return [
      {
        id: "party.compliance_rate",
        key: "party.compliance_rate",
        filters: {},
        value,
        proposed: `党组织会议按期召开率为${pct(value)}，${names(branches, "党组织")}共有${missed.length}次会议未按规定召开。`,
      },
    ];
  },
  "party.overdue_steps": async (_reg, _db, _q, value) =>
    value > 0 ? [{ id: "party.overdue_steps", key: "party.overdue_steps", filters: {}, value, proposed: `党员发展有${value}个步骤逾期未办。` }] : [],
  // Overdue hazards and their rectification, with the grid that has most.
  "safety.hazards_overdue": async (reg, db, q, value) => {
    if (value <= 0) return [];
    const top = (await groupsOf(reg, db, "safety.hazards_overdue", "grid", q)).filter((g) => g.value > 0).sort((a, b) => b.value - a.value)[0];
    const where = top?.label ? `，其中${top.label}${top.value}项` : "";
    return [
      {
        id: "safety.hazards_overdue",
        key: "safety.hazards_overdue",
        filters: {},
        value,
        proposed: `逾期未整改的安全隐患${value}项${where}，整改督办仍需加强。`,
      },
    ];
  },
  // Appeals with low satisfaction, by category (enough return visits to say so).
  "appeals.satisfaction_rate": async (reg, db, q) =>
    (await groupsOf(reg, db, "appeals.satisfaction_rate", "category", q))
      .filter((g) => (g.denominator ?? 0) >= THRESHOLDS.minVisits && g.value < THRESHOLDS.satisfaction)
      .sort((a, b) => a.value - b.value)
      .slice(0, 3)
      .map((g) => ({
        id: `appeals.satisfaction_rate:category=${g.key}`,
        key: "appeals.satisfaction_rate",
        filters: { category: g.key },
        filterLabels: { category: g.label },
        value: g.value,
        proposed: `“${g.label}”类诉求满意率为${pct(g.value)}，低于${pct(THRESHOLDS.satisfaction)}，办理质量有待提升。`,
      })),
  // Patrol plans not completed, by team.
  "patrol.completion_rate": async (reg, db, q) =>
    (await groupsOf(reg, db, "patrol.completion_rate", "team", q))
      // A group is a team with rounds ended in the period (patrol's sums of visits give no denominator: a group exists only with rounds).
      .filter((g) => (g.denominator === undefined || g.denominator > 0) && g.value < THRESHOLDS.patrol)
      .sort((a, b) => a.value - b.value)
      .slice(0, 3)
      .map((g) => ({
        id: `patrol.completion_rate:team=${g.key}`,
        key: "patrol.completion_rate",
        filters: { team: g.key },
        filterLabels: { team: g.label },
        value: g.value,
        proposed: `${g.label || "部分巡查队伍"}巡查计划完成率为${pct(g.value)}，漏巡问题需加强整改。`,
      })),
  // Households in care not visited for months: care.coverage over the year's last N months, its
  // breakdown by grid summed (households in care at the year's end, and those visited in the window).
  "care.coverage": async (reg, db, q) => {
    const y = Number(q.to.slice(0, 4));
    const from = `${y}-${String(13 - THRESHOLDS.careMonths).padStart(2, "0")}-01`;
    const groups = await groupsOf(reg, db, "care.coverage", "grid", { ...q, from, to: `${y}-12-31` });
    const total = groups.reduce((n, g) => n + (g.denominator ?? 0), 0);
    const unvisited = total - groups.reduce((n, g) => n + (g.numerator ?? 0), 0);
    if (!total || unvisited <= 0) return [];
    const worst = groups
      .filter((g) => (g.denominator ?? 0) > (g.numerator ?? 0))
      .map((g) => g.label)
      .filter(Boolean);
    const where = worst.length ? `，涉及${names(worst, "网格")}` : "";
    return [
      {
        id: "care.coverage:unvisited",
        key: "care.coverage",
        filters: {},
        value: unvisited,
        proposed: `帮扶中的困难户有${unvisited}户近${THRESHOLDS.careMonths}个月未走访${where}，关爱走访需常态化。`,
      },
    ];
  },
};

/** The findings the data proves for a region and year, with the editor's decisions applied. */
export async function draftFindings(
  reg: FigureRegistry,
  db: Kysely<DB>,
  q: FigureQuery,
  figureValue: (key: string) => Promise<number | null>,
  decisions: Record<string, Decision>,
): Promise<TReportFinding[]> {
  const out: TReportFinding[] = [];
  for (const [key, rule] of Object.entries(RULES)) {
    const def = reg.get(key);
    const value = def ? await figureValue(key) : null;
    if (!def || value == null) continue;
    for (const d of await rule(reg, db, q, value)) {
      const dec = decisions[d.id];
      const status = dec?.status ?? "proposed";
      out.push({ ...d, label: def.label.zh, status, text: status === "edited" && dec?.text ? dec.text : d.proposed });
    }
  }
  return out;
}
