import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import {
  type CheckinFlag,
  type PatrolForce,
  type RoundStatus,
  type TCheckin,
  type TPlan,
  type TPlanCreate,
  type TPoint,
  type TPointCreate,
  type TPointStatus,
  type TPointUpdate,
  type TRound,
  type TSyncResult,
  type TTeam,
  type TTeamCreate,
  ZCheckinInput,
  ZPlanCreate,
  ZPointCreate,
  ZPointUpdate,
  ZTeamCreate,
} from "../../../contracts/patrol.js";
import { arg, hot, hotInsert } from "../../db/hot.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { gridAt } from "../../platform/regions/regions.service.js";
import { rowInScope, type Scope } from "../../platform/scope.js";
import { type SettingDef, settingFrom } from "../../platform/settings.js";
import { actorId, actorName, type Who } from "../../platform/who.js";
import { createHazardsService } from "../safety/hazards.service.js";
import type { LiveCheckin, LiveHub } from "./patrol.live.js";
import { CHECKIN_COLUMNS, checkinsInScope, POINT_COLUMNS, plansInScope, pointsInScope, roundsInScope, teamsInScope } from "./patrol.repo.js";
import { PATROL_SETTINGS } from "./patrol.settings.js";
import type { PatrolCheckinTable, PatrolPlanTable, PatrolPointDayTable, PatrolPointTable, PatrolRoundTable, PatrolUserLastTable } from "./patrol.tables.js";
import { addDays, daysBetween, distanceM, localDateOf, zonedInstant } from "./patrol.time.js";

const POINT = { zh: "巡查点", en: "Patrol point" };
const PLAN = { zh: "巡查计划", en: "Patrol plan" };
const CHECKIN = { zh: "打卡记录", en: "Check-in" };

const json = <T>(s: string | null | undefined, d: T): T => {
  if (!s) return d;
  try {
    return JSON.parse(s) as T;
  } catch {
    return d;
  }
};
const newToken = () => randomBytes(9).toString("base64url");
const chunks = <T>(xs: T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

export function toPoint(r: any): TPoint {
  return {
    id: r.id,
    communityId: r.community_id,
    gridId: r.grid_id,
    gridName: r.grid_name ?? null,
    code: r.code,
    name: r.name,
    kind: r.kind,
    lng: Number(r.lng),
    lat: Number(r.lat),
    radiusM: Number(r.radius_m),
    force: r.force,
    teamId: r.team_id,
    teamName: r.team_name ?? null,
    checklist: json(r.checklist, []),
    note: r.note,
    active: !!r.active,
    createdOn: r.created_on,
    retiredOn: r.retired_on,
    updatedAt: r.updated_at,
  };
}

export function toCheckin(r: any): TCheckin {
  return {
    id: r.id,
    clientId: r.client_id,
    communityId: r.community_id,
    gridId: r.grid_id,
    gridName: r.grid_name ?? null,
    pointId: r.point_id,
    pointName: r.point_name ?? null,
    roundId: r.round_id,
    userName: r.user_name,
    force: r.force,
    teamName: r.team_name ?? null,
    method: r.method,
    result: r.result,
    note: r.note,
    photos: json(r.photos, []),
    checklist: json(r.checklist, {}),
    lat: Number(r.lat),
    lng: Number(r.lng),
    accuracyM: r.accuracy_m == null ? null : Number(r.accuracy_m),
    distanceM: Number(r.distance_m),
    deviceTime: r.device_time,
    serverTime: r.server_time,
    date: r.local_date,
    flags: json(r.flags, []),
    reviewStatus: r.review_status,
    reviewedBy: r.reviewed_by,
    reviewNote: r.review_note,
    hazardId: r.hazard_id,
    hazardStatus: r.hazard_status ?? null,
  };
}

function toPlan(r: any): TPlan {
  return {
    id: r.id,
    communityId: r.community_id,
    name: r.name,
    force: r.force,
    teamId: r.team_id,
    teamName: r.team_name ?? null,
    assigneeIds: json(r.assignee_ids, []),
    pointIds: json(r.point_ids, []),
    frequency: r.frequency,
    everyNDays: r.every_n_days,
    windows: json(r.windows, []),
    order: r.order_mode,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    active: !!r.active,
  };
}

/** A round's state follows from its window and its counts, so it never needs a job to close it. */
export function roundStatus(r: { window_start: string; window_end: string; expected: number; visited: number }, nowIso: string): RoundStatus {
  if (r.visited >= r.expected) return "completed";
  if (nowIso < r.window_start) return "pending";
  if (nowIso <= r.window_end) return "in_progress";
  return r.visited > 0 ? "incomplete" : "expired";
}

/** Does a plan make rounds on this date? */
export function planRunsOn(p: Pick<PatrolPlanTable, "frequency" | "every_n_days" | "starts_on" | "ends_on" | "active">, date: string): boolean {
  if (!p.active || date < p.starts_on || (p.ends_on && date > p.ends_on)) return false;
  const n = daysBetween(p.starts_on, date);
  if (p.frequency === "weekly") return n % 7 === 0;
  if (p.frequency === "every_n_days") return n % (p.every_n_days ?? 1) === 0;
  return true;
}

export type CheckinOpts = {
  sentAt?: string | null;
  source?: "device" | "sync" | "import" | "demo";
  /** Also answer each stored check-in as the API shows it (saves reading it back). */
  detail?: boolean;
  /** Leave the audit entry to the caller (a group commit writes one per officer). */
  deferAudit?: boolean;
  /** The rows were already parsed with ZCheckinInput (the route's body schema did it). */
  validated?: boolean;
};
type AuditAfter = {
  accepted: number;
  duplicates: number;
  rejected: number;
  flagged: number;
  abnormal: number;
  from: string;
  to: string;
  source: string;
  ids?: string[];
};

type Prepared = {
  index: number;
  input: ReturnType<typeof ZCheckinInput.parse>;
  point: PatrolPointTable & { grid_path: string; grid_name: string | null; team_name: string | null };
};

/** Every column of patrol_checkins, in the order the multi-row insert binds them. */
export const CHECKIN_TABLE_COLUMNS = [
  "id",
  "client_id",
  "community_id",
  "grid_id",
  "point_id",
  "round_id",
  "user_id",
  "user_name",
  "team_id",
  "force",
  "method",
  "result",
  "note",
  "photos",
  "checklist",
  "lat",
  "lng",
  "accuracy_m",
  "distance_m",
  "token_ok",
  "device_time",
  "server_time",
  "local_date",
  "month",
  "flags",
  "flag_count",
  "review_status",
  "reviewed_by",
  "reviewed_at",
  "review_note",
  "hazard_id",
  "source",
] as const satisfies ReadonlyArray<keyof PatrolCheckinTable>;
// A column added to the table and not to the list above fails to compile here.
const _everyCheckinColumn: Exclude<keyof PatrolCheckinTable, (typeof CHECKIN_TABLE_COLUMNS)[number]> extends never ? true : never = true;

// The check-in pipeline's queries, built once (server/db/hot.ts): a check-in runs a dozen of them,
// and building a query with Kysely costs more than SQLite takes to run it.
const Q = {
  byClientId: hot((db, list) => db.selectFrom("patrol_checkins").select(["id", "client_id", "flags"]).where("client_id", "in", list)),
  points: hot((db, list) =>
    db
      .selectFrom("patrol_points as p")
      .innerJoin("regions as c", "c.id", "p.community_id")
      .leftJoin("regions as g", "g.id", "p.grid_id")
      .selectAll("p")
      .leftJoin("patrol_teams as t", "t.id", "p.team_id")
      .select(["g.path as grid_path", "g.name as grid_name", "c.path as community_path", "t.name as team_name"])
      .where("p.id", "in", list),
  ),
  userLast: hot((db) => db.selectFrom("patrol_user_last").selectAll().where("user_key", "=", arg(0))),
  prior: hot((db) =>
    db
      .selectFrom("patrol_checkins")
      .select("device_time")
      .where("user_id", "=", arg(0))
      .where("point_id", "=", arg(1))
      .where("device_time", "<=", arg(2))
      .orderBy("device_time", "desc")
      .limit(1),
  ),
  teamsOf: hot((db) =>
    db.selectFrom("patrol_teams").select(["id", "name", "force", "member_ids", "community_id"]).where("archived", "=", 0).where("member_ids", "like", arg(0)),
  ),
  openRounds: hot((db, list) =>
    db
      .selectFrom("patrol_rounds")
      .select(["id", "plan_id", "team_id", "force", "window_start", "window_end", "point_order", "expected", "visited"])
      .where("community_id", "in", list)
      .where("window_end", ">=", arg(0))
      .where("window_start", "<=", arg(1)),
  ),
  visited: hot((db, list) => db.selectFrom("patrol_checkins").select(["round_id", "point_id"]).where("round_id", "in", list)),
  insertCheckins: hotInsert<PatrolCheckinTable>(CHECKIN_TABLE_COLUMNS, (db, rows) => db.insertInto("patrol_checkins").values(rows)),
  visitRound: hot((db) =>
    db
      .updateTable("patrol_rounds")
      .set((eb) => ({ visited: eb("visited", "+", arg<number>(0)) }))
      .where("id", "=", arg(1)),
  ),
  upsertDays: hotInsert<PatrolPointDayTable>(
    ["point_id", "date", "month", "community_id", "grid_id", "force", "checkins", "abnormal", "flagged", "last_at"],
    (db, rows) =>
      db
        .insertInto("patrol_point_days")
        .values(rows)
        .onConflict((oc) =>
          oc.columns(["point_id", "date"]).doUpdateSet((eb) => ({
            checkins: eb("patrol_point_days.checkins", "+", eb.ref("excluded.checkins")),
            abnormal: eb("patrol_point_days.abnormal", "+", eb.ref("excluded.abnormal")),
            flagged: eb("patrol_point_days.flagged", "+", eb.ref("excluded.flagged")),
            last_at: sql<string>`case when excluded.last_at > patrol_point_days.last_at then excluded.last_at else patrol_point_days.last_at end`,
          })),
        ),
  ),
  upsertUserLast: hotInsert<PatrolUserLastTable>(["user_key", "point_id", "lat", "lng", "device_time"], (db, rows) =>
    db
      .insertInto("patrol_user_last")
      .values(rows)
      .onConflict((oc) =>
        oc.column("user_key").doUpdateSet((eb) => ({
          point_id: eb.ref("excluded.point_id"),
          lat: eb.ref("excluded.lat"),
          lng: eb.ref("excluded.lng"),
          device_time: eb.ref("excluded.device_time"),
        })),
      ),
  ),
};

export type PatrolService = ReturnType<typeof createPatrolService>;

export function createPatrolService(deps: { db: Kysely<DB>; audit: Audit; clock: Clock; config: { timeZone: string }; live?: LiveHub }) {
  const { db, audit, clock } = deps;
  const tz = deps.config.timeZone;
  const today = () => localDateOf(clock.now(), tz);
  const hazards = createHazardsService(deps);
  const tx = <T>(exec: Kysely<DB> | undefined, fn: (trx: Kysely<DB>) => Promise<T>) => (exec ? fn(exec) : db.transaction().execute(fn));
  const auditIn = (
    trx: Kysely<DB>,
    who: Who,
    e: { action: string; entity: string; entityId?: string | null; communityId?: string | null; before?: unknown; after?: unknown; reason?: string },
  ) => audit.append(trx, { actorId: actorId(who), actorName: actorName(who), ip: who.ip, ...e });

  async function community(exec: Kysely<DB>, scope: Scope, communityId: string) {
    const c = await exec.selectFrom("regions").select(["id", "path", "level"]).where("id", "=", communityId).executeTakeFirst();
    if (c?.level !== "community" || !(c.path.startsWith(scope.path) || scope.path.startsWith(c.path))) throw errors.notFound({ zh: "社区", en: "Community" });
    return c;
  }

  async function teamIn(exec: Kysely<DB>, scope: Scope, id: string | null | undefined, communityId: string) {
    if (!id) return null;
    const t = await teamsInScope(exec, scope).selectAll("t").where("t.id", "=", id).executeTakeFirst();
    if (!t || t.community_id !== communityId)
      throw errors.badRequest("所选巡查队伍不存在或不属于该社区", "The patrol team chosen does not exist or is not of this community");
    return t;
  }

  async function rawPoint(exec: Kysely<DB>, scope: Scope, id: string) {
    const r = await pointsInScope(exec, scope).selectAll("p").where("p.id", "=", id).executeTakeFirst();
    if (!r) throw errors.notFound(POINT);
    return r as PatrolPointTable;
  }

  async function getPoint(scope: Scope, id: string, exec: Kysely<DB> = db) {
    const r = await pointsInScope(exec, scope)
      .select([...POINT_COLUMNS])
      .where("p.id", "=", id)
      .executeTakeFirst();
    if (!r) throw errors.notFound(POINT);
    return toPoint(r);
  }

  /** The grid a location lies in, inside the point's community and the caller's scope. */
  async function gridFor(exec: Kysely<DB>, scope: Scope, communityId: string, lng: number, lat: number) {
    const g = await gridAt(exec, scope, lng, lat);
    if (!g || g.community_id !== communityId)
      throw errors.badRequest("该位置不在本社区（您数据范围内）的任何网格中", "That location lies in no grid of this community within your data scope");
    return g;
  }

  // ------------------------------------------------------------ the check-in pipeline

  /**
   * Stores a batch of check-ins (one from the phone, or up to 1000 from a device or another
   * patrol system) in one transaction: each row validated on its own, flagged where a rule is
   * broken (kept, never dropped), stored once per client id; rounds, per-point day counters and
   * the officer's last position kept up in the same transaction; one audit entry per batch.
   */
  type SyncOut = TSyncResult & {
    events: LiveCheckin[];
    /** With opts.detail: the stored check-ins by id (not those that opened a hazard: read those back). */
    detail?: Map<string, TCheckin>;
    /** With opts.deferAudit: what the audit entry would have said. */
    audit?: { communityIds: string[]; after: AuditAfter };
  };
  type Memo = Map<string, Promise<unknown>>;
  /** A setting, read once per transaction (a group of check-ins shares the reads). */
  const memoIn = <T>(memo: Memo, key: string, read: () => Promise<T>): Promise<T> => {
    let v = memo.get(key) as Promise<T> | undefined;
    if (!v) {
      v = read();
      memo.set(key, v);
    }
    return v;
  };
  const settingIn = <T>(trx: Kysely<DB>, memo: Memo, def: SettingDef<T>, path: string): Promise<T> =>
    memoIn(memo, `${def.key}|${path}`, () => settingFrom(trx, def, path));

  async function sync(who: Who, rows: unknown[], opts: CheckinOpts = {}, exec?: Kysely<DB>): Promise<SyncOut> {
    const out = await tx(exec, (trx) => syncIn(trx, new Map(), who, rows, opts));
    if (!exec && deps.live) await deps.live.publish(out.events).catch(() => {});
    return out;
  }

  // Group commit for single check-ins. SQLite has one writer, and a commit costs more than the
  // check-in itself; so check-ins that arrive while a transaction is running wait for it and are
  // then stored together in the next one (each with its own validation, flags and audit entry).
  // Under light load a group is one check-in and nothing waits. If a group fails as a whole, each
  // of its check-ins is tried again in a transaction of its own, so one bad row never sinks others.
  type Pending = { who: Who; row: unknown; opts: CheckinOpts; resolve: (r: SyncOut) => void; reject: (e: unknown) => void };
  const queue: Pending[] = [];
  let flushing = false;
  async function flush() {
    flushing = true;
    try {
      while (queue.length) {
        const group = queue.splice(0, 200);
        let outs: SyncOut[] | null = null;
        try {
          outs = await db.transaction().execute(async (trx) => {
            const memo: Memo = new Map();
            const r: SyncOut[] = [];
            for (const p of group) r.push(await syncIn(trx, memo, p.who, [p.row], { ...p.opts, deferAudit: true }));
            // One audit entry per officer (and address) in the group, naming every check-in stored.
            const byActor = new Map<string, { who: Who; outs: SyncOut[] }>();
            for (const [i, p] of group.entries()) {
              const k = `${actorId(p.who)}|${actorName(p.who)}|${p.who.ip ?? ""}`;
              const e = byActor.get(k) ?? { who: p.who, outs: [] };
              e.outs.push(r[i]);
              byActor.set(k, e);
            }
            for (const { who, outs: mine } of byActor.values()) {
              const as = mine.flatMap((o) => (o.audit ? [o.audit] : []));
              if (!as.length) continue;
              const ids = as.flatMap((a) => a.after.ids ?? []);
              const communities = [...new Set(as.flatMap((a) => a.communityIds))];
              const sum = (k: "accepted" | "duplicates" | "rejected" | "flagged" | "abnormal") => as.reduce((n, a) => n + a.after[k], 0);
              await auditIn(trx, who, {
                action: "patrol.checkin",
                entity: "patrol_checkin",
                entityId: ids.length === 1 ? ids[0] : null,
                communityId: communities.length === 1 ? communities[0] : null,
                after: {
                  accepted: sum("accepted"),
                  duplicates: sum("duplicates"),
                  rejected: sum("rejected"),
                  flagged: sum("flagged"),
                  abnormal: sum("abnormal"),
                  from: as.map((a) => a.after.from).sort()[0],
                  to: as.map((a) => a.after.to).sort()[as.length - 1],
                  source: as[0].after.source,
                  ids,
                },
              });
            }
            return r;
          });
        } catch {
          outs = null;
        }
        if (outs) {
          if (deps.live) await deps.live.publish(outs.flatMap((o) => o.events)).catch(() => {});
          for (const [i, p] of group.entries()) p.resolve(outs[i]);
        } else for (const p of group) await sync(p.who, [p.row], p.opts).then(p.resolve, p.reject);
      }
    } finally {
      flushing = false;
    }
  }
  /** One check-in from a phone: stored in the next group commit; answers as `sync` does for one row. */
  function checkin(who: Who, row: unknown, opts: CheckinOpts = {}): Promise<SyncOut> {
    return new Promise<SyncOut>((resolve, reject) => {
      queue.push({ who, row, opts: { ...opts, detail: true }, resolve, reject });
      // Started on the next turn of the event loop, so requests already being read join the group.
      if (!flushing) {
        flushing = true;
        setImmediate(() => void flush());
      }
    });
  }

  async function syncIn(trx: Kysely<DB>, memo: Memo, who: Who, rows: unknown[], opts: CheckinOpts): Promise<SyncOut> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const results: TSyncResult["results"] = rows.map((_, index) => ({
      index,
      clientId: null,
      status: "rejected",
      id: null,
      flags: [],
      code: null,
      reason: null,
    }));
    const reject = (i: number, code: string, reason: string) => Object.assign(results[i], { status: "rejected", code, reason });
    const parsed: Array<{ index: number; input: ReturnType<typeof ZCheckinInput.parse> }> = [];
    const seen = new Map<string, number>();
    for (const [i, row] of rows.entries()) {
      const p = opts.validated ? { success: true as const, data: row as Prepared["input"], error: undefined } : ZCheckinInput.safeParse(row);
      const cid = (row as any)?.clientId;
      if (typeof cid === "string") results[i].clientId = cid;
      if (!p.success) {
        const issue = p.error.issues[0];
        reject(i, "INVALID", `${issue?.path.join(".") || "row"}: ${issue?.message ?? "invalid"}`);
        continue;
      }
      if (seen.has(p.data.clientId)) {
        // The same check-in twice in one batch: stored once; the second answered as a duplicate.
        Object.assign(results[i], { status: "duplicate", code: "DUPLICATE", reason: `same clientId as row ${seen.get(p.data.clientId)}` });
        continue;
      }
      seen.set(p.data.clientId, i);
      parsed.push({ index: i, input: p.data });
    }

    const events: LiveCheckin[] = [];
    const detail = opts.detail ? new Map<string, TCheckin>() : undefined;
    let deferred: SyncOut["audit"];
    const abnormal: Array<{ id: string; point: Prepared["point"]; input: Prepared["input"]; date: string }> = [];
    const run = async () => {
      const scopePath = who.scope.path;
      const [tolerance, repeatMin, maxKmh, skewMin] = await Promise.all([
        settingIn(trx, memo, PATROL_SETTINGS.accuracyToleranceM, scopePath),
        settingIn(trx, memo, PATROL_SETTINGS.repeatWindowMinutes, scopePath),
        settingIn(trx, memo, PATROL_SETTINGS.maxSpeedKmh, scopePath),
        settingIn(trx, memo, PATROL_SETTINGS.timeSkewMinutes, scopePath),
      ]);
      // Already stored (a resend from an offline queue, a retried upload): answered, not stored again.
      const existing = new Map<string, { id: string; flags: string }>();
      for (const part of chunks(parsed, 500)) {
        if (!part.length) continue;
        const found = await Q.byClientId.rows(
          trx,
          [],
          part.map((p) => p.input.clientId),
        );
        for (const f of found) existing.set(f.client_id, { id: f.id, flags: f.flags });
      }
      const fresh = parsed.filter((p) => {
        const e = existing.get(p.input.clientId);
        if (!e) return true;
        Object.assign(results[p.index], { status: "duplicate", id: e.id, flags: json(e.flags, []), code: "DUPLICATE", reason: null });
        return false;
      });
      // Points, in scope.
      const pointIds = [...new Set(fresh.map((p) => p.input.pointId))];
      const points = new Map<string, Prepared["point"]>();
      for (const part of chunks(pointIds, 500)) {
        const ps = await Q.points.rows(trx, [], part);
        for (const p of ps)
          if (rowInScope(who.scope, { communityId: p.community_id, communityPath: p.community_path, gridPath: p.grid_path }))
            points.set(p.id, p as unknown as Prepared["point"]);
      }
      // Photos must be images already uploaded.
      const photoIds = [...new Set(fresh.flatMap((p) => p.input.photos))];
      const images = new Set<string>();
      for (const part of chunks(photoIds, 500)) {
        const fs = await trx.selectFrom("files").select(["id", "mime"]).where("id", "in", part).execute();
        for (const f of fs) if (f.mime.startsWith("image/")) images.add(f.id);
      }
      const ok: Prepared[] = [];
      for (const p of fresh) {
        const point = points.get(p.input.pointId);
        if (!point) {
          reject(p.index, "NOT_FOUND", "巡查点不存在或不在您的数据范围内 / patrol point not found or outside your data scope");
          continue;
        }
        const devDate = localDateOf(new Date(p.input.deviceTime), tz);
        if (!point.active && (!point.retired_on || devDate >= point.retired_on)) {
          reject(p.index, "POINT_RETIRED", `巡查点「${point.name}」已停用 / patrol point retired`);
          continue;
        }
        const bad = p.input.photos.find((f) => !images.has(f));
        if (bad) {
          reject(p.index, "BAD_PHOTO", `照片 ${bad} 不存在或不是图片 / photo not found or not an image`);
          continue;
        }
        ok.push({ ...p, point });
      }
      if (ok.length === 0) return;

      // Travel speed and repeats are judged per officer, in the order things happened.
      const userKey = who.user?.id ?? `system:${actorName(who)}`;
      ok.sort((a, b) => (a.input.deviceTime < b.input.deviceTime ? -1 : a.input.deviceTime > b.input.deviceTime ? 1 : a.index - b.index));
      const times = ok.map((p) => new Date(p.input.deviceTime).toISOString());
      const minIso = new Date(Date.parse(times[0]) - repeatMin * 60_000).toISOString();
      const maxIso = times[times.length - 1];
      let last = await Q.userLast.first(trx, userKey);
      const lastAtPoint = new Map<string, number>();
      if (repeatMin > 0) {
        // The officer's latest check-in at each point up to the batch's end: one index seek each.
        for (const pointId of new Set(ok.map((p) => p.point.id))) {
          const prior = await Q.prior.first(trx, who.user?.id ?? "", pointId, maxIso);
          if (prior && prior.device_time >= minIso) lastAtPoint.set(pointId, Date.parse(prior.device_time));
        }
      }
      // The officer's teams (to count the check-in for the right force) and the open rounds.
      const teams = who.user ? await memoIn(memo, `teams|${who.user.id}`, () => Q.teamsOf.rows(trx, [`%${(who.user as { id: string }).id}%`])) : [];
      const communities = [...new Set(ok.map((p) => p.point.community_id))];
      const rounds = await Q.openRounds.rows(trx, [times[0], maxIso], communities);
      // Rounds by point, so each row looks only at the rounds that hold its point.
      const roundsByPoint = new Map<string, typeof rounds>();
      for (const r of rounds)
        for (const pid of json<string[]>(r.point_order, [])) {
          const l = roundsByPoint.get(pid);
          if (l) l.push(r);
          else roundsByPoint.set(pid, [r]);
        }
      const visitedPairs = new Set<string>();
      if (rounds.length) {
        for (const part of chunks(
          rounds.map((r) => r.id),
          500,
        )) {
          const v = await Q.visited.rows(trx, [], part);
          for (const x of v) visitedPairs.add(`${x.round_id}|${x.point_id}`);
        }
      }
      const roundInc = new Map<string, number>();
      const dayAgg = new Map<string, { point: Prepared["point"]; date: string; n: number; ab: number; fl: number; last: string }>();
      const sentAt = opts.sentAt ?? null;
      const inserts: PatrolCheckinTable[] = [];
      for (const [k, p] of ok.entries()) {
        const { input, point } = p;
        const t = times[k];
        const tMs = Date.parse(t);
        const flags: CheckinFlag[] = [];
        const dist = distanceM(input.lat, input.lng, point.lat, point.lng);
        if (dist > point.radius_m + Math.min(input.accuracyM ?? 0, tolerance)) flags.push("outside_radius");
        if ((input.method === "qr" || input.token) && input.token !== point.token) flags.push("token_mismatch");
        if (last && last.device_time <= t) {
          const dt = Math.max(1, (tMs - Date.parse(last.device_time)) / 1000);
          const moved = distanceM(last.lat, last.lng, input.lat, input.lng);
          if (moved > 100 && (moved / dt) * 3.6 > maxKmh) flags.push("too_fast");
        }
        const prevHere = lastAtPoint.get(point.id);
        if (repeatMin > 0 && prevHere !== undefined && Math.abs(tMs - prevHere) < repeatMin * 60_000) flags.push("repeat");
        const sent = input.sentAt ?? sentAt;
        const skewMs = skewMin * 60_000;
        if (sent ? Math.abs(now.getTime() - Date.parse(sent)) > skewMs : tMs - now.getTime() > skewMs) flags.push("time_skew");
        // The round: one of a plan holding this point, open at that time, where it is not yet visited.
        const team =
          teams.find((x) => x.community_id === point.community_id && x.force === point.force) ??
          teams.find((x) => x.community_id === point.community_id) ??
          null;
        const open = (roundsByPoint.get(point.id) ?? []).filter((r) => r.window_start <= t && t <= r.window_end && !visitedPairs.has(`${r.id}|${point.id}`));
        const round = open.find((r) => !team || !r.team_id || r.team_id === team.id) ?? open[0] ?? null;
        // A repeat or a check-in outside the point is kept but does not complete the round.
        const counts = round && !flags.includes("outside_radius") && !flags.includes("token_mismatch");
        if (round && counts) {
          visitedPairs.add(`${round.id}|${point.id}`);
          roundInc.set(round.id, (roundInc.get(round.id) ?? 0) + 1);
        }
        const date = localDateOf(new Date(t), tz);
        const id = uuidv7(tMs);
        const row: PatrolCheckinTable = {
          id,
          client_id: input.clientId,
          community_id: point.community_id,
          grid_id: point.grid_id,
          point_id: point.id,
          round_id: counts && round ? round.id : null,
          user_id: who.user?.id ?? null,
          user_name: who.user?.displayName ?? actorName(who),
          team_id: team?.id ?? point.team_id,
          force: team?.force ?? point.force,
          method: input.method,
          result: input.result,
          note: input.note ?? null,
          photos: JSON.stringify(input.photos),
          checklist: JSON.stringify(input.checklist ?? {}),
          lat: input.lat,
          lng: input.lng,
          accuracy_m: input.accuracyM ?? null,
          distance_m: Math.round(dist),
          token_ok: flags.includes("token_mismatch") ? 0 : 1,
          device_time: t,
          server_time: nowIso,
          local_date: date,
          month: date.slice(0, 7),
          flags: JSON.stringify(flags),
          flag_count: flags.length,
          review_status: flags.length ? "pending" : "none",
          reviewed_by: null,
          reviewed_at: null,
          review_note: null,
          hazard_id: null,
          source: opts.source ?? "device",
        };
        inserts.push(row);
        if (detail && input.result !== "abnormal")
          detail.set(
            id,
            toCheckin({ ...row, grid_name: point.grid_name, point_name: point.name, team_name: team ? team.name : point.team_name, hazard_status: null }),
          );
        Object.assign(results[p.index], { status: "accepted", id, flags, code: null, reason: null });
        lastAtPoint.set(point.id, tMs);
        if (!last || last.device_time <= t) last = { user_key: userKey, point_id: point.id, lat: input.lat, lng: input.lng, device_time: t };
        const key = `${point.id}|${date}`;
        const agg = dayAgg.get(key) ?? { point, date, n: 0, ab: 0, fl: 0, last: t };
        agg.n++;
        if (input.result === "abnormal") agg.ab++;
        if (flags.length) agg.fl++;
        if (t > agg.last) agg.last = t;
        dayAgg.set(key, agg);
        if (input.result === "abnormal") abnormal.push({ id, point, input, date });
        events.push({
          id,
          pointId: point.id,
          pointName: point.name,
          gridPath: point.grid_path,
          userName: row.user_name,
          force: row.force,
          result: row.result,
          flags,
          deviceTime: t,
          lat: row.lat,
          lng: row.lng,
        });
      }
      await Q.insertCheckins(trx, inserts);
      for (const [rid, n] of roundInc) await Q.visitRound.run(trx, n, rid);
      await Q.upsertDays(
        trx,
        [...dayAgg.values()].map((a) => ({
          point_id: a.point.id,
          date: a.date,
          month: a.date.slice(0, 7),
          community_id: a.point.community_id,
          grid_id: a.point.grid_id,
          force: a.point.force,
          checkins: a.n,
          abnormal: a.ab,
          flagged: a.fl,
          last_at: a.last,
        })),
      );
      if (last) await Q.upsertUserLast(trx, [last]);
      // An abnormal result opens a hazard (隐患) in the shared rectification flow, linked both ways.
      const deadlineDays = abnormal.length ? await settingIn(trx, memo, PATROL_SETTINGS.hazardDeadlineDays, scopePath) : 0;
      for (const a of abnormal) {
        const kind = HAZARD_KIND_OF[a.point.kind] ?? "其他";
        const h = await hazards.create(
          who,
          {
            gridId: a.point.grid_id,
            lng: a.input.lng,
            lat: a.input.lat,
            source: "patrol",
            sourceRef: a.id,
            kind: kind as any,
            place: a.point.name,
            description: a.input.note?.trim() || `巡查点「${a.point.name}」打卡结果异常`,
            risk: "low",
            photos: a.input.photos,
            foundOn: minDate(a.date, today()),
          },
          trx,
        );
        await hazards.assign(
          who,
          h.id,
          {
            assigneeName: a.point.team_id ? "巡查队伍负责人" : "社区安全员",
            deadline: maxDate(addDays(h.foundOn, deadlineDays), today()),
            note: "巡检异常自动派发",
          },
          trx,
        );
        await trx.updateTable("patrol_checkins").set({ hazard_id: h.id }).where("id", "=", a.id).execute();
        const res = results.find((r) => r.id === a.id);
        if (res) (res as any).hazardId = h.id;
      }
      const after: AuditAfter = {
        accepted: inserts.length,
        duplicates: results.filter((r) => r.status === "duplicate").length,
        rejected: results.filter((r) => r.status === "rejected").length,
        flagged: inserts.filter((r) => r.flag_count > 0).length,
        abnormal: abnormal.length,
        from: times[0],
        to: maxIso,
        source: opts.source ?? "device",
      };
      if (opts.deferAudit) deferred = { communityIds: communities, after: { ...after, ids: inserts.map((r) => r.id) } };
      else
        await auditIn(trx, who, {
          action: rows.length === 1 ? "patrol.checkin" : "patrol.sync",
          entity: "patrol_checkin",
          entityId: rows.length === 1 ? (inserts[0]?.id ?? null) : null,
          communityId: communities.length === 1 ? communities[0] : null,
          after,
        });
    };
    await run();
    return {
      accepted: results.filter((r) => r.status === "accepted").length,
      duplicates: results.filter((r) => r.status === "duplicate").length,
      rejected: results.filter((r) => r.status === "rejected").length,
      results,
      events,
      detail,
      audit: deferred,
    };
  }

  /**
   * Makes the rounds of the active plans for the dates from..to (those already made stay as they are).
   * A window that had ended before the plan came into force makes no round: nobody could have
   * walked it, and it would only show as expired with every point missed. A plan comes into force
   * when it is created (created_at) and again each time it is activated after a stop
   * (activated_at). A plan whose start date was set before the day it was created
   * was entered as already in force (carried over from paper or another patrol system, the demo
   * year): its rounds go back to its start date, unless it was stopped and activated since.
   */
  async function ensureRounds(exec: Kysely<DB>, scope: Scope, from: string, to: string) {
    const plans = await plansInScope(exec, scope).selectAll("pl").where("pl.active", "=", 1).execute();
    const rows: PatrolRoundTable[] = [];
    const createdAt = clock.now().toISOString();
    for (const p of plans as PatrolPlanTable[]) {
      const windows = json<Array<{ start: string; end: string }>>(p.windows, []);
      const pointIds = json<string[]>(p.point_ids, []);
      const backDated = p.starts_on < localDateOf(new Date(p.created_at), tz);
      const inForce = maxDate(backDated ? "" : p.created_at, p.activated_at ?? "");
      for (let d = from; d <= to; d = addDays(d, 1)) {
        if (!planRunsOn(p, d)) continue;
        const ws = p.frequency === "shift" ? windows : windows.slice(0, 1);
        for (const [wi, w] of ws.entries()) {
          const start = zonedInstant(d, w.start, tz);
          let end = zonedInstant(d, w.end, tz);
          if (end <= start) end = zonedInstant(addDays(d, 1), w.end, tz);
          if (inForce && end.toISOString() <= inForce) continue;
          // Random order: shuffled per round, reproducibly (seeded by plan, date and window).
          const order = p.order_mode === "random" ? seededShuffle(pointIds, `${p.id}|${d}|${wi}`) : pointIds;
          rows.push({
            id: uuidv7(start.getTime()),
            plan_id: p.id,
            community_id: p.community_id,
            force: p.force,
            team_id: p.team_id,
            date: d,
            month: d.slice(0, 7),
            window_start: start.toISOString(),
            window_end: new Date(end.getTime() - 1).toISOString(),
            point_order: JSON.stringify(order),
            expected: order.length,
            visited: 0,
            created_at: createdAt,
          });
        }
      }
    }
    for (const part of chunks(rows, 300))
      await exec
        .insertInto("patrol_rounds")
        .values(part)
        .onConflict((oc) => oc.columns(["plan_id", "window_start"]).doNothing())
        .execute();
    return rows.length;
  }

  return {
    today,
    sync,
    checkin,
    ensureRounds,
    getPoint,
    rawPoint,

    // ---------------------------------------------------------- teams
    async createTeam(who: Who, input: TTeamCreate, exec?: Kysely<DB>): Promise<TTeam> {
      const v = ZTeamCreate.parse(input);
      return tx(exec, async (trx) => {
        await community(trx, who.scope, v.communityId);
        if (v.orgId) {
          const o = await trx.selectFrom("organisations").select(["id", "community_id"]).where("id", "=", v.orgId).executeTakeFirst();
          if (!o || o.community_id !== v.communityId)
            throw errors.badRequest("所选组织不存在或不属于该社区", "The organisation chosen is not of this community");
        }
        const members = v.memberIds ?? [];
        if (members.length) {
          const found = await trx.selectFrom("users").select("id").where("id", "in", members).execute();
          if (found.length !== new Set(members).size) throw errors.badRequest("队员账号不存在", "A member account does not exist");
        }
        const now = clock.now().toISOString();
        const row = {
          id: uuidv7(clock.now().getTime()),
          community_id: v.communityId,
          name: v.name,
          force: v.force,
          org_id: v.orgId ?? null,
          member_ids: JSON.stringify(members),
          archived: 0,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto("patrol_teams").values(row).execute();
        await auditIn(trx, who, { action: "patrol.team.create", entity: "patrol_team", entityId: row.id, communityId: row.community_id, after: row });
        return { id: row.id, communityId: row.community_id, name: row.name, force: v.force, orgId: row.org_id, memberIds: members, archived: false };
      });
    },
    async listTeams(scope: Scope): Promise<TTeam[]> {
      const rows = await teamsInScope(db, scope).selectAll("t").orderBy("t.force").orderBy("t.name").execute();
      return rows.map((t) => ({
        id: t.id,
        communityId: t.community_id,
        name: t.name,
        force: t.force as PatrolForce,
        orgId: t.org_id,
        memberIds: json(t.member_ids, []),
        archived: !!t.archived,
      }));
    },

    // ---------------------------------------------------------- points
    async createPoint(who: Who, input: TPointCreate, exec?: Kysely<DB>): Promise<TPoint> {
      const v = ZPointCreate.parse(input);
      return tx(exec, async (trx) => {
        await community(trx, who.scope, v.communityId);
        const grid = await gridFor(trx, who.scope, v.communityId, v.lng, v.lat);
        await teamIn(trx, who.scope, v.teamId, v.communityId);
        const n = Number(
          (
            await trx
              .selectFrom("patrol_points")
              .select((eb) => eb.fn.countAll().as("n"))
              .where("community_id", "=", v.communityId)
              .executeTakeFirst()
          )?.n ?? 0,
        );
        const now = clock.now();
        const row: PatrolPointTable = {
          id: uuidv7(now.getTime()),
          community_id: v.communityId,
          grid_id: grid.id,
          code: `XC${String(n + 1).padStart(4, "0")}`,
          name: v.name,
          kind: v.kind,
          lng: v.lng,
          lat: v.lat,
          radius_m: v.radiusM,
          force: v.force,
          team_id: v.teamId ?? null,
          checklist: JSON.stringify(v.checklist),
          note: v.note ?? null,
          token: newToken(),
          active: 1,
          created_on: localDateOf(now, tz),
          retired_on: null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        };
        await trx.insertInto("patrol_points").values(row).execute();
        const { token: _t, ...logged } = row;
        await auditIn(trx, who, { action: "patrol.point.create", entity: "patrol_point", entityId: row.id, communityId: row.community_id, after: logged });
        return getPoint(who.scope, row.id, trx);
      });
    },
    async updatePoint(who: Who, id: string, input: TPointUpdate): Promise<TPoint> {
      const v = ZPointUpdate.parse(input);
      return db.transaction().execute(async (trx) => {
        const before = await rawPoint(trx, who.scope, id);
        const patch: Partial<PatrolPointTable> = { updated_at: clock.now().toISOString() };
        if (v.lng !== undefined || v.lat !== undefined) {
          const lng = v.lng ?? before.lng;
          const lat = v.lat ?? before.lat;
          patch.grid_id = (await gridFor(trx, who.scope, before.community_id, lng, lat)).id;
          patch.lng = lng;
          patch.lat = lat;
        }
        if (v.teamId !== undefined) patch.team_id = (await teamIn(trx, who.scope, v.teamId, before.community_id))?.id ?? null;
        if (v.name !== undefined) patch.name = v.name;
        if (v.kind !== undefined) patch.kind = v.kind;
        if (v.radiusM !== undefined) patch.radius_m = v.radiusM;
        if (v.force !== undefined) patch.force = v.force;
        if (v.checklist !== undefined) patch.checklist = JSON.stringify(v.checklist);
        if (v.note !== undefined) patch.note = v.note ?? null;
        await trx.updateTable("patrol_points").set(patch).where("id", "=", id).execute();
        const { token: _t, ...b } = before;
        await auditIn(trx, who, {
          action: "patrol.point.update",
          entity: "patrol_point",
          entityId: id,
          communityId: before.community_id,
          before: b,
          after: patch,
        });
        return getPoint(who.scope, id, trx);
      });
    },
    /** Retire or reactivate; a retired point takes no new check-ins and leaves the active count. */
    async setActive(who: Who, id: string, active: boolean, exec?: Kysely<DB>): Promise<TPoint> {
      return tx(exec, async (trx) => {
        const before = await rawPoint(trx, who.scope, id);
        if (!!before.active === active)
          throw errors.conflict(active ? "巡查点已是启用状态" : "巡查点已停用", active ? "The point is already active" : "The point is already retired");
        const patch = { active: active ? 1 : 0, retired_on: active ? null : localDateOf(clock.now(), tz), updated_at: clock.now().toISOString() };
        await trx.updateTable("patrol_points").set(patch).where("id", "=", id).execute();
        await auditIn(trx, who, {
          action: active ? "patrol.point.reactivate" : "patrol.point.retire",
          entity: "patrol_point",
          entityId: id,
          communityId: before.community_id,
          after: patch,
        });
        return getPoint(who.scope, id, trx);
      });
    },
    /** A new QR token: labels printed before stop matching (check-ins with the old one are flagged). */
    async regenerateToken(who: Who, id: string) {
      return db.transaction().execute(async (trx) => {
        const before = await rawPoint(trx, who.scope, id);
        const token = newToken();
        await trx.updateTable("patrol_points").set({ token, updated_at: clock.now().toISOString() }).where("id", "=", id).execute();
        await auditIn(trx, who, { action: "patrol.point.regenerate_code", entity: "patrol_point", entityId: id, communityId: before.community_id });
        return { id, token };
      });
    },
    async listPoints(
      scope: Scope,
      f: { page: number; pageSize: number; q?: string; kind?: string; force?: string; gridId?: string; teamId?: string; active?: string },
    ) {
      let base = pointsInScope(db, scope);
      if (f.active !== "all") base = base.where("p.active", "=", f.active === "0" ? 0 : 1);
      if (f.kind) base = base.where("p.kind", "=", f.kind);
      if (f.force) base = base.where("p.force", "=", f.force);
      if (f.gridId) base = base.where("p.grid_id", "=", f.gridId);
      if (f.teamId) base = base.where("p.team_id", "=", f.teamId);
      if (f.q) {
        const like = `%${f.q.toLowerCase()}%`;
        base = base.where((eb) => eb.or([eb(eb.fn("lower", ["p.name"]), "like", like), eb(eb.fn("lower", ["p.code"]), "like", like)]));
      }
      const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await base
        .select([...POINT_COLUMNS])
        .orderBy("p.code")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return { items: rows.map(toPoint), total, page: f.page, pageSize: f.pageSize };
    },
    /** Point with its current token, for the label and the phone's check-in page. */
    async pointTokens(scope: Scope, ids: string[]) {
      if (!ids.length) return [];
      const rows = await pointsInScope(db, scope)
        .select(["p.id", "p.name", "p.code", "p.token", "p.kind", "g.name as grid_name"])
        .where("p.id", "in", ids)
        .orderBy("p.code")
        .execute();
      return rows;
    },

    // ---------------------------------------------------------- plans and rounds
    async createPlan(who: Who, input: TPlanCreate, exec?: Kysely<DB>): Promise<TPlan> {
      const v = ZPlanCreate.parse(input);
      return tx(exec, async (trx) => {
        await community(trx, who.scope, v.communityId);
        await teamIn(trx, who.scope, v.teamId, v.communityId);
        const ids = [...new Set(v.pointIds)];
        const found = await pointsInScope(trx, who.scope).select(["p.id", "p.community_id", "p.active"]).where("p.id", "in", ids).execute();
        if (found.length !== ids.length || found.some((p) => p.community_id !== v.communityId || !p.active))
          throw errors.badRequest("计划中的巡查点须为本社区启用中的巡查点", "The plan's points must be active points of this community");
        const now = clock.now().toISOString();
        const row: PatrolPlanTable = {
          id: uuidv7(clock.now().getTime()),
          community_id: v.communityId,
          name: v.name,
          force: v.force,
          team_id: v.teamId ?? null,
          assignee_ids: JSON.stringify(v.assigneeIds),
          point_ids: JSON.stringify(ids),
          frequency: v.frequency,
          every_n_days: v.frequency === "every_n_days" ? (v.everyNDays ?? null) : null,
          windows: JSON.stringify(v.windows),
          order_mode: v.order,
          starts_on: v.startsOn,
          ends_on: v.endsOn ?? null,
          active: 1,
          created_at: now,
          updated_at: now,
          activated_at: null,
        };
        await trx.insertInto("patrol_plans").values(row).execute();
        await auditIn(trx, who, { action: "patrol.plan.create", entity: "patrol_plan", entityId: row.id, communityId: row.community_id, after: row });
        return toPlan(row);
      });
    },
    async setPlanActive(who: Who, id: string, active: boolean) {
      return db.transaction().execute(async (trx) => {
        const p = await plansInScope(trx, who.scope).selectAll("pl").where("pl.id", "=", id).executeTakeFirst();
        if (!p) throw errors.notFound(PLAN);
        const now = clock.now().toISOString();
        // Activating a stopped plan brings it into force now (rounds of windows already over are not made).
        const activated = active && !p.active ? { activated_at: now } : {};
        await trx
          .updateTable("patrol_plans")
          .set({ active: active ? 1 : 0, updated_at: now, ...activated })
          .where("id", "=", id)
          .execute();
        await auditIn(trx, who, {
          action: active ? "patrol.plan.activate" : "patrol.plan.stop",
          entity: "patrol_plan",
          entityId: id,
          communityId: p.community_id,
        });
        return toPlan({ ...p, active: active ? 1 : 0 });
      });
    },
    async listPlans(scope: Scope) {
      const rows = await plansInScope(db, scope).selectAll("pl").select("t.name as team_name").orderBy("pl.force").orderBy("pl.name").execute();
      return rows.map(toPlan);
    },
    async getPlan(scope: Scope, id: string) {
      const r = await plansInScope(db, scope).selectAll("pl").select("t.name as team_name").where("pl.id", "=", id).executeTakeFirst();
      if (!r) throw errors.notFound(PLAN);
      return toPlan(r);
    },
    /** Rounds of a day (today by default), each with its points in order and which are done. */
    async rounds(who: Who, f: { date?: string; mine?: boolean; planId?: string }): Promise<TRound[]> {
      const date = f.date ?? today();
      // Rounds of today are made on first look, so a new plan shows up without a scheduler.
      if (date >= addDays(today(), -1) && date <= addDays(today(), 7)) await db.transaction().execute((trx) => ensureRounds(trx, who.scope, date, date));
      let q = roundsInScope(db, who.scope)
        .selectAll("r")
        .select(["pl.name as plan_name", "pl.assignee_ids", "t.name as team_name", "t.member_ids"])
        .where("r.date", "=", date);
      if (f.planId) q = q.where("r.plan_id", "=", f.planId);
      let rows = await q.orderBy("r.window_start").orderBy("pl.name").execute();
      if (f.mine && who.user) {
        const uid = who.user.id;
        const mine = rows.filter((r) => json<string[]>(r.assignee_ids, []).includes(uid) || json<string[]>(r.member_ids ?? "[]", []).includes(uid));
        rows = mine;
      }
      const nowIso = clock.now().toISOString();
      const ids = rows.map((r) => r.id);
      const visited = new Set<string>();
      for (const part of chunks(ids, 500)) {
        const v = await db.selectFrom("patrol_checkins").select(["round_id", "point_id"]).where("round_id", "in", part).execute();
        for (const x of v) visited.add(`${x.round_id}|${x.point_id}`);
      }
      const allPoints = [...new Set(rows.flatMap((r) => json<string[]>(r.point_order, [])))];
      const names = new Map<string, string>();
      for (const part of chunks(allPoints, 500)) {
        const ps = await db.selectFrom("patrol_points").select(["id", "name"]).where("id", "in", part).execute();
        for (const p of ps) names.set(p.id, p.name);
      }
      // A grid worker's round shows the points of their own grid only.
      let gridPoints: Set<string> | null = null;
      if (who.scope.level === "grid") {
        const ps = await pointsInScope(db, who.scope).select("p.id").execute();
        gridPoints = new Set(ps.map((p) => p.id));
      }
      return rows.map((r) => {
        const order = json<string[]>(r.point_order, []).filter((p) => !gridPoints || gridPoints.has(p));
        return {
          id: r.id,
          planId: r.plan_id,
          planName: r.plan_name,
          force: r.force as PatrolForce,
          teamName: r.team_name ?? null,
          date: r.date,
          windowStart: r.window_start,
          windowEnd: r.window_end,
          expected: r.expected,
          visited: r.visited,
          missed: r.window_end < nowIso ? r.expected - r.visited : 0,
          status: roundStatus(r, nowIso),
          points: order.map((p) => ({ id: p, name: names.get(p) ?? p, visited: visited.has(`${r.id}|${p}`) })),
        };
      });
    },

    // ---------------------------------------------------------- check-ins
    async getCheckin(scope: Scope, id: string, exec: Kysely<DB> = db) {
      const r = await checkinsInScope(exec, scope)
        .leftJoin("safety_hazards as h", "h.id", "c.hazard_id")
        .select([...CHECKIN_COLUMNS, "h.status as hazard_status"])
        .where("c.id", "=", id)
        .executeTakeFirst();
      if (!r) throw errors.notFound(CHECKIN);
      return toCheckin(r);
    },
    async listCheckins(
      who: Who,
      f: {
        page: number;
        pageSize: number;
        pointId?: string;
        gridId?: string;
        force?: string;
        result?: string;
        review?: string;
        flagged?: string;
        mine?: string;
        from?: string;
        to?: string;
      },
    ) {
      let base = checkinsInScope(db, who.scope);
      if (f.pointId) base = base.where("c.point_id", "=", f.pointId);
      if (f.gridId) base = base.where("c.grid_id", "=", f.gridId);
      if (f.force) base = base.where("c.force", "=", f.force);
      if (f.result) base = base.where("c.result", "=", f.result);
      if (f.review) base = base.where("c.review_status", "=", f.review);
      if (f.flagged === "1") base = base.where("c.flag_count", ">", 0);
      if (f.mine === "1") base = base.where("c.user_id", "=", who.user?.id ?? "");
      if (f.from) base = base.where("c.local_date", ">=", f.from);
      if (f.to) base = base.where("c.local_date", "<=", f.to);
      const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await base
        .leftJoin("safety_hazards as h", "h.id", "c.hazard_id")
        .select([...CHECKIN_COLUMNS, "h.status as hazard_status"])
        .orderBy("c.device_time", "desc")
        .orderBy("c.id", "desc")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return { items: rows.map(toCheckin), total, page: f.page, pageSize: f.pageSize };
    },
    /** A supervisor's decision on a flagged check-in; the flags stay on the record. */
    async review(who: Who, id: string, decision: "accepted" | "rejected", note?: string) {
      return db.transaction().execute(async (trx) => {
        const c = await checkinsInScope(trx, who.scope).selectAll("c").where("c.id", "=", id).executeTakeFirst();
        if (!c) throw errors.notFound(CHECKIN);
        if (c.flag_count === 0) throw errors.conflict("该打卡没有需要审核的标记", "This check-in has no flags to review");
        if (c.review_status !== "pending") throw errors.conflict("该打卡已审核", "This check-in has already been reviewed");
        if (who.user && c.user_id === who.user.id) throw errors.conflict("不能审核自己的打卡", "You cannot review your own check-in");
        const patch = {
          review_status: decision,
          reviewed_by: who.user?.displayName ?? actorName(who),
          reviewed_at: clock.now().toISOString(),
          review_note: note ?? null,
        };
        await trx.updateTable("patrol_checkins").set(patch).where("id", "=", id).execute();
        await auditIn(trx, who, {
          action: `patrol.checkin.${decision === "accepted" ? "accept" : "reject"}`,
          entity: "patrol_checkin",
          entityId: id,
          communityId: c.community_id,
          before: { review_status: c.review_status },
          after: patch,
        });
        return this.getCheckin(who.scope, id, trx);
      });
    },
    /** Today's state of every active point, from the per-point day counters (no recount). */
    async mapToday(scope: Scope, date = today()): Promise<TPointStatus[]> {
      const rows = await pointsInScope(db, scope)
        .leftJoin("patrol_point_days as d", (j) => j.onRef("d.point_id", "=", "p.id").on("d.date", "=", date))
        .select(["p.id", "p.name", "p.kind", "p.force", "p.grid_id", "p.lng", "p.lat", "d.checkins", "d.abnormal", "d.flagged", "d.last_at"])
        .where("p.active", "=", 1)
        .orderBy("p.code")
        .execute();
      return rows.map((r) => {
        const n = Number(r.checkins ?? 0);
        const ab = Number(r.abnormal ?? 0);
        const fl = Number(r.flagged ?? 0);
        return {
          id: r.id,
          name: r.name,
          kind: r.kind,
          force: r.force as PatrolForce,
          gridId: r.grid_id,
          lng: Number(r.lng),
          lat: Number(r.lat),
          checkins: n,
          abnormal: ab,
          flagged: fl,
          lastAt: r.last_at ?? null,
          status: n === 0 ? "todo" : ab > 0 ? "abnormal" : fl > 0 ? "flagged" : "done",
        };
      });
    },
  };
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** Which hazard kind an anomaly at a kind of point most likely is. */
const HAZARD_KIND_OF: Record<string, string> = {
  消防通道: "消防",
  出租屋: "消防",
  河道: "河道",
  工地: "违建",
  学校周边: "交通",
  公园: "其他",
  地下空间: "消防",
};

function seededShuffle<T>(xs: T[], key: string): T[] {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 3266489909) >>> 0;
    const j = h % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

// ---------------------------------------------------------------- plan changes
// Kept apart from the service factory (whose check-in path is tuned for speed): a plan is changed
// rarely, by an administrator, from the plans page.

/**
 * Changes a plan. Rounds already started (or with a visit) keep the points they were made with,
 * so past completion stays what it was; rounds not yet started are dropped and made again from the
 * changed plan on the next look at the day's rounds.
 */
export async function updatePlan(
  deps: { db: Kysely<DB>; audit: Audit; clock: Clock },
  who: Who,
  id: string,
  v: import("../../../contracts/patrol.js").TPlanUpdate,
): Promise<TPlan> {
  // The plan as it would be is checked as a whole, by the same rules as a new one.
  return deps.db.transaction().execute(async (trx) => {
    const before = (await plansInScope(trx, who.scope).selectAll("pl").where("pl.id", "=", id).executeTakeFirst()) as PatrolPlanTable | undefined;
    if (!before) throw errors.notFound(PLAN);
    const cur = toPlan(before);
    const merged = {
      communityId: cur.communityId,
      name: v.name ?? cur.name,
      force: v.force ?? cur.force,
      teamId: v.teamId !== undefined ? v.teamId : cur.teamId,
      assigneeIds: v.assigneeIds ?? cur.assigneeIds,
      pointIds: v.pointIds ?? cur.pointIds,
      frequency: v.frequency ?? cur.frequency,
      everyNDays: v.everyNDays !== undefined ? v.everyNDays : cur.everyNDays,
      windows: v.windows ?? cur.windows,
      order: v.order ?? cur.order,
      startsOn: v.startsOn ?? cur.startsOn,
      endsOn: v.endsOn !== undefined ? v.endsOn : cur.endsOn,
    };
    const ok = ZPlanCreate.safeParse(merged);
    if (!ok.success) {
      const i = ok.error.issues[0];
      const [zh, en] = (i?.message ?? "").includes(" / ") ? i.message.split(" / ") : [i?.message ?? "无效", i?.message ?? "invalid"];
      throw errors.badRequest(`${i?.path.join(".")}：${zh}`, `${i?.path.join(".")}: ${en}`);
    }
    const p = ok.data;
    if (p.teamId) {
      const t = await teamsInScope(trx, who.scope).select(["t.id", "t.community_id"]).where("t.id", "=", p.teamId).executeTakeFirst();
      if (!t || t.community_id !== p.communityId)
        throw errors.badRequest("所选巡查队伍不存在或不属于该社区", "The patrol team chosen does not exist or is not of this community");
    }
    const ids = [...new Set(p.pointIds)];
    if (v.pointIds) {
      const found = await pointsInScope(trx, who.scope).select(["p.id", "p.community_id", "p.active"]).where("p.id", "in", ids).execute();
      if (found.length !== ids.length || found.some((x) => x.community_id !== p.communityId || !x.active))
        throw errors.badRequest("计划中的巡查点须为本社区启用中的巡查点", "The plan's points must be active points of this community");
    }
    if (p.assigneeIds.length) {
      const users = await trx.selectFrom("users").select("id").where("id", "in", p.assigneeIds).execute();
      if (users.length !== new Set(p.assigneeIds).size) throw errors.badRequest("指定的巡查人员账号不存在", "An assigned account does not exist");
    }
    const now = deps.clock.now().toISOString();
    const patch = {
      name: p.name,
      force: p.force,
      team_id: p.teamId ?? null,
      assignee_ids: JSON.stringify(p.assigneeIds),
      point_ids: JSON.stringify(ids),
      frequency: p.frequency,
      every_n_days: p.frequency === "every_n_days" ? (p.everyNDays ?? null) : null,
      windows: JSON.stringify(p.windows),
      order_mode: p.order,
      starts_on: p.startsOn,
      ends_on: p.endsOn ?? null,
      updated_at: now,
    };
    await trx.updateTable("patrol_plans").set(patch).where("id", "=", id).execute();
    const dropped = await trx.deleteFrom("patrol_rounds").where("plan_id", "=", id).where("window_start", ">", now).where("visited", "=", 0).executeTakeFirst();
    const { created_at: _c, updated_at: _u, ...b } = before;
    await deps.audit.append(trx, {
      actorId: actorId(who),
      actorName: actorName(who),
      ip: who.ip,
      action: "patrol.plan.update",
      entity: "patrol_plan",
      entityId: id,
      communityId: before.community_id,
      before: b,
      after: { ...patch, roundsRemade: Number(dropped.numDeletedRows ?? 0) },
    });
    const row = await plansInScope(trx, who.scope).selectAll("pl").select("t.name as team_name").where("pl.id", "=", id).executeTakeFirstOrThrow();
    return toPlan(row);
  });
}

// ---------------------------------------------------------------- team changes
// Kept apart from the service factory, like plan changes: a team is changed rarely, by an
// administrator, from the teams page. (Its imports are here, not at the top, so that this part stays
// apart from the check-in path.)

import { type TTeamUpdate, ZTeamUpdate } from "../../../contracts/patrol.js";
import { can } from "../../../contracts/roles.js";

const TEAM = { zh: "巡查队伍", en: "Patrol team" };
type TeamDeps = { db: Kysely<DB>; audit: Audit; clock: Clock };

function teamOut(t: { id: string; community_id: string; name: string; force: string; org_id: string | null; member_ids: string; archived: number }): TTeam {
  return {
    id: t.id,
    communityId: t.community_id,
    name: t.name,
    force: t.force as PatrolForce,
    orgId: t.org_id,
    memberIds: json(t.member_ids, []),
    archived: !!t.archived,
  };
}

/**
 * The rules a team's name and members follow, checked inside the caller's transaction: the name is
 * unique in its community (archived teams included, so one can be brought back); each member
 * added is an active account with a patrol role (one that may check in) scoped to the team's
 * community or one of its grids.
 */
export async function checkTeamRules(
  trx: Kysely<DB>,
  t: { communityId: string; name?: string; added?: string[]; exceptId?: string; orgId?: string | null },
): Promise<void> {
  if (t.name !== undefined) {
    let q = trx.selectFrom("patrol_teams").select("id").where("community_id", "=", t.communityId).where("name", "=", t.name.trim());
    if (t.exceptId) q = q.where("id", "<>", t.exceptId);
    if (await q.executeTakeFirst())
      throw errors.conflict(`本社区已有名为「${t.name.trim()}」的巡查队伍`, `This community already has a patrol team named ${t.name.trim()}`);
  }
  if (t.orgId) {
    const o = await trx.selectFrom("organisations").select(["id", "community_id"]).where("id", "=", t.orgId).executeTakeFirst();
    if (!o || o.community_id !== t.communityId) throw errors.badRequest("所选组织不存在或不属于该社区", "The organisation chosen is not of this community");
  }
  const added = [...new Set(t.added ?? [])];
  if (!added.length) return;
  const c = await trx.selectFrom("regions").select("path").where("id", "=", t.communityId).executeTakeFirstOrThrow();
  const users = await trx
    .selectFrom("users as u")
    .leftJoin("regions as r", "r.id", "u.scope_region_id")
    .select(["u.id", "u.display_name", "u.role", "u.disabled", "r.path"])
    .where("u.id", "in", added)
    .execute();
  if (users.length !== added.length) throw errors.badRequest("队员账号不存在", "A member account does not exist");
  for (const u of users) {
    if (u.disabled) throw errors.badRequest(`账号「${u.display_name}」已停用，不能加入队伍`, `The account of ${u.display_name} is disabled`);
    if (!can(u.role, "patrol.checkin"))
      throw errors.badRequest(
        `「${u.display_name}」的角色不能巡查打卡，不能加入巡查队伍`,
        `${u.display_name}'s role cannot patrol, so cannot join a patrol team`,
      );
    if (!u.path?.startsWith(c.path))
      throw errors.badRequest(`「${u.display_name}」的数据范围不在该社区内`, `${u.display_name}'s data scope is not within the team's community`);
  }
}

/** A new team, checked by the team rules (name, members) in the same transaction as the write. */
export async function createTeamChecked(deps: TeamDeps, svc: PatrolService, who: Who, v: TTeamCreate): Promise<TTeam> {
  return deps.db.transaction().execute(async (trx) => {
    const communityId = v.communityId;
    // The community in scope first (createTeam checks it again, but the rules read its path).
    const c = await trx.selectFrom("regions").select(["path", "level"]).where("id", "=", communityId).executeTakeFirst();
    if (c?.level !== "community" || !(c.path.startsWith(who.scope.path) || who.scope.path.startsWith(c.path)))
      throw errors.notFound({ zh: "社区", en: "Community" });
    await checkTeamRules(trx, { communityId, name: v.name, added: v.memberIds ?? [], orgId: v.orgId });
    return svc.createTeam(who, v, trx);
  });
}

/** Changes a team's name, force, organisation or members. */
export async function updateTeam(deps: TeamDeps, who: Who, id: string, input: TTeamUpdate): Promise<TTeam> {
  const v = ZTeamUpdate.parse(input);
  return deps.db.transaction().execute(async (trx) => {
    const before = await teamsInScope(trx, who.scope).selectAll("t").where("t.id", "=", id).executeTakeFirst();
    if (!before) throw errors.notFound(TEAM);
    const members = json<string[]>(before.member_ids, []);
    const next = v.memberIds ? [...new Set(v.memberIds)] : members;
    await checkTeamRules(trx, {
      communityId: before.community_id,
      name: v.name !== undefined && v.name !== before.name ? v.name : undefined,
      added: next.filter((m) => !members.includes(m)),
      exceptId: id,
      orgId: v.orgId !== undefined && v.orgId !== before.org_id ? v.orgId : undefined,
    });
    if (v.force && v.force !== before.force) {
      // Plans and points of the team count their check-ins for its force: changing it would split them.
      const plan = await trx.selectFrom("patrol_plans").select("name").where("team_id", "=", id).where("active", "=", 1).executeTakeFirst();
      const point = await trx.selectFrom("patrol_points").select("name").where("team_id", "=", id).where("active", "=", 1).executeTakeFirst();
      if (plan || point)
        throw errors.conflict(
          `队伍仍负责${plan ? `计划「${plan.name}」` : `点位「${point?.name}」`}，不能更改巡查力量`,
          `The team still runs ${plan ? `the plan ${plan.name}` : `the point ${point?.name}`}, so its force cannot change`,
        );
    }
    const patch = {
      name: v.name ?? before.name,
      force: v.force ?? before.force,
      org_id: v.orgId !== undefined ? (v.orgId ?? null) : before.org_id,
      member_ids: JSON.stringify(next),
      updated_at: deps.clock.now().toISOString(),
    };
    await trx.updateTable("patrol_teams").set(patch).where("id", "=", id).execute();
    const { created_at: _c, updated_at: _u, ...b } = before;
    await deps.audit.append(trx, {
      actorId: actorId(who),
      actorName: actorName(who),
      ip: who.ip,
      action: "patrol.team.update",
      entity: "patrol_team",
      entityId: id,
      communityId: before.community_id,
      before: b,
      after: patch,
    });
    return teamOut({ ...before, ...patch });
  });
}

/**
 * Archives a team (it no longer shows in the pickers nor takes its members' check-ins) or brings it
 * back. A team that still runs an active plan cannot be archived: stop the plan or give it another team.
 */
export async function setTeamArchived(deps: TeamDeps, who: Who, id: string, archived: boolean): Promise<TTeam> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await teamsInScope(trx, who.scope).selectAll("t").where("t.id", "=", id).executeTakeFirst();
    if (!before) throw errors.notFound(TEAM);
    if (!!before.archived === archived) return teamOut(before);
    if (archived) {
      const plans = await trx.selectFrom("patrol_plans").select("name").where("team_id", "=", id).where("active", "=", 1).orderBy("name").execute();
      if (plans.length) {
        const names = plans.map((p) => p.name).join("、");
        throw errors.conflict(
          `队伍仍在执行计划「${names}」，请先停止这些计划或改派其他队伍`,
          `The team still runs ${plans.map((p) => p.name).join(", ")}; stop those plans or give them another team first`,
        );
      }
    }
    const patch = { archived: archived ? 1 : 0, updated_at: deps.clock.now().toISOString() };
    await trx.updateTable("patrol_teams").set(patch).where("id", "=", id).execute();
    await deps.audit.append(trx, {
      actorId: actorId(who),
      actorName: actorName(who),
      ip: who.ip,
      action: archived ? "patrol.team.archive" : "patrol.team.unarchive",
      entity: "patrol_team",
      entityId: id,
      communityId: before.community_id,
      before: { archived: before.archived },
      after: { archived: patch.archived },
    });
    return teamOut({ ...before, ...patch });
  });
}
