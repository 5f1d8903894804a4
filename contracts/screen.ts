// 大屏 the big screen and its signed links: shapes shared by the server's routes and the web app.
import { z } from "zod";
import { ZMapArea, ZMapLayer, ZMapLayerData } from "./map.js";

export const ZScreenLinkCreate = z.object({
  name: z.string().trim().min(1).max(60),
  regionId: z.string().max(40).optional(),
  /** How long the link stays valid, in days (1 … 365). */
  days: z.coerce.number().int().min(1).max(365),
});
export type TScreenLinkCreate = z.infer<typeof ZScreenLinkCreate>;

export const ZScreenLink = z.object({
  id: z.string(),
  name: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  state: z.enum(["active", "expired", "revoked"]),
});
export type TScreenLink = z.infer<typeof ZScreenLink>;

/** A link as made: the only time its secret (the `t` of the screen's URL) is shown. */
export const ZScreenLinkMade = ZScreenLink.extend({ token: z.string(), url: z.string() });

export const ZScreenFigure = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.enum(["count", "yuan", "ratio"]),
  value: z.number(),
  lastYear: z.number(),
});

export const ZScreenTrend = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.enum(["count", "yuan", "ratio"]),
  months: z.array(z.string()),
  thisYear: z.array(z.number().nullable()),
  lastYear: z.array(z.number()),
});

export const ZScreenTick = z.object({
  id: z.string(),
  at: z.string(),
  category: z.string(),
  channel: z.string(),
  area: z.string(),
  urgent: z.boolean(),
});
export type TScreenTick = z.infer<typeof ZScreenTick>;

export const ZScreenData = z.object({
  region: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  year: z.number(),
  generatedAt: z.string(),
  via: z.enum(["session", "link"]),
  figures: z.array(ZScreenFigure),
  trends: z.array(ZScreenTrend),
  areas: z.array(ZMapArea),
  layers: z.array(ZMapLayer.extend({ data: ZMapLayerData })),
  ticker: z.array(ZScreenTick),
});
export type TScreenData = z.infer<typeof ZScreenData>;
