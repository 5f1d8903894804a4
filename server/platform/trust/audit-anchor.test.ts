import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { TEST_DB, testEnv } from "../../test/helpers.js";
import { verifyAudit } from "../audit.js";
import { fixedClock } from "../clock.js";
import { createAnchorer, readAnchors } from "./anchor.js";
import { archiveAudit, RetentionError } from "./archive.js";
import { signingKeys } from "./files.js";
import { verifyAuditFull, verifyAuditReport } from "./verify.js";

const DAY = 86_400_000;
const clock = fixedClock("2025-01-01T02:00:00Z");
let env: TestEnv;
let dir: string;

/** n audit entries made by a real write each (a person's note changed through the API). */
let leader: Agent | undefined;
async function writes(n: number) {
  leader ??= await env.login("leader");
  const person = (await env.database.db.selectFrom("people").select("id").where("community_id", "=", env.world.communityId).executeTakeFirstOrThrow()).id;
  for (let i = 0; i < n; i++) {
    const r = await leader.patch(`/api/people/${person}`, { note: `走访 ${i}` });
    expect(r.statusCode).toBe(200);
  }
}
const head = async () => Number((await env.database.db.selectFrom("audit_log").select("seq").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow()).seq);

beforeAll(async () => {
  env = await testEnv({ clock, people: 5 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-anchor-"));
});
afterAll(async () => {
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("audit anchors", () => {
  it("anchors the head every N entries and at M minutes; verify-audit reports the newest rows deleted as truncation", async () => {
    const file = path.join(dir, "anchors.jsonl");
    leader = await env.login("leader");
    const anchorer = createAnchorer(env.database.db, { file, every: 5, minutes: 10, syslog: false, now: () => clock.now() });
    await anchorer.start(() => {});
    await anchorer.stop();
    const start = await head();
    expect(readAnchors(file).anchors.map((a) => a.seq)).toEqual([start]);

    await writes(3);
    expect(await anchorer.tick()).toBeNull(); // 3 entries, 0 minutes: not yet
    clock.advance(10 * 60_000);
    expect((await anchorer.tick())?.seq).toBe(start + 3); // the minutes passed
    await writes(5);
    expect((await anchorer.tick())?.seq).toBe(start + 8); // N entries
    const { anchors } = readAnchors(file);
    expect(anchors.map((a) => a.seq)).toEqual([start, start + 3, start + 8]);
    expect(anchors[2].hash).toMatch(/^[0-9a-f]{64}$/);

    expect((await verifyAuditFull(env.database.db, { anchors })).ok).toBe(true);

    // Someone deletes the two newest entries: the chain alone still verifies, the anchors do not.
    await env.database.db
      .deleteFrom("audit_log")
      .where("seq", ">", start + 6)
      .execute();
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
    const r = await verifyAuditFull(env.database.db, { anchors });
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ kind: "truncation", seq: start + 8 });
    expect(r.problems[0].message).toMatch(/at least 2 newest entries were deleted.*截断/s);

    // New entries take the deleted numbers again: a different hash at an anchored seq is an edit.
    await writes(3);
    const again = await verifyAuditFull(env.database.db, { anchors });
    expect(again.problems.some((p) => p.kind === "edit" && p.seq === start + 8 && /anchor/.test(p.message))).toBe(true);

    // An edited entry in the middle is reported by its hash.
    await env.database.db
      .updateTable("audit_log")
      .set({ reason: "改过" })
      .where("seq", "=", start + 2)
      .execute();
    const edited = await verifyAuditFull(env.database.db, { anchors });
    expect(edited.problems.some((p) => p.kind === "edit" && p.seq === start + 2)).toBe(true);
    await env.database.db
      .updateTable("audit_log")
      .set({ reason: null })
      .where("seq", "=", start + 2)
      .execute();
    // A torn line in the anchor file is reported, not read.
    fs.appendFileSync(file, '{"seq": 9');
    expect(readAnchors(file).bad.length).toBe(1);
  });
});

describe("retention and archives", () => {
  it("refuses to prune inside 180 days, archives older entries to a signed file, and the chain continues across it", async () => {
    // Entries made so far are at 2025-01-01; half a year and a bit later, new ones.
    clock.set("2025-07-15T02:00:00Z");
    leader = undefined; // half a year on, the session has expired
    // Repair the log first: the test above cut it (its own check of truncation).
    await env.database.db.deleteFrom("audit_log").execute();
    await writes(4);
    clock.set("2025-08-01T02:00:00Z");
    leader = undefined;
    await writes(3);
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
    const old = await env.database.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("at", "<", "2025-07-20")
      .executeTakeFirstOrThrow();

    // 2025-08-01 less 180 days is 2025-02-02: anything later is refused.
    await expect(archiveAudit(env.app.deps, { before: new Date("2025-07-20T00:00:00Z") })).rejects.toThrow(RetentionError);
    await expect(archiveAudit(env.app.deps, { before: new Date("2025-07-20T00:00:00Z") })).rejects.toThrow(/180.*审计日志须保留 180 天/s);
    expect(() => loadConfig({ SHEQU_AUDIT_RETENTION_DAYS: "90" })).toThrow(/180/);

    clock.set("2026-02-01T02:00:00Z"); // now 2025-07-15 is more than 180 days ago
    leader = undefined;
    const out = path.join(dir, "archive-1.jsonl");
    const a = await archiveAudit(env.app.deps, { before: new Date("2025-07-20T00:00:00Z"), out });
    expect(a).toMatchObject({ entries: Number(old.n), file: out });
    expect(Number(old.n)).toBe(5); // a sign-in and four writes
    // The chain in the database goes on from the archive, with the archiving's own entry.
    await writes(2);
    const left = await env.database.db.selectFrom("audit_log").select(["seq", "action"]).orderBy("seq").execute();
    expect(Number(left[0].seq)).toBe((a?.lastSeq ?? 0) + 1);
    expect(left.some((e) => e.action === "audit.archive")).toBe(true);
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
    const { publicKey } = signingKeys(env.app.deps.config.dataDir);
    const full = await verifyAuditFull(env.database.db, { archiveFiles: [out], publicKey });
    expect(full).toMatchObject({ ok: true, archived: a?.entries, archivedChecked: a?.entries });

    // Not given, the archive is named as unchecked; changed, its signature fails.
    expect((await verifyAuditFull(env.database.db, { archiveFiles: [], publicKey })).problems[0].message).toMatch(/not given/);
    const text = fs.readFileSync(out, "utf8");
    fs.writeFileSync(out, text.replace('"success":1', '"success":0'));
    const bad = await verifyAuditFull(env.database.db, { archiveFiles: [out], publicKey });
    expect(bad.ok).toBe(false);
    expect(bad.problems.map((p) => p.message).join("\n")).toMatch(/signature does not verify/);
  });
});

describe.runIf(TEST_DB === "sqlite")("shequ verify-audit", () => {
  it("reports a truncation made by deleting the newest rows (exit 1), and OK before it", async () => {
    const data = path.join(dir, "cli");
    const config = loadConfig({ SHEQU_DATA_DIR: data, SHEQU_LOG_LEVEL: "silent" });
    const app = await buildApp(config);
    try {
      for (let i = 0; i < 12; i++)
        await app.deps.audit.append(app.deps.db, { actorId: null, actorName: "system", action: "test.write", entity: "test", entityId: String(i) });
      const anchorer = createAnchorer(app.deps.db, { file: config.audit.anchorFile, every: 5, minutes: 60, syslog: false });
      await anchorer.start(() => {});
      await anchorer.stop();
      const ok = await verifyAuditReport(app.deps.db, config);
      expect(ok.lines.join("\n")).toMatch(/OK: hash chain intact/);
      expect(ok.code).toBe(0);
      // Behind the server's back, on the database file itself.
      const SQLite = (await import("better-sqlite3")).default;
      const raw = new SQLite(config.sqliteFile);
      raw.prepare("delete from audit_log where seq > 9").run();
      raw.close();
      const cut = await verifyAuditReport(app.deps.db, config);
      expect(cut.lines.join("\n")).toMatch(/TRUNCATION #12: truncated: the log ends at entry #9/);
      expect(cut.code).toBe(1);
    } finally {
      await app.close();
    }
  });
});
