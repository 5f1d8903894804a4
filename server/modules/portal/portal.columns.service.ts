// The deployment's catalogue of disclosure columns: the usual tree by default (migration 016),
// editable — a column's name, period (monthly, quarterly, yearly, at once) and who may propose.
// A column with items is never removed: it is made inactive.
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { TColumn, ZColumnSave } from "../../../contracts/portal.js";
import { ROLES } from "../../../contracts/roles.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { errors } from "../../platform/errors.js";
import type { Who } from "../../platform/who.js";
import type { PublicCache } from "./portal.cache.js";
import { columnByKey, columnsAll, saveColumn } from "./portal.repo.js";

export const toColumn = (k: DB["portal_columns"]): TColumn => ({
  key: k.key,
  parentKey: k.parent_key,
  section: k.section as TColumn["section"],
  name: k.name,
  period: k.period as TColumn["period"],
  proposerRoles: JSON.parse(k.proposer_roles || "[]"),
  sort: k.sort,
  active: !!k.active,
});

export function createColumnsService(deps: { db: Kysely<DB>; audit: Audit; clock: Clock; cache: PublicCache }) {
  const { db, audit, clock } = deps;
  return {
    async list(): Promise<TColumn[]> {
      return (await columnsAll(db)).map(toColumn);
    },
    async save(who: Who, input: z.output<typeof ZColumnSave>): Promise<TColumn> {
      const bad = input.proposerRoles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (bad.length) throw errors.badRequest(`没有这些角色：${bad.join("、")}`, `No such roles: ${bad.join(", ")}`);
      return db.transaction().execute(async (trx) => {
        if (input.parentKey) {
          const p = await columnByKey(trx, input.parentKey);
          if (!p || p.parent_key) throw errors.badRequest("上级栏目须是一个栏目分类", "The parent must be a top-level heading");
          if (p.section !== input.section) throw errors.badRequest("上级栏目属于另一类（党务/居务/财务）", "The parent belongs to another section");
        }
        const row = {
          key: input.key,
          parent_key: input.parentKey ?? null,
          section: input.section,
          name: input.name,
          period: input.period,
          proposer_roles: JSON.stringify(input.proposerRoles),
          sort: input.sort,
          active: input.active ? 1 : 0,
          updated_at: clock.now().toISOString(),
        };
        const before = await saveColumn(trx, row);
        await audit.record(trx, who, {
          action: before ? "portal.column.update" : "portal.column.create",
          entity: "portal_column",
          entityId: row.key,
          before,
          after: row,
        });
        deps.cache.clear();
        return toColumn(row);
      });
    },
  };
}
