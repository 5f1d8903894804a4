import { describe, expect, it } from "vitest";
import {
  checkinFlags,
  clockSkewed,
  countsForRound,
  groupAudit,
  hazardOfAnomaly,
  isRepeat,
  outsideRadius,
  parseBatch,
  roundFor,
  teamFor,
  tokenMismatch,
  tooFast,
} from "./patrol.checkins.rules.js";
import { distanceM } from "./patrol.time.js";

// The check-in flags and the round a check-in completes, at fixed times (10:00 in Shenzhen on
// 10 March 2025), without a database.

const NOW = Date.parse("2025-03-10T02:00:00Z");
const at = (iso: string) => ({ at: iso, atMs: Date.parse(iso) });
const minutes = (n: number) => n * 60_000;
/** A point 500 m east of 114.0475 E, 22.6735 N (as patrol.test.ts's two points). */
const A = { lat: 22.6735, lng: 114.0475 };
const B = { lat: 22.6738, lng: 114.0523 };

describe("outside the radius", () => {
  it("credits the GPS accuracy up to the tolerance", () => {
    // 70 m off a 50 m radius: inside with 30 m accuracy (≤ tolerance 50), outside with none.
    expect(outsideRadius(70, 50, 30, 50)).toBe(false);
    expect(outsideRadius(70, 50, null, 50)).toBe(true);
    expect(outsideRadius(70, 50, 0, 50)).toBe(true);
    // An accuracy of 500 m is credited only up to the tolerance.
    expect(outsideRadius(101, 50, 500, 50)).toBe(true);
    expect(outsideRadius(100, 50, 500, 50)).toBe(false);
  });
});

describe("token", () => {
  it("flags a scanned code that is not the point's current one, and any token sent that does not match", () => {
    expect(tokenMismatch("qr", "abc", "abc")).toBe(false);
    expect(tokenMismatch("qr", "old-printed-code", "abc")).toBe(true);
    expect(tokenMismatch("qr", null, "abc")).toBe(true);
    // A GPS check-in needs no token, but one that sends a wrong token is flagged.
    expect(tokenMismatch("gps", null, "abc")).toBe(false);
    expect(tokenMismatch("gps", "zzz", "abc")).toBe(true);
  });
});

describe("travel speed", () => {
  const last = (iso: string, p = A) => ({ ...p, device_time: iso });
  it("flags 500 m in 10 s (180 km/h) above 60 km/h, not the same walk in 10 minutes", () => {
    expect(distanceM(A.lat, A.lng, B.lat, B.lng)).toBeGreaterThan(450);
    expect(tooFast(last("2025-03-10T01:59:50Z"), "2025-03-10T02:00:00Z", B.lat, B.lng, 60)).toBe(true);
    expect(tooFast(last("2025-03-10T01:50:00Z"), "2025-03-10T02:00:00Z", B.lat, B.lng, 60)).toBe(false);
    // The limit is a setting.
    expect(tooFast(last("2025-03-10T01:50:00Z"), "2025-03-10T02:00:00Z", B.lat, B.lng, 2)).toBe(true);
  });
  it("ignores a move of 100 m or less (GPS noise), a last check-in after this one, and no last check-in", () => {
    const near = { lat: A.lat + 0.0008, lng: A.lng }; // about 89 m north
    expect(tooFast(last("2025-03-10T01:59:59Z"), "2025-03-10T02:00:00Z", near.lat, near.lng, 60)).toBe(false);
    expect(tooFast(last("2025-03-10T02:00:10Z"), "2025-03-10T02:00:00Z", B.lat, B.lng, 60)).toBe(false);
    expect(tooFast(null, "2025-03-10T02:00:00Z", B.lat, B.lng, 60)).toBe(false);
  });
});

describe("repeat", () => {
  it("flags the same point again within the window, either side, and never when the window is 0", () => {
    const t = Date.parse("2025-03-10T04:03:00Z");
    expect(isRepeat(t - minutes(3), t, 10)).toBe(true);
    expect(isRepeat(t + minutes(3), t, 10)).toBe(true);
    expect(isRepeat(t - minutes(10), t, 10)).toBe(false);
    expect(isRepeat(t - minutes(3), t, 0)).toBe(false);
    expect(isRepeat(undefined, t, 10)).toBe(false);
  });
});

describe("clock skew", () => {
  it("compares the device's sending time with the server's, so a queue sent late is not flagged", () => {
    // Checked in two hours ago, sent just now from an offline queue: the device clock is right.
    expect(clockSkewed("2025-03-10T02:00:00Z", Date.parse("2025-03-10T00:00:00Z"), NOW, 10)).toBe(false);
    // The device says it is 40 minutes later than it is.
    expect(clockSkewed("2025-03-10T02:40:00Z", NOW, NOW, 10)).toBe(true);
    expect(clockSkewed("2025-03-10T01:51:00Z", NOW, NOW, 10)).toBe(false);
  });
  it("without a sending time, flags only a check-in from the future", () => {
    expect(clockSkewed(null, NOW + minutes(45), NOW, 10)).toBe(true);
    expect(clockSkewed(null, NOW + minutes(5), NOW, 10)).toBe(false);
    expect(clockSkewed(null, NOW - minutes(180), NOW, 10)).toBe(false);
  });
});

describe("all flags of a check-in", () => {
  const limits = { toleranceM: 50, repeatMin: 10, maxKmh: 60, skewMin: 10 };
  const base = {
    point: { radius_m: 50, token: "abc" },
    input: { method: "qr", token: "abc", accuracyM: 10, ...A },
    ...at("2025-03-10T02:00:00Z"),
    last: null,
    prevHereMs: undefined,
    sentAt: null,
    nowMs: NOW,
    limits,
  };
  it("is none for a good check-in and lists each broken rule in the contract's order", () => {
    expect(checkinFlags({ ...base, distM: 3 })).toEqual([]);
    expect(
      checkinFlags({
        ...base,
        distM: 400,
        input: { ...base.input, ...B, token: "old" },
        last: { ...A, device_time: "2025-03-10T01:59:50Z" },
        prevHereMs: NOW - minutes(2),
        sentAt: "2025-03-10T03:00:00Z",
      }),
    ).toEqual(["outside_radius", "token_mismatch", "too_fast", "repeat", "time_skew"]);
  });
  it("a repeat still completes a round; a check-in outside the point or with a wrong code does not", () => {
    expect(countsForRound(["repeat", "time_skew", "too_fast"])).toBe(true);
    expect(countsForRound(["outside_radius"])).toBe(false);
    expect(countsForRound(["token_mismatch"])).toBe(false);
  });
});

describe("the team and the round a check-in counts for", () => {
  const teams = [
    { id: "t-other", community_id: "c2", force: "police" },
    { id: "t-com", community_id: "c1", force: "community" },
    { id: "t-pol", community_id: "c1", force: "police" },
  ];
  it("prefers the officer's team of the point's force, then any of its community", () => {
    expect(teamFor(teams, { community_id: "c1", force: "police" })?.id).toBe("t-pol");
    expect(teamFor(teams, { community_id: "c1", force: "security" })?.id).toBe("t-com");
    expect(teamFor(teams, { community_id: "c3", force: "police" })).toBeNull();
  });
  it("takes an open round not yet visited, the team's own first", () => {
    const rounds = [
      { id: "r-morning", team_id: null, window_start: "2025-03-10T01:00:00.000Z", window_end: "2025-03-10T03:59:59.999Z" },
      { id: "r-other-team", team_id: "t-com", window_start: "2025-03-10T01:00:00.000Z", window_end: "2025-03-10T03:59:59.999Z" },
      { id: "r-evening", team_id: "t-pol", window_start: "2025-03-10T10:00:00.000Z", window_end: "2025-03-10T13:59:59.999Z" },
    ];
    const none = () => false;
    expect(roundFor(rounds, "2025-03-10T02:00:00.000Z", none, "t-pol")?.id).toBe("r-morning");
    expect(roundFor(rounds.slice(1), "2025-03-10T02:00:00.000Z", none, "t-pol")?.id).toBe("r-other-team");
    expect(roundFor(rounds, "2025-03-10T02:00:00.000Z", (r) => r.id === "r-morning", null)?.id).toBe("r-other-team");
    expect(roundFor(rounds, "2025-03-10T11:00:00.000Z", none, "t-pol")?.id).toBe("r-evening");
    expect(roundFor(rounds, "2025-03-10T05:00:00.000Z", none, "t-pol")).toBeNull();
  });
});

describe("the hazard an anomaly opens", () => {
  const a = (date: string, over: { note?: string | null; kind?: string; team_id?: string | null } = {}) => ({
    checkinId: "c-1",
    date,
    point: { grid_id: "g-1", kind: over.kind ?? "消防通道", name: "狮径消防通道1号", team_id: over.team_id === undefined ? "t-1" : over.team_id },
    input: { ...A, note: over.note === undefined ? "消防通道堆放杂物" : over.note, photos: ["f-1"] },
  });
  it("is found on the check-in's date and due a setting's days later", () => {
    const h = hazardOfAnomaly(a("2025-03-10"), "2025-03-10", 7);
    expect(h.create).toMatchObject({
      source: "patrol",
      sourceRef: "c-1",
      kind: "消防",
      foundOn: "2025-03-10",
      description: "消防通道堆放杂物",
      risk: "low",
      gridId: "g-1",
    });
    expect(h.assign).toEqual({ assigneeName: "巡查队伍负责人", deadline: "2025-03-17", note: "巡检异常自动派发" });
  });
  it("is never found in the future, and an anomaly synced late is due from when it was found", () => {
    expect(hazardOfAnomaly(a("2025-03-11"), "2025-03-10", 7).create.foundOn).toBe("2025-03-10");
    const late = hazardOfAnomaly(a("2025-03-01"), "2025-03-10", 7);
    expect(late.create.foundOn).toBe("2025-03-01");
    expect(late.assign.deadline).toBe("2025-03-08");
    expect(hazardOfAnomaly(a("2024-12-30"), "2024-12-30", 7).assign.deadline).toBe("2025-01-06");
  });
  it("names its kind from the point's, a default description, and the community's safety officer without a team", () => {
    const h = hazardOfAnomaly(a("2025-03-10", { note: "  ", kind: "工地", team_id: null }), "2025-03-10", 7);
    expect(h.create.kind).toBe("违建");
    expect(h.create.description).toBe("巡查点「狮径消防通道1号」打卡结果异常");
    expect(h.assign.assigneeName).toBe("社区安全员");
    expect(hazardOfAnomaly(a("2025-03-10", { kind: "其他" }), "2025-03-10", 7).create.kind).toBe("其他");
  });
});

describe("a batch's rows on their own", () => {
  const good = (clientId: string) => ({
    clientId,
    pointId: "p-1",
    method: "qr",
    token: "abc",
    deviceTime: "2025-03-10T02:00:00Z",
    ...A,
    result: "normal",
  });
  const results = (n: number) =>
    Array.from({ length: n }, (_, index) => ({ index, clientId: null, status: "rejected", id: null, flags: [], code: null, reason: null }) as any);
  it("rejects an invalid row with its field, answers a client id seen earlier in the batch as a duplicate", () => {
    const res = results(4);
    const parsed = parseBatch([good("client-a"), { clientId: "client-x", lat: 95 }, good("client-a"), good("client-b")], false, res);
    expect(parsed.map((p) => p.index)).toEqual([0, 3]);
    expect(res[1]).toMatchObject({ status: "rejected", code: "INVALID", clientId: "client-x" });
    expect(res[1].reason).toMatch(/^[a-zA-Z.]+: /);
    expect(res[2]).toMatchObject({ status: "duplicate", code: "DUPLICATE", reason: "same clientId as row 0", clientId: "client-a" });
  });
});

describe("one audit entry per officer in a group commit", () => {
  const one = (id: string, from: string, over: Partial<{ flagged: number; abnormal: number; community: string }> = {}) => ({
    communityIds: [over.community ?? "c1"],
    after: { accepted: 1, duplicates: 0, rejected: 0, flagged: over.flagged ?? 0, abnormal: over.abnormal ?? 0, from, to: from, source: "device", ids: [id] },
  });
  it("sums the counts, spans the times and names every check-in", () => {
    const e = groupAudit([one("b", "2025-03-10T02:05:00Z", { flagged: 1 }), one("a", "2025-03-10T02:00:00Z", { abnormal: 1 })]);
    expect(e).toEqual({
      entityId: null,
      communityId: "c1",
      after: {
        accepted: 2,
        duplicates: 0,
        rejected: 0,
        flagged: 1,
        abnormal: 1,
        from: "2025-03-10T02:00:00Z",
        to: "2025-03-10T02:05:00Z",
        source: "device",
        ids: ["b", "a"],
      },
    });
    expect(groupAudit([one("a", "2025-03-10T02:00:00Z")])).toMatchObject({ entityId: "a", communityId: "c1" });
    expect(groupAudit([one("a", "2025-03-10T02:00:00Z"), one("b", "2025-03-10T02:01:00Z", { community: "c2" })]).communityId).toBeNull();
  });
});
