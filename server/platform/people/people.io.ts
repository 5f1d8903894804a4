import type { Kysely } from "kysely";
import { maskIdNumber } from "../../../contracts/mask.js";
import { PERSON_KIND_LABELS, PERSON_TAGS, ZPersonCreate } from "../../../contracts/platform.js";
import type { DB } from "../../db/types.js";
import { bad, cell, type ImportOpts, importRows, readSheet, templateXlsx } from "../../io/import.js";
import { communityInScope } from "../scope.js";
import type { Who } from "../who.js";
import type { PeopleService } from "./people.service.js";

// The 实有人口 register from a community's own sheet: one row per person, into one community, all
// or nothing. A person already registered (same ID number, or — without one — same name and phone)
// is "unchanged", so the same file read twice changes nothing.

export const PEOPLE_IMPORT_COLUMNS = [
  { zh: "姓名", en: "Name", example: "张三", required: true },
  { zh: "性别", en: "Gender", example: "男", required: true },
  { zh: "出生日期", en: "Birth date", example: "1980-05-06" },
  { zh: "身份证号", en: "ID number", example: "440309198005060013" },
  { zh: "手机号", en: "Phone", example: "13800138000" },
  { zh: "住址", en: "Address", example: "福城街道狮径3栋101" },
  { zh: "网格", en: "Grid", example: "第1网格" },
  { zh: "人口类型", en: "Kind", example: "户籍", required: true },
  { zh: "标签", en: "Tags", example: "老年人、独居老人" },
  { zh: "备注", en: "Note", example: "" },
] as const;

const FIELD_OF: Record<string, string> = { 姓名: "name", 出生日期: "birthDate", 身份证号: "idNumber", 手机号: "phone", 住址: "address", 备注: "note" };

/** The template's drop-down lists: the values the import takes for its enumerated columns. */
const CHOICES: Record<string, readonly string[]> = {
  性别: ["男", "女"],
  人口类型: Object.values(PERSON_KIND_LABELS).map((l) => l.zh),
};

export function peopleTemplate(en: boolean) {
  return templateXlsx(
    en ? "People" : "实有人口",
    PEOPLE_IMPORT_COLUMNS.map((c) => ({ header: en ? c.en : c.zh, example: c.example, width: 16, choices: CHOICES[c.zh] })),
  );
}

const kindOf = (s: string) =>
  (Object.keys(PERSON_KIND_LABELS) as Array<keyof typeof PERSON_KIND_LABELS>).find(
    (k) => k === s || PERSON_KIND_LABELS[k].zh === s || PERSON_KIND_LABELS[k].en.toLowerCase() === s.toLowerCase(),
  );
const genderOf = (s: string) => (["男", "m", "male"].includes(s.toLowerCase()) ? "M" : ["女", "f", "female"].includes(s.toLowerCase()) ? "F" : null);

export async function importPeople(db: Kysely<DB>, people: PeopleService, who: Who, communityId: string, buf: Buffer, opts: ImportOpts) {
  const community = await communityInScope(db, who.scope, communityId);
  const sheet = await readSheet(buf);
  const grids = await db.selectFrom("regions").select(["id", "name"]).where("parent_id", "=", community.id).where("level", "=", "grid").execute();
  const seen = new Map<string, number>();
  return importRows(db, sheet, opts, async (trx, { row, values }) => {
    const get = cell(values);
    const col = (i: number) => get(PEOPLE_IMPORT_COLUMNS[i].zh, PEOPLE_IMPORT_COLUMNS[i].en);
    const name = col(0);
    if (!name) throw bad("缺少姓名", "Name is missing");
    const gender = genderOf(col(1));
    if (!gender) throw bad(`性别「${col(1)}」应为 男 或 女`, `Gender "${col(1)}" must be M or F`);
    const kind = kindOf(col(7));
    if (!kind) throw bad(`人口类型「${col(7)}」应为 户籍、流动 或 境外`, `Kind "${col(7)}" must be registered, migrant or foreign`);
    const gridName = col(6);
    const grid = gridName ? grids.find((g) => g.name === gridName) : null;
    if (gridName && !grid) throw bad(`本社区没有名为「${gridName}」的网格`, `No grid named ${gridName} in this community`);
    const tags = col(8)
      .split(/[、,，;；\s]+/)
      .filter(Boolean);
    const unknownTag = tags.find((t) => !(PERSON_TAGS as readonly string[]).includes(t));
    if (unknownTag) throw bad(`标签「${unknownTag}」不在标签表中（${PERSON_TAGS.join("、")}）`, `Unknown tag ${unknownTag}`);
    const parsed = ZPersonCreate.safeParse({
      communityId: community.id,
      gridId: grid?.id ?? null,
      name,
      gender,
      birthDate: col(2) || null,
      idNumber: col(3) || null,
      phone: col(4) || null,
      address: col(5) || null,
      kind,
      tags: [...new Set(tags)],
      note: col(9) || null,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const c = PEOPLE_IMPORT_COLUMNS.find((x) => FIELD_OF[x.zh] === issue.path[0]);
      throw bad(`${c?.zh ?? String(issue.path[0])}：${issue.message}`, `${c?.en ?? String(issue.path[0])}: ${issue.message}`);
    }
    const p = parsed.data;
    const key = p.idNumber ? `id:${p.idNumber}` : `np:${p.name}|${p.phone ?? ""}`;
    const first = seen.get(key);
    if (first !== undefined) throw bad(`与第${first}行是同一人（${p.name}）`, `The same person as row ${first} (${p.name})`);
    seen.set(key, row);
    const lookup = trx.selectFrom("people").select(["id", "name", "id_number"]).where("community_id", "=", community.id);
    // Without an ID number a person is found by name and phone. "id_number IS NULL" stays out of
    // the SQL: SQLite would otherwise search the unique (community, ID number) index for NULL and
    // walk every person without one (the import of 100,000 people spent 90% of its time there).
    const there = p.idNumber
      ? await lookup.where("id_number", "=", p.idNumber).executeTakeFirst()
      : (
          await lookup
            .where("name", "=", p.name)
            .where("phone", p.phone ? "=" : "is", p.phone ?? null)
            .execute()
        ).find((x) => x.id_number === null);
    if (there) {
      if (there.name !== p.name)
        throw bad(
          `身份证号 ${maskIdNumber(p.idNumber ?? null)} 已登记为「${there.name}」，与「${p.name}」不符`,
          `ID number ${maskIdNumber(p.idNumber ?? null)} is registered as ${there.name}, not ${p.name}`,
        );
      return "unchanged";
    }
    await people.create(who, p, trx);
    return "created";
  });
}
