import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, demoEnv, type TestEnv } from "../../test/helpers.js";

// The demo community's 2024 report carries the seed's numbers as the seed writes them, sentence by
// sentence, for every figure registered; each printed number is its figure's, one click from its records.
let env: TestEnv;
let leader: Agent;
// The shared seeds sit beside the checkout (../shared), or beside its parent for a worktree (wt/<name>).
const seedFile = ["../../../../shared", "../../../../../shared"]
  .map((d) => path.resolve(import.meta.dirname, d, "seeds/000_5bd0fdad3e5c096f.txt"))
  .find((f) => fs.existsSync(f));
const seed = fs.readFileSync(seedFile ?? "seeds/000_5bd0fdad3e5c096f.txt", "utf8").replace(/\s+/g, "");
beforeAll(async () => {
  env = await demoEnv({ people: 3000, modules: ["party", "safety", "patrol", "activities", "appeals", "projects", "volunteers", "care", "massorgs"] });
  leader = await env.login("leader");
}, 600_000);
afterAll(() => env?.close());

// The seed's own phrase around each figure (spaces dropped), as the report must print it.
const SEED_PHRASES: Record<string, string> = {
  "party.committee_meetings": "召开党委会议46次",
  "party.planning_meetings": "党建工作部署总结会5次",
  "party.theme_days": "主题党日148次",
  "party.three_meetings_one_lesson": "“三会一课”192场",
  "party.new_members": "发展党员33名",
  "party.company_elections": "完成6个股份合作公司换届",
  "party.new_village_branches": "新建3个城中村党支部",
  "venue.regular_activities": "服务活动逾百场",
  "venue.regular_attendance": "受众超5000人次",
  "venue.trainings": "组织开展46场优质服务专题培训",
  "venue.training_attendance": "920人次",
  "venue.self_check_issues": "共自查自纠86项问题",
  "projects.count": "扎实推进11个民生微实事项目",
  "projects.spend": "投入资金156万元",
  "activities.count": "200余场",
  "activities.attendance": "服务居民近8000人次",
  "activities.tea_talks": "12场“书记茶话会”",
  "appeals.tea_talk_resolved": "建议诉求20条",
  "appeals.urgent_needs_resolved": "急难愁盼问题17项",
  "appeals.survey_cases": "民生诉求67条",
  "appeals.survey_resolution_rate": "百分百解决",
  "care.visits": "暖心慰问活动20余次",
  "care.households": "覆盖150户次",
  "volunteers.night_patrols": "累计开展夜巡活动32场",
  "safety.night_patrol_hazards_resolved": "化解安全问题200余项",
  "volunteers.five_star": "社区4名志愿者骨干",
  "orgs.grid_women_federations": "组建6个网格妇联",
  "orgs.new_sector_women_orgs": "3个“三新”妇女组织",
  "activities.women_outreach_attendance": "覆盖人群超70人次",
  "patrol.points": "辖区114个巡查点",
  "patrol.checkins": "累计巡查14万余次",
  "safety.disputes_resolved": "化解矛盾纠纷439起",
  "safety.inspections": "共350余次",
  "safety.drills": "活动20场次",
  "safety.labor_disputes": "劳资争议235宗",
  "safety.labor_mediated": "解决纠纷230宗",
  "safety.labor_recovered": "共追回282万元",
  "appeals.cases": "共处理案件4469宗",
  "appeals.resident_resolved": "共计849宗",
  "appeals.resident_resolution_rate": "化解率100%",
};

describe("the demo community's 2024 annual report", () => {
  it("prints every registered seed figure as the seed writes it", async () => {
    const res = await leader.get(`/api/reports/annual/2024?region=${env.world.communityId}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.title).toBe("福民社区2024年工作报告");
    const text = r.sections.flatMap((s: any) => [s.heading, ...s.paragraphs.map((p: any) => p.text)]).join("");
    const registered = new Set(((await leader.get("/api/figures?from=2024-01-01&to=2024-12-31")).json().items as Array<{ key: string }>).map((f) => f.key));
    let checked = 0;
    for (const [key, phrase] of Object.entries(SEED_PHRASES)) {
      expect(seed, `the seed itself says ${phrase}`).toContain(phrase);
      if (!registered.has(key)) continue;
      expect(text, key).toContain(phrase);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(30);
    expect(text).not.toMatch(/[^\d]0(场|次|名|个|项|宗|起)/);
  });

  it("links each printed number to its figure, whose records number its value", async () => {
    const r = (await leader.get(`/api/reports/annual/2024?region=${env.world.communityId}`)).json();
    for (const key of ["party.committee_meetings", "venue.trainings", "safety.labor_disputes"]) {
      const f = r.figures.find((x: any) => x.key === key);
      if (!f) continue;
      const recs = (await leader.get(`/api/figures/${key}/records?region=${env.world.communityId}&from=2024-01-01&to=2024-12-31&pageSize=1`)).json();
      expect(recs.total, key).toBe(f.value);
      const runs = r.sections.flatMap((s: any) => s.paragraphs.flatMap((p: any) => p.sentences.flatMap((x: any) => x.runs)));
      expect(runs.find((x: any) => x.key === key)?.text).toBe(f.printed);
    }
  });

  it("drafts 存在问题 from the records, each finding's number its evidence's records", async () => {
    const r = (await leader.get(`/api/reports/annual/2024?region=${env.world.communityId}`)).json();
    const f = r.findings.find((x: any) => x.key === "safety.hazards_overdue");
    expect(f, JSON.stringify(r.findings)).toMatchObject({ status: "proposed", proposed: expect.stringContaining(`逾期未整改的安全隐患${f?.value}项`) });
    const recs = (
      await leader.get(`/api/figures/safety.hazards_overdue/records?region=${env.world.communityId}&from=2024-01-01&to=2024-12-31&pageSize=1`)
    ).json();
    expect(recs.total).toBe(f.value);
  });

  it("opens as a Word document whose text carries the figures", async () => {
    const res = await leader.get(`/api/reports/annual/2024.docx?region=${env.world.communityId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("wordprocessingml");
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain("福民社区2024年工作报告");
    expect(xml).toContain("召开党委会议46次");
    expect(xml).toContain("附表");
    expect(xml).toContain("w:pgMar");
  });
});
