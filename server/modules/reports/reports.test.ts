import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { parseSentence, type TemplateError } from "./reports.rules.js";

// A second community's report carries its own numbers; what it has no records of is left out and
// flagged, never printed as 0.
let env: TestEnv;
let leader: Agent;

// Records made through the API as a user would (the party module's own factories are its own).
const ok = async (res: { statusCode: number; body: string; json: () => any }, code = 201) => {
  expect(res.statusCode, res.body).toBe(code);
  return res.json();
};
async function partyCommittee() {
  const org = await ok(
    await leader.post("/api/organisations", { communityId: env.world.communityId, kind: "党组织", name: "中共报告测试社区委员会", foundedOn: "2005-01-01" }),
  );
  const id = (
    await ok(await leader.post("/api/party/orgs", { orgId: org.id, level: "党委", partyKind: "社区", foundedOn: "2005-01-01", termStart: "2021-12-10" }))
  ).id as string;
  for (const [i, post] of ["书记", "副书记", "组织委员"].entries()) {
    const p = await ok(
      await leader.post("/api/people", {
        communityId: env.world.communityId,
        name: `报告党委委员${i}`,
        gender: "M",
        birthDate: "1975-05-05",
        kind: "registered",
      }),
    );
    await ok(await leader.post("/api/party/posts", { orgId: id, personId: p.id, post, termStart: "2021-12-10" }));
  }
  return id;
}
async function meeting(orgId: string, type: string, heldOn: string) {
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
beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2025-02-10T02:00:00Z") });
  leader = await env.login("leader");
  const committee = await partyCommittee();
  for (const on of ["2024-01-05", "2024-06-05", "2024-12-31", "2023-12-31"]) await meeting(committee, "党委会议", on);
});
afterAll(() => env?.close());

describe("the annual report of a community with its own records", () => {
  it("prints its own numbers and leaves out, flagged, what it has no records of", async () => {
    const res = await leader.get(`/api/reports/annual/2024?region=${env.world.communityId}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const text = r.sections.flatMap((s: any) => s.paragraphs.map((p: any) => p.text)).join("");
    expect(text).toContain("全年召开党委会议3次");
    expect(text).not.toContain("党建工作部署总结会0次");
    expect(text).not.toMatch(/[^\d.]0(场|次|名|个|项|宗|起|条|户次)/);
    const sentences = r.sections.flatMap((s: any) => s.paragraphs.flatMap((p: any) => p.sentences));
    expect(sentences.some((x: any) => x.flagged === "zero")).toBe(true);
    expect(r.flaggedCount).toBe(sentences.filter((x: any) => x.flagged).length);
    const f = r.figures.find((x: any) => x.key === "party.committee_meetings");
    expect(f).toMatchObject({ value: 3, printed: "3", previous: 1, changePct: 200 });
  });

  it("a year with no records answers with everything flagged; a bad year is refused", async () => {
    const r = (await leader.get(`/api/reports/annual/2019?region=${env.world.communityId}`)).json();
    expect(
      r.sections
        .flatMap((s: any) => s.paragraphs.flatMap((p: any) => p.sentences))
        .filter((x: any) => x.runs.some((u: any) => u.key))
        .every((x: any) => x.flagged),
    ).toBe(true);
    const bad = await leader.get("/api/reports/annual/20x4");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("年份");
  });
});

describe("template sentences", () => {
  const units = (k: string) => (({ "a.count": "count", "a.rate": "ratio" }) as Record<string, "count" | "ratio">)[k];
  const refusal = (s: string) => {
    try {
      parseSentence(s, "第1句", units);
    } catch (e) {
      return (e as TemplateError).zh;
    }
    return "accepted";
  };
  it("are read into text and placeholders, and refused with the position when wrong", () => {
    expect(parseSentence("共{a.count:余}场，{year}年", "x", units)).toEqual([
      { text: "共" },
      { key: "a.count", form: "余" },
      { text: "场，" },
      { special: "year" },
      { text: "年" },
    ]);
    expect(refusal("共{a.nope}场")).toContain("第2个字符处：没有指标「a.nope」");
    expect(refusal("共{a.count场")).toContain("没有闭合");
    expect(refusal("共a.count}场")).toContain("多了“}”");
    expect(refusal("共{a.count:约}场")).toContain("没有写法「约」");
    expect(refusal("率{a.rate:余}")).toContain("不能写成数量");
    expect(refusal("率{a.rate}")).toContain("须写成 % 或 百分百");
    expect(refusal("数{a.count:%}")).toContain("不能写成比率");
  });
});
