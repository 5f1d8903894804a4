import type { FastifyRequest } from "fastify";
import { PATROL_FORCE_LABELS, PATROL_FORCES, type TPoint, type TPointCreate } from "../../../contracts/patrol.js";
import { fromXlsx } from "../../io/xlsx.js";
import { AppError, errors } from "../../platform/errors.js";
import { authed, type Deps, uploadedFile } from "../../platform/http.js";
import { whoOf } from "../../platform/who.js";
import type { PatrolService } from "./patrol.service.js";

// Import and export of patrol points: XLSX (the register's sheet) and GeoJSON (Point features).

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
        active: p.active,
      },
    })),
  };
}

const forceOf = (v: string | undefined) => {
  if (!v) return undefined;
  const t = v.trim();
  if ((PATROL_FORCES as readonly string[]).includes(t)) return t as TPointCreate["force"];
  return (
    (Object.entries(PATROL_FORCE_LABELS).find(([, l]) => l.zh === t || l.en.toLowerCase() === t.toLowerCase())?.[0] as TPointCreate["force"]) ?? (t as any)
  );
};
const pick = (v: Record<string, string>, ...keys: string[]) => keys.map((k) => v[k]).find((x) => x !== undefined && x !== "");
const list = (v: string | undefined) =>
  v
    ? v
        .split(/[、;；,，\n]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

function fromRow(communityId: string, v: Record<string, string>): TPointCreate {
  const radius = pick(v, "半径（米）", "半径", "Radius (m)", "radiusM");
  return {
    communityId,
    name: pick(v, "名称", "Name", "name") ?? "",
    kind: (pick(v, "类型", "Kind", "kind") ?? "其他") as any,
    lng: Number(pick(v, "经度", "Longitude", "lng")),
    lat: Number(pick(v, "纬度", "Latitude", "lat")),
    radiusM: radius ? Number(radius) : 50,
    force: forceOf(pick(v, "巡查力量", "Force", "force")) ?? "community",
    checklist: list(pick(v, "检查项", "Checklist", "checklist")),
  };
}

function fromFeature(communityId: string, f: any): TPointCreate {
  const [lng, lat] = f?.geometry?.type === "Point" && Array.isArray(f.geometry.coordinates) ? f.geometry.coordinates : [Number.NaN, Number.NaN];
  const p = f?.properties ?? {};
  return {
    communityId,
    name: String(p.name ?? ""),
    kind: (p.kind ?? "其他") as any,
    lng: Number(lng),
    lat: Number(lat),
    radiusM: p.radiusM != null ? Number(p.radiusM) : 50,
    force: forceOf(p.force) ?? "community",
    checklist: Array.isArray(p.checklist) ? p.checklist.map(String) : list(p.checklist),
  };
}

/** Each row is created on its own (a bad row does not stop the good ones) and answered with its reason. */
export async function importPoints(req: FastifyRequest, _deps: Deps, svc: PatrolService, communityId: string) {
  const lang = authed(req).lang;
  let inputs: Array<{ row: number; input: TPointCreate }> = [];
  if (req.isMultipart()) {
    const { buf, filename } = await uploadedFile(req);
    const name = filename.toLowerCase();
    if (name.endsWith(".xlsx") && buf[0] === 0x50 && buf[1] === 0x4b) {
      const rows = await fromXlsx(buf).catch(() => {
        throw errors.badRequest("无法读取该 XLSX 文件", "Cannot read this XLSX file");
      });
      inputs = rows.map((r) => ({ row: r.row, input: fromRow(communityId, r.values) }));
    } else if (name.endsWith(".geojson") || name.endsWith(".json")) {
      inputs = parseGeo(communityId, buf.toString("utf8"));
    } else throw errors.badRequest("请上传 .xlsx 或 .geojson 文件", "Upload an .xlsx or .geojson file");
  } else {
    const body = req.body as any;
    if (body?.type !== "FeatureCollection" || !Array.isArray(body.features))
      throw errors.badRequest("请上传 XLSX 文件，或提交 GeoJSON FeatureCollection", "Upload an XLSX file or send a GeoJSON FeatureCollection");
    inputs = body.features.map((f: any, i: number) => ({ row: i + 1, input: fromFeature(communityId, f) }));
  }
  if (inputs.length === 0) throw errors.badRequest("文件中没有巡查点", "No points in the file");
  if (inputs.length > 5000) throw errors.badRequest("一次最多导入 5000 个巡查点", "At most 5000 points per import");
  let created = 0;
  const errs: Array<{ row: number; message: string }> = [];
  for (const { row, input } of inputs) {
    try {
      await svc.createPoint(whoOf(req), input);
      created++;
    } catch (e) {
      const msg =
        e instanceof AppError
          ? e.msg[lang]
          : (e as any)?.issues
            ? `${(e as any).issues[0]?.path?.join(".") ?? ""}: ${(e as any).issues[0]?.message ?? "invalid"}`
            : "invalid";
      if (e instanceof AppError && e.status === 404 && e.msg.en.startsWith("Community")) throw e;
      errs.push({ row, message: msg });
    }
  }
  return { created, errors: errs };
}

function parseGeo(communityId: string, text: string) {
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch {
    throw errors.badRequest("GeoJSON 格式错误", "Malformed GeoJSON");
  }
  if (doc?.type !== "FeatureCollection" || !Array.isArray(doc.features))
    throw errors.badRequest("GeoJSON 须为 FeatureCollection", "GeoJSON must be a FeatureCollection");
  return doc.features.map((f: any, i: number) => ({ row: i + 1, input: fromFeature(communityId, f) }));
}
