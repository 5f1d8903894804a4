import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";
import { loginFrom, multipartFile, NO_SUCH_ID, TINY_PNG } from "../../test/http.js";

// An item's life through the API on an empty database, with the refusals a user can meet: the
// proposer reviewing their own item, a review that passes over a phone, an ID number or a
// resident's name without confirming them, staff approving, a step out of order. The public side
// without a cookie sees published items only (drafts and items under review are 404), with ETag
// and a 304, an Atom feed, a resident's feedback that becomes an appeal, a withdrawal that stays
// visible as withdrawn, a correction that supersedes. Then the schedule: overdue columns and the
// figures portal.items_published, portal.on_time_rate and portal.feedback.

const clock = fixedClock("2024-02-05T02:00:00Z");
let env: TestEnv;
let staff: Agent;
let leader: Agent;
let grid: Agent;
let supervisor: Agent;
let community: string;
let ip = 0;
const CODE = "440309008003";
const ID_NO = "11010519491231002X";

const pub = (url: string, headers: Record<string, string> = {}) =>
  env.app.inject({ method: "GET", url, headers: { "accept-language": "zh", "x-forwarded-for": `10.77.${++ip}.1`, ...headers } });
async function at(date: string) {
  clock.set(`${date}T02:00:00Z`);
  staff = await loginFrom(env, "staff", `10.14.${++ip}.1`);
  leader = await loginFrom(env, "leader", `10.14.${++ip}.1`);
}
const propose = async (body: Record<string, unknown>) => {
  const r = await staff.post("/api/portal/items", { communityId: community, periodFrom: "2024-01-01", periodTo: "2024-01-31", ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
};
const publish = async (id: string) => {
  expect((await leader.post(`/api/portal/items/${id}/review`, { passed: true })).statusCode).toBe(200);
  const a = await leader.post(`/api/portal/items/${id}/approve`, { approved: true });
  expect(a.statusCode, a.body).toBe(200);
  return a.json();
};
const fig = async (key: string, from: string, to: string, region = community) => {
  const r = await leader.get(`/api/figures/${key}?region=${region}&from=${from}&to=${to}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().value as number;
};

beforeAll(async () => {
  env = await testEnv({ clock, people: 30 });
  community = env.world.communityId;
  await at("2024-02-05");
  grid = await loginFrom(env, "grid01", "10.14.200.1");
  supervisor = await loginFrom(env, "supervisor", "10.14.201.1");
}, 120_000);
afterAll(() => env?.close());

describe("a disclosure from 提出 to 发布, withdrawn and corrected", () => {
  let id: string;
  let resident: string;

  it("is proposed with its body sanitised; the public and roles without the permission cannot see it", async () => {
    resident = (await leader.get("/api/people?pageSize=1")).json().items[0].name;
    const item = await propose({
      columnKey: "finance.statements",
      title: "福民社区2024年1月收支情况",
      body: `<p onclick="alert(1)">本月支出两笔。经办人${resident}，电话13812345678，身份证${ID_NO}。</p><script>alert(1)</script><a href="javascript:alert(1)">详情</a>`,
    });
    id = item.id;
    expect(item.status).toBe("proposed");
    expect(item.body).toBe(`<p>本月支出两笔。经办人${resident}，电话13812345678，身份证${ID_NO}。</p><a>详情</a>`);
    expect(item.findings.map((f: any) => `${f.kind}:${f.masked}`).sort()).toEqual(
      [`id_number:110***********002X`, `name:${resident[0]}${"*".repeat(Array.from(resident).length - 1)}`, "phone:138****5678"].sort(),
    );
    const draft = await propose({ columnKey: "finance.statements", title: "草稿不公开", body: "<p>x</p>", submit: false });
    expect(draft.status).toBe("draft");
    for (const x of [id, draft.id]) expect((await pub(`/api/public/disclosure/items/${x}`)).statusCode).toBe(404);
    expect((await pub(`/api/public/disclosure/items?community=${CODE}`)).json().total).toBe(0);
    expect((await grid.get(`/api/portal/items/${id}`)).statusCode).toBe(403);
    // A heading is not a column; a role not among the column's proposers may not propose in it.
    const heading = await staff.post("/api/portal/items", {
      communityId: community,
      columnKey: "finance",
      title: "xx",
      body: "",
      periodFrom: "2024-01-01",
      periodTo: "2024-01-31",
    });
    expect(heading.statusCode).toBe(400);
  });

  it("is refused at 保密审核 by its own proposer, and until each finding is confirmed; then approved by the leader only", async () => {
    const own = await staff.post(`/api/portal/items/${id}/review`, { passed: true });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.message).toContain("另一人");
    const early = await leader.post(`/api/portal/items/${id}/approve`, { approved: true });
    expect(early.statusCode).toBe(409);
    const flagged = await leader.post(`/api/portal/items/${id}/review`, { passed: true });
    expect(flagged.statusCode).toBe(409);
    expect(flagged.json().error.message).toContain("138****5678");
    expect(flagged.json().error.message).toContain("110***********002X");
    // Returned: the proposer masks the ID number and proposes again.
    expect((await leader.post(`/api/portal/items/${id}/review`, { passed: false })).statusCode).toBe(400);
    const back = await leader.post(`/api/portal/items/${id}/review`, { passed: false, reason: "身份证号须去除" });
    expect(back.json().status).toBe("draft");
    const edited = await staff.patch(`/api/portal/items/${id}`, { body: `<p>本月支出两笔。经办人${resident}，电话13812345678。</p>` });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await staff.post(`/api/portal/items/${id}/submit`)).json().status).toBe("proposed");
    const halfway = await leader.post(`/api/portal/items/${id}/review`, {
      passed: true,
      confirmations: [{ kind: "phone", text: "13812345678", note: "社区办公电话，非个人信息" }],
    });
    expect(halfway.statusCode).toBe(409);
    expect(halfway.json().error.details.findings.map((f: any) => f.kind)).toEqual(["name"]);
    const ok = await leader.post(`/api/portal/items/${id}/review`, {
      passed: true,
      confirmations: [
        { kind: "phone", text: "138 1234 5678", note: "社区办公电话，非个人信息" },
        { kind: "name", text: resident, note: "经办工作人员，依规公开" },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe("reviewed");
    expect(ok.json().confirmed).toHaveLength(2);
    const auditor = await loginFrom(env, "auditor", "10.14.202.1");
    const logged = (await auditor.get("/api/audit?action=portal.review.confirm")).json().items;
    expect(logged.map((e: any) => e.entityId)).toEqual([id, id]);
    expect((await staff.post(`/api/portal/items/${id}/approve`, { approved: true })).statusCode).toBe(403);
    const done = await leader.post(`/api/portal/items/${id}/approve`, { approved: true });
    expect(done.json()).toMatchObject({ status: "published", publishedOn: "2024-02-05", approvedBy: "福民社区书记" });
    expect(done.json().events.map((e: any) => e.step)).toEqual(["draft", "submit", "return", "edit", "submit", "review", "approve", "publish"]);
  });

  it("is on the public portal without a cookie, cacheable, in its column's feed", async () => {
    const r = await pub(`/api/public/disclosure/items/${id}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: "published", columnName: "收支情况", section: "finance", communityCode: CODE, feedbackOpen: true });
    expect(r.headers.etag).toBeTruthy();
    expect(r.headers["last-modified"]).toBeTruthy();
    expect((await pub(`/api/public/disclosure/items/${id}`, { "if-none-match": String(r.headers.etag) })).statusCode).toBe(304);
    const list = (await pub(`/api/public/disclosure/items?community=${CODE}&column=finance&page=1`)).json();
    expect(list.items.map((i: any) => i.id)).toEqual([id]);
    expect((await pub("/api/public/disclosure/items?q=收支")).json().total).toBe(1);
    expect((await pub("/api/public/disclosure/items?q=党费")).json().total).toBe(0);
    const feed = await pub(`/api/public/disclosure/feed/${CODE}/finance.statements.atom`);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toContain("application/atom+xml");
    expect(feed.body).toContain(`<id>urn:shequ:disclosure:${id}</id>`);
    expect((await pub(`/api/public/disclosure/communities`)).json()).toEqual([{ code: CODE, name: "福民社区" }]);
  });

  it("takes a resident's objection as an appeal, then is withdrawn and stays visible as withdrawn", async () => {
    const fb = await env.app.inject({
      method: "POST",
      url: `/api/public/disclosure/items/${id}/feedback`,
      payload: { kind: "objection", content: "第二笔支出金额与公示不符", phone: "13900001111" },
      headers: { "x-forwarded-for": "10.78.0.1" },
    });
    expect(fb.statusCode, fb.body).toBe(201);
    const cases = (await leader.get(`/api/appeals?q=${encodeURIComponent(fb.json().trackingNo)}`)).json().items;
    expect(cases[0]).toMatchObject({ channel: "online" });
    const w = await leader.post(`/api/portal/items/${id}/withdraw`, { reason: "第二笔支出金额有误，核实后重新公开" });
    expect(w.json().status).toBe("withdrawn");
    const after = (await pub(`/api/public/disclosure/items/${id}`)).json();
    expect(after).toMatchObject({ status: "withdrawn", withdrawnOn: "2024-02-05", withdrawReason: "第二笔支出金额有误，核实后重新公开", feedbackOpen: false });
    expect((await pub(`/api/public/disclosure/items?community=${CODE}`)).json().items[0].status).toBe("withdrawn");
    expect((await leader.post(`/api/portal/items/${id}/withdraw`, { reason: "再次撤回" })).statusCode).toBe(409);
  });

  it("is corrected by a new version linked to the old, which it supersedes once published", async () => {
    const upload = await staff.req("POST", "/api/files", undefined, multipartFile("收据.png", TINY_PNG, "image/png"));
    expect(upload.statusCode, upload.body).toBe(201);
    const file = upload.json().id;
    const bad = await staff.post("/api/portal/items", {
      communityId: community,
      columnKey: "party.dues",
      title: "附件不存在",
      body: "",
      periodFrom: "2024-01-01",
      periodTo: "2024-03-31",
      attachments: [NO_SUCH_ID],
    });
    expect(bad.statusCode).toBe(400);
    const v1 = await propose({
      columnKey: "party.dues",
      title: "2024年第一季度党费收缴情况",
      body: "<p>收缴党费3200元。</p>",
      periodTo: "2024-03-31",
      attachments: [file],
    });
    expect((await pub(`/api/public/disclosure/items/${v1.id}/files/${file}`)).statusCode).toBe(404);
    await publish(v1.id);
    const got = await pub(`/api/public/disclosure/items/${v1.id}/files/${file}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers["content-type"]).toBe("image/png");
    expect((await pub(`/api/public/disclosure/items/${v1.id}/files/${NO_SUCH_ID}`)).statusCode).toBe(404);
    const v2 = await staff.post(`/api/portal/items/${v1.id}/correct`, { body: "<p>收缴党费3260元。</p>" });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, previousId: v1.id, status: "proposed" });
    expect((await staff.post(`/api/portal/items/${v1.id}/correct`, { body: "<p>又一版</p>" })).statusCode).toBe(409);
    expect((await pub(`/api/public/disclosure/items/${v2.json().id}`)).statusCode).toBe(404);
    await publish(v2.json().id);
    expect((await pub(`/api/public/disclosure/items/${v1.id}`)).json()).toMatchObject({ status: "superseded", supersededBy: v2.json().id });
    expect((await pub(`/api/public/disclosure/items/${v2.json().id}`)).json()).toMatchObject({ status: "published", previousId: v1.id, version: 2 });
  });
});

describe("the schedule, overdue columns and the figures", () => {
  it("lists the columns overdue and counts the on-time rate, published items and feedback", async () => {
    // On 2024-02-05 January's statement (due 2024-02-10) is not yet overdue; on 2024-04-20 February's
    // and March's statements and every quarterly column's first quarter (due 2024-04-15) are.
    const early = (await leader.get("/api/portal/overdue?on=2024-02-05")).json();
    expect(early).toEqual([]);
    const overdue = (await leader.get("/api/portal/overdue?on=2024-04-20")).json();
    expect(overdue.map((o: any) => `${o.columnKey}:${o.slotFrom}`)).toEqual([
      "finance.statements:2024-02-01",
      "finance.statements:2024-03-01",
      "finance.special:2024-01-01",
      "party.resolutions:2024-01-01",
      "residents.welfare:2024-01-01",
    ]);
    const sub = (await supervisor.get("/api/portal/overdue?on=2024-04-20")).json();
    expect(sub.filter((o: any) => o.communityName !== "福民社区").length).toBeGreaterThan(0);
    // Slots due in [2024-01-01, 2024-04-20]: statements Jan, Feb, Mar (3) and four quarterly Q1s:
    // January's statement (withdrawn later, published on time) and the dues' Q1 fill two of 7.
    expect(await fig("portal.on_time_rate", "2024-01-01", "2024-04-20")).toBe(0.2857);
    const g = await supervisor.get(`/api/figures/portal.on_time_rate/groups?region=${env.world.subdistrictId}&from=2024-01-01&to=2024-04-20&by=community`);
    expect(g.statusCode, g.body).toBe(200);
    const by = g.json().items;
    expect(by.find((g: any) => g.key === community)).toMatchObject({ numerator: 2, denominator: 7 });
    expect(by.find((g: any) => g.key !== community)).toMatchObject({ numerator: 0, denominator: 7 });
    expect(await fig("portal.items_published", "2024-01-01", "2024-12-31")).toBe(3);
    const byColumn = (await leader.get(`/api/figures/portal.items_published/groups?region=${community}&from=2024-01-01&to=2024-12-31&by=column`)).json().items;
    expect(Object.fromEntries(byColumn.map((g: any) => [g.key, g.value]))).toEqual({ "finance.statements": 1, "party.dues": 2 });
    expect(await fig("portal.feedback", "2024-01-01", "2024-12-31")).toBe(1);
    const answered = (await leader.get(`/api/figures/portal.feedback/groups?region=${community}&from=2024-01-01&to=2024-12-31&by=answered`)).json().items;
    expect(answered).toEqual([
      { key: "yes", label: "已答复", value: 0 },
      { key: "no", label: "未答复", value: 1 },
    ]);
  });

  it("keeps an editable catalogue of columns", async () => {
    const cols = (await leader.get("/api/portal/columns")).json();
    expect(cols.filter((c: any) => !c.parentKey).map((c: any) => c.name)).toEqual(["党务", "居务", "财务"]);
    const saved = await leader.put("/api/portal/columns", {
      key: "finance.assets",
      parentKey: "finance",
      section: "finance",
      name: "集体资产",
      period: "quarterly",
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().period).toBe("quarterly");
    expect(
      (await leader.put("/api/portal/columns", { key: "finance.x", parentKey: "party", section: "finance", name: "错放", period: "monthly" })).statusCode,
    ).toBe(400);
    expect((await staff.put("/api/portal/columns", { key: "finance.y", section: "finance", name: "无权", period: "monthly" })).statusCode).toBe(403);
  });
});
