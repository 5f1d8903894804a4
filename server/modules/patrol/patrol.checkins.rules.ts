import { type CheckinFlag, type PatrolForce, type TSyncResult, ZCheckinInput } from "../../../contracts/patrol.js";
import { addDays } from "../../platform/dates.js";
import { distanceM } from "./patrol.time.js";

// The rules a check-in is judged by (DOMAIN.md §3), pure so they can be tested at fixed times. A
// broken rule flags the check-in (it is kept, for a supervisor to review), it never drops it.

/** The settings the flags are judged by (patrol.settings.ts; per deployment, overridable per community). */
export type FlagLimits = { toleranceM: number; repeatMin: number; maxKmh: number; skewMin: number };

/** Outside the point's radius, with the reported GPS accuracy credited up to the tolerance. */
export const outsideRadius = (distM: number, radiusM: number, accuracyM: number | null | undefined, toleranceM: number) =>
  distM > radiusM + Math.min(accuracyM ?? 0, toleranceM);

/** A scanned code (or any token sent) that is not the point's current one: an old label, or a photo of one. */
export const tokenMismatch = (method: string, token: string | null | undefined, pointToken: string) => (method === "qr" || !!token) && token !== pointToken;

/**
 * Faster than anyone walks or rides between the officer's last check-in and this one. Only a last
 * check-in at or before this one counts (a batch is judged in the order things happened); a move
 * of 100 m or less is GPS noise, whatever the time.
 */
export function tooFast(last: { lat: number; lng: number; device_time: string } | null | undefined, at: string, lat: number, lng: number, maxKmh: number) {
  if (!last || last.device_time > at) return false;
  const dt = Math.max(1, (Date.parse(at) - Date.parse(last.device_time)) / 1000);
  const moved = distanceM(last.lat, last.lng, lat, lng);
  return moved > 100 && (moved / dt) * 3.6 > maxKmh;
}

/** The same officer at the same point again within the repeat window (0 turns the rule off). */
export const isRepeat = (prevHereMs: number | undefined, atMs: number, repeatMin: number) =>
  repeatMin > 0 && prevHereMs !== undefined && Math.abs(atMs - prevHereMs) < repeatMin * 60_000;

/**
 * The device's clock is off: when the device says when it sent (sentAt), that is compared with
 * the server's time (a queue sent late is fine); otherwise a check-in from the future is.
 */
export function clockSkewed(sentAt: string | null | undefined, atMs: number, nowMs: number, skewMin: number) {
  const skewMs = skewMin * 60_000;
  return sentAt ? Math.abs(nowMs - Date.parse(sentAt)) > skewMs : atMs - nowMs > skewMs;
}

/** Every flag of one check-in, in the order the contract lists them. */
export function checkinFlags(c: {
  distM: number;
  point: { radius_m: number; token: string };
  input: { method: string; token?: string | null; accuracyM?: number | null; lat: number; lng: number };
  at: string;
  atMs: number;
  last: { lat: number; lng: number; device_time: string } | null | undefined;
  prevHereMs: number | undefined;
  sentAt: string | null | undefined;
  nowMs: number;
  limits: FlagLimits;
}): CheckinFlag[] {
  const flags: CheckinFlag[] = [];
  if (outsideRadius(c.distM, c.point.radius_m, c.input.accuracyM, c.limits.toleranceM)) flags.push("outside_radius");
  if (tokenMismatch(c.input.method, c.input.token, c.point.token)) flags.push("token_mismatch");
  if (tooFast(c.last, c.at, c.input.lat, c.input.lng, c.limits.maxKmh)) flags.push("too_fast");
  if (isRepeat(c.prevHereMs, c.atMs, c.limits.repeatMin)) flags.push("repeat");
  if (clockSkewed(c.sentAt, c.atMs, c.nowMs, c.limits.skewMin)) flags.push("time_skew");
  return flags;
}

/** A check-in outside the point or with a wrong code is kept but does not complete a round (a repeat does not matter: the point is visited once). */
export const countsForRound = (flags: readonly CheckinFlag[]) => !flags.includes("outside_radius") && !flags.includes("token_mismatch");

type TeamLike = { id: string; community_id: string; force: string };
/** The officer's team a check-in counts for: one of the point's community and force, else any of its community. */
export function teamFor<T extends TeamLike>(teams: readonly T[], point: { community_id: string; force: PatrolForce | string }): T | null {
  return (
    teams.find((x) => x.community_id === point.community_id && x.force === point.force) ?? teams.find((x) => x.community_id === point.community_id) ?? null
  );
}

type RoundLike = { id: string; team_id: string | null; window_start: string; window_end: string };
/**
 * The round a check-in completes: one of a plan holding the point, open at that time, where the
 * point is not yet visited; the officer's team's own round first (or one without a team).
 */
export function roundFor<R extends RoundLike>(candidates: readonly R[], at: string, isVisited: (r: R) => boolean, teamId: string | null): R | null {
  const open = candidates.filter((r) => r.window_start <= at && at <= r.window_end && !isVisited(r));
  return open.find((r) => !teamId || !r.team_id || r.team_id === teamId) ?? open[0] ?? null;
}

/** Which hazard kind an anomaly at a kind of point most likely is. */
export const HAZARD_KIND_OF: Record<string, string> = {
  消防通道: "消防",
  出租屋: "消防",
  河道: "河道",
  工地: "违建",
  学校周边: "交通",
  公园: "其他",
  地下空间: "消防",
};

const minDate = (a: string, b: string) => (a < b ? a : b);

/**
 * The hazard an abnormal check-in opens (隐患, in safety's rectification flow) and its assignment:
 * found on the check-in's date (never later than today: a device clock ahead), due `deadlineDays`
 * after it — an anomaly synced late keeps the deadline it had when found, so it can be overdue.
 */
export function hazardOfAnomaly(
  a: {
    checkinId: string;
    date: string;
    point: { grid_id: string; kind: string; name: string; team_id: string | null };
    input: { lng: number; lat: number; note?: string | null; photos: string[] };
  },
  today: string,
  deadlineDays: number,
) {
  const foundOn = minDate(a.date, today);
  return {
    create: {
      gridId: a.point.grid_id,
      lng: a.input.lng,
      lat: a.input.lat,
      source: "patrol" as const,
      sourceRef: a.checkinId,
      kind: HAZARD_KIND_OF[a.point.kind] ?? "其他",
      place: a.point.name,
      description: a.input.note?.trim() || `巡查点「${a.point.name}」打卡结果异常`,
      risk: "low" as const,
      photos: a.input.photos,
      foundOn,
    },
    assign: {
      assigneeName: a.point.team_id ? "巡查队伍负责人" : "社区安全员",
      deadline: addDays(foundOn, deadlineDays),
      note: "巡检异常自动派发",
    },
  };
}

export type Input = ReturnType<typeof ZCheckinInput.parse>;

/**
 * A batch's rows checked on their own, before any query: the schema (unless the route's body schema
 * did it), and a client id twice in the batch (stored once; the second answered as a duplicate).
 * Writes each row's answer into `results`; returns the rows to go on with.
 */
export function parseBatch(rows: unknown[], validated: boolean, results: TSyncResult["results"]) {
  const parsed: Array<{ index: number; input: Input }> = [];
  const seen = new Map<string, number>();
  for (const [i, row] of rows.entries()) {
    const p = validated ? { success: true as const, data: row as Input, error: undefined } : ZCheckinInput.safeParse(row);
    const cid = (row as any)?.clientId;
    if (typeof cid === "string") results[i].clientId = cid;
    if (!p.success) {
      const issue = p.error.issues[0];
      Object.assign(results[i], { status: "rejected", code: "INVALID", reason: `${issue?.path.join(".") || "row"}: ${issue?.message ?? "invalid"}` });
      continue;
    }
    if (seen.has(p.data.clientId)) {
      Object.assign(results[i], { status: "duplicate", code: "DUPLICATE", reason: `same clientId as row ${seen.get(p.data.clientId)}` });
      continue;
    }
    seen.set(p.data.clientId, i);
    parsed.push({ index: i, input: p.data });
  }
  return parsed;
}

/** What one batch's audit entry says (counts, the span of device times, the ids stored). */
export type AuditAfter = {
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

/** One audit entry for an officer's check-ins of one group commit: the batches' counts summed, every id named. */
export function groupAudit(as: ReadonlyArray<{ communityIds: string[]; after: AuditAfter }>) {
  const ids = as.flatMap((a) => a.after.ids ?? []);
  const communities = [...new Set(as.flatMap((a) => a.communityIds))];
  const sum = (k: "accepted" | "duplicates" | "rejected" | "flagged" | "abnormal") => as.reduce((n, a) => n + a.after[k], 0);
  return {
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
  };
}
