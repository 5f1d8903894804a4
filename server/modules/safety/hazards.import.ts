import { type Kysely, sql } from "kysely";
import { HAZARD_KIND_EN, HAZARD_KINDS, HAZARD_SOURCE_LABELS, HAZARD_SOURCES, RISK_LABELS, RISK_LEVELS } from "../../../contracts/safety.js";
import type { DB } from "../../db/types.js";
import { bad, cell, type ImportOpts, importRows, isDate, readSheet, templateXlsx } from "../../io/import.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { localDate, zonedInstant } from "../../platform/dates.js";
import { uuidv7 } from "../../platform/ids.js";
import { communityInScope } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import { historyState } from "./hazards.history.rules.js";
import type { SafetyHazardTable } from "./safety.tables.js";

// A hazard register with its whole history (found, assigned with a deadline, rectified, verified,
// closed — each with its own date), as the export writes it: the hazards of past years keep their
// dates, so every hazard figure is right for them. All or nothing; a hazard whose number is on the
// register already is "unchanged".

const C = {
  code: ["编号", "No."],
  foundOn: ["发现日期", "Found on"],
  source: ["来源", "Source"],
  kind: ["类型", "Kind"],
  grid: ["网格", "Grid"],
  place: ["地点", "Place"],
  description: ["隐患描述", "Description"],
  risk: ["风险等级", "Risk"],
  foundBy: ["发现人", "Found by"],
  assignee: ["责任人", "Assignee"],
  deadline: ["整改期限", "Deadline"],
  rectifiedOn: ["整改日期", "Rectified on"],
  rectifiedBy: ["整改人", "Rectified by"],
  note: ["整改说明", "Rectification"],
  verifiedBy: ["核查人", "Verified by"],
  verifiedOn: ["核查日期", "Verified on"],
  closedOn: ["销号日期", "Closed on"],
} as const;
const EXAMPLE: Record<keyof typeof C, string> = {
  code: "YH20250301-0001",
  foundOn: "2025-03-01",
  source: "巡查",
  kind: "消防",
  grid: "第1网格",
  place: "狮径3栋",
  description: "消防通道堆放杂物",
  risk: "一般",
  foundBy: "巡查员张",
  assignee: "第1网格网格员",
  deadline: "2025-03-16",
  rectifiedOn: "2025-03-10",
  rectifiedBy: "第1网格网格员",
  note: "已清理",
  verifiedBy: "社区安全员",
  verifiedOn: "2025-03-11",
  closedOn: "2025-03-12",
};

/** The template's drop-down lists: the values the import takes for its enumerated columns. */
const CHOICES: Partial<Record<keyof typeof C, readonly string[]>> = {
  source: HAZARD_SOURCES.map((k) => HAZARD_SOURCE_LABELS[k].zh),
  kind: HAZARD_KINDS,
  risk: RISK_LEVELS.map((k) => RISK_LABELS[k].zh),
};

export function hazardsTemplate(en: boolean) {
  return templateXlsx(
    en ? "Hazards" : "隐患台账",
    (Object.keys(C) as Array<keyof typeof C>).map((k) => ({ header: C[k][en ? 1 : 0], example: EXAMPLE[k], width: 14, choices: CHOICES[k] })),
  );
}

const label = <K extends string>(keys: readonly K[], labels: Record<K, { zh: string; en: string }>, v: string) =>
  keys.find((k) => k === v || labels[k].zh === v || labels[k].en.toLowerCase() === v.toLowerCase());

export async function importHazards(
  deps: { db: Kysely<DB>; audit: Audit; clock: Clock; timeZone: string },
  who: Who,
  communityId: string,
  buf: Buffer,
  opts: ImportOpts,
) {
  const { db, audit, clock } = deps;
  const community = await communityInScope(db, who.scope, communityId);
  const sheet = await readSheet(buf);
  const grids = await db.selectFrom("regions").select(["id", "name"]).where("parent_id", "=", community.id).where("level", "=", "grid").execute();
  const today = localDate(clock.now(), deps.timeZone);
  const seen = new Map<string, number>();
  return importRows(db, sheet, opts, async (trx, { row, values }) => {
    const get = cell(values);
    const v = (k: keyof typeof C) => get(...C[k]);
    const date = (k: keyof typeof C) => {
      const d = v(k);
      if (d && !isDate(d)) throw bad(`${C[k][0]}「${d}」应为 YYYY-MM-DD`, `${C[k][1]} "${d}" must be YYYY-MM-DD`);
      return d || null;
    };
    const foundOn = date("foundOn");
    if (!foundOn) throw bad("缺少发现日期", "The date found is missing");
    const source = label(HAZARD_SOURCES, HAZARD_SOURCE_LABELS, v("source"));
    if (!source) throw bad(`来源「${v("source")}」应为：巡查、夜巡、安全检查、案件、报告`, `Unknown source "${v("source")}"`);
    const kind = (HAZARD_KINDS as readonly string[]).find(
      (k) => k === v("kind") || (HAZARD_KIND_EN as Record<string, string>)[k]?.toLowerCase() === v("kind").toLowerCase(),
    );
    if (!kind) throw bad(`类型「${v("kind")}」应为：${HAZARD_KINDS.join("、")}`, `Kind "${v("kind")}" must be one of ${HAZARD_KINDS.join(", ")}`);
    const risk = v("risk") ? label(RISK_LEVELS, RISK_LABELS, v("risk")) : "low";
    if (!risk) throw bad(`风险等级「${v("risk")}」应为：一般、较大、重大、特别重大`, `Unknown risk level "${v("risk")}"`);
    const grid = grids.find((g) => g.name === v("grid"));
    if (!grid) throw bad(`本社区没有名为「${v("grid")}」的网格`, `No grid named ${v("grid")} in this community`);
    if (!v("place") || !v("description")) throw bad("请填写地点和隐患描述", "Give the place and the description");
    const h = {
      foundOn,
      assigneeName: v("assignee") || null,
      deadline: date("deadline"),
      rectifiedOn: date("rectifiedOn"),
      rectifiedBy: v("rectifiedBy") || null,
      verifiedOn: date("verifiedOn"),
      verifiedBy: v("verifiedBy") || null,
      closedOn: date("closedOn"),
    };
    const { status, overdue } = historyState(h, today);
    const given = v("code");
    if (given) {
      const first = seen.get(given);
      if (first !== undefined) throw bad(`编号与第${first}行相同（${given}）`, `The same number as row ${first} (${given})`);
      seen.set(given, row);
      const there = await trx
        .selectFrom("safety_hazards")
        .select("id")
        .where("community_id", "=", community.id)
        .where(sql`lower(code)`, "=", given.toLowerCase())
        .executeTakeFirst();
      if (there) return "unchanged";
    }
    const now = clock.now().toISOString();
    const id = uuidv7(clock.now().getTime());
    const rec: SafetyHazardTable = {
      id,
      code: given || `YH${foundOn.replace(/-/g, "")}-${id.slice(-5).toUpperCase()}`,
      community_id: community.id,
      grid_id: grid.id,
      source,
      source_ref: null,
      kind,
      place: v("place"),
      description: v("description"),
      risk,
      photos: "[]",
      lng: null,
      lat: null,
      found_on: foundOn,
      found_month: foundOn.slice(0, 7),
      found_by_id: null,
      found_by: v("foundBy") || "导入",
      status,
      assignee_name: h.assigneeName,
      deadline: h.deadline,
      assigned_at: h.deadline ? now : null,
      rectified_on: h.rectifiedOn,
      rectified_by_id: null,
      rectified_by: h.rectifiedBy,
      rectification_note: v("note") || null,
      evidence: "[]",
      verified_by_id: null,
      verified_by: h.verifiedBy,
      verified_at: h.verifiedOn ? zonedInstant(h.verifiedOn, "12:00", deps.timeZone).toISOString() : null,
      verify_note: null,
      closed_on: h.closedOn,
      closed_month: h.closedOn ? h.closedOn.slice(0, 7) : null,
      closed_by: h.closedOn ? (h.verifiedBy ?? "导入") : null,
      overdue: overdue ? 1 : 0,
      escalated: 0,
      escalated_at: null,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("safety_hazards").values(rec).execute();
    await audit.record(trx, who, { action: "hazard.import", entity: "hazard", entityId: id, communityId: community.id, after: rec });
    return "created";
  });
}
