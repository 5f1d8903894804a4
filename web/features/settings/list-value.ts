// List-valued settings (dates, codes, numbers) are edited as text: one item a line, or separated by
// commas, semicolons or spaces. Pure functions, shared by the settings page and its test.

export type Scalar = string | number;

/** A list of strings or numbers (an empty list counts). */
export const isScalarList = (v: unknown): v is Scalar[] => Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number");

/** Whether a setting is list-valued: by its default, else by its value. */
export const isListSetting = (s: { default: unknown; value: unknown }) =>
  isScalarList(s.default) && (s.default.length > 0 || isScalarList(s.value) || s.value === undefined);

/** One item a line. */
export const listToText = (v: readonly Scalar[]) => v.join("\n");

/** The items of a text: split on new lines, commas (also ，、), semicolons and spaces, empty ones dropped. */
export const splitItems = (text: string) => text.split(/[\s,，、;；]+/).filter(Boolean);

/**
 * Text → list (see splitItems). Numbers when the list is numeric (by `like`, the default or current value), else strings; an item
 * of a numeric list that is not a number is an error naming it.
 */
export function textToList(text: string, like: readonly unknown[]): { ok: true; value: Scalar[] } | { ok: false; bad: string } {
  const items = splitItems(text);
  const numeric = like.length > 0 && like.every((x) => typeof x === "number");
  if (!numeric) return { ok: true, value: items };
  const out: number[] = [];
  for (const x of items) {
    const n = Number(x);
    if (!Number.isFinite(n)) return { ok: false, bad: x };
    out.push(n);
  }
  return { ok: true, value: out };
}

/** A short rendering for a table cell: the first few items and how many there are. */
export function listSummary(v: readonly Scalar[], first = 3): string {
  if (v.length <= first) return v.join(", ");
  return `${v.slice(0, first).join(", ")} … (${v.length})`;
}
