import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { parseMonth } from "./reports.monthly.js";

// The monthly summary on the test's own records: party committee meetings in 2024-06 (three) and
// 2023-06 (one), one in 2024-05 and one on 2024-07-01 (outside the month: period ends checked).
let env: TestEnv;
let leader: Agent;

const ok = async (res: { statusCode: number; body: string; json: () => any }, code = 201) => {
  expect(res.statusCode, res.body).toBe(code);
  return res.json();
};
async function committee() {
  const org = await ok(
    await leader.post("/api/organisations", { communityId: env.world.communityId, kind: "党组织", name: "中共月报测试社区委员会", foundedOn: "2005-01-01" }),
  );
  const id = (
    await ok(await leader.post("/api/party/orgs", { orgId: org.id, level: "党委", partyKind: "社区", foundedOn: "2005-01-01", termStart: "2021-12-10" }))
  ).id as string;
  for (const [i, post] of ["书记", "副书记", "组织委员"].entries()) {
    const p = await ok(
      await leader.post("/api/people", {
        communityId: env.world.communityId,
        name: `月报党委委员${i}`,
        gender: "M",
        birthDate: "1975-05-05",
        kind: "registered",
      }),
    );
    await ok(await leader.post("/api/party/posts", { orgId: id, personId: p.id, post, termStart: "2021-12-10" }));
  }
  return id;
}
async function meeting(orgId: string, heldOn: string) {
  const type = "党委会议";
  const due = (await leader.get(`/api/party/members-due?orgId=${orgId}&type=${encodeURIComponent(type)}&on=${heldOn}`)).json();
  await ok(
    await leader.post("/api/party/meetings", {
      orgId,
      type,
      heldOn,
      topic: `${type} ${heldOn}`,
      attendance: due.map((d: { memberId: string }) => ({ memberId: d.memberId, status: "present" })),
    }),
  );
}
const q = () => `?region=${env.world.communityId}`;

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2024-08-10T02:00:00Z") });
  leader = await env.login("leader");
  const id = await committee();
  for (const on of ["2024-06-01", "2024-06-15", "2024-06-30", "2023-06-30", "2024-05-31", "2024-07-01"]) await meeting(id, on);
});
afterAll(() => env?.close());

describe("GET /api/reports/monthly/:month", () => {
  it("gives this month's figures beside the same month last year, from the records", async () => {
    const s = await ok(await leader.get(`/api/reports/monthly/2024-06${q()}`), 200);
    expect(s.month).toBe("2024-06");
    expect(s.period).toEqual({ from: "2024-06-01", to: "2024-06-30" });
    expect(s.region.id).toBe(env.world.communityId);
    const row = s.rows.find((r: { key: string }) => r.key === "party.committee_meetings");
    expect(row).toMatchObject({ value: 3, lastYear: 1, changePct: 200 });
    const chart = s.charts.find((c: { key: string }) => c.key === "party.committee_meetings");
    expect(chart.months).toEqual([0, 0, 0, 0, 1, 3]);
    expect(chart.previous).toHaveLength(12);
    expect(chart.previous[5]).toBe(1);
  });

  it("exports a DOCX with the figures' numbers, audited", async () => {
    const before = (await env.database.db.selectFrom("audit_log").select("action").where("action", "=", "reports.monthly.export").execute()).length;
    const res = await leader.get(`/api/reports/monthly/2024-06.docx${q()}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("officedocument.wordprocessingml");
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("2024年6月");
    expect(text).toContain("+200%");
    expect(Object.keys(zip.files).some((f) => f.startsWith("word/media/"))).toBe(true);
    const after = await env.database.db.selectFrom("audit_log").select(["action", "after"]).where("action", "=", "reports.monthly.export").execute();
    expect(after.length).toBe(before + 1);
  });

  it("refuses a month that is not one, in both languages", async () => {
    for (const m of ["2024-13", "abc", "2024-00", "abc.docx"]) {
      const res = await leader.get(`/api/reports/monthly/${m}${q()}`);
      expect(res.statusCode, m).toBe(400);
      expect(res.body).toContain("月份");
      // The English text is the error's own message (shown to an English session).
      expect(() => parseMonth(m.replace(".docx", ""))).toThrow(/The month must be yyyy-mm/);
    }
  });

  it("answers 404 for a region out of the account's scope", async () => {
    expect((await leader.get(`/api/reports/monthly/2024-06?region=${env.world.neighbourCommunityId}`)).statusCode).toBe(404);
    expect((await leader.get(`/api/reports/monthly/2024-06.docx?region=${env.world.neighbourCommunityId}`)).statusCode).toBe(404);
  });
});
