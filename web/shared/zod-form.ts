// Validate an antd form's values with a contracts/ zod schema (the same one the server uses) and
// put the problems on the fields, in the UI language.
import type { FormInstance } from "antd";
import type { z } from "zod";
import type { Lang } from "../api/types";
import { splitBilingual } from "../app/i18n";

type Issue = z.core.$ZodIssue;

function issueMessage(i: Issue, lang: Lang): string {
  const zh = lang === "zh";
  if (i.message?.includes(" / ")) return splitBilingual(i.message, lang);
  switch (i.code) {
    case "too_small":
      if (i.origin === "string" && Number(i.minimum) <= 1) return zh ? "必填" : "Required";
      if (i.origin === "string") return zh ? `至少 ${i.minimum} 个字符` : `At least ${i.minimum} characters`;
      return zh ? `不能小于 ${i.minimum}` : `Must be at least ${i.minimum}`;
    case "too_big":
      if (i.origin === "string") return zh ? `不能超过 ${i.maximum} 个字符` : `At most ${i.maximum} characters`;
      return zh ? `不能大于 ${i.maximum}` : `Must be at most ${i.maximum}`;
    case "invalid_type":
      return zh ? "必填" : "Required";
    case "invalid_value":
      return zh ? "请选择有效的选项" : "Choose a valid option";
    case "invalid_format":
      return zh ? "格式不正确" : "Invalid format";
    default:
      return i.message;
  }
}

/** Empty strings become null (the API's "no value"), strings are trimmed. */
export function clean<T extends Record<string, unknown>>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === "string") out[k] = v.trim() === "" ? null : v.trim();
    else out[k] = v === undefined ? undefined : v;
  }
  return out as T;
}

export function validateWith<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown, lang: Lang): z.output<S> | null {
  const r = schema.safeParse(values);
  if (r.success) return r.data;
  const byField = new Map<string, string[]>();
  for (const issue of r.error.issues) {
    const name = issue.path.length ? String(issue.path[0]) : "";
    byField.set(name, [...(byField.get(name) ?? []), issueMessage(issue, lang)]);
  }
  const registered = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const fields = [...byField].filter(([name]) => registered.has(name));
  form.setFields(fields.map(([name, errors]) => ({ name, errors })));
  const orphan = [...byField].filter(([name]) => !fields.some(([n]) => n === name)).flatMap(([n, e]) => e.map((m) => (n ? `${n}: ${m}` : m)));
  if (orphan.length) throw new Error(orphan.join("；"));
  return null;
}
