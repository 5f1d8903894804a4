// Party benchmark: the demo's party records (through the services), then the party figures, the
// compliance view, the member list and meeting recording at that scale, plus a multiplied meeting
// log. Prints figures; it asserts nothing.  Run: npx tsx bench/party.ts [--years 10]
// (SQLite by default, PostgreSQL with DATABASE_URL.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { seedDemo } from "../server/demo/seed.js";
import { createPartyServices } from "../server/modules/party/party.services.js";
import { uuidv7 } from "../server/platform/ids.js";
import { scopeOf } from "../server/platform/scope.js";

const { values } = parseArgs({ options: { years: { type: "string", default: "10" } } });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-party-"));
const config = loadConfig({ ...process.env, SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" });
const app = await buildApp(config);
const { db } = app.deps;
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;

let t = performance.now();
let partyLine = "";
const world = await seedDemo(app.deps, {
  people: 3000,
  modules: ["party"],
  log: (s) => {
    if (s.startsWith("party: demo")) partyLine = s;
  },
});
console.log(`seed demo with party records: ${ms(t)} (${partyLine})`);

// A longer history: copy the meeting log (with attendance) into earlier years, as an old community would have.
t = performance.now();
const meetings = await db.selectFrom("party_meetings").selectAll().execute();
const attendance = await db.selectFrom("party_attendance").selectAll().execute();
const byMeeting = new Map<string, typeof attendance>();
for (const a of attendance) byMeeting.set(a.meeting_id, [...(byMeeting.get(a.meeting_id) ?? []), a]);
const years = Number(values.years);
let copied = 0;
for (let y = 1; y <= years; y++) {
  await db.transaction().execute(async (trx) => {
    for (const m of meetings) {
      const id = uuidv7();
      const held = `${Number(m.held_on.slice(0, 4)) - y - 2}${m.held_on.slice(4)}`.replace("-02-29", "-02-28");
      await trx
        .insertInto("party_meetings")
        .values({ ...m, id, held_on: held, held_month: held.slice(0, 7) })
        .execute();
      const rows = (byMeeting.get(m.id) ?? []).map((a) => ({ ...a, meeting_id: id }));
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto("party_attendance")
          .values(rows.slice(i, i + 200))
          .execute();
      copied++;
    }
  });
}
console.log(`history: ${copied} more meetings (${years} years) in ${ms(t)}; ${meetings.length + copied} meetings in all`);

const community = await scopeOf(db, world.communityId);
const subdistrict = await scopeOf(db, world.subdistrictId);
if (!community || !subdistrict) throw new Error("no scope");
const figures = app.deps.figures.all().filter((f) => f.module === "party");
for (const [name, scope] of [
  ["福民社区", community],
  ["福城街道", subdistrict],
] as const) {
  t = performance.now();
  for (const f of figures) await f.value(db, { scope, from: "2024-01-01", to: "2024-12-31", filters: {} });
  console.log(`${figures.length} party figures for ${name} 2024: ${ms(t)}`);
}
for (const key of ["party.meetings", "party.compliance_rate", "party.company_cross_role_ratio"]) {
  const f = app.deps.figures.get(key);
  if (!f) continue;
  t = performance.now();
  const v = await f.value(db, { scope: community, from: "2024-01-01", to: "2024-12-31", filters: {} });
  const r = await f.records(db, { scope: community, from: "2024-01-01", to: "2024-12-31", filters: {} }, { page: 1, pageSize: 50 });
  console.log(`  ${key} = ${v} (value + first page of ${r.total} records): ${ms(t)}`);
}

const { meetings: meetingsSvc, members, pipeline, orgs } = createPartyServices(app.deps);
t = performance.now();
const c = await meetingsSvc.compliance(community, 2024);
console.log(`compliance view 2024 (${c.rows.length} branches): ${ms(t)}`);
t = performance.now();
const page = await members.list(community, { page: 1, pageSize: 50 });
console.log(`member list (first page of ${page.total}): ${ms(t)}`);
t = performance.now();
const apps = await pipeline.list(community, { page: 1, pageSize: 200 });
console.log(`pipeline board (${apps.total} applicants): ${ms(t)}`);

const who = { user: null, scope: community };
const branch = (await orgs.list(community)).find((o) => o.name.includes("富康党支部"));
if (branch) {
  const n = 200;
  t = performance.now();
  for (let i = 0; i < n; i++) {
    const due = [...(await meetingsSvc.membersDue(db, branch.id, "主题党日", "2025-06-10"))];
    await meetingsSvc.create(who, {
      orgId: branch.id,
      type: "主题党日",
      heldOn: "2025-06-10",
      topic: `基准 ${i}`,
      attendance: due.map((memberId) => ({ memberId, status: "present" as const })),
      photoFileIds: [],
    });
  }
  const el = performance.now() - t;
  console.log(`record ${n} meetings with attendance (one transaction each, audited): ${el.toFixed(0)} ms, ${(el / n).toFixed(1)} ms each`);
}
await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });
