import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { multipartFile, NO_SUCH_ID, readXlsx } from "../../test/http.js";

const clock = fixedClock("2025-03-03T02:00:00Z");
let env: TestEnv;
let grid1: Agent;
let mediator: Agent;
let leader: Agent;
let staff: Agent;
let supervisor: Agent;
let gridId: string;

beforeAll(async () => {
  env = await testEnv({ clock });
  [grid1, mediator, leader, staff, supervisor] = await Promise.all(["grid01", "mediator", "leader", "staff", "supervisor"].map((u) => env.login(u)));
  gridId = env.world.grids[0].id;
}, 60_000);
afterAll(() => env.close());

const register = (a: Agent, extra: Record<string, unknown> = {}) =>
  a.post("/api/safety/disputes", {
    gridId,
    type: "邻里",
    source: "grid_check",
    summary: "楼上漏水致楼下受损，双方就维修费用争执",
    registeredOn: "2025-03-01",
    parties: [
      { name: "张伟", role: "applicant", phone: "13812345678", idNumber: "440309199001011234" },
      { name: "李娜", role: "respondent", phone: "13987654321" },
    ],
    ...extra,
  });

describe("disputes with 定格化 three-level mediation", () => {
  it("belongs to its grid first; escalates 网格 → 社区 → 街道 with reasons, keeping the history; settles; prints the agreement", async () => {
    const c = await register(grid1);
    expect(c.statusCode).toBe(201);
    const d = c.json();
    expect(d).toMatchObject({ level: "grid", status: "open", settleBy: "2025-03-31", daysLeft: 28 });
    // Personal data is masked in every response.
    expect(d.parties[0].phone).toBe("138****5678");
    expect(d.parties[0].idNumber).toBe("440***********1234");

    const skip = await grid1.post(`/api/safety/disputes/${d.id}/escalate`, { toLevel: "subdistrict", reason: "复杂" });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error.message).toContain("越级");
    expect((await grid1.post(`/api/safety/disputes/${d.id}/escalate`, { toLevel: "community", reason: "网格调解未果" })).json().level).toBe("community");
    expect((await mediator.post(`/api/safety/disputes/${d.id}/escalate`, { toLevel: "grid", reason: "x" })).statusCode).toBe(400);
    await mediator.post(`/api/safety/disputes/${d.id}/sessions`, { heldOn: "2025-03-02", mediators: ["人民调解员"], attendees: "双方", record: "面对面调解" });
    const up = await mediator.post(`/api/safety/disputes/${d.id}/escalate`, { toLevel: "subdistrict", reason: "社区调解未果" });
    expect(up.json().level).toBe("subdistrict");
    expect(up.json().events.map((e: any) => [e.kind, e.fromLevel, e.toLevel])).toEqual([
      ["registered", null, "grid"],
      ["escalated", "grid", "community"],
      ["session", null, null],
      ["escalated", "community", "subdistrict"],
    ]);

    const parties = up.json().parties as Array<{ id: string }>;
    const agreement = {
      form: "written",
      madeOn: "2025-03-03",
      facts: "楼上卫生间防水失效导致楼下天花板渗水",
      terms: "李娜于 2025 年 3 月 10 日前赔偿张伟维修费 1200 元",
      performance: "微信转账一次付清",
      signedPartyIds: [parties[0].id],
      mediatorSigned: true,
    };
    const unsigned = await mediator.post(`/api/safety/disputes/${d.id}/close`, { outcome: "success", agreement });
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json().error.message).toContain("李娜");
    expect((await mediator.get(`/api/safety/disputes/${d.id}`)).json().status).toBe("open");
    expect((await mediator.post(`/api/safety/disputes/${d.id}/close`, { outcome: "success" })).statusCode).toBe(400);
    const ok = await mediator.post(`/api/safety/disputes/${d.id}/close`, {
      outcome: "success",
      agreement: { ...agreement, signedPartyIds: parties.map((p) => p.id) },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: "closed", outcome: "success", closedOn: "2025-03-03" });
    expect(ok.json().agreement.confirmBy).toBe("2025-04-02");

    const docx = await mediator.get(`/api/safety/disputes/${d.id}/agreement.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file("word/document.xml")?.async("string");
    expect(xml).toContain("人民调解协议书");
    expect(xml).toContain("张伟");
    expect(xml).toContain("李娜");
    expect(xml).toContain("赔偿张伟维修费 1200 元");
    // Printing for signature shows full ID numbers, so it is audited.
    const a = await env.database.db.selectFrom("audit_log").select("action").where("entity_id", "=", d.id).where("action", "=", "dispute.print").execute();
    expect(a.length).toBe(1);

    const f = await mediator.post(`/api/safety/disputes/${d.id}/followups`, { visitedOn: "2025-03-03", performed: "full", note: "已付清" });
    expect(f.json().events.at(-1)).toMatchObject({ kind: "followup", performed: "full" });
  });

  it("skipping a level is allowed only with a stated reason", async () => {
    const d = (await register(grid1)).json();
    const r = await grid1.post(`/api/safety/disputes/${d.id}/escalate`, {
      toLevel: "subdistrict",
      reason: "涉及多户",
      skipReason: "涉及群体性矛盾，社区无权协调",
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().events.at(-1).reason).toContain("越级理由");
  });

  it("other outcomes need their reason or referral", async () => {
    const d = (await register(grid1)).json();
    expect((await mediator.post(`/api/safety/disputes/${d.id}/close`, { outcome: "terminated" })).statusCode).toBe(400);
    expect((await mediator.post(`/api/safety/disputes/${d.id}/close`, { outcome: "referred" })).statusCode).toBe(400);
    const t = await mediator.post(`/api/safety/disputes/${d.id}/close`, { outcome: "terminated", reason: "一方拒绝调解" });
    expect(t.json().outcome).toBe("terminated");
    expect((await mediator.get(`/api/safety/disputes/${d.id}/agreement.docx`)).statusCode).toBe(409);
  });

  it("labor disputes: amounts in whole fen, never negative or fractional; the 15-day limit shows", async () => {
    const bad = [
      { employer: "某厂", workers: 3, claimedFen: -100 },
      { employer: "某厂", workers: 3, claimedFen: 100.5 },
    ];
    for (const labor of bad) expect((await register(mediator, { type: "劳资", labor })).statusCode).toBe(400);
    expect((await register(mediator, { type: "劳资" })).statusCode).toBe(400);
    const c = await register(mediator, { type: "劳资", labor: { employer: "福民电子厂", workers: 8, claimedFen: 12_000_000 } });
    expect(c.statusCode).toBe(201);
    expect(c.json().labor).toMatchObject({ mediationDeadline: "2025-03-16", claimedFen: 12_000_000, recoveredFen: 0 });
    expect(c.json().daysLeft).toBe(13);
    const closed = await mediator.post(`/api/safety/disputes/${c.json().id}/close`, {
      outcome: "success",
      agreement: { form: "oral", madeOn: "2025-03-03", facts: "欠薪", terms: "支付 10 万元", performance: "转账" },
      labor: { recoveredFen: 10_000_000 },
    });
    expect(closed.statusCode).toBe(200);
    const fig = await leader.get(
      `/api/figures?region=${env.world.communityId}&from=2025-01-01&to=2025-12-31&keys=safety.labor_recovered,safety.labor_mediated,safety.labor_workers`,
    );
    const v = Object.fromEntries(fig.json().items.map((x: any) => [x.key, x.value]));
    expect(v).toMatchObject({ "safety.labor_recovered": 100_000, "safety.labor_mediated": 1, "safety.labor_workers": 8 });
  });

  it("refuses dates in the future, unknown grids and ids; writes nothing", async () => {
    expect((await register(grid1, { registeredOn: "2025-03-04" })).statusCode).toBe(400);
    expect((await register(grid1, { gridId: NO_SUCH_ID })).statusCode).toBe(400);
    expect((await register(grid1, { parties: [] })).statusCode).toBe(400);
    expect((await mediator.post(`/api/safety/disputes/${NO_SUCH_ID}/escalate`, { toLevel: "community", reason: "x" })).statusCode).toBe(404);
    const d = (await register(grid1)).json();
    expect(
      (await mediator.post(`/api/safety/disputes/${d.id}/sessions`, { heldOn: "2025-02-01", mediators: ["a"], attendees: "b", record: "c" })).statusCode,
    ).toBe(400);
    // Staff may read but not mediate; the supervisor reads the whole subdistrict.
    expect((await staff.post(`/api/safety/disputes/${d.id}/escalate`, { toLevel: "community", reason: "x" })).statusCode).toBe(403);
    expect((await supervisor.get(`/api/safety/disputes/${d.id}`)).statusCode).toBe(200);
    expect((await env.login("grid02").then((a) => a.get(`/api/safety/disputes/${d.id}`))).statusCode).toBe(404);
  });

  it("exports the register (masked) and imports one all-or-nothing with a row report", async () => {
    const exp = await leader.get("/api/safety/disputes/export");
    expect(exp.statusCode).toBe(200);
    const rows = await readXlsx(exp.rawPayload);
    expect(rows.length).toBeGreaterThan(3);
    expect(JSON.stringify(rows)).not.toContain("13812345678");

    const book = async (rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("台账");
      ws.addRow([
        "登记日期",
        "网格",
        "类型",
        "来源",
        "当事人",
        "纠纷概要",
        "用人单位",
        "涉及人数",
        "诉求金额（元）",
        "追回金额（元）",
        "调解结果",
        "办结日期",
        "协议内容",
      ]);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const first = ["2025-01-05", "第1网格", "邻里", "网格员排查", "王五、赵六", "噪音扰民", "", "", "", "", "调解成功", "2025-01-08", "双方约定晚十点后不装修"];
    const bad = await book([
      first,
      ["2025-01-06", "第1网格", "劳资", "来访申请", "孙七", "欠薪", "某厂", "3", "5000.5", "5000.123", "", "", ""],
      ["2025-01-07", "第99网格", "邻里", "", "周八", "纠纷", "", "", "", "", "", "", ""],
    ]);
    const count = async () =>
      Number(
        (
          await env.database.db
            .selectFrom("safety_disputes")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirst()
        )?.n,
      );
    const before = await count();
    const mp = multipartFile("register.xlsx", bad);
    const r1 = await leader.req("POST", "/api/safety/disputes/import", undefined, { payload: mp.payload, headers: mp.headers });
    expect(r1.statusCode).toBe(200);
    // ZImportReport: errors, so nothing written; the good row is what the file would have made.
    expect(r1.json()).toMatchObject({ created: 1, unchanged: 0, dryRun: false });
    expect(r1.json().errors.map((e: any) => e.row)).toEqual([3, 4]);
    expect(await count()).toBe(before);

    const goodBook = await book([first, ["2025-01-06", "第1网格", "劳资", "来访申请", "孙七", "欠薪", "某厂", "3", "5000.50", "", "", "", ""]]);
    const send = (q = "") => {
      const good = multipartFile("register.xlsx", goodBook);
      return leader.req("POST", `/api/safety/disputes/import${q}`, undefined, { payload: good.payload, headers: good.headers });
    };
    // A dry run goes through every check and writes nothing.
    const dry = await send("?dryRun=1");
    expect(dry.json(), dry.body).toEqual({ created: 2, unchanged: 0, errors: [], dryRun: true });
    expect(await count()).toBe(before);
    const r2 = await send();
    expect(r2.json(), r2.body).toEqual({ created: 2, unchanged: 0, errors: [], dryRun: false });
    expect(await count()).toBe(before + 2);
    // The same register again adds nothing.
    const r3 = await send();
    expect(r3.json(), r3.body).toEqual({ created: 0, unchanged: 2, errors: [], dryRun: false });
    expect(await count()).toBe(before + 2);
    // The template: the register's headers with an example row that imports as it is.
    const t = await leader.get("/api/safety/disputes/import/template");
    expect(t.statusCode).toBe(200);
    expect(Object.keys((await readXlsx(t.rawPayload))[0])).toEqual(expect.arrayContaining(["登记日期", "网格", "当事人", "调解结果"]));
    const tmp = multipartFile("template.xlsx", t.rawPayload);
    const dryT = await leader.req("POST", "/api/safety/disputes/import?dryRun=1", undefined, { payload: tmp.payload, headers: tmp.headers });
    expect(dryT.json(), dryT.body).toEqual({ created: 1, unchanged: 0, errors: [], dryRun: true });
    const labor = (await leader.get("/api/safety/disputes?labor=1&q=某厂")).json();
    expect(labor.items[0].labor.claimedFen).toBe(500_050);
  });
});
