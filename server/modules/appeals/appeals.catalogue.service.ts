// 分类目录 (DOMAIN.md §1): the two-level catalogue (大类/小类) with each sub-category's deadlines.
// Administrators edit it; an archived category takes no new cases but keeps its old ones.
import type { TCategory } from "../../../contracts/appeals.js";
import { errors } from "../../platform/errors.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import type { AppealsDeps } from "./appeals.cases.service.js";
import { categoryByCode, categoryList, insertCategory, maxCategorySort, updateCategory } from "./appeals.repo.js";
import type { AppealCategoryTable } from "./appeals.tables.js";

export type CatalogueService = ReturnType<typeof createCatalogueService>;

export function createCatalogueService(deps: Pick<AppealsDeps, "db" | "audit" | "clock">) {
  const { db, audit, clock } = deps;
  return {
    async categories(includeArchived = false): Promise<TCategory[]> {
      return (await categoryList(db, includeArchived)).map(toCategory);
    },

    createCategory(
      who: Who,
      input: { code: string; parentCode?: string | null; name: string; nameEn?: string | null; deadlineHours: number; urgentHours: number; sort?: number },
    ) {
      return inTx(db, undefined, async (trx) => {
        if (await categoryByCode(trx, input.code)) throw errors.conflict(`分类编码 ${input.code} 已存在`, `Category code ${input.code} exists`);
        if (input.parentCode) {
          const p = await categoryByCode(trx, input.parentCode);
          if (!p || p.parent_code) throw errors.badRequest("上级分类须为大类", "The parent must be a top-level category");
        }
        const now = clock.now().toISOString();
        const row: AppealCategoryTable = {
          code: input.code,
          parent_code: input.parentCode ?? null,
          name: input.name,
          name_en: input.nameEn ?? null,
          deadline_hours: input.deadlineHours,
          urgent_hours: input.urgentHours,
          sort: input.sort ?? (await maxCategorySort(trx)) + 1,
          archived: 0,
          created_at: now,
          updated_at: now,
        };
        await insertCategory(trx, row);
        await audit.record(trx, who, { action: "appeal_category.create", entity: "appeal_category", entityId: row.code, after: row });
        return toCategory(row);
      });
    },

    updateCategory(
      who: Who,
      code: string,
      input: { name?: string; nameEn?: string | null; deadlineHours?: number; urgentHours?: number; sort?: number; archived?: boolean },
    ) {
      return inTx(db, undefined, async (trx) => {
        const before = await categoryByCode(trx, code);
        if (!before) throw errors.notFound({ zh: "分类", en: "Category" });
        const patch: Partial<AppealCategoryTable> = { updated_at: clock.now().toISOString() };
        if (input.name !== undefined) patch.name = input.name;
        if (input.nameEn !== undefined) patch.name_en = input.nameEn;
        if (input.deadlineHours !== undefined) patch.deadline_hours = input.deadlineHours;
        if (input.urgentHours !== undefined) patch.urgent_hours = input.urgentHours;
        if (input.sort !== undefined) patch.sort = input.sort;
        if (input.archived !== undefined) patch.archived = input.archived ? 1 : 0;
        await updateCategory(trx, code, patch);
        await audit.record(trx, who, {
          action: "appeal_category.update",
          entity: "appeal_category",
          entityId: code,
          before,
          after: { ...before, ...patch },
        });
        return toCategory({ ...before, ...patch });
      });
    },
  };
}

export function toCategory(c: AppealCategoryTable): TCategory {
  return {
    code: c.code,
    parentCode: c.parent_code,
    name: c.name,
    nameEn: c.name_en,
    deadlineHours: c.deadline_hours,
    urgentHours: c.urgent_hours,
    sort: c.sort,
    archived: !!c.archived,
  };
}
