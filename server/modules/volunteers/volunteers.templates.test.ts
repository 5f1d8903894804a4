import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { importKit } from "../../test/http.js";

// The volunteer registry's and the service hours' templates as a community moving in fills them:
// the headers the imports read and an example row that imports once the resident it names is on
// the people registry — checked, imported, and unchanged when read again. The example volunteer's
// number is the first a community gives, so the hours' example imports right after the registry's.

let env: TestEnv;
let staff: Agent;
const { upload, ok, template } = importKit(
  () => staff,
  () => env.world.communityId,
);

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2026-03-10T02:00:00Z"), people: 4 });
  staff = await env.login("staff");
});
afterAll(() => env?.close());

describe("volunteer templates", () => {
  it("the registry's template, then the service hours' one, import as they are: checked, created, then unchanged", async () => {
    const vol = await template("/api/volunteers/import");
    expect(Object.keys(vol.row)).toEqual(["姓名", "身份证号", "注册日期", "技能", "服务时间"]);
    // The resident the example names, on the people registry.
    const p = await staff.post("/api/people", {
      communityId: env.world.communityId,
      name: vol.row.姓名,
      gender: "M",
      birthDate: "1990-01-01",
      idNumber: vol.row.身份证号,
      kind: "registered",
    });
    expect(p.statusCode, p.body).toBe(201);
    expect(await upload("/api/volunteers/import", vol.buf, "&dryRun=1")).toEqual(ok(1, 0, true));
    expect((await staff.get("/api/volunteers")).json().total).toBe(0);
    expect(await upload("/api/volunteers/import", vol.buf)).toEqual(ok(1));
    expect(await upload("/api/volunteers/import", vol.buf)).toEqual(ok(0, 1));
    const v = (await staff.get("/api/volunteers")).json().items[0];
    expect(v).toMatchObject({ personId: p.json().id, joinedOn: vol.row.注册日期, skills: ["急救", "摄影"] });

    const rec = await template("/api/volunteers/records/import");
    expect(Object.keys(rec.row)).toEqual(["志愿者编号", "服务内容", "签到时间", "签退时间"]);
    expect(rec.row.志愿者编号).toBe(v.code);
    expect(await upload("/api/volunteers/records/import", rec.buf, "&dryRun=1")).toEqual(ok(1, 0, true));
    expect(await upload("/api/volunteers/records/import", rec.buf)).toEqual(ok(1));
    expect(await upload("/api/volunteers/records/import", rec.buf)).toEqual(ok(0, 1));
    const recs = (await staff.get(`/api/volunteers/records?volunteerId=${v.id}`)).json().items;
    expect(recs).toEqual([expect.objectContaining({ title: rec.row.服务内容, hours: 2.5, state: "confirmed" })]);
  });
});
