// 一张图 the map and 大屏 the big screen: shapes shared by the server's routes and the web app.
import { z } from "zod";

const ZPos = z.array(z.number());
export const ZGeometry = z.object({
  type: z.enum(["Polygon", "MultiPolygon"]),
  coordinates: z.union([z.array(z.array(ZPos)), z.array(z.array(z.array(ZPos)))]),
});

export const ZMapArea = z.object({
  id: z.string(),
  name: z.string(),
  level: z.string(),
  path: z.string(),
  boundary: ZGeometry.nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
});
export type TMapArea = z.infer<typeof ZMapArea>;

export const ZMapLayer = z.object({
  key: z.string(),
  module: z.string(),
  label: z.string(),
  kind: z.enum(["points", "counts"]),
  legend: z.array(z.object({ state: z.string(), label: z.string(), color: z.string() })),
});
export type TMapLayer = z.infer<typeof ZMapLayer>;

export const ZMapPoint = z.object({
  id: z.string(),
  lng: z.number(),
  lat: z.number(),
  state: z.string(),
  gridId: z.string().nullable(),
  label: z.string().optional(),
  link: z.string().optional(),
});
export type TMapPoint = z.infer<typeof ZMapPoint>;

export const ZMapLayerData = z.object({
  key: z.string(),
  points: z.array(ZMapPoint),
  truncated: z.boolean(),
  counts: z.array(z.object({ areaId: z.string(), value: z.number() })),
  unplaced: z.number(),
  total: z.number(),
});
export type TMapLayerData = z.infer<typeof ZMapLayerData>;

export const ZMapPanel = z.object({
  area: ZMapArea,
  workers: z.array(z.object({ name: z.string(), region: z.string() })),
  layers: z.array(z.object({ key: z.string(), label: z.string(), value: z.number() })),
});
export type TMapPanel = z.infer<typeof ZMapPanel>;
