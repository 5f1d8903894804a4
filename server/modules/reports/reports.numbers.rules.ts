// How the annual report writes a number, as the seed writes it (PRODUCT.md): small counts exact
// (46次), large ones rounded with the Chinese conventions — 逾百, 200余, 14万余, 近8000, 超5000 — money
// in 万元, rates as 100% or 百分百. Which form a sentence uses is part of its template
// (`{activities.count:余}`); the rule of each form is here, pure and tested at its boundaries.

export const NUMBER_FORMS = ["exact", "余", "逾", "近", "超", "万元", "%", "百分百"] as const;
export type NumberForm = (typeof NUMBER_FORMS)[number];
/** Forms for rates (unit ratio); every other form is for counts and money. */
export const RATE_FORMS: readonly NumberForm[] = ["%", "百分百"];

const digits = (n: number) => String(Math.trunc(Math.abs(n))).length;
/** n floored to `sig` significant digits (205 → 200 with 2, 76 → 70 with 1). */
const floorSig = (n: number, sig: number) => {
  const u = 10 ** Math.max(0, digits(n) - sig);
  return Math.floor(n / u) * u;
};
const ceilSig = (n: number, sig: number) => {
  const u = 10 ** Math.max(0, digits(n) - sig);
  return Math.ceil(n / u) * u;
};
/** A round count as the seed writes it: 140000 → 14万, 8000 → 8000. */
const wan = (n: number) => (n >= 10000 && n % 10000 === 0 ? `${n / 10000}万` : String(n));

/** 余 "and more": under 100 floored to the ten (20–29 → 20余), from 100 to two significant digits (200–209 → 200余, 14万余). */
function yu(n: number) {
  if (n < 10) return String(n);
  const f = n < 100 ? Math.floor(n / 10) * 10 : floorSig(n, 2);
  return `${wan(f)}余`;
}
/** 超 "over": floored to one significant digit (5001–5999 → 超5000, 71–79 → 超70); exact when already round. */
function chao(n: number) {
  if (n < 10) return String(n);
  const f = floorSig(n, 1);
  if (n === f) return wan(n);
  return `超${wan(f)}`;
}
/** 逾 "beyond": 101–199 逾百, 1001–1999 逾千, 10001–19999 逾万; otherwise as 超. */
function yuBeyond(n: number) {
  if (n > 100 && n < 200) return "逾百";
  if (n > 1000 && n < 2000) return "逾千";
  if (n > 10000 && n < 20000) return "逾万";
  return chao(n).replace(/^超/, "逾");
}
/** 近 "nearly": the next round number when within 2.5% of it (7800–7999 → 近8000); exact otherwise. */
function jin(n: number) {
  if (n < 10) return String(n);
  if (n === floorSig(n, 1)) return wan(n);
  for (const sig of [1, 2]) {
    const c = ceilSig(n, sig);
    if (c > n && n >= c * 0.975) return `近${wan(c)}`;
  }
  return String(n);
}
/** Money in yuan as 万元 (1560000 → 156万元, 1565000 → 156.5万元); under 1万 in 元. */
function wanYuan(yuan: number) {
  if (Math.abs(yuan) < 10000) return `${Math.round(yuan)}元`;
  const w = Math.round((yuan / 10000) * 10) / 10;
  return `${Number.isInteger(w) ? w : w.toFixed(1)}万元`;
}
/** A rate 0–1 as a percentage with at most one decimal (1 → 100%, 0.9321 → 93.2%). */
function pct(r: number) {
  const p = Math.round(r * 1000) / 10;
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}

/** The number as printed in the report, in the form its template names. */
export function writeNumber(value: number, form: NumberForm): string {
  switch (form) {
    case "exact":
      return Number.isInteger(value) ? String(value) : String(Math.round(value * 10) / 10);
    case "余":
      return yu(Math.round(value));
    case "逾":
      return yuBeyond(Math.round(value));
    case "近":
      return jin(Math.round(value));
    case "超":
      return chao(Math.round(value));
    case "万元":
      return wanYuan(value);
    case "%":
      return pct(value);
    case "百分百":
      return value >= 1 ? "百分百" : pct(value);
  }
}
