import { type Kysely, sql } from "kysely";
import { ORG_KIND_EN, ORG_KINDS, ZOrgCreate } from "../../../contracts/platform.js";
import type { DB } from "../../db/types.js";
import { bad, cell, type ImportOpts, importRows, readSheet, templateXlsx } from "../../io/import.js";
import { communityInScope } from "../scope.js";
import type { Who } from "../who.js";
import type { OrganisationsService } from "./organisations.service.js";

// The organisations of a community (party organisations, cooperatives, schools, women's and youth
// organisations …) from a sheet, all or nothing. The parent is named; it may be a row above in the
// same file. An organisation of the same name already on the register is "unchanged".

export const ORG_IMPORT_COLUMNS = [
  { zh: "名称", en: "Name", example: "福民社区妇女联合会", field: "name" },
  { zh: "简称", en: "Short name", example: "社区妇联", field: "shortName" },
  { zh: "类型", en: "Kind", example: "妇联", field: "kind" },
  { zh: "上级组织", en: "Parent", example: "", field: "parentId" },
  { zh: "网格", en: "Grid", example: "", field: "gridId" },
  { zh: "成立日期", en: "Founded", example: "2015-03-08", field: "foundedOn" },
  { zh: "地址", en: "Address", example: "福民路1号", field: "address" },
  { zh: "联系人", en: "Contact", example: "", field: "contactName" },
  { zh: "联系电话", en: "Phone", example: "", field: "contactPhone" },
  { zh: "备注", en: "Note", example: "", field: "note" },
] as const;

export function organisationsTemplate(en: boolean) {
  return templateXlsx(
    en ? "Organisations" : "组织",
    ORG_IMPORT_COLUMNS.map((c) => ({ header: en ? c.en : c.zh, example: c.example, width: 18 })),
  );
}

const kindOf = (s: string) =>
  (ORG_KINDS as readonly string[]).find((k) => k === s || (ORG_KIND_EN as Record<string, string>)[k]?.toLowerCase() === s.toLowerCase());

export async function importOrganisations(db: Kysely<DB>, orgs: OrganisationsService, who: Who, communityId: string, buf: Buffer, opts: ImportOpts) {
  const community = await communityInScope(db, who.scope, communityId);
  const sheet = await readSheet(buf);
  const grids = await db.selectFrom("regions").select(["id", "name"]).where("parent_id", "=", community.id).where("level", "=", "grid").execute();
  const seen = new Map<string, number>();
  const byName = (trx: Kysely<DB>, name: string) =>
    trx
      .selectFrom("organisations")
      .select(["id", "kind"])
      .where("community_id", "=", community.id)
      .where(sql`lower(name)`, "=", name.toLowerCase())
      .where("archived", "=", 0)
      .executeTakeFirst();
  return importRows(db, sheet, opts, async (trx, { row, values }) => {
    const get = cell(values);
    const col = (i: number) => get(ORG_IMPORT_COLUMNS[i].zh, ORG_IMPORT_COLUMNS[i].en);
    const name = col(0);
    if (!name) throw bad("缺少名称", "Name is missing");
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) throw bad(`与第${first}行同名（${name}）`, `The same name as row ${first} (${name})`);
    seen.set(name.toLowerCase(), row);
    const kind = kindOf(col(2));
    if (!kind) throw bad(`类型「${col(2)}」应为：${ORG_KINDS.join("、")}`, `Kind "${col(2)}" must be one of ${ORG_KINDS.join(", ")}`);
    const parentName = col(3);
    const parent = parentName ? await byName(trx, parentName) : null;
    if (parentName && !parent)
      throw bad(
        `本社区没有名为「${parentName}」的上级组织（可先在上方行中登记）`,
        `No parent organisation named ${parentName} in this community (it may be a row above)`,
      );
    const gridName = col(4);
    const grid = gridName ? grids.find((g) => g.name === gridName) : null;
    if (gridName && !grid) throw bad(`本社区没有名为「${gridName}」的网格`, `No grid named ${gridName} in this community`);
    const parsed = ZOrgCreate.safeParse({
      communityId: community.id,
      gridId: grid?.id ?? null,
      parentId: parent?.id ?? null,
      kind,
      name,
      shortName: col(1) || null,
      foundedOn: col(5) || null,
      address: col(6) || null,
      contactName: col(7) || null,
      contactPhone: col(8) || null,
      note: col(9) || null,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const c = ORG_IMPORT_COLUMNS.find((x) => x.field === issue.path[0]);
      throw bad(`${c?.zh ?? String(issue.path[0])}：${issue.message}`, `${c?.en ?? String(issue.path[0])}: ${issue.message}`);
    }
    const there = await byName(trx, name);
    if (there) {
      if (there.kind !== kind) throw bad(`「${name}」已登记，类型为「${there.kind}」`, `${name} is registered already, as ${there.kind}`);
      return "unchanged";
    }
    await orgs.create(who, parsed.data, trx);
    return "created";
  });
}
