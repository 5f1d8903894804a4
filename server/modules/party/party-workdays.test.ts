import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STEPS } from "../../../contracts/party.js";
import { fixedClock } from "../../platform/clock.js";
import { addDays, addMonths } from "../../platform/dates.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { CN_HOLIDAYS_2024_2025, CN_WORKDAYS_2024_2025 } from "./party.settings.js";

// The publicity period before the branch vote: 5 working days [B], counted in the working-day
// calendar of the settings (public holidays off, 调休 weekend dates worked). Today is 2026-06-15.
let env: TestEnv;
let leader: Agent;
let admin: Agent;
let branchId: string;
let full: string[];
const docs = (n: number) => STEPS[n - 1].docs.map((name) => ({ name, paper: true }));
const msg = (res: { json: () => any }) => res.json().error.message as string;

async function person(name: string, birthDate: string) {
  const res = await leader.post("/api/people", { communityId: env.world.communityId, name, gender: "M", birthDate, kind: "registered" });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** An applicant taken through steps 1–14, the publicity (step 13) beginning on `publicity`. */
async function upToPublicity(name: string, publicity: string) {
  const applied = addMonths(publicity, -16);
  const dates: Record<number, string> = {
    2: addDays(applied, 10),
    3: addDays(applied, 20),
    4: addDays(applied, 30),
    5: addDays(applied, 35),
    6: addDays(applied, 40),
  };
  dates[7] = addDays(addMonths(dates[3], 12), 5);
  for (const [n, d] of [
    [8, 3],
    [9, 5],
    [10, 10],
    [11, 15],
    [12, 20],
  ])
    dates[n] = addDays(dates[7], d);
  dates[13] = publicity;
  dates[14] = publicity;
  const created = await leader.post("/api/party/applicants", {
    personId: await person(name, "1995-05-05"),
    orgId: branchId,
    appliedOn: applied,
    documents: docs(1),
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  for (let n = 2; n <= 14; n++) {
    const extra: Record<string, unknown> = {};
    if (n === 5) extra.memberIds = [full[0]];
    if (n === 9) extra.memberIds = [full[1], full[2]];
    if (n === 10) extra.conclusion = "合格";
    if (n === 11) extra.trainingHours = 24;
    const res = await leader.post(`/api/party/applicants/${id}/steps`, { step: n, doneOn: dates[n], documents: docs(n), ...extra });
    expect(res.statusCode, `${n}: ${res.body}`).toBe(200);
  }
  return id;
}
const vote = (id: string, doneOn: string) =>
  leader.post(`/api/party/applicants/${id}/steps`, { step: 15, doneOn, documents: docs(15), vote: { due: 3, present: 3, yes: 3, no: 0, abstain: 0 } });
const next = async (id: string) => (await leader.get(`/api/party/applicants/${id}`)).json().next;

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2026-06-15T02:00:00Z") });
  leader = await env.login("leader");
  admin = await env.login("admin");
  const c = await leader.post("/api/party/orgs", { name: "中共工作日社区委员会", level: "党委", partyKind: "社区", foundedOn: "2005-03-01" });
  const b = await leader.post("/api/party/orgs", { name: "工作日党支部", parentId: c.json().id, level: "党支部", partyKind: "小区", foundedOn: "2010-01-01" });
  expect(b.statusCode, b.body).toBe(201);
  branchId = b.json().id;
  full = [];
  for (const name of ["正式甲", "正式乙", "正式丙"]) {
    const m = await leader.post("/api/party/members", { personId: await person(name, "1970-01-01"), orgId: branchId, status: "full", joinedOn: "2000-07-01" });
    expect(m.statusCode, m.body).toBe(201);
    full.push(m.json().id);
  }
}, 120_000);
afterAll(() => env?.close());

describe("the publicity period in working days", () => {
  it("the settings list both calendars with the State Council's 2024 and 2025 dates as defaults", async () => {
    const items: any[] = (await admin.get("/api/settings")).json().items;
    expect(items.find((s) => s.key === "party.public_holidays")).toMatchObject({ value: CN_HOLIDAYS_2024_2025, overridden: false });
    expect(items.find((s) => s.key === "party.adjusted_workdays")).toMatchObject({ value: CN_WORKDAYS_2024_2025, overridden: false });
  });

  it("a 调休 Saturday counts as a working day", async () => {
    // Thu 9 May 2024: Fri 10, Sat 11 (worked), 13, 14, 15 — not 16 as Monday to Friday would have it.
    const id = await upToPublicity("调休申请人", "2024-05-09");
    expect(await next(id)).toMatchObject({ step: 15, earliest: "2024-05-15" });
    const early = await vote(id, "2024-05-14");
    expect(early.statusCode).toBe(400);
    expect(msg(early)).toContain("公示5个工作日");
    expect(msg(early)).toContain("最早2024-05-15");
    expect((await vote(id, "2024-05-15")).statusCode).toBe(200);
  });

  let nationalDay: string;
  it("a publicity period spanning the 2024 National Day holiday ends after it", async () => {
    // Fri 27 Sep 2024: Sun 29 Sep (worked), Mon 30 Sep, 1–7 Oct off, 8, 9, 10 Oct.
    nationalDay = await upToPublicity("国庆申请人", "2024-09-27");
    expect(await next(nationalDay)).toMatchObject({ step: 15, earliest: "2024-10-10" });
    const early = await vote(nationalDay, "2024-10-09");
    expect(early.statusCode).toBe(400);
    expect(msg(early)).toContain("最早2024-10-10");
    const en = await leader.req(
      "POST",
      `/api/party/applicants/${nationalDay}/steps`,
      { step: 15, doneOn: "2024-10-08", documents: docs(15), vote: { due: 3, present: 3, yes: 3, no: 0, abstain: 0 } },
      { headers: { "accept-language": "en" } },
    );
    expect(en.json().error.message).toContain("earliest 2024-10-10");
  });

  it("changing the settings changes the answer, and only valid lists are taken", async () => {
    const bad = await admin.put("/api/settings/party.public_holidays", { value: ["2024-10-01", "2024-02-30"] });
    expect(bad.statusCode).toBe(400);
    const notWeekend = await admin.put("/api/settings/party.adjusted_workdays", { value: ["2024-10-14"] });
    expect(notWeekend.statusCode).toBe(400);
    expect(msg(notWeekend)).toContain("2024-10-14");

    // No holidays in October: Sun 29 Sep (still worked), 30 Sep, 1, 2, 3 Oct.
    const holidays = CN_HOLIDAYS_2024_2025.filter((d) => !d.startsWith("2024-10"));
    const put = await admin.put("/api/settings/party.public_holidays", { value: holidays });
    expect(put.statusCode, put.body).toBe(200);
    expect(await next(nationalDay)).toMatchObject({ earliest: "2024-10-03" });
    // No 调休 either: Monday to Friday, 30 Sep to 4 Oct.
    expect((await admin.put("/api/settings/party.adjusted_workdays", { value: [] })).statusCode).toBe(200);
    expect(await next(nationalDay)).toMatchObject({ earliest: "2024-10-04" });
    expect(msg(await vote(nationalDay, "2024-10-03"))).toContain("最早2024-10-04");
    const ok = await vote(nationalDay, "2024-10-04");
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().result.passed).toBe(true);

    // The longer publicity period of another setting is counted in the same calendar.
    expect((await admin.put("/api/settings/party.public_holidays", { value: CN_HOLIDAYS_2024_2025 })).statusCode).toBe(200);
    expect((await admin.put("/api/settings/party.adjusted_workdays", { value: CN_WORKDAYS_2024_2025 })).statusCode).toBe(200);
    expect((await admin.put("/api/settings/party.publicity_working_days", { value: 7 })).statusCode).toBe(200);
    const later = await upToPublicity("七日申请人", "2024-09-27");
    // …8, 9, 10, 11 Oct and Sat 12 Oct (worked).
    expect(await next(later)).toMatchObject({ earliest: "2024-10-12" });
    expect(msg(await vote(later, "2024-10-11"))).toContain("公示7个工作日");
  });
});
