import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { parseSentence, type TemplateError } from "./reports.rules.js";

// A second community's report carries its own numbers; what it has no records of is left out and
// flagged, never printed as 0.
let env: TestEnv;
let leader: Agent;
let committeeId: string;

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
  committeeId = committee;
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

  it("draws a section's chart in the DOCX: a PNG of its headline figure by month, referenced in document.xml", async () => {
    const res = await leader.get(`/api/reports/annual/2024.docx?region=${env.world.communityId}`);
    expect(res.statusCode, res.body).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const media = Object.keys(zip.files).filter((n) => /^word\/media\/.+\.png$/.test(n));
    expect(media.length).toBe(1); // only 扛牢主责 prints a figure here (党委会议)
    const png = await zip.file(media[0])?.async("nodebuffer");
    expect(png?.subarray(1, 4).toString()).toBe("PNG");
    const rels = (await zip.file("word/_rels/document.xml.rels")?.async("string")) ?? "";
    const rid = new RegExp(`Id="(\\w+)"[^>]*Target="media/${media[0].split("/").pop()}"`).exec(rels)?.[1];
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain(`r:embed="${rid}"`);
    expect(xml).toContain("党委会议");
  });

  it("exports PDF only where LibreOffice is installed, else 501 with a clear message", async () => {
    const { findSoffice } = await import("./reports.pdf.js");
    const formats = (await leader.get("/api/reports/exports")).json();
    expect(formats).toEqual({ docx: true, pdf: !!findSoffice() });
    if (findSoffice()) return; // converting takes seconds: covered by hand where installed
    const res = await leader.get(`/api/reports/annual/2024.pdf?region=${env.world.communityId}`);
    expect(res.statusCode).toBe(501);
    expect(res.json().error.message).toContain("LibreOffice");
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

// The template as data, versioned; 存在问题 from the data; the report's life and its frozen figures.
const paras = (r: any) => r.sections.flatMap((s: any) => s.paragraphs.map((p: any) => p.text)).join("");
const q = () => `?region=${env.world.communityId}`;
describe("the report's template, findings and life", () => {
  it("saves a template as a new version, refusing bad sentences at their position", async () => {
    const t = (await leader.get(`/api/reports/annual/2024/template${q()}`)).json();
    expect(t).toMatchObject({ version: 0, savedBy: null, versions: [] });
    const bad = structuredClone(t.body);
    bad.sections[2].paragraphs[0][1] = "全年召开党委会议{party.nope}次。";
    bad.sections[2].paragraphs[0][2] = "比例{party.company_dual_role_ratio:余}。";
    bad.sections[3].paragraphs[0][0] = "共{venue.opened个";
    const res = await leader.put(`/api/reports/annual/2024/template${q()}`, bad);
    expect(res.statusCode).toBe(400);
    const problems = res.json().error.details.problems;
    expect(problems.map((p: any) => [p.section, p.paragraph, p.sentence])).toEqual([
      [2, 0, 1],
      [2, 0, 2],
      [3, 0, 0],
    ]);
    expect(problems[0].zh).toContain("第3节第1段第2句第9个字符处：没有指标「party.nope」");
    expect(problems[1].zh).toContain("不能写成数量");
    expect(problems[2].en).toContain("is not closed");
    expect((await leader.get(`/api/reports/annual/2024/template${q()}`)).json().version).toBe(0);

    const good = structuredClone(t.body);
    good.sections[2].paragraphs[0][1] = "全年共召开党委会议{party.committee_meetings}次。";
    const saved = await leader.put(`/api/reports/annual/2024/template${q()}`, good);
    expect(saved.statusCode, saved.body).toBe(200);
    good.sections.splice(4, 1);
    const again = (await leader.put(`/api/reports/annual/2024/template${q()}`, good)).json();
    expect(again).toMatchObject({ version: 2, savedBy: expect.any(String) });
    expect(again.versions.map((v: any) => v.version)).toEqual([2, 1]);
    const r = (await leader.get(`/api/reports/annual/2024${q()}`)).json();
    expect(paras(r)).toContain("全年共召开党委会议3次");
    expect(r.sections.map((s: any) => s.heading)).not.toContain("（三）服务为民，党建惠民聚力暖心");
    // A year with none saved carries over the latest saved of an earlier year, and says so.
    const next = (await leader.get(`/api/reports/annual/2025/template${q()}`)).json();
    expect(next).toMatchObject({ version: 0, versions: [], inheritedFrom: { year: 2024, version: 2 } });
    expect(next.body.sections[2].paragraphs[0][1]).toBe("全年共召开党委会议{party.committee_meetings}次。");
    expect((await leader.get(`/api/reports/annual/2023/template${q()}`)).json().inheritedFrom).toBeNull();
  });

  it("drafts 存在问题 from the data with evidence; the editor accepts, edits or drops each", async () => {
    const r = (await leader.get(`/api/reports/annual/2024${q()}`)).json();
    const f = r.findings.find((x: any) => x.key === "party.certified_share");
    expect(f).toMatchObject({ status: "proposed", value: 0, proposed: expect.stringContaining("党组织班子成员持证率为0%") });
    const recs = (await leader.get(`/api/figures/party.certified_share/records${q()}&from=2024-01-01&to=2024-12-31`)).json();
    expect(recs.total).toBe(3);
    expect(recs.rows.every((x: any) => x.certified === "否")).toBe(true);
    expect(paras(r)).not.toContain(f.proposed);
    const put = (status: string, text?: string) => leader.put(`/api/reports/annual/2024/findings/${encodeURIComponent(f.id)}${q()}`, { status, text });
    expect((await put("accepted")).statusCode).toBe(200);
    let after = (await leader.get(`/api/reports/annual/2024${q()}`)).json();
    const sec = after.sections.find((s: any) => s.heading.endsWith("数据反映的问题"));
    expect(sec.heading).toBe("（三）数据反映的问题");
    expect(sec.paragraphs[0].sentences[0].runs).toContainEqual({ text: "0%", key: "party.certified_share" });
    await put("edited", "班子成员持证率为0%，须全员参训取证。");
    after = (await leader.get(`/api/reports/annual/2024${q()}`)).json();
    expect(paras(after)).toContain("班子成员持证率为0%，须全员参训取证。");
    await put("dropped");
    after = (await leader.get(`/api/reports/annual/2024${q()}`)).json();
    expect(after.findings.find((x: any) => x.id === f.id).status).toBe("dropped");
    expect(paras(after)).not.toContain("持证率为0%");
    await put("accepted");
  });

  it("goes 草稿 → 审核 (another person) → 定稿 → 发布, frozen with its figures; edits refused; a new version", async () => {
    const staff = await env.login("staff");
    const supervisor = await env.login("supervisor");
    const step = (a: Agent, s: string) => a.post(`/api/reports/annual/2024/steps${q()}`, { step: s });
    expect((await step(leader, "publish")).statusCode).toBe(409);
    expect((await step(leader, "submit")).json().state).toBe("review");
    const own = await step(leader, "approve");
    expect(own.statusCode).toBe(409);
    expect(own.json().error.message).toContain("审核须由报告作者以外的人进行");
    expect((await step(staff, "approve")).statusCode).toBe(403);
    const inReview = await leader.put(`/api/reports/annual/2024/template${q()}`, (await leader.get(`/api/reports/annual/2024/template${q()}`)).json().body);
    expect(inReview.statusCode).toBe(409);
    expect((await step(supervisor, "approve")).json().state).toBe("final");
    const life = (await step(leader, "publish")).json();
    expect(life).toMatchObject({ version: 1, state: "published", versions: [{ authorName: expect.any(String), reviewerName: expect.any(String) }] });
    expect(life.events.map((e: any) => e.step)).toEqual(expect.arrayContaining(["create", "template", "submit", "approve", "publish"]));
    expect((await env.database.db.selectFrom("audit_log").select("action").where("action", "=", "reports.publish").execute()).length).toBe(1);

    // a record made after publication: the published report keeps its number; "what changed" lists it
    await meeting(committeeId, "党委会议", "2024-03-05");
    const frozen = (await leader.get(`/api/reports/annual/2024${q()}`)).json();
    expect(frozen).toMatchObject({ state: "published", frozen: true, version: 1 });
    expect(paras(frozen)).toContain("全年共召开党委会议3次");
    expect(frozen.figures.find((x: any) => x.key === "party.committee_meetings").value).toBe(3);
    expect((await leader.get(`/api/reports/annual/2024/published${q()}`)).json().generatedAt).toBe(frozen.generatedAt);
    const changes = (await leader.get(`/api/reports/annual/2024/changes${q()}`)).json();
    expect(changes.items).toContainEqual({ key: "party.committee_meetings", label: expect.any(String), published: 3, current: 4 });
    // kept while no record changes (the data version); the next record is in the next answer
    expect((await leader.get(`/api/reports/annual/2024/changes${q()}`)).json()).toEqual(changes);
    await meeting(committeeId, "党委会议", "2024-03-06");
    const changed = (await leader.get(`/api/reports/annual/2024/changes${q()}`)).json();
    expect(changed.items).toContainEqual({ key: "party.committee_meetings", label: expect.any(String), published: 3, current: 5 });
    const edit = await leader.put(`/api/reports/annual/2024/findings/x${q()}`, { status: "dropped" });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toContain("报告已发布，不能修改；请新建版本");

    const v2 = (await leader.post(`/api/reports/annual/2024/versions${q()}`)).json();
    expect(v2).toMatchObject({ version: 2, state: "draft" });
    expect(paras((await leader.get(`/api/reports/annual/2024${q()}`)).json())).toContain("全年共召开党委会议5次");
    expect((await leader.get(`/api/reports/annual/2024/published${q()}`)).json().version).toBe(1);
    expect((await leader.post(`/api/reports/annual/2024/versions${q()}`)).statusCode).toBe(409);
  });

  it("finds households in care not visited for 6 months, from care's figures", async () => {
    const kind = (await leader.get("/api/care/kinds")).json().kinds[0];
    const head = await ok(
      await leader.post("/api/people", { communityId: env.world.communityId, name: "报告困难户", gender: "F", birthDate: "1950-03-03", kind: "registered" }),
    );
    await ok(await leader.post("/api/care/households", { headPersonId: head.id, kinds: [kind], enrolledOn: "2023-02-01" }));
    const r = (await leader.get(`/api/reports/annual/2023${q()}`)).json();
    expect(r.findings.find((f: any) => f.id === "care.coverage:unvisited")).toMatchObject({ key: "care.coverage", value: 1 });
    expect(r.findings.find((f: any) => f.id === "care.coverage:unvisited").proposed).toContain("1户近6个月未走访");
  });

  it("drafts 努力方向 from next year's plans (projects not yet carried out, through projects' api); accepted, it is printed", async () => {
    await ok(
      await leader.post("/api/projects", {
        communityId: env.world.communityId,
        title: "报告测试加装扶手",
        kind: "works",
        place: "1栋",
        reason: "老人上下楼不便",
        estimatedFen: 5_000_000,
        proposerKind: "staff",
        proposerName: "社工甲",
        proposedOn: "2024-11-20",
      }),
    );
    const r = (await leader.get(`/api/reports/annual/2023${q()}`)).json();
    const plan = r.findings.find((f: any) => f.id === "plan:projects");
    expect(plan).toMatchObject({ kind: "plan", value: 1, status: "proposed" });
    expect(plan.proposed).toContain("2024年，将推进“报告测试加装扶手”1个民生微实事项目");
    expect(paras(r)).not.toContain("报告测试加装扶手");
    expect((await leader.put(`/api/reports/annual/2023/findings/plan:projects${q()}`, { status: "accepted" })).statusCode).toBe(200);
    const after = (await leader.get(`/api/reports/annual/2023${q()}`)).json();
    const goal = after.sections.findIndex((s: any) => s.heading.includes("努力方向"));
    expect(after.sections[goal + 1].paragraphs.map((p: any) => p.text).join("")).toContain("报告测试加装扶手");
  });
});
