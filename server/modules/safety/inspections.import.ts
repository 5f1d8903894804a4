import type { Kysely } from "kysely";
import {
  HAZARD_KIND_EN,
  HAZARD_KINDS,
  PLACE_KIND_LABELS,
  PLACE_KINDS,
  RISK_LABELS,
  RISK_LEVELS,
  type TInspectionCreate,
  ZInspectionCreate,
} from "../../../contracts/safety.js";
import type { DB } from "../../db/types.js";
import { bad, cell, type ImportOpts, importRows, isDate, readSheet, type SheetRow, templateXlsx } from "../../io/import.js";
import type { XlsxColumn } from "../../io/xlsx.js";
import { AppError } from "../../platform/errors.js";
import type { Who } from "../../platform/who.js";
import type { createInspectionsService } from "./inspections.service.js";
import { gridsIn, json } from "./safety.common.js";
import { type inspectionItemRows, inspectionRecorded, placesNamed } from "./safety.repo.js";

// Past inspections with their items from a sheet: one row per item, the rows of one inspection
// (same day, place and inspectors) one after another. Each inspection goes through the
// inspections service as the page records it, and each failed item opens its hazard as the page's
// 转为隐患 does (kind and risk from the row, else 其他 and 一般), found on the inspection's day. A
// place not on the register is added when the row gives its kind and grid. All or nothing; an
// inspection of the same day, place and inspectors already recorded is unchanged.

type Inspections = ReturnType<typeof createInspectionsService>;
const C = {
  inspectedOn: { zh: "检查日期", en: "Date", example: "2025-03-05" },
  place: { zh: "场所", en: "Place", example: "狮径便利店" },
  placeKind: { zh: "场所类型", en: "Kind", example: "商铺" },
  grid: { zh: "网格", en: "Grid", example: "第1网格" },
  inspectors: { zh: "检查人", en: "Inspectors", example: "张三、李四" },
  item: { zh: "检查项", en: "Item", example: "灭火器在有效期内" },
  result: { zh: "结果", en: "Result", example: "不合格" },
  itemNote: { zh: "情况说明", en: "Item note", example: "灭火器过期" },
  hazardKind: { zh: "隐患类型", en: "Hazard kind", example: "消防" },
  risk: { zh: "风险等级", en: "Risk", example: "一般" },
  note: { zh: "备注", en: "Note", example: "" },
} as const;
type Col = (typeof C)[keyof typeof C];
const h = (c: Col, en: boolean) => (en ? c.en : c.zh);

export const inspectionsTemplate = (en: boolean) =>
  templateXlsx(
    en ? "Inspections" : "安全检查",
    Object.values(C).map((c) => ({ header: h(c, en), example: c.example, width: 16 })),
  );

type ItemRow = Awaited<ReturnType<typeof inspectionItemRows>>[number];
export function inspectionItemColumns(en: boolean): XlsxColumn<ItemRow>[] {
  const L = (m: { zh: string; en: string } | undefined, raw: string) => (m ? (en ? m.en : m.zh) : raw);
  return [
    { header: h(C.inspectedOn, en), key: "inspected_on", width: 12 },
    { header: h(C.place, en), key: "place_name", width: 24 },
    { header: h(C.placeKind, en), key: "place_kind", value: (r) => L(PLACE_KIND_LABELS[r.place_kind as keyof typeof PLACE_KIND_LABELS], r.place_kind) },
    { header: h(C.grid, en), key: "grid_name" },
    { header: h(C.inspectors, en), key: "inspectors", value: (r) => json<string[]>(r.inspectors, []).join("、"), width: 20 },
    { header: h(C.item, en), key: "item", width: 30 },
    { header: h(C.result, en), key: "passed", value: (r) => (r.passed ? (en ? "Passed" : "合格") : en ? "Failed" : "不合格") },
    { header: h(C.itemNote, en), key: "item_note", width: 30 },
    {
      header: h(C.hazardKind, en),
      key: "hazard_kind",
      value: (r) => (r.hazard_kind && en ? ((HAZARD_KIND_EN as Record<string, string>)[r.hazard_kind] ?? r.hazard_kind) : (r.hazard_kind ?? "")),
    },
    {
      header: h(C.risk, en),
      key: "hazard_risk",
      value: (r) => (r.hazard_risk ? L(RISK_LABELS[r.hazard_risk as keyof typeof RISK_LABELS], r.hazard_risk) : ""),
    },
    { header: en ? "Hazard no." : "隐患编号", key: "hazard_code", width: 22 },
    { header: h(C.note, en), key: "note", width: 30 },
  ];
}

const passedOf = (s: string) => {
  const v = s.trim().toLowerCase();
  if (["合格", "passed", "pass", "是", "yes", "√"].includes(v)) return true;
  if (["不合格", "failed", "fail", "否", "no", "×"].includes(v)) return false;
  return null;
};
const splitNames = (s: string) => s.split(/[、,，;；\s]+/).filter(Boolean);

export async function importInspections(db: Kysely<DB>, inspections: Inspections, who: Who, buf: Buffer, opts: ImportOpts) {
  const sheet = await readSheet(buf);
  const g = (r: SheetRow) => (c: Col) => cell(r.values)(c.zh, c.en);
  // The rows of one inspection: same day, place and inspectors, one after another.
  const keyOf = (r: SheetRow) => [g(r)(C.inspectedOn), g(r)(C.place), splitNames(g(r)(C.inspectors)).join("、")].join("|");
  const lastOfGroup = new Map<string, number>();
  for (const r of sheet) lastOfGroup.set(keyOf(r), r.row);
  const groupRows = new Map<string, SheetRow[]>();
  const refused = new Set<string>();
  const recorded = new Map<string, boolean>();
  const grids = await gridsIn(db, who.scope);
  return importRows(db, sheet, opts, async (trx, r) => {
    const key = keyOf(r);
    const list = groupRows.get(key) ?? [];
    groupRows.set(key, [...list, r]);
    try {
      const get = g(r);
      const on = get(C.inspectedOn);
      if (!isDate(on)) throw bad("检查日期应为 YYYY-MM-DD", "Date must be YYYY-MM-DD");
      if (!get(C.place)) throw bad("请填写场所", "The place is required");
      if (!splitNames(get(C.inspectors)).length) throw bad("请填写检查人", "The inspectors are required");
      if (!get(C.item)) throw bad("请填写检查项", "The item is required");
      const passed = passedOf(get(C.result));
      if (passed === null) throw bad("结果应为「合格」或「不合格」", "Result must be Passed or Failed");
      if (!passed && !get(C.itemNote)) throw bad(`不合格项「${get(C.item)}」须填写情况说明`, `The failed item "${get(C.item)}" needs a note`);
      const hk = get(C.hazardKind);
      if (hk && !HAZARD_KINDS.some((k) => k === hk || HAZARD_KIND_EN[k].toLowerCase() === hk.toLowerCase()))
        throw bad(`隐患类型应为：${HAZARD_KINDS.join("、")}`, `Hazard kind must be one of ${Object.values(HAZARD_KIND_EN).join(", ")}`);
      const rk = get(C.risk);
      if (rk && !RISK_LEVELS.some((k) => k === rk || RISK_LABELS[k].zh === rk || RISK_LABELS[k].en.toLowerCase() === rk.toLowerCase()))
        throw bad(`风险等级应为：${RISK_LEVELS.map((k) => RISK_LABELS[k].zh).join("、")}`, `Risk must be one of ${RISK_LEVELS.join(", ")}`);
    } catch (e) {
      refused.add(key);
      throw e;
    }
    const rows = groupRows.get(key) as SheetRow[];
    const first = g(rows[0]);
    const on = first(C.inspectedOn);
    const inspectors = splitNames(first(C.inspectors));
    const placeName = first(C.place);
    // Recorded already (the same file read before): every row of the inspection is unchanged.
    let known = recorded.get(key);
    if (known === undefined) {
      const p = (await placesNamed(trx, who.scope, placeName))[0];
      known = !!p && !!(await inspectionRecorded(trx, p.id, on, JSON.stringify(inspectors)));
      recorded.set(key, known);
    }
    if (known) return "unchanged";
    // The inspection is recorded at its last row, once all its rows are read and checked.
    if (lastOfGroup.get(key) !== r.row || refused.has(key)) return "created";
    let place = (await placesNamed(trx, who.scope, placeName))[0];
    if (!place) {
      const kindText = first(C.placeKind);
      const kind = PLACE_KINDS.find(
        (k) => k === kindText || PLACE_KIND_LABELS[k].zh === kindText || PLACE_KIND_LABELS[k].en.toLowerCase() === kindText.toLowerCase(),
      );
      const grid = grids.find((x) => x.name === first(C.grid));
      if (!kind || !grid)
        throw bad(
          `场所台账中没有「${placeName}」：新场所须填写场所类型（${PLACE_KINDS.map((k) => PLACE_KIND_LABELS[k].zh).join("、")}）和网格`,
          `No place named ${placeName} on the register: a new place needs its kind and grid`,
        );
      const made = await inspections.createPlace(who, { gridId: grid.id, kind, name: placeName }, trx);
      place = { id: made.id, name: made.name, kind: made.kind };
    }
    const input: TInspectionCreate = {
      placeId: place.id,
      inspectedOn: on,
      inspectors,
      items: rows.map((x) => ({ item: g(x)(C.item), passed: passedOf(g(x)(C.result)) as boolean, note: g(x)(C.itemNote) || null })),
      note: rows.map((x) => g(x)(C.note)).find(Boolean) || null,
    };
    const v = ZInspectionCreate.safeParse(input);
    if (!v.success) {
      const m = v.error.issues[0];
      throw bad(`${placeName} ${on}：${m.path.join(".")} ${m.message}`, `${placeName} ${on}: ${m.path.join(".")} ${m.message}`);
    }
    const id = await inspections.create(who, v.data, trx).catch((e) => {
      if (e instanceof AppError) throw bad(`${placeName} ${on}：${e.msg.zh}`, `${placeName} ${on}: ${e.msg.en}`);
      throw e;
    });
    const items = (await inspections.get(who.scope, id, trx)).items ?? [];
    for (const [k, it] of items.entries()) {
      if (it.passed) continue;
      const get = g(rows[k]);
      const hk = get(C.hazardKind);
      const rk = get(C.risk);
      const kind = HAZARD_KINDS.find((x) => x === hk || HAZARD_KIND_EN[x].toLowerCase() === hk.toLowerCase()) ?? "其他";
      const risk = RISK_LEVELS.find((x) => x === rk || RISK_LABELS[x].zh === rk || RISK_LABELS[x].en.toLowerCase() === rk.toLowerCase()) ?? "low";
      await inspections.openHazard(who, it.id, { kind, risk }, trx);
    }
    return "created";
  });
}
