import { NUMBER_FORMS, type NumberForm, RATE_FORMS } from "./reports.numbers.rules.js";

// A sentence of the template, read: its text and placeholders in order. Pure; a template that
// names an unknown figure, a form that does not exist, a rate printed as a count or a brace left
// open is refused with the position.

export const SPECIALS = ["region", "year", "nextYear"] as const;
export type Part = { text: string } | { key: string; form: NumberForm } | { special: (typeof SPECIALS)[number] };

export class TemplateError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export function parseSentence(s: string, where: string, units: (key: string) => "count" | "yuan" | "ratio" | undefined): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf("{", i);
    const close = s.indexOf("}", i);
    if (close !== -1 && (open === -1 || close < open))
      throw new TemplateError(`${where}第${close + 1}个字符处多了“}”`, `${where}: a stray "}" at character ${close + 1}`);
    if (open === -1) {
      parts.push({ text: s.slice(i) });
      break;
    }
    if (open > i) parts.push({ text: s.slice(i, open) });
    const end = s.indexOf("}", open);
    if (end === -1) throw new TemplateError(`${where}第${open + 1}个字符处的“{”没有闭合`, `${where}: the "{" at character ${open + 1} is not closed`);
    const body = s.slice(open + 1, end).trim();
    if (body.includes("{"))
      throw new TemplateError(`${where}第${open + 1}个字符处的占位符格式有误`, `${where}: malformed placeholder at character ${open + 1}`);
    if ((SPECIALS as readonly string[]).includes(body)) parts.push({ special: body as (typeof SPECIALS)[number] });
    else {
      const [key, form = "exact"] = body.split(":").map((x) => x.trim());
      const unit = units(key);
      if (!unit) throw new TemplateError(`${where}第${open + 1}个字符处：没有指标「${key}」`, `${where}, character ${open + 1}: no figure "${key}"`);
      if (!(NUMBER_FORMS as readonly string[]).includes(form))
        throw new TemplateError(`${where}第${open + 1}个字符处：没有写法「${form}」`, `${where}, character ${open + 1}: no number form "${form}"`);
      const isRate = RATE_FORMS.includes(form as NumberForm);
      if (unit === "ratio" && !isRate && form !== "exact")
        throw new TemplateError(`${where}：比率指标「${key}」不能写成数量（${form}）`, `${where}: the rate ${key} cannot be printed as a count (${form})`);
      if (unit === "ratio" && form === "exact")
        throw new TemplateError(`${where}：比率指标「${key}」须写成 % 或 百分百`, `${where}: the rate ${key} needs the % or 百分百 form`);
      if (unit !== "ratio" && isRate)
        throw new TemplateError(`${where}：数量指标「${key}」不能写成比率`, `${where}: the count ${key} cannot be printed as a rate`);
      parts.push({ key, form: form as NumberForm });
    }
    i = end + 1;
  }
  return parts;
}
