import type { Kysely } from "kysely";
import type { TCheckin, TSyncResult } from "../../../contracts/patrol.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { localDate, todayOf } from "../../platform/dates.js";
import { groupCommit } from "../../platform/group-commit.js";
import { uuidv7 } from "../../platform/ids.js";
import { rowInScope } from "../../platform/scope.js";
import { type SettingDef, settingFrom } from "../../platform/settings.js";
import { inTx } from "../../platform/tx.js";
import { actorId, actorName, type Who } from "../../platform/who.js";
import type { HazardsService } from "../safety/safety.api.js";
import { HOT, imageIds, type PipelinePoint, setCheckinHazard, toCheckin } from "./patrol.checkins.repo.js";
import {
  type AuditAfter,
  checkinFlags,
  countsForRound,
  groupAudit,
  hazardOfAnomaly,
  type Input,
  parseBatch,
  roundFor,
  teamFor,
} from "./patrol.checkins.rules.js";
import { chunks, json } from "./patrol.common.js";
import type { LiveCheckin, LiveHub } from "./patrol.live.js";
import { PATROL_SETTINGS } from "./patrol.settings.js";
import type { PatrolCheckinTable } from "./patrol.tables.js";
import { distanceM } from "./patrol.time.js";

// The check-in pipeline: one check-in from a phone (stored in the next group commit) or a batch
// from a device or another patrol system (`sync`), each row validated on its own, flagged where a
// rule is broken (patrol.checkins.rules.ts; kept, never dropped), stored once per client id; rounds,
// per-point day counters and the officer's last position kept up in the same transaction; an
// abnormal result opens a hazard in safety's rectification flow. Tuned for speed (docs/decisions.md:
// group commit, hot queries built once).

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
type Prepared = { index: number; input: Input; point: PipelinePoint };

export type SyncOut = TSyncResult & {
  events: LiveCheckin[];
  /** With opts.detail: the stored check-ins by id (not those that opened a hazard: read those back). */
  detail?: Map<string, TCheckin>;
  /** With opts.deferAudit: what the audit entry would have said. */
  audit?: { communityIds: string[]; after: AuditAfter };
};
type Memo = Map<string, Promise<unknown>>;
/** A read done once per transaction (a group of check-ins shares the settings and the officer's teams). */
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

export type CheckinsService = ReturnType<typeof createCheckinsService>;

export function createCheckinsService(
  deps: { db: Kysely<DB>; audit: Audit; clock: Clock; config: { timeZone: string } },
  collaborators: {
    hazards: Pick<HazardsService, "create" | "assign">;
    /** The live feed, once the app has started it (the demo's build has none). */
    live?: () => Pick<LiveHub, "publish"> | null;
  },
) {
  const { db, audit, clock } = deps;
  const tz = deps.config.timeZone;
  const { hazards } = collaborators;
  const today = () => todayOf(clock.now(), tz);
  const publish = async (events: LiveCheckin[]) => {
    const hub = collaborators.live?.();
    if (hub) await hub.publish(events).catch(() => {});
  };

  /** A batch in one transaction (the caller's, or one of its own, after which its check-ins go to the live feed). */
  async function sync(who: Who, rows: unknown[], opts: CheckinOpts = {}, exec?: Kysely<DB>): Promise<SyncOut> {
    const out = await inTx(db, exec, (trx) => syncIn(trx, new Map(), who, rows, opts));
    if (!exec) await publish(out.events);
    return out;
  }

  // Group commit for single check-ins (server/platform/group-commit.ts). SQLite has one writer, and
  // a commit costs more than the check-in itself; so check-ins that arrive while a transaction is
  // running wait for it and are then stored together in the next one (each with its own validation
  // and flags; one audit entry per officer of the group). Under light load a group is one check-in
  // and nothing waits. If a group fails as a whole, each of its check-ins is tried again in a
  // transaction of its own, so one bad row never sinks others.
  type Pending = { who: Who; row: unknown; opts: CheckinOpts };

  /** One audit entry per officer (and address) in the group, naming every check-in stored. */
  async function auditGroup(trx: Kysely<DB>, group: Pending[], outs: SyncOut[]) {
    const byActor = new Map<string, { who: Who; outs: SyncOut[] }>();
    for (const [i, p] of group.entries()) {
      const k = `${actorId(p.who)}|${actorName(p.who)}|${p.who.ip ?? ""}`;
      const e = byActor.get(k) ?? { who: p.who, outs: [] };
      e.outs.push(outs[i]);
      byActor.set(k, e);
    }
    for (const { who, outs: mine } of byActor.values()) {
      const as = mine.flatMap((o) => (o.audit ? [o.audit] : []));
      if (as.length) await audit.record(trx, who, { action: "patrol.checkin", entity: "patrol_checkin", ...groupAudit(as) });
    }
  }

  const grouped = groupCommit<Pending, SyncOut, Memo>({
    db,
    context: () => new Map(),
    run: (trx, p, memo) => syncIn(trx, memo, p.who, [p.row], { ...p.opts, deferAudit: true }),
    finish: (trx, group, outs) => auditGroup(trx, group, outs),
    committed: (_group, outs) => publish(outs.flatMap((o) => o.events)),
    alone: (p) => sync(p.who, [p.row], p.opts),
  });

  /** One check-in from a phone: stored in the next group commit; answers as `sync` does for one row. */
  function checkin(who: Who, row: unknown, opts: CheckinOpts = {}): Promise<SyncOut> {
    return grouped({ who, row, opts: { ...opts, detail: true } });
  }

  /**
   * The rows that can be stored: not stored before (a resend from an offline queue is answered with
   * the stored one), at a point in the caller's scope that is not retired, with photos that are
   * uploaded images.
   */
  async function storable(
    trx: Kysely<DB>,
    who: Who,
    parsed: Array<{ index: number; input: Input }>,
    results: TSyncResult["results"],
    reject: (i: number, code: string, reason: string) => void,
  ) {
    const existing = new Map<string, { id: string; flags: string }>();
    for (const part of chunks(parsed, 500)) {
      if (!part.length) continue;
      const found = await HOT.byClientId.rows(
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
    const points = new Map<string, PipelinePoint>();
    for (const part of chunks([...new Set(fresh.map((p) => p.input.pointId))], 500))
      for (const p of await HOT.points.rows(trx, [], part))
        if (rowInScope(who.scope, { communityId: p.community_id, communityPath: p.community_path, gridPath: p.grid_path }))
          points.set(p.id, p as unknown as PipelinePoint);
    const images = new Set<string>();
    for (const part of chunks([...new Set(fresh.flatMap((p) => p.input.photos))], 500)) for (const id of await imageIds(trx, part)) images.add(id);
    const ok: Prepared[] = [];
    for (const p of fresh) {
      const point = points.get(p.input.pointId);
      if (!point) {
        reject(p.index, "NOT_FOUND", "巡查点不存在或不在您的数据范围内 / patrol point not found or outside your data scope");
        continue;
      }
      const devDate = localDate(new Date(p.input.deviceTime), tz);
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
    return ok;
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
    const parsed = parseBatch(rows, !!opts.validated, results);
    const events: LiveCheckin[] = [];
    const detail = opts.detail ? new Map<string, TCheckin>() : undefined;
    const answer = (audited?: SyncOut["audit"]): SyncOut => ({
      accepted: results.filter((r) => r.status === "accepted").length,
      duplicates: results.filter((r) => r.status === "duplicate").length,
      rejected: results.filter((r) => r.status === "rejected").length,
      results,
      events,
      detail,
      audit: audited,
    });

    const scopePath = who.scope.path;
    const [toleranceM, repeatMin, maxKmh, skewMin] = await Promise.all([
      settingIn(trx, memo, PATROL_SETTINGS.accuracyToleranceM, scopePath),
      settingIn(trx, memo, PATROL_SETTINGS.repeatWindowMinutes, scopePath),
      settingIn(trx, memo, PATROL_SETTINGS.maxSpeedKmh, scopePath),
      settingIn(trx, memo, PATROL_SETTINGS.timeSkewMinutes, scopePath),
    ]);
    const limits = { toleranceM, repeatMin, maxKmh, skewMin };
    const ok = await storable(trx, who, parsed, results, reject);
    if (ok.length === 0) return answer();

    // Travel speed and repeats are judged per officer, in the order things happened.
    const userKey = who.user?.id ?? `system:${actorName(who)}`;
    ok.sort((a, b) => (a.input.deviceTime < b.input.deviceTime ? -1 : a.input.deviceTime > b.input.deviceTime ? 1 : a.index - b.index));
    const times = ok.map((p) => new Date(p.input.deviceTime).toISOString());
    const minIso = new Date(Date.parse(times[0]) - repeatMin * 60_000).toISOString();
    const maxIso = times[times.length - 1];
    let last = await HOT.userLast.first(trx, userKey);
    const lastAtPoint = new Map<string, number>();
    if (repeatMin > 0) {
      // The officer's latest check-in at each point up to the batch's end: one index seek each.
      for (const pointId of new Set(ok.map((p) => p.point.id))) {
        const prior = await HOT.prior.first(trx, who.user?.id ?? "", pointId, maxIso);
        if (prior && prior.device_time >= minIso) lastAtPoint.set(pointId, Date.parse(prior.device_time));
      }
    }
    // The officer's teams (to count the check-in for the right force) and the open rounds.
    const teams = who.user ? await memoIn(memo, `teams|${who.user.id}`, () => HOT.teamsOf.rows(trx, [`%${(who.user as { id: string }).id}%`])) : [];
    const communities = [...new Set(ok.map((p) => p.point.community_id))];
    const rounds = await HOT.openRounds.rows(trx, [times[0], maxIso], communities);
    // Rounds by point, so each row looks only at the rounds that hold its point.
    const roundsByPoint = new Map<string, typeof rounds>();
    for (const r of rounds)
      for (const pid of json<string[]>(r.point_order, [])) {
        const l = roundsByPoint.get(pid);
        if (l) l.push(r);
        else roundsByPoint.set(pid, [r]);
      }
    const visitedPairs = new Set<string>();
    for (const part of chunks(
      rounds.map((r) => r.id),
      500,
    ))
      for (const x of await HOT.visited.rows(trx, [], part)) visitedPairs.add(`${x.round_id}|${x.point_id}`);

    const roundInc = new Map<string, number>();
    const dayAgg = new Map<string, { point: PipelinePoint; date: string; n: number; ab: number; fl: number; last: string }>();
    const inserts: PatrolCheckinTable[] = [];
    const abnormal: Array<{ id: string; point: PipelinePoint; input: Input; date: string }> = [];
    for (const [k, p] of ok.entries()) {
      const { input, point } = p;
      const t = times[k];
      const tMs = Date.parse(t);
      const dist = distanceM(input.lat, input.lng, point.lat, point.lng);
      const flags = checkinFlags({
        distM: dist,
        point,
        input,
        at: t,
        atMs: tMs,
        last,
        prevHereMs: lastAtPoint.get(point.id),
        sentAt: input.sentAt ?? opts.sentAt ?? null,
        nowMs: now.getTime(),
        limits,
      });
      const team = teamFor(teams, point);
      const round = roundFor(roundsByPoint.get(point.id) ?? [], t, (r) => visitedPairs.has(`${r.id}|${point.id}`), team?.id ?? null);
      const counts = !!round && countsForRound(flags);
      if (round && counts) {
        visitedPairs.add(`${round.id}|${point.id}`);
        roundInc.set(round.id, (roundInc.get(round.id) ?? 0) + 1);
      }
      const date = localDate(new Date(t), tz);
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
    await HOT.insertCheckins(trx, inserts);
    // Rows shared with other officers' batches (rounds, point-days) are locked in one order, by key:
    // two batches taking them in their own order deadlocked on PostgreSQL (a 500 under load).
    for (const rid of [...roundInc.keys()].sort()) await HOT.visitRound.run(trx, roundInc.get(rid) as number, rid);
    await HOT.upsertDays(
      trx,
      [...dayAgg.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, a]) => ({
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
    if (last) await HOT.upsertUserLast(trx, [last]);
    // An abnormal result opens a hazard (隐患) in the shared rectification flow, linked both ways.
    const deadlineDays = abnormal.length ? await settingIn(trx, memo, PATROL_SETTINGS.hazardDeadlineDays, scopePath) : 0;
    for (const a of abnormal) {
      const h = hazardOfAnomaly({ checkinId: a.id, date: a.date, point: a.point, input: a.input }, today(), deadlineDays);
      const opened = await hazards.create(who, h.create as Parameters<HazardsService["create"]>[1], trx);
      await hazards.assign(who, opened.id, h.assign, trx);
      await setCheckinHazard(trx, a.id, opened.id);
      const res = results.find((r) => r.id === a.id);
      if (res) (res as any).hazardId = opened.id;
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
    if (opts.deferAudit) return answer({ communityIds: communities, after: { ...after, ids: inserts.map((r) => r.id) } });
    await audit.record(trx, who, {
      action: rows.length === 1 ? "patrol.checkin" : "patrol.sync",
      entity: "patrol_checkin",
      entityId: rows.length === 1 ? (inserts[0]?.id ?? null) : null,
      communityId: communities.length === 1 ? communities[0] : null,
      after,
    });
    return answer();
  }

  return { today, sync, checkin };
}
