// What the first screen needs first, started by the entry (web/main.tsx) before the app's code is
// evaluated: the session check (every page asks who is signed in) and, on a page that declares it,
// that page's first request and its code. The app's own calls take these answers (startEarly in
// web/api/client.ts). Imports nothing of React or antd, so the entry stays a few kB.
import { startEarly } from "../api/client";
import { earlyReport } from "../features/reports/reports-early";

type EarlyPage = (pathname: string, search: URLSearchParams) => { urls: string[]; code?: () => Promise<unknown> } | undefined;

const PAGES: EarlyPage[] = [earlyReport];

export function startEarlyRequests(pathname: string, search: string) {
  startEarly("/api/auth/me");
  const sp = new URLSearchParams(search);
  for (const page of PAGES) {
    const e = page(pathname, sp);
    if (!e) continue;
    for (const url of e.urls) startEarly(url);
    void e.code?.().catch(() => undefined);
    return;
  }
}
