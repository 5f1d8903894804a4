import type { Kysely } from "kysely";
import type { TImportReport } from "../../../contracts/platform.js";
import type { DB, RegionLevel } from "../../db/types.js";
import { bad } from "../../io/import.js";
import { AppError, errors, type Lang } from "../errors.js";
import { inTx } from "../tx.js";
import type { Who } from "../who.js";
import { geometryProblems } from "./regions.geo.js";
import type { RegionsService } from "./regions.service.js";

// Boundaries drawn in another GIS, as a GeoJSON FeatureCollection: one feature a region (a grid of
// a community, or a community of a subdistrict). Its properties give the code and the name (which
// property names, the import is told); a region of that code (or, without codes, that name) under
// the parent gets the boundary, a new one is created. A property with its set-up date (设立日期,
// YYYY-MM-DD; the property's name is told, "established" by default) is taken when present, so a
// grid drawn years after it was set up counts in the periods it existed. All or nothing, a line per
// bad feature.

export type GeoImportOpts = { lang: Lang; dryRun: boolean; nameProp: string; codeProp: string; establishedProp?: string };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return DATE.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
class Rollback extends Error {}

export async function importBoundaries(db: Kysely<DB>, regions: RegionsService, who: Who, parentId: string, file: Buffer, opts: GeoImportOpts) {
  let fc: { type?: string; features?: Array<{ type?: string; properties?: Record<string, unknown>; geometry?: unknown }> };
  try {
    fc = JSON.parse(file.toString("utf8"));
  } catch {
    throw errors.badRequest("文件不是有效的 GeoJSON（JSON 解析失败）", "Not valid GeoJSON (the JSON does not parse)");
  }
  if (fc?.type !== "FeatureCollection" || !Array.isArray(fc.features))
    throw errors.badRequest("GeoJSON 须为 FeatureCollection", "The GeoJSON must be a FeatureCollection");
  if (fc.features.length === 0) throw errors.badRequest("FeatureCollection 中没有要素", "The FeatureCollection has no features");
  const parent = await regions.getInScope(who.scope, parentId);
  const level: RegionLevel | null = parent.level === "community" ? "grid" : parent.level === "subdistrict" ? "community" : null;
  if (!level)
    throw errors.badRequest(
      "边界导入到社区（网格边界）或街道（社区边界）",
      "Boundaries are imported into a community (its grids) or a subdistrict (its communities)",
    );
  const report: TImportReport = { created: 0, unchanged: 0, errors: [], dryRun: opts.dryRun };
  const seen = new Map<string, number>();
  try {
    await inTx(db, null, async (trx) => {
      const children = await trx
        .selectFrom("regions")
        .select(["id", "name", "code", "boundary", "established_on"])
        .where("parent_id", "=", parent.id)
        .where("level", "=", level)
        .where("archived", "=", 0)
        .execute();
      for (const [i, f] of fc.features!.entries()) {
        const row = i + 1;
        try {
          if (f?.type !== "Feature") throw bad("不是 Feature", "Not a Feature");
          const name = String(f.properties?.[opts.nameProp] ?? "").trim();
          const code = f.properties?.[opts.codeProp] == null ? "" : String(f.properties[opts.codeProp]).trim();
          if (!name) throw bad(`缺少名称属性「${opts.nameProp}」`, `The name property "${opts.nameProp}" is missing`);
          const eProp = opts.establishedProp ?? "established";
          const rawEst = f.properties?.[eProp];
          const establishedOn = rawEst == null || String(rawEst).trim() === "" ? undefined : String(rawEst).trim();
          if (establishedOn !== undefined && !realDate(establishedOn))
            throw bad(
              `设立日期「${eProp}」应为 YYYY-MM-DD 的有效日期：${establishedOn}`,
              `The set-up date "${eProp}" must be a real date YYYY-MM-DD: ${establishedOn}`,
            );
          const problems = geometryProblems(f.geometry);
          if (problems.length) throw bad(problems.map((p) => p.zh).join("；"), problems.map((p) => p.en).join("; "));
          const key = code || name;
          const first = seen.get(key);
          if (first !== undefined) throw bad(`与第${first}个要素重复（${key}）`, `The same region as feature ${first} (${key})`);
          seen.set(key, row);
          const there = children.find((c) => (code ? c.code === code : c.name === name));
          const boundary = f.geometry as { type: "Polygon" | "MultiPolygon"; coordinates: unknown[] };
          if (there) {
            const sameDate = establishedOn === undefined || there.established_on === establishedOn;
            if (there.boundary && JSON.stringify(JSON.parse(there.boundary)) === JSON.stringify(boundary) && there.name === name && sameDate) {
              report.unchanged++;
              continue;
            }
            await regions.update(who, there.id, { name, boundary, ...(establishedOn ? { establishedOn } : {}) }, trx);
          } else await regions.create(who, { parentId: parent.id, level, name, code: code || null, boundary, establishedOn: establishedOn ?? null }, trx);
          report.created++;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          report.errors.push({ row, message: e.msg[opts.lang] });
        }
      }
      if (report.errors.length || opts.dryRun) throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return report;
}
