import type { Kysely } from "kysely";
import { PATROL_FORCE_LABELS, PATROL_FORCES, PLAN_FREQUENCIES, PLAN_FREQUENCY_LABELS, type TPlan, ZPlanCreate } from "../../../contracts/patrol.js";
import type { DB } from "../../db/types.js";
import { bad, cell, type ImportOpts, importRows, readSheet, templateXlsx } from "../../io/import.js";
import type { XlsxColumn } from "../../io/xlsx.js";
import { AppError } from "../../platform/errors.js";
import { communityInScope } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import { planRows } from "./patrol.plans.repo.js";
import { communityPoints } from "./patrol.points.repo.js";
import type { PatrolServices } from "./patrol.services.js";

// Patrol plans from a sheet, one row per plan: its points by code, force and team, how often
// (every shift, day, week or N days) in which time windows, from when to when. Each goes through
// the plans service (so its rules hold), and a plan that started before today gets the rounds of
// every day it covered, once (the plans service's fillPastRounds: re-reading makes none again), so
// completion and missed visits of past periods are right. All or nothing; a plan of the same name
// and start in the community is unchanged.

const C = {
  name: { zh: "计划名称", en: "Name", example: "夜间消防巡查" },
  force: { zh: "巡查力量", en: "Force", example: "社区" },
  team: { zh: "队伍", en: "Team", example: "" },
  points: { zh: "巡查点编码", en: "Point codes", example: "XC-001、XC-002" },
  frequency: { zh: "频次", en: "Frequency", example: "每N天" },
  everyNDays: { zh: "间隔天数", en: "Every N days", example: "3" },
  windows: { zh: "时段", en: "Windows", example: "20:00-23:00" },
  order: { zh: "顺序", en: "Order", example: "固定" },
  startsOn: { zh: "开始日期", en: "Starts on", example: "2025-01-01" },
  endsOn: { zh: "结束日期", en: "Ends on", example: "" },
} as const;
type Col = (typeof C)[keyof typeof C];
const h = (c: Col, en: boolean) => (en ? c.en : c.zh);

export const plansTemplate = (en: boolean) =>
  templateXlsx(
    en ? "Patrol plans" : "巡查计划",
    Object.values(C).map((c) => ({ header: h(c, en), example: c.example, width: 16 })),
  );

type ExportRow = TPlan & { pointCodes: string[] };
export function planColumns(en: boolean): XlsxColumn<ExportRow>[] {
  return [
    { header: h(C.name, en), key: "name", width: 24 },
    { header: h(C.force, en), key: "force", value: (p) => PATROL_FORCE_LABELS[p.force][en ? "en" : "zh"] },
    { header: h(C.team, en), key: "teamName", width: 20 },
    { header: h(C.points, en), key: "pointCodes", value: (p) => p.pointCodes.join("、"), width: 30 },
    { header: h(C.frequency, en), key: "frequency", value: (p) => PLAN_FREQUENCY_LABELS[p.frequency][en ? "en" : "zh"] },
    { header: h(C.everyNDays, en), key: "everyNDays" },
    { header: h(C.windows, en), key: "windows", value: (p) => p.windows.map((w) => `${w.start}-${w.end}`).join("、"), width: 24 },
    { header: h(C.order, en), key: "order", value: (p) => (p.order === "random" ? (en ? "Random" : "随机") : en ? "Fixed" : "固定") },
    { header: h(C.startsOn, en), key: "startsOn", width: 12 },
    { header: h(C.endsOn, en), key: "endsOn", width: 12 },
  ];
}

/** The plans in scope with their points' codes, for the export. */
export async function planExportRows(db: Kysely<DB>, who: Who, plans: PatrolServices["plans"]) {
  const list = await plans.listPlans(who.scope);
  const codes = new Map<string, string>();
  for (const c of new Set(list.map((p) => p.communityId))) for (const p of await communityPoints(db, c)) codes.set(p.id, p.code ?? p.name);
  return list.map((p) => ({ ...p, pointCodes: p.pointIds.map((id) => codes.get(id) ?? id) }));
}

const labelOf = <K extends string>(keys: readonly K[], labels: Record<K, { zh: string; en: string }>, v: string) =>
  keys.find((k) => k === v || labels[k].zh === v || labels[k].en.toLowerCase() === v.toLowerCase());
const split = (s: string) => s.split(/[、,，;；\s]+/).filter(Boolean);

export async function importPlans(db: Kysely<DB>, svc: Pick<PatrolServices, "plans" | "teams">, who: Who, communityId: string, buf: Buffer, opts: ImportOpts) {
  const community = await communityInScope(db, who.scope, communityId);
  const sheet = await readSheet(buf);
  const teams = (await svc.teams.listTeams(who.scope)).filter((t) => t.communityId === community.id);
  return importRows(db, sheet, opts, async (trx, { values }) => {
    const get = cell(values);
    const g = (c: Col) => get(c.zh, c.en);
    const name = g(C.name);
    if (!name) throw bad("请填写计划名称", "The plan's name is required");
    const force = labelOf(PATROL_FORCES, PATROL_FORCE_LABELS, g(C.force) || "社区");
    if (!force)
      throw bad(`巡查力量应为：${PATROL_FORCES.map((f) => PATROL_FORCE_LABELS[f].zh).join("、")}`, `Force must be one of ${PATROL_FORCES.join(", ")}`);
    const frequency = labelOf(PLAN_FREQUENCIES, PLAN_FREQUENCY_LABELS, g(C.frequency));
    if (!frequency)
      throw bad(`频次应为：${PLAN_FREQUENCIES.map((f) => PLAN_FREQUENCY_LABELS[f].zh).join("、")}`, `Frequency must be one of ${PLAN_FREQUENCIES.join(", ")}`);
    const teamName = g(C.team);
    const team = teamName ? teams.find((t) => t.name === teamName) : null;
    if (teamName && !team) throw bad(`本社区没有名为「${teamName}」的巡查队伍`, `No patrol team named ${teamName} in this community`);
    const points = await communityPoints(trx, community.id);
    const pointIds: string[] = [];
    for (const code of split(g(C.points))) {
      const p = points.find((x) => x.code === code);
      if (!p) throw bad(`本社区没有编码为 ${code} 的巡查点`, `No patrol point with the code ${code} in this community`);
      pointIds.push(p.id);
    }
    const windows = split(g(C.windows)).map((w) => {
      const [start, end] = w.split(/[-–~～至]/).map((x) => x.trim().padStart(5, "0"));
      return { start, end };
    });
    const orderText = g(C.order);
    const input = {
      communityId: community.id,
      name,
      force,
      teamId: team?.id ?? null,
      pointIds,
      frequency,
      everyNDays: g(C.everyNDays) ? Number(g(C.everyNDays)) : null,
      windows,
      order: ["随机", "random"].includes(orderText.toLowerCase()) ? ("random" as const) : ("fixed" as const),
      startsOn: g(C.startsOn),
      endsOn: g(C.endsOn) || null,
    };
    // The same checks as the plan form's (points, windows as HH:mm, N for every N days, the dates).
    const v = ZPlanCreate.safeParse(input);
    if (!v.success) {
      const m = v.error.issues[0];
      const where =
        m.path[0] === "windows"
          ? C.windows
          : m.path[0] === "pointIds"
            ? C.points
            : (Object.values(C).find((c) => c.en.replace(/ /g, "").toLowerCase() === String(m.path[0]).toLowerCase()) ?? null);
      const [zh, en] = m.message.includes(" / ") ? m.message.split(" / ") : [m.message, m.message];
      throw bad(`${where ? `${where.zh}：` : ""}${zh}`, `${where ? `${where.en}: ` : ""}${en}`);
    }
    const same = (await planRows(trx, who.scope)).find((p) => p.community_id === community.id && p.name === name);
    if (same) {
      if (same.starts_on === input.startsOn) return "unchanged";
      throw bad(`本社区已有名为「${name}」的巡查计划（${same.starts_on}起）`, `A patrol plan named ${name} exists in this community (from ${same.starts_on})`);
    }
    const plan = await svc.plans.createPlan(who, v.data, trx).catch((e) => {
      if (e instanceof AppError) throw bad(e.msg.zh, e.msg.en);
      throw e;
    });
    await svc.plans.fillPastRounds(trx, who.scope, plan.id);
    return "created";
  });
}
