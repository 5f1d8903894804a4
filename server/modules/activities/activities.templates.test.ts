import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";
import { multipartFile, readXlsx } from "../../test/http.js";
import { IMPORT_COLUMNS } from "./activities.io.js";

// The activity register's template as a community moving in fills it: the headers the import reads
// and an example row that imports as it is (a type every deployment has, no venue or organiser to
// be on record first) — checked, imported, and unchanged when read again.

let env: TestEnv;
let leader: Agent;
const upload = async (buf: Buffer, q = "") => {
  const f = multipartFile("template.xlsx", buf);
  const res = await leader.req("POST", `/api/activities/import?communityId=${env.world.communityId}${q}`, f.payload, { headers: f.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const ok = (created: number, unchanged = 0, dryRun = false) => ({ created, unchanged, errors: [], dryRun });

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2026-03-10T02:00:00Z"), people: 4 });
  leader = await env.login("leader");
});
afterAll(() => env?.close());

describe("activities template", () => {
  it("has the import's headers and imports as it is: checked, created, then unchanged", async () => {
    const t = await leader.get("/api/activities/import/template");
    expect(t.statusCode, t.body).toBe(200);
    expect(decodeURIComponent(String(t.headers["content-disposition"]))).toContain("活动台账导入模板.xlsx");
    const rows = await readXlsx(t.rawPayload);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0])).toEqual(Object.values(IMPORT_COLUMNS).map((c) => c.header));
    const day = IMPORT_COLUMNS.start.example.slice(0, 10);
    const listed = async () => (await leader.get(`/api/activities?communityId=${env.world.communityId}&from=${day}&to=${day}`)).json();
    expect(await upload(t.rawPayload, "&dryRun=1")).toEqual(ok(1, 0, true));
    expect((await listed()).total).toBe(0);
    expect(await upload(t.rawPayload)).toEqual(ok(1));
    expect(await upload(t.rawPayload)).toEqual(ok(0, 1));
    expect((await listed()).items).toEqual([expect.objectContaining({ title: IMPORT_COLUMNS.title.example })]);
  });
});
