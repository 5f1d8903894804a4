// The scheduler: jobs that run in the server (reminders, escalations), registered by modules like
// figures and to-dos (`<m>.jobs.ts`). Each registered job has a row in `jobs` (migration 019) with
// the time it runs next, who holds it and until when, and what its last run did, so a restart
// neither loses a job nor runs it early. On PostgreSQL with several server processes each due job
// is claimed by one of them (`FOR UPDATE SKIP LOCKED`, the claim checked again on the row), runs
// there once, and is released with its next time; a process that dies holding a job loses it when
// its lease (`claimed_until`) passes. On SQLite the one process claims the same way. The clock is
// injected: tests call `tick()` at the instants they set; `start()` (server/main.ts) polls.
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/connect.js";
import type { DB } from "../db/types.js";
import type { Clock } from "./clock.js";
import type { Msg } from "./errors.js";
import { withZod } from "./http.js";
import { type Scope, scopeOfRegion } from "./scope.js";

export type JobContext = {
  now: Date;
  db: Kysely<DB>;
  /** What the job's last run kept (`state` of its answer), or null on its first run. */
  state: unknown;
};

/** What a run answers: figures for the jobs page (`{ notified: 3 }`), and state for the next run. */
export type JobOutcome = { result?: Record<string, number | string>; state?: unknown } | undefined;

export type JobDef = {
  key: string;
  module: string;
  label: Msg;
  /** Runs again this long after a run ends (or fails). */
  everyMs: number;
  run: (ctx: JobContext) => Promise<JobOutcome | void>;
};

export type RunReport = { key: string; ok: boolean; result?: Record<string, number | string>; error?: string };

export type Scheduler = ReturnType<typeof createScheduler>;

export type SchedulerOptions = {
  db: Kysely<DB>;
  dialect: Database["dialect"];
  clock: Clock;
  /** How long a claim holds: a process gone for longer than this loses its jobs to another. */
  leaseMs?: number;
  /** How often `start()` looks for due jobs. */
  pollMs?: number;
  /** Names this process in `claimed_by` (host, pid and a random part by default). */
  instanceId?: string;
  onError?: (key: string, e: unknown) => void;
};

export function createScheduler(opts: SchedulerOptions) {
  const { db, dialect, clock } = opts;
  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  const pollMs = opts.pollMs ?? 5_000;
  const me = opts.instanceId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const onError = opts.onError ?? ((key: string, e: unknown) => console.error(`job ${key} failed:`, e));
  const jobs = new Map<string, JobDef>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<RunReport[]> | null = null;
  let again = false;
  let known = new Set<string>();

  /** A row for every registered job not yet in the table, due at once. */
  async function ensureRows(now: string) {
    const missing = [...jobs.keys()].filter((k) => !known.has(k));
    if (!missing.length) return;
    await db
      .insertInto("jobs")
      .values(missing.map((key) => ({ key, next_run_at: now, runs: 0, updated_at: now })))
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    known = new Set(jobs.keys());
  }

  /** Claims the due jobs no live process holds; answers the claimed keys with their state. */
  async function claim(now: string): Promise<Array<{ key: string; state: string | null }>> {
    const keys = [...jobs.keys()];
    if (!keys.length) return [];
    const until = new Date(new Date(now).getTime() + leaseMs).toISOString();
    let due = db
      .selectFrom("jobs")
      .select("key")
      .where("key", "in", keys)
      .where("next_run_at", "<=", now)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]));
    if (dialect === "postgres") due = due.forUpdate().skipLocked();
    // The outer conditions are checked again on the row a concurrent claim may just have taken.
    return db
      .updateTable("jobs")
      .set({ claimed_by: me, claimed_until: until, last_started_at: now, updated_at: now })
      .where("key", "in", due)
      .where("next_run_at", "<=", now)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]))
      .returning(["key", "state"])
      .execute();
  }

  async function runOne(def: JobDef, state: string | null): Promise<RunReport> {
    const started = clock.now();
    let report: RunReport;
    let nextState = state;
    try {
      const out = (await def.run({ now: started, db, state: state ? JSON.parse(state) : null })) ?? undefined;
      if (out && "state" in out) nextState = out.state === undefined ? null : JSON.stringify(out.state);
      report = { key: def.key, ok: true, result: out?.result ?? {} };
    } catch (e) {
      onError(def.key, e);
      report = { key: def.key, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    const ended = clock.now();
    await db
      .updateTable("jobs")
      .set((eb) => ({
        next_run_at: new Date(ended.getTime() + def.everyMs).toISOString(),
        claimed_by: null,
        claimed_until: null,
        last_finished_at: ended.toISOString(),
        last_result: report.ok ? JSON.stringify(report.result) : null,
        last_error: report.ok ? null : (report.error ?? "error").slice(0, 2000),
        runs: eb("runs", "+", 1),
        state: nextState,
        updated_at: ended.toISOString(),
      }))
      .where("key", "=", def.key)
      .where("claimed_by", "=", me)
      .execute();
    return report;
  }

  async function tickOnce(): Promise<RunReport[]> {
    const now = clock.now().toISOString();
    await ensureRows(now);
    const claimed = await claim(now);
    const reports: RunReport[] = [];
    // One after another: a job's queries never compete with its neighbours' on SQLite's one connection.
    for (const c of claimed) {
      const def = jobs.get(c.key);
      if (def) reports.push(await runOne(def, c.state));
    }
    return reports;
  }

  const scheduler = {
    instanceId: me,
    register(def: JobDef) {
      if (jobs.has(def.key)) throw new Error(`job ${def.key} registered twice`);
      if (!(def.everyMs > 0)) throw new Error(`job ${def.key}: everyMs must be positive`);
      jobs.set(def.key, def);
    },
    get: (key: string) => jobs.get(key),
    all: () => [...jobs.values()],
    /** Runs the jobs due now, each once; a tick while one runs waits for it and then looks again. */
    async tick(): Promise<RunReport[]> {
      if (running) {
        again = true;
        return running;
      }
      running = tickOnce().finally(() => {
        running = null;
      });
      const out = await running;
      if (again) {
        again = false;
        return [...out, ...(await scheduler.tick())];
      }
      return out;
    },
    /** Makes a job due now (an event happened: an urgent case was registered) and, when polling, looks at once. */
    async kick(key: string) {
      if (!jobs.has(key)) return;
      const now = clock.now().toISOString();
      await ensureRows(now);
      await db.updateTable("jobs").set({ next_run_at: now, updated_at: now }).where("key", "=", key).where("next_run_at", ">", now).execute();
      if (timer) setImmediate(() => scheduler.tick().catch((e) => onError(key, e)));
    },
    /** Polls every `pollMs` until `stop()`. */
    start() {
      if (timer) return;
      timer = setInterval(() => {
        scheduler.tick().catch((e) => onError("tick", e));
      }, pollMs);
      timer.unref();
      setImmediate(() => scheduler.tick().catch((e) => onError("tick", e)));
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => {});
    },
    /** The jobs' rows, for the jobs page. */
    async status() {
      const rows = await db
        .selectFrom("jobs")
        .selectAll()
        .where("key", "in", [...jobs.keys(), ""])
        .orderBy("key")
        .execute();
      return rows.map((r) => ({
        key: r.key,
        module: jobs.get(r.key)?.module ?? "",
        label: jobs.get(r.key)?.label ?? { zh: r.key, en: r.key },
        everyMs: jobs.get(r.key)?.everyMs ?? 0,
        nextRunAt: r.next_run_at,
        claimedBy: r.claimed_by,
        claimedUntil: r.claimed_until,
        lastStartedAt: r.last_started_at,
        lastFinishedAt: r.last_finished_at,
        lastResult: r.last_result ? (JSON.parse(r.last_result) as Record<string, number | string>) : null,
        lastError: r.last_error,
        runs: r.runs,
      }));
    },
  };
  return scheduler;
}

export function registerJobRoutes(app: FastifyInstance, scheduler: Scheduler) {
  withZod(app).get(
    "/api/jobs",
    {
      config: { permission: "settings.read" },
      schema: {
        operationId: "listJobs",
        tags: ["jobs"],
        summary: "定时任务及其上次运行 The scheduler's jobs and what their last run did",
        response: {
          200: z.object({
            items: z.array(
              z.object({
                key: z.string(),
                module: z.string(),
                label: z.object({ zh: z.string(), en: z.string() }),
                everyMs: z.number(),
                nextRunAt: z.string(),
                claimedBy: z.string().nullable(),
                claimedUntil: z.string().nullable(),
                lastStartedAt: z.string().nullable(),
                lastFinishedAt: z.string().nullable(),
                lastResult: z.record(z.string(), z.union([z.number(), z.string()])).nullable(),
                lastError: z.string().nullable(),
                runs: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await scheduler.status() }),
  );
}

/** The system acting over the whole tree (each top region), for jobs that go through a module's service. */
export async function systemWhos(db: Kysely<DB>): Promise<Array<{ user: null; scope: Scope }>> {
  const tops = await db.selectFrom("regions").select(["id", "path", "level", "community_id"]).where("parent_id", "is", null).execute();
  return tops.map((r) => ({ user: null, scope: scopeOfRegion(r) }));
}
