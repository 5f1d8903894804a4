import type { Kysely } from "kysely";
import { PATROL_FORCE_LABELS, PATROL_FORCES, type PatrolForce, POINT_KINDS, type TPoint, type TPointCreate, ZPointCreate } from "../../../contracts/patrol.js";
import type { TImportReport } from "../../../contracts/platform.js";
import type { DB } from "../../db/types.js";
import { sheetDate } from "../../io/import.js";
import { fromXlsx, toXlsx } from "../../io/xlsx.js";
import type { Audit } from "../../platform/audit.js";
import { AppError, errors, type Lang } from "../../platform/errors.js";
import { communityInScope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { communityPoints } from "./patrol.points.repo.js";
import type { PatrolServices } from "./patrol.services.js";
import { distanceM } from "./patrol.time.js";

// Import and export of patrol points: XLSX (the register's sheet) and GeoJSON (Point features).
// An import is all or nothing: every row is checked (and, in the same transaction, created) first;
// any bad row stops the whole file with a report per row. A row whose code is already a point of
// the community, or with the same name within a few metres of one, is left as it is, so importing
// the same file (or an export) again changes nothing. The answer is the platform's ZImportReport:
// HTTP 200 once the file was read, its bad rows in `errors` (then nothing was written).

type ImportDeps = { db: Kysely<DB>; audit: Audit };
type ImportServices = Pick<PatrolServices, "points" | "teams">;

/** The same name this close to an existing point is the same point (GPS readings of one post differ by a metre or two). */
const SAME_PLACE_M = 5;

export function pointsGeoJson(points: TPoint[]) {
  return {
    type: "FeatureCollection" as const,
    features: points.map((p) => ({
      type: "Feature" as const,
      id: p.id,
      geometry: { type: "Point" as const, coordinates: [p.lng, p.lat] },
      properties: {
        code: p.code,
        name: p.name,
        kind: p.kind,
        radiusM: p.radiusM,
        force: p.force,
        gridId: p.gridId,
        gridName: p.gridName,
        teamName: p.teamName,
        checklist: p.checklist,
        note: p.note,
        active: p.active,
        createdOn: p.createdOn,
      },
    })),
  };
}

/** The sheet's columns, shared by the export, the template and the import (zh and en headers both read). */
export const POINT_SHEET = [
  { key: "code", zh: "编码", en: "Code" },
  { key: "name", zh: "名称", en: "Name", width: 24 },
  { key: "kind", zh: "类型", en: "Kind" },
  { key: "gridName", zh: "网格", en: "Grid" },
  { key: "lng", zh: "经度", en: "Longitude", width: 12 },
  { key: "lat", zh: "纬度", en: "Latitude", width: 12 },
  { key: "radiusM", zh: "半径（米）", en: "Radius (m)" },
  { key: "force", zh: "巡查力量", en: "Force" },
  { key: "teamName", zh: "队伍", en: "Team", width: 20 },
  { key: "checklist", zh: "检查项", en: "Checklist", width: 40 },
  { key: "note", zh: "说明", en: "Note", width: 24 },
  { key: "active", zh: "启用", en: "Active" },
  { key: "createdOn", zh: "设立日期", en: "Set up on", width: 12 },
] as const;

/** An empty sheet with the import's headers and one example row (Chinese headers; English ones are read too). */
export async function pointsTemplate(lang: Lang): Promise<Buffer> {
  const en = lang === "en";
  return toXlsx(
    en ? "Patrol points" : "巡查点",
    POINT_SHEET.filter((c) => c.key !== "gridName").map((c) => ({ header: c.zh, key: c.key, width: "width" in c ? c.width : 14 })),
    [
      {
        code: "",
        name: "狮径消防通道1号",
        kind: "消防通道",
        lng: 114.0475,
        lat: 22.6735,
        radiusM: 50,
        force: "社区",
        teamName: "",
        checklist: "通道畅通、消防设施完好、无杂物堆放",
        note: "",
        active: "是",
        createdOn: "2021-05-10",
      },
    ],
  );
}

type Row = {
  row: number;
  code?: string;
  name?: string;
  kind?: string;
  lng?: unknown;
  lat?: unknown;
  radiusM?: unknown;
  force?: string;
  teamName?: string;
  checklist?: unknown;
  note?: string;
  active?: unknown;
  createdOn?: string;
};

const cellOf = (v: Record<string, string>, key: string) => {
  const c = POINT_SHEET.find((x) => x.key === key);
  const names = c ? [c.zh, c.en, key] : [key];
  if (key === "radiusM") names.push("半径");
  return names.map((k) => v[k]).find((x) => x !== undefined && x !== "");
};

function fromSheetRow(row: number, v: Record<string, string>): Row {
  return {
    row,
    code: cellOf(v, "code"),
    name: cellOf(v, "name"),
    kind: cellOf(v, "kind"),
    lng: cellOf(v, "lng"),
    lat: cellOf(v, "lat"),
    radiusM: cellOf(v, "radiusM"),
    force: cellOf(v, "force"),
    teamName: cellOf(v, "teamName"),
    checklist: cellOf(v, "checklist"),
    note: cellOf(v, "note"),
    active: cellOf(v, "active"),
    createdOn: cellOf(v, "createdOn"),
  };
}

function fromFeature(row: number, f: any): Row {
  const geom = f?.geometry;
  const [lng, lat] = geom?.type === "Point" && Array.isArray(geom.coordinates) ? geom.coordinates : [undefined, undefined];
  const p = f?.properties ?? {};
  const str = (x: unknown) => (x === undefined || x === null || x === "" ? undefined : String(x));
  return {
    row,
    code: str(p.code),
    name: str(p.name),
    kind: str(p.kind),
    lng,
    lat,
    radiusM: p.radiusM ?? p.radius,
    force: str(p.force),
    teamName: str(p.teamName ?? p.team),
    checklist: p.checklist,
    note: str(p.note),
    active: p.active,
    createdOn: str(p.createdOn ?? p.setUpOn),
  };
}

const list = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map((s) => String(s).trim()).filter(Boolean)
    : typeof v === "string"
      ? v
          .split(/[、;；,，\n]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : Number.NaN);
const forceOf = (v: string): PatrolForce | undefined => {
  const t = v.trim();
  if ((PATROL_FORCES as readonly string[]).includes(t)) return t as PatrolForce;
  return (Object.keys(PATROL_FORCE_LABELS) as PatrolForce[]).find(
    (k) => PATROL_FORCE_LABELS[k].zh === t || PATROL_FORCE_LABELS[k].en.toLowerCase() === t.toLowerCase(),
  );
};
const activeOf = (v: unknown): boolean | undefined => {
  if (v === undefined || v === null || v === "") return true;
  if (typeof v === "boolean") return v;
  const t = String(v).trim().toLowerCase();
  if (["是", "启用", "在用", "yes", "y", "true", "1", "active"].includes(t)) return true;
  if (["否", "停用", "已停用", "no", "n", "false", "0", "retired"].includes(t)) return false;
  return undefined;
};

/**
 * The rows of an import: an XLSX (multipart field "file"), a .geojson file, or a GeoJSON
 * FeatureCollection as the JSON body (no file).
 */
export async function pointRowsOf(file: { buf: Buffer; filename: string } | null, body: unknown): Promise<Row[]> {
  if (file) {
    const { buf } = file;
    const name = file.filename.toLowerCase();
    if (name.endsWith(".xlsx") || (buf[0] === 0x50 && buf[1] === 0x4b)) {
      const sheet = await fromXlsx(buf).catch((e) => {
        if (e instanceof AppError) throw e;
        throw errors.badRequest("文件不是有效的 XLSX", "The file is not a valid XLSX workbook");
      });
      return sheet.map((r) => fromSheetRow(r.row, r.values));
    }
    if (name.endsWith(".geojson") || name.endsWith(".json")) return parseGeo(buf.toString("utf8"));
    throw errors.badRequest("请上传 .xlsx 或 .geojson 文件", "Upload an .xlsx or .geojson file");
  }
  const doc = body as any;
  if (doc?.type !== "FeatureCollection" || !Array.isArray(doc.features))
    throw errors.badRequest("请上传 XLSX 文件，或提交 GeoJSON FeatureCollection", "Upload an XLSX file or send a GeoJSON FeatureCollection");
  return doc.features.map((f: any, i: number) => fromFeature(i + 1, f));
}

function parseGeo(text: string): Row[] {
  let doc: any;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw errors.badRequest("GeoJSON 格式错误", "Malformed GeoJSON");
  }
  if (doc?.type !== "FeatureCollection" || !Array.isArray(doc.features))
    throw errors.badRequest("GeoJSON 须为 FeatureCollection", "GeoJSON must be a FeatureCollection");
  return doc.features.map((f: any, i: number) => fromFeature(i + 1, f));
}

/** Rolls the transaction back once every row has gone through (a dry run, or a file with bad rows). */
class RollBack extends Error {}

export async function importPointRows(
  deps: ImportDeps,
  services: ImportServices,
  who: Who,
  communityId: string,
  rows: Row[],
  opts: { lang: Lang; dryRun?: boolean },
): Promise<TImportReport> {
  const { db } = deps;
  const { points } = services;
  const zh = opts.lang === "zh";
  const dryRun = !!opts.dryRun;
  await communityInScope(db, who.scope, communityId);
  if (rows.length === 0) throw errors.badRequest("文件中没有巡查点", "No points in the file");
  if (rows.length > 5000) throw errors.badRequest("一次最多导入 5000 个巡查点", "At most 5000 points per import");

  const existing = await communityPoints(db, communityId);
  const byCode = new Map(existing.map((p) => [p.code, p]));
  const teams = (await services.teams.listTeams(who.scope)).filter((t) => t.communityId === communityId && !t.archived);

  const errs: TImportReport["errors"] = [];
  const bad = (row: number, zhMsg: string, enMsg: string) => errs.push({ row, message: zh ? zhMsg : enMsg });
  const todo: Array<{ row: number; input: TPointCreate; active: boolean }> = [];
  const seenCodes = new Map<string, number>();
  let unchanged = 0;
  for (const r of rows) {
    const name = r.name?.trim() ?? "";
    if (!name) {
      bad(r.row, "缺少名称", "no name");
      continue;
    }
    const lng = num(r.lng);
    const lat = num(r.lat);
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
      bad(r.row, `「${name}」的经纬度缺失或无效`, `"${name}": longitude/latitude missing or out of range`);
      continue;
    }
    const code = r.code?.trim();
    if (code) {
      const first = seenCodes.get(code);
      if (first !== undefined) {
        bad(r.row, `编码 ${code} 与第 ${first} 行重复`, `code ${code} repeats row ${first}`);
        continue;
      }
      seenCodes.set(code, r.row);
    }
    // Already a point of the community: left as it is.
    if ((code && byCode.has(code)) || existing.some((p) => p.name === name && distanceM(p.lat, p.lng, lat, lng) <= SAME_PLACE_M)) {
      unchanged++;
      continue;
    }
    const twin = todo.find((t) => t.input.name === name && distanceM(t.input.lat, t.input.lng, lat, lng) <= SAME_PLACE_M);
    if (twin) {
      bad(r.row, `与第 ${twin.row} 行是同一点位（同名且相距不足 ${SAME_PLACE_M} 米）`, `same point as row ${twin.row} (same name, within ${SAME_PLACE_M} m)`);
      continue;
    }
    const kind = (r.kind?.trim() || "其他") as (typeof POINT_KINDS)[number];
    if (!POINT_KINDS.includes(kind)) {
      bad(r.row, `未知类型「${kind}」（可选：${POINT_KINDS.join("、")}）`, `unknown kind "${kind}" (one of ${POINT_KINDS.join(", ")})`);
      continue;
    }
    const force = r.force ? forceOf(r.force) : "community";
    if (!force) {
      bad(r.row, `未知巡查力量「${r.force}」（社区、警区或股份公司安保）`, `unknown force "${r.force}" (community, police or security)`);
      continue;
    }
    let teamId: string | null = null;
    if (r.teamName?.trim()) {
      const t = teams.find((x) => x.name === r.teamName?.trim());
      if (!t) {
        bad(r.row, `该社区没有名为「${r.teamName}」的巡查队伍`, `no patrol team "${r.teamName}" in this community`);
        continue;
      }
      teamId = t.id;
    }
    const radius = r.radiusM === undefined || r.radiusM === null || r.radiusM === "" ? 50 : num(r.radiusM);
    const active = activeOf(r.active);
    if (active === undefined) {
      bad(r.row, `「启用」应填 是 或 否，而不是「${r.active}」`, `"Active" must be yes or no, not "${r.active}"`);
      continue;
    }
    const createdOn = r.createdOn?.trim() ? (sheetDate(r.createdOn) ?? undefined) : undefined;
    if (r.createdOn?.trim() && !createdOn) {
      bad(r.row, `设立日期「${r.createdOn}」无法识别（如 2021-05-10）`, `set-up date "${r.createdOn}" not understood (e.g. 2021-05-10)`);
      continue;
    }
    const input = {
      communityId,
      name,
      kind,
      lng,
      lat,
      radiusM: radius,
      force,
      teamId,
      checklist: list(r.checklist),
      note: r.note?.trim() || null,
      ...(createdOn ? { createdOn } : {}),
    };
    const parsed = ZPointCreate.safeParse(input);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const field = String(i?.path[0] ?? "");
      const label = POINT_SHEET.find((c) => c.key === field) ?? (field === "checklist" ? { zh: "检查项", en: "Checklist" } : null);
      if (field === "radiusM") bad(r.row, "半径应为 5–2000 米的整数", "radius must be a whole number of metres, 5–2000");
      else if (field === "checklist") bad(r.row, "检查项最多 30 项，每项不超过 100 字", "at most 30 checklist items of up to 100 characters");
      else bad(r.row, `${label?.zh ?? field}：${i?.message}`, `${label?.en ?? field}: ${i?.message}`);
      continue;
    }
    todo.push({ row: r.row, input: parsed.data, active });
  }
  // Created in one transaction through the service (grid from the location, code, audit): a row
  // whose location lies in no grid of the community is reported like any other bad row, in the
  // same report as those found above; a dry run, or any bad row, rolls it all back. `created` then
  // says how many rows would have been.
  let refused = 0;
  const report = (): TImportReport => ({ created: todo.length - refused, unchanged, errors: errs.sort((x, y) => x.row - y.row), dryRun });
  if (!todo.length) return report();
  try {
    await inTx(db, null, async (trx) => {
      for (const t of todo) {
        try {
          const p = await points.createPoint(who, t.input, trx);
          if (!t.active) await points.setActive(who, p.id, false, trx);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          errs.push({ row: t.row, message: e.msg[opts.lang] });
          refused++;
        }
      }
      if (errs.length || dryRun) throw new RollBack();
      await deps.audit.record(trx, who, {
        action: "patrol.point.import",
        entity: "patrol_point",
        communityId,
        after: { created: todo.length, unchanged },
      });
    });
  } catch (e) {
    if (!(e instanceof RollBack)) throw e;
  }
  return report();
}
