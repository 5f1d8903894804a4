import { z } from "zod";
import { ZDate } from "./platform.js";

// 工作台 layouts and the subdistrict comparison (issue 16), and the notification centre's items.

export { OTHER_THEME, themeOf, WORKBENCH_THEMES } from "./alerts-themes.js";

const ZKeys = z.array(z.string().min(1).max(80)).max(500);

/** An account's own view: figures pinned to the top (in order), the order within sections, hidden ones. */
export const ZLayout = z.object({ pinned: ZKeys, order: ZKeys, hidden: ZKeys });
export type TLayout = z.infer<typeof ZLayout>;

export const ZLayoutAnswer = ZLayout.extend({
  /** Keys of the saved layout no figure has any more: left out, and the page says so. */
  skipped: z.array(z.string()),
  /** The seed report's figures, in its order: first in their sections. */
  reportOrder: z.array(z.string()),
  savedAt: z.string().nullable(),
});
export type TLayoutAnswer = z.infer<typeof ZLayoutAnswer>;

export const ZCompareQuery = z.object({
  region: z.string().max(60).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  /** Figure keys, comma-separated; the seed report's first figures by default. */
  keys: z.string().max(2000).optional(),
});

export const ZCompare = z.object({
  region: z.object({ id: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  communities: z.array(z.object({ id: z.string(), name: z.string() })),
  figures: z.array(
    z.object({
      key: z.string(),
      module: z.string(),
      label: z.string(),
      unit: z.enum(["count", "yuan", "ratio"]),
      /** One per community, in `communities` order. */
      values: z.array(z.number()),
      total: z.number(),
    }),
  ),
});
export type TCompare = z.infer<typeof ZCompare>;

export const ZNotification = z.object({
  id: z.string(),
  kind: z.string(),
  module: z.string(),
  severity: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;
