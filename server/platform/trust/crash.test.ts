import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import { connect, type Database } from "../../db/connect.js";
import { DEMO_PASSWORD } from "../../demo/world.js";
import { ROOT } from "../../paths.js";
import { factories, makeWorld } from "../../test/factories.js";
import { PG_URL, TEST_DB } from "../../test/helpers.js";
import { verifyAudit } from "../audit.js";

// The server as `npm start` runs it (one esbuild bundle), in a child process killed with SIGKILL in
// the middle of concurrent bulk syncs, single check-ins, an appeal registration burst and an XLSX
// import; then started again on the same data. Every write answered 2xx must be there exactly once,
// the import all or nothing, the database intact and the audit chain whole.

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function bundle() {
  const outfile = path.join(ROOT, "dist", `crash-test-${process.pid}`, "main.js");
  await build({
    entryPoints: [path.join(ROOT, "server", "main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  cleanups.push(async () => fs.rmSync(path.dirname(outfile), { recursive: true, force: true }));
  return outfile;
}

function startServer(main: string, env: Record<string, string>) {
  const port = 21000 + Math.floor(Math.random() * 20000);
  const proc = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SHEQU_SKIP_WEB_BUILD: "1",
      SHEQU_LOG_LEVEL: process.env.CRASH_LOG ?? "silent",
      SHEQU_TRUST_PROXY: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  proc.stderr?.on("data", (b: Buffer) => {
    err += b.toString();
  });
  const ready = new Promise<void>((resolve, reject) => {
    proc.once("exit", (code) => reject(new Error(`server exited ${code}: ${err}`)));
    proc.stdout?.on("data", (b: Buffer) => {
      if (process.env.CRASH_LOG_FILE) fs.appendFileSync(process.env.CRASH_LOG_FILE, b);
      if (b.toString().includes("is running at")) resolve();
    });
  });
  cleanups.push(async () => {
    if (proc.exitCode === null) proc.kill("SIGKILL");
  });
  return { proc, base: `http://127.0.0.1:${port}`, ready };
}
const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once("exit", () => r())));

type Session = { cookie: string; csrf: string };
async function session(base: string, username: string, ip: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}
let lastError = "";
/** The status, or 0 when the connection broke (the server died): the write's fate is unknown. */
async function send(base: string, s: Session, url: string, body: unknown, extra: Record<string, string> = {}): Promise<number> {
  try {
    const isBuf = Buffer.isBuffer(body);
    const res = await fetch(`${base}${url}`, {
      method: "POST",
      headers: { ...(isBuf ? {} : { "content-type": "application/json" }), cookie: s.cookie, "x-csrf-token": s.csrf, ...extra },
      body: isBuf ? new Uint8Array(body) : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 500) lastError = `${res.status} ${url} ${text}`;
    return res.status;
  } catch {
    return 0;
  }
}

async function importBook(rows: number, tag: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("导出");
  const h = ["工单编号", "来源渠道", "类型", "诉求类型", "小类", "紧急程度", "标题", "诉求内容", "地址", "网格", "诉求人", "登记时间"];
  ws.addRow(h);
  for (let i = 0; i < rows; i++)
    ws.addRow([
      `${tag}${String(i).padStart(6, "0")}`,
      "民意速办平台",
      "诉求",
      "投诉",
      "噪音扰民",
      "一般件",
      `崩溃测试导入${i}`,
      "导入的历史案件",
      "福民路1号",
      "第2网格",
      "王先生",
      "2024-05-10 09:30",
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function multipart(buf: Buffer) {
  const boundary = `----crash${randomBytes(6).toString("hex")}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cases.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, type: `multipart/form-data; boundary=${boundary}` };
}

describe(`crash: SIGKILL under load (${TEST_DB})`, () => {
  it("after a restart every acknowledged write is there exactly once, the import all or nothing, integrity and the audit chain ok", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-crash-"));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    let url = "";
    let database: Database | undefined;
    if (TEST_DB === "postgres") {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`create schema ${schema}`);
      await c.end();
      const u = new URL(PG_URL);
      u.searchParams.set("options", `-c search_path=${schema}`);
      url = u.toString();
      database = connect({ databaseUrl: PG_URL, pgSchema: schema });
      cleanups.push(async () => {
        const d = new pg.Client({ connectionString: PG_URL });
        await d.connect();
        await d.query(`drop schema if exists ${schema} cascade`);
        await d.end();
      });
    }
    const env = { SHEQU_DATA_DIR: dataDir, DATABASE_URL: url, SHEQU_DEMO: "0" };
    // The world and eight patrol points, made in process; then the server runs alone on the data.
    const setup = await buildApp(loadConfig({ ...env, SHEQU_LOG_LEVEL: "silent" }), database ? { database } : {});
    const world = await makeWorld(setup.deps, { people: 5, factories: factories(setup.deps) });
    const lr = await setup.inject({ method: "POST", url: "/api/auth/login", payload: { username: "leader", password: DEMO_PASSWORD } });
    const lh = { cookie: `shequ_sid=${lr.cookies.find((c) => c.name === "shequ_sid")?.value}`, "x-csrf-token": lr.json().csrfToken as string };
    const points: Array<{ id: string; token: string; lng: number; lat: number }> = [];
    for (let i = 0; i < 8; i++) {
      const lng = 114.0465 + (i % 4) * 0.002;
      const lat = 22.6725 + Math.floor(i / 4) * 0.002;
      const r = await setup.inject({
        method: "POST",
        url: "/api/patrol/points",
        headers: lh,
        payload: { communityId: world.communityId, name: `崩溃点${i}`, kind: "消防通道", lng, lat, force: "community" },
      });
      expect(r.statusCode, r.body).toBe(201);
      const label = (await setup.inject({ method: "GET", url: `/api/patrol/points/labels?ids=${r.json().id}`, headers: lh })).json()[0];
      points.push({ id: r.json().id, token: new URL(label.url).searchParams.get("t") as string, lng, lat });
    }
    await setup.close();
    const main = await bundle();
    const xlsx = await importBook(300, `CRASH${TEST_DB === "postgres" ? "P" : "S"}`);

    const s1 = startServer(main, env);
    await s1.ready;
    const base = s1.base;
    const officers = await Promise.all(["patrol01", "patrol02", "patrol03"].map((u, i) => session(base, u, `10.1.0.${i + 1}`)));
    const staff = await session(base, "staff", "10.1.1.1");

    const acked = { checkins: new Set<string>(), appeals: new Set<string>() };
    const sent = { checkins: new Set<string>(), appeals: new Set<string>() };
    let alive = true;
    let t = Date.now() - 6 * 3600_000;
    let n = 0;
    const checkin = (k: string) => {
      const p = points[n++ % points.length];
      t += 1000;
      return {
        clientId: k,
        pointId: p.id,
        method: "qr",
        token: p.token,
        deviceTime: new Date(t).toISOString(),
        lat: p.lat,
        lng: p.lng,
        accuracyM: 8,
        result: "normal",
      };
    };
    const loops: Array<Promise<void>> = [];
    // Two devices syncing their queues, 100 check-ins a batch.
    for (const [d, o] of [officers[0], officers[1]].entries())
      loops.push(
        (async () => {
          for (let b = 0; alive; b++) {
            const batch = Array.from({ length: 100 }, (_, i) => checkin(`bulk-${d}-${b}-${i}`));
            for (const c of batch) sent.checkins.add(c.clientId);
            const st = await send(base, o, "/api/patrol/sync", { checkins: batch, sentAt: new Date().toISOString() });
            if (st === 200) for (const c of batch) acked.checkins.add(c.clientId);
            else if (st !== 0) throw new Error(`sync ${st}: ${lastError}`);
          }
        })(),
      );
    // Single check-ins from 6 phones.
    for (let c = 0; c < 6; c++)
      loops.push(
        (async () => {
          for (let k = 0; alive; k++) {
            const body = checkin(`single-${c}-${k}`);
            sent.checkins.add(body.clientId);
            const st = await send(base, officers[2], "/api/patrol/checkins", body);
            if (st === 201 || st === 200) acked.checkins.add(body.clientId);
            else if (st !== 0) throw new Error(`checkin ${st}: ${lastError}`);
          }
        })(),
      );
    // A burst of appeal registrations.
    for (let c = 0; c < 4; c++)
      loops.push(
        (async () => {
          for (let k = 0; alive; k++) {
            const title = `崩溃测试${c}-${k}`;
            sent.appeals.add(title);
            const st = await send(base, staff, "/api/appeals", {
              communityId: world.communityId,
              channel: "12345",
              kind: "appeal",
              appealType: "complaint",
              categoryCode: "JM03",
              title,
              content: "深夜施工噪音",
              gridId: world.grids[0].id,
            });
            if (st === 201) acked.appeals.add(title);
            // Concurrent registrations each get their own tracking number (they once collided on
            // PostgreSQL: a 500): anything but an answer or the kill fails the test.
            else if (st !== 0) throw new Error(`appeal ${st}: ${lastError}`);
          }
        })(),
      );
    // The XLSX import, started once the load runs; the kill comes while it is in flight or just after.
    for (const t0 = Date.now(); (acked.checkins.size < 300 || acked.appeals.size < 5) && Date.now() - t0 < 8000; ) await new Promise((r) => setTimeout(r, 50));
    const m = multipart(xlsx);
    const importing = send(base, staff, `/api/appeals/import?communityId=${world.communityId}`, m.payload, { "content-type": m.type });
    await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 300)));
    s1.proc.kill("SIGKILL");
    await exited(s1.proc);
    alive = false;
    const importStatus = await importing;
    await Promise.all(loops);
    expect(acked.checkins.size).toBeGreaterThan(0);
    expect(acked.appeals.size).toBeGreaterThan(0);

    // Started again on the same data: it opens, recovers and answers; then it is stopped and the data read.
    const s2 = startServer(main, env);
    await s2.ready;
    expect((await session(s2.base, "leader", "10.2.0.1")).csrf).toBeTruthy();
    s2.proc.kill("SIGTERM");
    await exited(s2.proc);

    const check = database ?? connect({ sqliteFile: path.join(dataDir, "shequ.db") });
    if (!database) cleanups.push(() => check.close());
    try {
      const db = check.db;
      const ids = (await db.selectFrom("patrol_checkins").select("client_id").execute()).map((r) => r.client_id as string);
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      for (const id of acked.checkins) expect(counts.get(id), `acknowledged check-in ${id}`).toBe(1);
      for (const [id, c] of counts) {
        expect(c).toBe(1);
        expect(sent.checkins.has(id)).toBe(true);
      }
      const titles = (
        await db.selectFrom("appeals").select("title").where("title", "like", "崩溃测试%").where("title", "not like", "崩溃测试导入%").execute()
      ).map((r) => r.title);
      const tc = new Map<string, number>();
      for (const x of titles) tc.set(x, (tc.get(x) ?? 0) + 1);
      for (const x of acked.appeals) expect(tc.get(x), `acknowledged appeal ${x}`).toBe(1);
      for (const [, c] of tc) expect(c).toBe(1);
      const imported = Number(
        (
          await db
            .selectFrom("appeals")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("title", "like", "崩溃测试导入%")
            .executeTakeFirstOrThrow()
        ).n,
      );
      // All or nothing; all when it was answered.
      expect([0, 300]).toContain(imported);
      if (importStatus === 200) expect(imported).toBe(300);
      if (TEST_DB === "sqlite") expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows).toEqual([{ integrity_check: "ok" }]);
      expect(await verifyAudit(db)).toMatchObject({ ok: true });
      console.log(
        `crash (${TEST_DB}): ${acked.checkins.size} check-ins and ${acked.appeals.size} appeals acknowledged before the kill, ${counts.size - acked.checkins.size} more stored unanswered; import ${importStatus || "cut"} → ${imported} rows`,
      );
    } finally {
      if (database) await database.close();
    }
  });
});
