// Two UI languages: zh-CN (default) and English. Every UI string is written in both, in place:
// t("工作台", "Dashboard"). The choice is kept in localStorage and in a `lang` cookie, which the
// server reads too (so XLSX exports and error messages come back in the same language).
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { setApiLang } from "../api/client";
import type { Label, Lang } from "../api/types";
import { LANG_KEY, storedLang } from "./lang-store";

function applyLang(lang: Lang) {
  setApiLang(lang);
  dayjs.locale(lang === "zh" ? "zh-cn" : "en");
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  // biome-ignore lint/suspicious/noDocumentCookie: the server reads the UI language from this cookie; CookieStore is not in every browser yet
  document.cookie = `lang=${lang}; path=/; max-age=31536000; SameSite=Lax`;
}

/** "中文 / English" messages (contracts' zod messages) → the half in the UI language. */
export function splitBilingual(s: string, lang: Lang): string {
  const i = s.indexOf(" / ");
  if (i < 0) return s;
  return lang === "zh" ? s.slice(0, i) : s.slice(i + 3);
}

type I18n = {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (zh: string, en: string) => string;
  /** A server label that may be a plain string or {zh, en}. */
  pick: (l: Label | null | undefined) => string;
};

const Ctx = createContext<I18n | null>(null);

const first = storedLang();
applyLang(first);

export function LangProvider({ children, onChange }: { children: ReactNode; onChange?: (l: Lang) => void }) {
  const [lang, setLangState] = useState<Lang>(first);
  useEffect(() => {
    document.title = lang === "zh" ? "社区 · 数字社区工作台" : "Shequ · Digital community workbench";
  }, [lang]);
  const setLang = useCallback(
    (l: Lang) => {
      try {
        localStorage.setItem(LANG_KEY, l);
      } catch {
        // ignore
      }
      applyLang(l);
      setLangState(l);
      onChange?.(l);
    },
    [onChange],
  );
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (zh, en) => (lang === "zh" ? zh : en),
      pick: (l) => (l == null ? "" : typeof l === "string" ? splitBilingual(l, lang) : (l[lang] ?? l.zh)),
    }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error("useI18n outside LangProvider");
  return v;
}
