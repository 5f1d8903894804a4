// The UI language the user chose, kept in localStorage: read by the entry (its first requests go out
// in that language) and by the i18n provider.
import type { Lang } from "../api/types";

export const LANG_KEY = "shequ.lang";

export function storedLang(): Lang {
  try {
    const v = localStorage.getItem(LANG_KEY);
    if (v === "zh" || v === "en") return v;
  } catch {
    // storage blocked: default
  }
  return "zh";
}
