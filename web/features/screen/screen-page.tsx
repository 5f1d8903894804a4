// 大屏 /screen for a 1920×1080 display: dark, big type, no scrollbars. Headline figures of the year
// so far beside last year's, a trend that rotates between figures, the map with its layers in turn,
// the live patrol feed and a ticker of new appeals (server-sent events). Opened with a signed link
// (?t=…) or by a signed-in role that reads the workbench; a revoked or expired link says so.
import { useCallback, useEffect, useRef, useState } from "react";
import type { TScreenData, TScreenTick } from "../../../contracts/screen";
import { useI18n } from "../../app/i18n";
import { fmtFigure } from "../../shared/format";
import { GeoMap, type GeoPoint } from "../map/geo-map";
import "./screen.css";

export const REFRESH_MS = 60_000;
const ROTATE_MS = 12_000;

type Checkin = { id: string; pointName: string; userName: string; result: string; flagged: boolean; deviceTime: string };
type Denied = { code: string; message: string };

const DENIED_TEXT: Record<string, { zh: string; en: string }> = {
  SCREEN_LINK_REVOKED: { zh: "大屏链接已被撤销", en: "This screen link has been revoked" },
  SCREEN_LINK_EXPIRED: { zh: "大屏链接已过期", en: "This screen link has expired" },
  SCREEN_LINK_INVALID: { zh: "大屏链接无效", en: "This screen link is not valid" },
  UNAUTHENTICATED: { zh: "请使用大屏链接或先登录", en: "Open this screen with its link, or log in first" },
  FORBIDDEN: { zh: "您的角色无权查看大屏", en: "Your role may not view the screen" },
};

function useClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}

function TrendBars({ trend, lang }: { trend: TScreenData["trends"][number]; lang: "zh" | "en" }) {
  const values = [...trend.thisYear.filter((v): v is number => v !== null), ...trend.lastYear];
  const max = Math.max(0, ...values);
  if (max === 0) return <div className="scr-nodata">{lang === "zh" ? "无数据" : "No data"}</div>;
  const W = 1000;
  const H = 300;
  const bw = W / 12;
  const y = (v: number) => H - (v / max) * (H - 30);
  return (
    <svg viewBox={`0 0 ${W} ${H + 40}`} preserveAspectRatio="none" className="scr-trend" role="img" aria-label={trend.label}>
      {trend.months.map((m, i) => {
        const a = trend.thisYear[i];
        const b = trend.lastYear[i];
        const x = i * bw;
        return (
          <g key={m}>
            <rect x={x + bw * 0.12} y={y(b)} width={bw * 0.36} height={H - y(b)} fill="#546e7a" />
            {a !== null && <rect x={x + bw * 0.5} y={y(a)} width={bw * 0.36} height={H - y(a)} fill="#00e5ff" />}
            {a !== null && a > 0 && (
              <text x={x + bw * 0.68} y={y(a) - 6} fill="#e0f7fa" fontSize="22" textAnchor="middle">
                {trend.unit === "ratio" ? `${Math.round(a * 100)}` : a}
              </text>
            )}
            <text x={x + bw / 2} y={H + 32} fill="#90caf9" fontSize="24" textAnchor="middle">
              {lang === "zh" ? `${i + 1}月` : i + 1}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export default function ScreenPage() {
  const { t, lang } = useI18n();
  const params = new URLSearchParams(window.location.search);
  const token = params.get("t") ?? undefined;
  const region = params.get("region") ?? undefined;
  const query = new URLSearchParams({ ...(token ? { t: token } : {}), ...(region && !token ? { region } : {}) }).toString();
  const [data, setData] = useState<TScreenData | null>(null);
  const [denied, setDenied] = useState<Denied | null>(null);
  const [failed, setFailed] = useState(false);
  const [checkins, setCheckins] = useState<Checkin[]>([]);
  const [ticks, setTicks] = useState<TScreenTick[]>([]);
  const [live, setLive] = useState(false);
  const [turn, setTurn] = useState(0);
  const now = useClock();
  const deniedRef = useRef(false);

  const load = useCallback(async () => {
    try {
      const res = await fetch(`/api/screen/data?${query}`, { credentials: "same-origin", headers: { "Accept-Language": lang === "zh" ? "zh-CN" : "en" } });
      if (res.status === 401 || res.status === 403) {
        const j = (await res.json().catch(() => ({}))) as { error?: Denied };
        deniedRef.current = true;
        setDenied(j.error ?? { code: "SCREEN_LINK_INVALID", message: "" });
        return;
      }
      if (!res.ok) throw new Error(String(res.status));
      const d = (await res.json()) as TScreenData;
      setData(d);
      setTicks((old) => {
        const seen = new Set(d.ticker.map((x) => x.id));
        return [...old.filter((x) => !seen.has(x.id)), ...d.ticker].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 20);
      });
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [query, lang]);

  // Auto-refresh; the first load at once.
  useEffect(() => {
    void load();
    const id = setInterval(() => {
      if (!deniedRef.current) void load();
    }, REFRESH_MS);
    return () => clearInterval(id);
  }, [load]);

  // Live feed: check-ins and new appeals; a link revoked while on is told by the server.
  // biome-ignore lint/correctness/useExhaustiveDependencies: one feed per screen, not per refresh
  useEffect(() => {
    if (denied || !data) return;
    const es = new EventSource(`/api/screen/live?${query}`);
    es.onopen = () => setLive(true);
    es.onerror = () => {
      setLive(false);
      // Closed for good (e.g. 401): the data request says why.
      if (es.readyState === EventSource.CLOSED) void load();
    };
    es.addEventListener("checkin", (m) => {
      const e = JSON.parse((m as MessageEvent).data) as Checkin;
      setCheckins((f) => (f.some((x) => x.id === e.id) ? f : [e, ...f].slice(0, 12)));
    });
    es.addEventListener("appeal", (m) => {
      const e = JSON.parse((m as MessageEvent).data) as TScreenTick;
      setTicks((f) => (f.some((x) => x.id === e.id) ? f : [e, ...f].slice(0, 20)));
    });
    es.addEventListener("denied", (m) => {
      es.close();
      deniedRef.current = true;
      setDenied(JSON.parse((m as MessageEvent).data) as Denied);
    });
    return () => es.close();
  }, [query, denied, !!data]);

  // Rotating sections: the trend and the map's layer take turns.
  useEffect(() => {
    const id = setInterval(() => setTurn((n) => n + 1), ROTATE_MS);
    return () => clearInterval(id);
  }, []);

  if (denied) {
    const txt = DENIED_TEXT[denied.code] ?? { zh: denied.message || "无法打开大屏", en: "This screen cannot be opened" };
    return (
      <div className="scr scr-denied" data-testid="screen-denied">
        <div className="scr-denied-box">
          <div className="scr-denied-code">401</div>
          <div className="scr-denied-zh">{txt.zh}</div>
          <div className="scr-denied-en">{txt.en}</div>
          <div className="scr-denied-hint">请向社区工作人员索取新的大屏链接 · Ask the community's staff for a new screen link</div>
        </div>
      </div>
    );
  }
  if (!data)
    return (
      <div className="scr scr-loading">
        {failed ? t("无法连接服务器，稍后自动重试", "Cannot reach the server; retrying") : t("大屏加载中…", "Loading the screen…")}
      </div>
    );

  const trend = data.trends.length ? data.trends[turn % data.trends.length] : null;
  const pointLayers = data.layers.filter((l) => l.kind === "points");
  const countLayers = data.layers;
  const shownPoints = pointLayers.length ? pointLayers[turn % pointLayers.length] : null;
  const shownCounts = countLayers.length ? countLayers[(turn + 1) % countLayers.length] : null;
  const color = new Map(shownPoints?.legend.map((x) => [x.state, x.color]) ?? []);
  const points: GeoPoint[] = (shownPoints?.data.points ?? []).map((p) => ({ id: p.id, lng: p.lng, lat: p.lat, color: color.get(p.state) ?? "#90a4ae" }));
  const counts = shownCounts ? new Map(shownCounts.data.counts.map((c) => [c.areaId, c.value])) : undefined;
  const time = now.toLocaleTimeString(lang === "zh" ? "zh-CN" : "en-GB", { hour12: false });
  const date = now.toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB", { year: "numeric", month: "long", day: "numeric", weekday: "long" });

  return (
    <div className="scr" data-testid="screen">
      <header className="scr-head">
        <div className="scr-title">
          {data.region.name} · {t("数字社区工作台", "Digital community workbench")}
        </div>
        <div className="scr-clock">
          <span className={live ? "scr-dot on" : "scr-dot"} title={live ? t("实时连接", "Live") : t("连接中断", "Reconnecting")} />
          {date} <strong>{time}</strong>
        </div>
      </header>
      <section className="scr-figures" data-testid="screen-figures">
        {data.figures.map((f) => {
          const [n, u] = fmtFigure(f.value, f.unit, lang);
          const diff = f.lastYear ? ((f.value - f.lastYear) / Math.abs(f.lastYear)) * 100 : null;
          return (
            <div key={f.key} className="scr-fig">
              <div className="scr-fig-label">{f.label}</div>
              <div className="scr-fig-value">
                {n}
                <small>{u}</small>
              </div>
              <div className="scr-fig-diff">
                {t("同比", "vs last year")}{" "}
                {diff === null ? "—" : <span className={diff >= 0 ? "up" : "down"}>{`${diff >= 0 ? "▲" : "▼"}${Math.abs(diff).toFixed(0)}%`}</span>}
              </div>
            </div>
          );
        })}
      </section>
      <section className="scr-map panel">
        <div className="panel-title">
          {t("一张图", "Map")} · {shownPoints?.label}
          {shownCounts && (
            <span className="panel-sub">
              {" "}
              · {t("分区计数", "per area")}：{shownCounts.label}
            </span>
          )}
        </div>
        <div className="scr-map-body">
          <GeoMap areas={data.areas} points={points} counts={counts} dark labelSize={20} pointSize={8} ariaLabel={t("网格地图", "Map of the grids")} />
        </div>
        {shownPoints && (
          <div className="scr-legend">
            {shownPoints.legend.map((x) => (
              <span key={x.state}>
                <i style={{ background: x.color }} />
                {x.label}
              </span>
            ))}
          </div>
        )}
      </section>
      <section className="scr-trend-box panel">
        <div className="panel-title">
          {t(`趋势 · ${trend?.label ?? ""}（${data.year} 年 / 上年）`, `Trend · ${trend?.label ?? ""} (${data.year} / last year)`)}
        </div>
        {trend ? <TrendBars trend={trend} lang={lang} /> : <div className="scr-nodata">{t("无数据", "No data")}</div>}
      </section>
      <section className="scr-feed panel" data-testid="screen-feed">
        <div className="panel-title">{t("巡查实时动态", "Live patrol")}</div>
        {checkins.length === 0 ? (
          <div className="scr-empty">{t("等待巡查打卡…", "Waiting for check-ins…")}</div>
        ) : (
          <ul>
            {checkins.map((c) => (
              <li key={c.id} className={c.result !== "normal" || c.flagged ? "warn" : ""}>
                <b>{new Date(c.deviceTime).toLocaleTimeString(lang === "zh" ? "zh-CN" : "en-GB", { hour12: false, hour: "2-digit", minute: "2-digit" })}</b>{" "}
                {c.pointName} · {c.userName} · {c.result === "normal" ? t("正常", "normal") : t("异常", "abnormal")}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="scr-ticker panel" data-testid="screen-ticker">
        <div className="panel-title">{t("新诉求", "New appeals")}</div>
        {ticks.length === 0 ? (
          <div className="scr-empty">{t("近7天无新诉求", "No new appeals in 7 days")}</div>
        ) : (
          <ul>
            {ticks.map((x) => (
              <li key={x.id} className={x.urgent ? "warn" : ""}>
                <b>
                  {new Date(x.at).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", {
                    hour12: false,
                    month: "2-digit",
                    day: "2-digit",
                    hour: "2-digit",
                    minute: "2-digit",
                  })}
                </b>{" "}
                {x.urgent ? `【${t("紧急", "urgent")}】` : ""}
                {x.category} · {x.area}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
