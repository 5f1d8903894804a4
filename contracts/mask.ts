// One masking format everywhere (DOMAIN.md §9): pages, API responses, exports and logs.
// Lives in contracts/ so that server responses and web pages use the same function.

/** 身份证: first 3, last 4 — 110***********1234 */
export function maskIdNumber(v: string | null | undefined): string | null {
  if (!v) return v ?? null;
  if (v.length <= 7) return "*".repeat(v.length);
  return v.slice(0, 3) + "*".repeat(v.length - 7) + v.slice(-4);
}

/** Phone: 138****1234 */
export function maskPhone(v: string | null | undefined): string | null {
  if (!v) return v ?? null;
  if (v.length < 7) return "*".repeat(v.length);
  return v.slice(0, 3) + "*".repeat(v.length - 7) + v.slice(-4);
}

/** Name in public lists: 张* (given name hidden). */
export function maskName(v: string | null | undefined): string | null {
  if (!v) return v ?? null;
  const chars = Array.from(v);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: an ASCII-only test, not a control-character match
  if (/^[\x00-\x7f]+$/.test(v)) return `${chars[0]}***`;
  return chars[0] + "*".repeat(Math.max(1, chars.length - 1));
}

/** Address down to the building: drop the room / house number after 栋/座/号楼. */
export function maskAddress(v: string | null | undefined): string | null {
  if (!v) return v ?? null;
  const m = v.match(/^(.*?(?:栋|座|号楼|幢))/);
  return m ? `${m[1]}***` : v.replace(/\d+[室房号]?$/, "***");
}
