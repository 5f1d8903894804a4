// 工作台布局: each account's own view of the workbench — figures pinned to the top, their order
// within sections, hidden ones (saved per account). A saved key no figure has any more (a module
// removed or renamed it) is left out when read and named in `skipped`, so the page can say so;
// a layout saved with an unknown key is refused, naming it.
import type { Kysely } from "kysely";
import { type TLayout, type TLayoutAnswer, ZLayout } from "../../../contracts/alerts.js";
import type { DB } from "../../db/types.js";
import type { Clock } from "../../platform/clock.js";
import { errors } from "../../platform/errors.js";
import type { FigureRegistry } from "../../platform/figures.js";
import "./alerts.tables.js";

export type LayoutsService = ReturnType<typeof createLayoutsService>;

const EMPTY: TLayout = { pinned: [], order: [], hidden: [] };

export function createLayoutsService(deps: { db: Kysely<DB>; clock: Clock; figures: FigureRegistry; reportOrder: () => string[] }) {
  const { db, clock, figures } = deps;
  const known = (k: string) => !!figures.get(k);
  const reportOrder = () => deps.reportOrder().filter(known);

  return {
    async get(userId: string): Promise<TLayoutAnswer> {
      const row = await db.selectFrom("dashboard_layouts").select(["layout", "updated_at"]).where("user_id", "=", userId).executeTakeFirst();
      const parsed = row ? ZLayout.safeParse(JSON.parse(row.layout)) : null;
      const saved = parsed?.success ? parsed.data : EMPTY;
      const skipped = [...new Set([...saved.pinned, ...saved.order, ...saved.hidden].filter((k) => !known(k)))];
      return {
        pinned: saved.pinned.filter(known),
        order: saved.order.filter(known),
        hidden: saved.hidden.filter(known),
        skipped,
        reportOrder: reportOrder(),
        savedAt: row?.updated_at ?? null,
      };
    },
    async save(userId: string, layout: TLayout): Promise<TLayoutAnswer> {
      const unknown = [...new Set([...layout.pinned, ...layout.order, ...layout.hidden].filter((k) => !known(k)))];
      if (unknown.length) throw errors.badRequest(`没有这些指标：${unknown.join("、")}`, `No such figures: ${unknown.join(", ")}`, { keys: unknown });
      const both = layout.pinned.filter((k) => layout.hidden.includes(k));
      if (both.length) throw errors.badRequest(`指标不能既置顶又隐藏：${both.join("、")}`, `A figure cannot be both pinned and hidden: ${both.join(", ")}`);
      const clean: TLayout = { pinned: [...new Set(layout.pinned)], order: [...new Set(layout.order)], hidden: [...new Set(layout.hidden)] };
      const now = clock.now().toISOString();
      await db
        .insertInto("dashboard_layouts")
        .values({ user_id: userId, layout: JSON.stringify(clean), updated_at: now })
        .onConflict((oc) => oc.column("user_id").doUpdateSet({ layout: JSON.stringify(clean), updated_at: now }))
        .execute();
      return this.get(userId);
    },
    async reset(userId: string): Promise<TLayoutAnswer> {
      await db.deleteFrom("dashboard_layouts").where("user_id", "=", userId).execute();
      return this.get(userId);
    },
  };
}
