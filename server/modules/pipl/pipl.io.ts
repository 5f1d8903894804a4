// The resident's copy (查阅/复制) as one XLSX: a cover sheet saying whose data, for which request,
// made when and by whom, and what each register holds; then one sheet per register section.
import { PIPL_KIND_LABELS, type TPiplRequest } from "../../../contracts/pipl.js";
import { toXlsxBook } from "../../io/xlsx.js";
import type { Lang, Msg } from "../../platform/errors.js";
import type { PersonalSection } from "../../platform/personal-data.js";

type Section = PersonalSection & { provider: string; providerLabel: Msg };

export async function personalDataXlsx(
  lang: Lang,
  o: { request: TPiplRequest; name: string; madeAt: string; madeBy: string; sections: Section[] },
): Promise<Buffer> {
  const en = lang === "en";
  const cover = [
    { item: en ? "Person" : "本人", value: o.name },
    { item: en ? "Request" : "请求", value: `${PIPL_KIND_LABELS[o.request.kind][lang]} · ${o.request.receivedOn} · ${o.request.id}` },
    { item: en ? "Made at" : "生成时间", value: o.madeAt },
    { item: en ? "Made by" : "经办人", value: o.madeBy },
    {
      item: en ? "Note" : "说明",
      value: en
        ? "Everything Shequ holds about the person, register by register. Other people's data in these records is masked."
        : "社区工作台所存本人的全部个人信息，按登记簿分表列出；记录中他人的个人信息已脱敏。",
    },
    ...o.sections.map((s) => ({ item: `${s.providerLabel[lang]} · ${s.label[lang]}`, value: en ? `${s.rows.length} rows` : `${s.rows.length} 条` })),
  ];
  return toXlsxBook([
    {
      name: en ? "Summary" : "说明",
      columns: [
        { header: en ? "Item" : "项目", key: "item", width: 30 },
        { header: en ? "Value" : "内容", key: "value", width: 80 },
      ],
      rows: cover,
    },
    ...o.sections
      .filter((s) => s.rows.length)
      .map((s) => ({
        name: `${s.providerLabel[lang]}-${s.label[lang]}`,
        columns: s.columns.map((c) => ({ header: c.label[lang], key: c.key, width: Math.max(12, Math.min(40, c.label[lang].length * 2 + 4)) })),
        rows: s.rows,
      })),
  ]);
}
