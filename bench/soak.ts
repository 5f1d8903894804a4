// Soak (issue 17): mixed load — check-ins, appeal registrations, figures, lists, logins — against
// the server started as `npm start` starts it (a process of its own, on 127.0.0.1), at about half
// the capacity measured first; every minute it prints the server's RSS, the answers' p50/p99/max
// and errors, and at the end whether RSS or p99 drifted upward (a line fitted to the minutes).
// It asserts nothing; it stops by itself.
// Run: npx tsx bench/soak.ts [--minutes 30] [--rate N] [--port P] [--data-dir DIR]
//      (--rate: requests per second instead of half the measured capacity)
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { seedDemo } from "../server/demo/seed.js";
import { DEMO_PASSWORD } from "../server/demo/world.js";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "30" },
    rate: { type: "string" },
    port: { type: "string" },
    "data-dir": { type: "string" },
    "capacity-seconds": { type: "string", default: "20" },
    "capacity-only": { type: "boolean", default: false },
  },
});
const MINUTES = Number(values.minutes);
const dataDir = values["data-dir"] ? path.resolve(values["data-dir"]) : fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-soak-"));
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
const config = loadConfig({ ...process.env, DATABASE_URL: "", SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" });
const setup = await buildApp(config);
const world = await seedDemo(setup.deps, { people: 500, modules: [] });
await setup.close();

const port = Number(values.port ?? 20000 + Math.floor(Math.random() * 20000));
const server = spawn(process.execPath, [path.resolve("scripts/start.mjs")], {
  env: {
    ...process.env,
    DATABASE_URL: "",
    SHEQU_DATA_DIR: dataDir,
    SHEQU_LOG_LEVEL: "silent",
    SHEQU_TRUST_PROXY: "1",
    SHEQU_SKIP_WEB_BUILD: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
process.on("exit", () => server.kill("SIGTERM"));
await new Promise<void>((resolve, reject) => {
  server.once("exit", (code) => reject(new Error(`server exited ${code}`)));
  server.stdout.on("data", (b: Buffer) => {
    if (b.toString().includes("is running at")) resolve();
  });
});
const base = `http://127.0.0.1:${port}`;
const rssMb = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};
const dbMb = () =>
  ["shequ.db", "shequ.db-wal"].reduce((s, f) => s + (fs.existsSync(path.join(dataDir, f)) ? fs.statSync(path.join(dataDir, f)).size : 0), 0) / 1e6;

type S = { cookie: string; csrf: string };
/** The status of the last answer (read by the tally of the request that made it). */
let lastStatus = 0;
const fetchSeen = (url: string, init: RequestInit) =>
  fetch(url, init).then((r) => {
    lastStatus = r.status;
    return r;
  });
let ipSeq = 0;
const nextIp = () => `10.20.${Math.floor(++ipSeq / 250) % 250}.${(ipSeq % 250) + 1}`;
async function login(username: string): Promise<{ s: S; status: number }> {
  const res = await fetchSeen(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": nextIp() },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { csrfToken?: string };
  return { s: { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0], csrf: body.csrfToken ?? "" }, status: res.status };
}
const send = (s: S, method: string, url: string, body?: unknown) =>
  fetchSeen(`${base}${url}`, {
    method,
    headers: { cookie: s.cookie, "x-csrf-token": s.csrf, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const leader = (await login("leader")).s;
const staff = (await login("staff")).s;
const officers = await Promise.all(["patrol01", "patrol02", "patrol03"].map(async (u) => (await login(u)).s));

// Patrol points to check in at, with their QR tokens.
const points: Array<{ id: string; lng: number; lat: number; token: string }> = [];
for (let i = 0; i < 12; i++) {
  const lng = 114.0465 + (i % 4) * 0.003;
  const lat = 22.6725 + Math.floor(i / 4) * 0.003;
  const res = await send(leader, "POST", "/api/patrol/points", {
    communityId: world.communityId,
    name: `浸泡点${i + 1}`,
    kind: "消防通道",
    lng,
    lat,
    force: "community",
  });
  const p = (await res.json()) as { id: string };
  const label = (await (await send(leader, "GET", `/api/patrol/points/labels?ids=${p.id}`)).json()) as Array<{ url: string }>;
  points.push({ id: p.id, lng, lat, token: new URL(label[0].url).searchParams.get("t") as string });
}
const categories = (await (await send(staff, "GET", "/api/appeals/categories")).json()) as Array<{ code: string }> | { items: Array<{ code: string }> };
// A leaf of the catalogue (a case is filed under a sub-category, JM03, not under JM).
const categoryCode = (Array.isArray(categories) ? categories : categories.items).map((c) => c.code).find((c) => c.length > 2);
const figureKeys = (await (await send(leader, "GET", "/api/figures")).json()) as Array<{ key: string }> | { items: Array<{ key: string }> } as never;
const keys: string[] = (Array.isArray(figureKeys) ? figureKeys : (figureKeys as { items: Array<{ key: string }> }).items)
  .map((f: { key: string }) => f.key)
  .slice(0, 12);

let seq = 0;
let deviceTs = Date.now() - 24 * 3600_000;
type Kind = "checkin" | "appeal" | "figure" | "list" | "login";
const MIX: Array<[Kind, number]> = [
  ["checkin", 30],
  ["appeal", 15],
  ["figure", 20],
  ["list", 25],
  ["login", 10],
];
const pick = (): Kind => {
  let r = Math.random() * 100;
  for (const [k, w] of MIX) {
    r -= w;
    if (r < 0) return k;
  }
  return "list";
};
const LISTS = ["/api/appeals?pageSize=20", "/api/people?pageSize=20", "/api/patrol/points?pageSize=20", "/api/todos", "/api/notifications?pageSize=20"];
/** Per kind: answers by status, and latencies, for the closing table. */
const byKind = new Map<Kind, { statuses: Map<number, number>; lat: number[] }>();
/** One request of the mix, timed and tallied by kind; true when answered as expected. */
async function one(kind: Kind): Promise<boolean> {
  const t = performance.now();
  let ok = false;
  lastStatus = 0;
  try {
    ok = await request(kind);
  } finally {
    let k = byKind.get(kind);
    if (!k) {
      k = { statuses: new Map(), lat: [] };
      byKind.set(kind, k);
    }
    k.statuses.set(lastStatus, (k.statuses.get(lastStatus) ?? 0) + 1);
    k.lat.push(performance.now() - t);
  }
  return ok;
}
async function request(kind: Kind): Promise<boolean> {
  const n = ++seq;
  switch (kind) {
    case "checkin": {
      const p = points[n % points.length];
      deviceTs += 500;
      const res = await send(officers[n % officers.length], "POST", "/api/patrol/checkins", {
        clientId: `soak-${process.pid}-${n}`,
        pointId: p.id,
        method: "qr",
        token: p.token,
        deviceTime: new Date(Math.min(deviceTs, Date.now())).toISOString(),
        lat: p.lat,
        lng: p.lng,
        accuracyM: 8,
      });
      await res.arrayBuffer();
      return res.status === 201 || res.status === 200;
    }
    case "appeal": {
      const res = await send(staff, "POST", "/api/appeals", {
        communityId: world.communityId,
        channel: "phone",
        kind: "appeal",
        appealType: "help",
        categoryCode,
        title: `浸泡测试诉求${n}`,
        content: "楼道灯不亮，请尽快处理。",
      });
      await res.arrayBuffer();
      return res.status === 201 || res.status === 200;
    }
    case "figure": {
      const res = await send(leader, "GET", `/api/figures/${keys[n % keys.length]}?region=${world.communityId}&from=2025-01-01&to=2025-12-31`);
      await res.arrayBuffer();
      return res.status === 200;
    }
    case "list": {
      const res = await send(n % 2 ? leader : staff, "GET", LISTS[n % LISTS.length]);
      await res.arrayBuffer();
      return res.status === 200;
    }
    case "login": {
      const { s, status } = await login(`grid${String((n % 12) + 1).padStart(2, "0")}`);
      if (status !== 200) return false;
      const out = await send(s, "POST", "/api/auth/logout", {});
      await out.arrayBuffer();
      return out.ok;
    }
  }
}

// 1. Capacity: 16 clients back to back for a while.
const capSeconds = Number(values["capacity-seconds"]);
const kindsDuringSoak = () => byKind.clear();
let done = 0;
const capEnd = performance.now() + capSeconds * 1000;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (performance.now() < capEnd) {
      await one(pick());
      done++;
    }
  }),
);
const capacity = done / capSeconds;
const rate = Number(values.rate ?? Math.max(1, Math.round(capacity / 2)));
console.log(`capacity: ${capacity.toFixed(0)} requests/s (16 clients, ${capSeconds} s, the mix below); soak at ${rate}/s for ${MINUTES} min`);
console.log(`mix: ${MIX.map(([k, w]) => `${k} ${w}%`).join(", ")}; server pid ${server.pid}, data ${dataDir}`);
if (values["capacity-only"]) {
  for (const [kind, k] of byKind)
    console.log(
      kind,
      k.lat.length,
      [...k.statuses].map(([st, n]) => `${st}×${n}`).join(" "),
      (k.lat.reduce((a, b) => a + b, 0) / k.lat.length).toFixed(0),
      "ms avg",
    );
  process.exit(0);
}
kindsDuringSoak();
console.log("minute  requests  errors  dropped  p50 ms  p99 ms  max ms  RSS MB  DB MB");

// 2. The soak: requests started at a steady rate (open loop), at most 256 in flight.
const rows: Array<{ rss: number; p99: number }> = [];
let inFlight = 0;
for (let minute = 1; minute <= MINUTES; minute++) {
  const lat: number[] = [];
  let errors = 0;
  let dropped = 0;
  const end = performance.now() + 60_000;
  let due = performance.now();
  const pending: Promise<void>[] = [];
  while (performance.now() < end) {
    const now = performance.now();
    while (due <= now) {
      due += 1000 / rate;
      if (inFlight >= 256) {
        dropped++;
        continue;
      }
      inFlight++;
      const t = performance.now();
      const p = one(pick())
        .then(
          (ok) => {
            if (!ok) errors++;
          },
          () => {
            errors++;
          },
        )
        .finally(() => {
          inFlight--;
          lat.push(performance.now() - t);
        });
      pending.push(p);
    }
    await new Promise((r) => setTimeout(r, Math.max(1, Math.min(20, due - performance.now()))));
  }
  await Promise.all(pending);
  lat.sort((a, b) => a - b);
  const pct = (q: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * q))] ?? Number.NaN;
  const rss = rssMb();
  rows.push({ rss, p99: pct(0.99) });
  console.log(
    [minute, lat.length, errors, dropped, pct(0.5).toFixed(1), pct(0.99).toFixed(1), (lat.at(-1) ?? Number.NaN).toFixed(0), rss.toFixed(0), dbMb().toFixed(1)]
      .map((v, i) => String(v).padStart(i === 0 ? 6 : 8))
      .join(""),
  );
}

/** Least-squares slope per minute, over the minutes after the first (the warm-up). */
const slope = (ys: number[]) => {
  const pts = ys.slice(1).map((y, i) => [i, y]);
  const n = pts.length;
  if (n < 2) return 0;
  const mx = pts.reduce((s, p) => s + p[0], 0) / n;
  const my = pts.reduce((s, p) => s + p[1], 0) / n;
  return pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
};
console.log("by kind: requests, answers by status, p50 / p99 ms");
for (const [kind, k] of byKind) {
  k.lat.sort((a, b) => a - b);
  const q = (x: number) => k.lat[Math.min(k.lat.length - 1, Math.floor(k.lat.length * x))].toFixed(1);
  console.log(`  ${kind.padEnd(8)} ${String(k.lat.length).padStart(7)}  ${[...k.statuses].map(([st, n]) => `${st}×${n}`).join(" ")}  ${q(0.5)} / ${q(0.99)}`);
}
const rssSlope = slope(rows.map((r) => r.rss));
const p99Slope = slope(rows.map((r) => r.p99));
console.log(
  `drift (fitted over minutes 2–${MINUTES}): RSS ${rssSlope >= 0 ? "+" : ""}${rssSlope.toFixed(2)} MB/min, p99 ${p99Slope >= 0 ? "+" : ""}${p99Slope.toFixed(2)} ms/min`,
);
server.kill("SIGTERM");
process.exit(0);
