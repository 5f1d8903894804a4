import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";
import { multipartFile, readXlsx } from "../../test/http.js";

// Care on the test's own records, made through the API on an empty world: five households, visits
// on both sides of the year's ends and a December, a 慰问活动 covering three households with a
// partner unit, one household archived on 31 December. The figures are worked out from those.

const clock = fixedClock("2025-01-15T02:00:00Z");
let env: TestEnv;
let leader: Agent;
let community: string;
let partner: string;
let staffId: string;
const hh: Record<string, string> = {};
const person: Record<string, string> = {};

const fig = async (key: string, from: string, to: string, region = community) => {
  const r = await leader.get(`/api/figures/${key}?region=${region}&from=${from}&to=${to}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().value as number;
};
const groups = async (key: string, by: string, from: string, to: string) =>
  Object.fromEntries(
    ((await leader.get(`/api/figures/${key}/groups?region=${community}&from=${from}&to=${to}&by=${by}`)).json().items as any[]).map((g) => [g.key, g.value]),
  );
const visit = (visitedOn: string, households: string[], extra: Record<string, unknown> = {}) =>
  leader.post("/api/care/visits", {
    communityId: community,
    visitedOn,
    title: `走访 ${visitedOn}`,
    visitorUserIds: [staffId],
    households: households.map((h) => ({ householdId: hh[h], moneyFen: 10_000 })),
    ...extra,
  });

beforeAll(async () => {
  env = await testEnv({ clock, people: 24 });
  community = env.world.communityId;
  leader = await env.login("leader");
  const f = env.factories;
  const [g0, g1] = env.world.grids;
  for (const k of ["h1", "h2", "h4", "h5"]) person[k] = (await f.makePerson(community, g0, { name: `王${k}`, place: "狮径" })).id;
  person.h3 = (await f.makePerson(community, g1, { name: "李h3", place: "福悦花园" })).id;
  person.m1 = (await f.makePerson(community, g0, { name: "王m1", place: "狮径" })).id;
  person.party = (await f.makePerson(community, g0, { name: "赵党员", tags: ["党员"] })).id;
  person.plain = (await f.makePerson(community, g0, { name: "钱群众" })).id;
  partner = (await f.makeOrg(community, { name: "深圳市台湾事务办公室", kind: "共建单位" })).id;
  staffId = (await env.app.deps.db.selectFrom("users").select("id").where("username", "=", "staff").executeTakeFirstOrThrow()).id;
  const grid01 = (await env.app.deps.db.selectFrom("users").select("id").where("username", "=", "grid01").executeTakeFirstOrThrow()).id;
  const make = async (k: string, kinds: string[], enrolledOn: string, extra: Record<string, unknown> = {}) => {
    const r = await leader.post("/api/care/households", { headPersonId: person[k], kinds, enrolledOn, ...extra });
    expect(r.statusCode, r.body).toBe(201);
    hh[k] = r.json().household.id;
  };
  await make("h1", ["低保"], "2023-06-01", { memberIds: [person.m1], pairedIds: [person.party], gridWorkerId: grid01, needs: ["上门助餐"] });
  await make("h2", ["独居老人", "残疾"], "2024-03-01");
  await make("h3", ["失业"], "2024-12-31");
  await make("h4", ["特困"], "2024-01-01");
  await make("h5", ["低保"], "2024-02-01");
  for (const [on, hs, extra] of [
    ["2023-12-31", ["h1"], {}],
    ["2024-01-01", ["h1"], {}],
    ["2024-06-10", ["h1", "h2", "h4"], { kind: "campaign", title: "端午慰问活动", partnerOrgIds: [partner] }],
    ["2024-12-31", ["h3"], {}],
    ["2025-01-01", ["h1"], { households: [{ householdId: "", followUp: "协助申请临时救助" }] }],
  ] as Array<[string, string[], Record<string, unknown>]>) {
    const body = extra.households ? { ...extra, households: [{ householdId: hh.h1, followUp: "协助申请临时救助" }] } : extra;
    const r = await visit(on, hs, body);
    expect(r.statusCode, r.body).toBe(201);
  }
  const a = await leader.post(`/api/care/households/${hh.h4}/archive`, { on: "2024-12-31", reason: "搬离" });
  expect(a.statusCode, a.body).toBe(200);
});
afterAll(() => env?.close());

describe("care figures on the test's own records", () => {
  it("count visit events and household-visits (户次) by visit date, at the year's ends", async () => {
    expect(await fig("care.visits", "2024-01-01", "2024-12-31")).toBe(3);
    expect(await fig("care.households", "2024-01-01", "2024-12-31")).toBe(5);
    expect(await fig("care.visits", "2023-01-01", "2023-12-31")).toBe(1);
    expect(await fig("care.households", "2025-01-01", "2025-12-31")).toBe(1);
    expect(await fig("care.visits", "2024-12-01", "2024-12-31")).toBe(1);
    expect(await fig("care.households", "2024-12-01", "2024-12-31")).toBe(1);
    expect(await fig("care.money_given", "2024-01-01", "2024-12-31")).toBe(500);
    expect(await groups("care.households", "month", "2024-01-01", "2024-12-31")).toEqual({ "2024-06": 3, "2024-01": 1, "2024-12": 1 });
    expect(await groups("care.households", "grid", "2024-01-01", "2024-12-31")).toEqual({ [env.world.grids[0].id]: 4, [env.world.grids[1].id]: 1 });
    expect(await groups("care.households", "kind", "2024-01-01", "2024-12-31")).toEqual({ 低保: 2, 独居老人: 1, 特困: 1, 失业: 1 });
    expect(await groups("care.visits", "kind", "2024-01-01", "2024-12-31")).toEqual({ visit: 2, campaign: 1 });
  });

  it("households in care at the period's end and the share visited in it", async () => {
    // 31 Dec 2024: h4 archived that day; h3 taken in that day.
    expect(await fig("care.households_active", "2024-01-01", "2024-12-31")).toBe(4);
    expect(await fig("care.coverage", "2024-01-01", "2024-12-31")).toBe(0.75);
    // 30 Nov 2024: h1 h2 h4 h5; h5 never visited.
    expect(await fig("care.households_active", "2024-01-01", "2024-11-30")).toBe(4);
    expect(await fig("care.coverage", "2024-01-01", "2024-11-30")).toBe(0.75);
    expect(await fig("care.households_active", "2023-01-01", "2023-12-31")).toBe(1);
    expect(await fig("care.coverage", "2023-01-01", "2023-12-31")).toBe(1);
    expect(await fig("care.coverage", "2025-01-01", "2025-12-31")).toBe(0.25);
    expect(await groups("care.households_active", "kind", "2024-01-01", "2024-12-31")).toEqual({ 低保: 2, 独居老人: 1, 失业: 1 });
    const rec = await leader.get(`/api/figures/care.coverage/records?region=${community}&from=2024-01-01&to=2024-12-31`);
    const rows = rec.json().rows as Array<{ household: string; counted: number }>;
    expect(rows.map((r) => r.household).sort()).toEqual(["李**家", "王**家", "王**家", "王**家"]);
    expect(rows.filter((r) => r.counted).length).toBe(3);
    // The neighbour community has none.
    const sup = await env.login("supervisor");
    const n = await sup.get(`/api/figures/care.households?region=${env.world.neighbourCommunityId}&from=2024-01-01&to=2024-12-31`);
    expect(n.json().value).toBe(0);
    expect((await sup.get(`/api/figures/care.households?region=${env.world.subdistrictId}&from=2024-01-01&to=2024-12-31`)).json().value).toBe(5);
  });

  it("drill down to the household-visits, names masked", async () => {
    const rec = await leader.get(`/api/figures/care.households/records?region=${community}&from=2024-01-01&to=2024-12-31`);
    expect(rec.statusCode, rec.body).toBe(200);
    const rows = rec.json().rows as any[];
    expect(rows.length).toBe(5);
    expect(rows.every((r) => /^[王李]\*+家$/.test(r.household))).toBe(true);
    expect(rows.filter((r) => r.visit === "端午慰问活动").length).toBe(3);
    expect(JSON.stringify(rows)).not.toContain("王h1");
  });
});

describe("households and visits", () => {
  it("a household's page: its visits, the help received, its open needs", async () => {
    const d = (await leader.get(`/api/care/households/${hh.h1}`)).json();
    expect(d.household.name).toBe("王**家");
    expect(d.household.members.map((m: any) => m.name)).toEqual(["王**", "王**"]);
    expect(d.household.paired).toEqual([{ personId: person.party, name: "赵**" }]);
    expect(d.household.address).toMatch(/\*\*\*$/);
    expect(d.visits.map((v: any) => v.visitedOn)).toEqual(["2025-01-01", "2024-06-10", "2024-01-01", "2023-12-31"]);
    expect(d.visits[1].partners).toEqual(["深圳市台湾事务办公室"]);
    expect(d.received.moneyFen).toBe(30_000);
    expect(d.openNeeds.map((n: any) => n.text)).toEqual(["上门助餐", "协助申请临时救助"]);
    const line = d.openNeeds[1].lineId;
    const closed = await leader.post(`/api/care/follow-ups/${line}/close`, { on: "2025-01-10" });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().openNeeds.map((n: any) => n.text)).toEqual(["上门助餐"]);
    expect((await leader.post(`/api/care/follow-ups/${line}/close`, { on: "2025-01-10" })).statusCode).toBe(409);
  });

  it("changes kinds, needs and pairing (the old pairing ended, kept); an archived household cannot change", async () => {
    const other = (await env.factories.makePerson(community, env.world.grids[0], { name: "冯党员", tags: ["党员"] })).id;
    const d = await leader.patch(`/api/care/households/${hh.h5}`, { kinds: ["重病", "低保"], needs: ["陪同就医"], pairedIds: [other] });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().household.kinds).toEqual(["重病", "低保"]);
    expect(d.json().household.paired.map((p: any) => p.personId)).toEqual([other]);
    const again = await leader.patch(`/api/care/households/${hh.h5}`, { pairedIds: [] });
    expect(again.json().household.paired).toEqual([]);
    expect(await groups("care.households_active", "kind", "2025-01-01", "2025-12-31")).toMatchObject({ 重病: 1 });
    await leader.patch(`/api/care/households/${hh.h5}`, { kinds: ["低保"] });
    expect((await leader.patch(`/api/care/households/${hh.h4}`, { needs: ["x"] })).statusCode).toBe(409);
  });

  it("lists households not visited for N months (setting, or asked)", async () => {
    // Today 2025-01-15, 3 months: last visit before 2024-10-15 — h2 (June), h5 (never, taken in Feb).
    const r = (await leader.get("/api/care/households?unvisited=1")).json();
    expect(r.cutoff).toBe("2024-10-15");
    expect(r.items.map((h: any) => h.id).sort()).toEqual([hh.h2, hh.h5].sort());
    const eight = (await leader.get("/api/care/households?unvisited=1&months=8")).json();
    expect(eight.items.map((h: any) => h.id)).toEqual([hh.h5]);
    expect((await leader.get("/api/care/households?state=archived")).json().items.map((h: any) => h.id)).toEqual([hh.h4]);
    expect((await leader.get(`/api/care/households?kind=${encodeURIComponent("残疾")}`)).json().total).toBe(1);
  });

  it("exports the register as XLSX with the list's filters, masked and audited", async () => {
    const res = await leader.get(`/api/care/households/export.xlsx?kind=${encodeURIComponent("低保")}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows.map((r: any) => r.困难户).sort()).toEqual(["王**家", "王**家"]);
    expect(JSON.stringify(rows)).not.toMatch(/王h\d/);
    // A grid worker reads the households of the grid but does not export the register (as with the people registry).
    const grid = await env.login("grid01");
    expect((await grid.get("/api/care/households/export.xlsx")).statusCode).toBe(403);
  });

  it("exports the visits as XLSX with the list's filters, a row per household visited, masked and audited", async () => {
    const res = await leader.get("/api/care/visits/export.xlsx?from=2024-06-01&to=2024-06-30");
    expect(res.statusCode, res.body).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.名称 === "端午慰问活动" && r.类型 === "慰问活动" && r.走访日期 === "2024-06-10")).toBe(true);
    expect(rows.map((r) => r.困难户).sort()).toEqual(["王**家", "王**家", "王**家"]);
    expect(rows.map((r) => r["慰问金（元）"])).toEqual(["100.00", "100.00", "100.00"]);
    expect(rows[0].共建单位).toBe("深圳市台湾事务办公室");
    expect(JSON.stringify(rows)).not.toMatch(/王h\d/);
    const all = await readXlsx((await leader.get("/api/care/visits/export.xlsx")).rawPayload);
    expect(all).toHaveLength(7);
    expect(all.find((r) => r.后续需求 === "协助申请临时救助")).toMatchObject({ 走访日期: "2025-01-01" });
    const audit = await env.database.db.selectFrom("audit_log").select("after").where("action", "=", "care.visits.export").orderBy("seq").execute();
    expect(audit.length).toBe(2);
    const after = audit[0].after;
    expect(typeof after === "string" ? JSON.parse(after) : after).toMatchObject({ visits: 1, rows: 3, filters: { from: "2024-06-01", to: "2024-06-30" } });
    const en = await leader.req("GET", "/api/care/visits/export.xlsx", undefined, { headers: { "accept-language": "en" } });
    expect(Object.keys((await readXlsx(en.rawPayload))[0])).toContain("Money (yuan)");
    const grid = await env.login("grid01");
    expect((await grid.get("/api/care/visits/export.xlsx")).statusCode).toBe(403);
  });

  it("a grid worker sees their grid's households only", async () => {
    const grid02 = await env.login("grid02");
    const r = (await grid02.get("/api/care/households")).json();
    expect(r.items.map((h: any) => h.id)).toEqual([hh.h3]);
    expect((await grid02.get(`/api/care/households/${hh.h1}`)).statusCode).toBe(404);
  });
});

describe("bad input", () => {
  it("refuses a visit to an archived household, in Chinese and English, writing nothing", async () => {
    const before = await fig("care.households", "2025-01-01", "2025-12-31");
    const r = await visit("2025-01-02", ["h1", "h4"]);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toContain("已于 2024-12-31 归档");
    const en = await leader.req(
      "POST",
      "/api/care/visits",
      { communityId: community, visitedOn: "2025-01-02", title: "x", visitorUserIds: [staffId], households: [{ householdId: hh.h4 }] },
      { headers: { "accept-language": "en" } },
    );
    expect(en.json().error.message).toContain("archived on 2024-12-31");
    expect(await fig("care.households", "2025-01-01", "2025-12-31")).toBe(before);
    expect((await leader.get(`/api/care/households/${hh.h1}`)).json().household.lastVisitedOn).toBe("2025-01-01");
  });

  it("refuses other bad visits and households", async () => {
    expect((await visit("2025-01-16", ["h1"])).statusCode).toBe(409);
    expect((await visit("2024-02-15", ["h2"])).json().error.message).toContain("早于该户纳入帮扶的日期");
    const neighbourOrg = (await env.factories.makeOrg(env.world.neighbourCommunityId, { name: "桔塘共建单位", kind: "共建单位" })).id;
    expect((await visit("2025-01-10", ["h1"], { partnerOrgIds: [neighbourOrg] })).statusCode).toBe(400);
    expect((await visit("2025-01-10", ["h1", "h1"])).statusCode).toBe(400);
    expect(
      (await leader.post("/api/care/visits", { communityId: community, visitedOn: "2025-01-10", title: "x", households: [{ householdId: hh.h1 }] })).statusCode,
    ).toBe(400);
    const p = (await env.factories.makePerson(community, env.world.grids[0], { name: "孙新户" })).id;
    const base = { headPersonId: p, kinds: ["低保"], enrolledOn: "2024-05-01" };
    expect((await leader.post("/api/care/households", { ...base, kinds: ["贫困"] })).json().error.message).toContain("贫困");
    expect((await leader.post("/api/care/households", { ...base, pairedIds: [person.plain] })).statusCode).toBe(400);
    expect((await leader.post("/api/care/households", { ...base, memberIds: [person.m1] })).statusCode).toBe(409);
    expect((await leader.post("/api/care/households", { ...base, enrolledOn: "2025-02-01" })).statusCode).toBe(400);
    expect((await leader.post(`/api/care/households/${hh.h4}/archive`, { on: "2025-01-01", reason: "x" })).statusCode).toBe(409);
    expect((await leader.post(`/api/care/households/${hh.h2}/archive`, { on: "2024-06-09", reason: "x" })).statusCode).toBe(409);
    const mediator = await env.login("mediator");
    expect((await mediator.get("/api/care/households")).statusCode).toBe(403);
  });
});

describe("XLSX imports of households and visits", () => {
  const sheet = async (header: readonly string[], rows: string[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("导入");
    ws.addRow([...header]);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const up = (url: string, buf: Buffer, q = "") => {
    const mp = multipartFile("a.xlsx", buf);
    return leader.req("POST", `${url}?communityId=${community}${q}`, mp.payload, { headers: mp.headers });
  };
  const count = async (table: "care_households" | "care_visits" | "care_visit_households") =>
    Number(
      (
        await env.app.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("templates import as they are read: headers of the register", async () => {
    for (const url of ["/api/care/households/import/template", "/api/care/visits/import/template"]) {
      const res = await leader.get(url);
      expect(res.statusCode).toBe(200);
      const rows = await readXlsx(res.rawPayload);
      expect(Object.keys(rows[0])).toContain("户主身份证号");
    }
  });

  it("households: all or nothing with a report per row; the same file again changes nothing", async () => {
    const f = env.factories;
    const g0 = env.world.grids[0];
    const a = await f.makePerson(community, g0, { name: "周导入" });
    const b = await f.makePerson(community, g0, { name: "周成员" });
    const c = await f.makePerson(community, g0, { name: "吴导入" });
    const H = ["户主身份证号", "户主姓名", "家庭成员身份证号", "困难类型", "需求", "网格员账号", "结对党员身份证号", "纳入帮扶日期", "备注"];
    const good = [
      [a.idNumber as string, "周导入", b.idNumber as string, "低保、残疾", "助餐", "grid01", "", "2024-05-01", ""],
      [c.idNumber as string, "吴导入", "", "独居老人", "", "", "", "2024/5/2", ""],
    ];
    const before = await count("care_households");
    const bad = await up(
      "/api/care/households/import",
      await sheet(H, [
        ...good,
        ["440309190001019999", "", "", "低保", "", "", "", "2024-05-01", ""],
        [a.idNumber as string, "别人", "", "低保", "", "", "", "2024-05-01", ""],
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(200);
    expect(bad.json().errors.map((e: any) => e.row)).toEqual([4, 5]);
    expect(bad.json().errors[0].message).toContain("人口库中没有身份证号");
    expect(bad.json().errors[1].message).toContain("姓名与人口库不一致");
    expect(await count("care_households")).toBe(before);
    const kinds = await up("/api/care/households/import", await sheet(H, [[a.idNumber as string, "", "", "贫困", "", "", "", "2024-05-01", ""]]));
    expect(kinds.json().errors[0].message).toContain("贫困");
    const dry = await up("/api/care/households/import", await sheet(H, good), "&dryRun=1");
    expect(dry.json()).toMatchObject({ created: 2, errors: [], dryRun: true });
    expect(await count("care_households")).toBe(before);
    const ok = await up("/api/care/households/import", await sheet(H, good));
    expect(ok.json()).toMatchObject({ created: 2, unchanged: 0, errors: [] });
    expect(await count("care_households")).toBe(before + 2);
    const list = (await leader.get(`/api/care/households?q=${encodeURIComponent("周导入")}`)).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kinds: ["低保", "残疾"], needs: ["助餐"], enrolledOn: "2024-05-01" });
    expect(list[0].members).toHaveLength(2);
    const again = await up("/api/care/households/import", await sheet(H, good));
    expect(again.json()).toMatchObject({ created: 0, unchanged: 2, errors: [] });
    expect(await count("care_households")).toBe(before + 2);
    hh.importedA = list[0].id;
    person.importedA = a.idNumber as string;
    person.importedC = c.idNumber as string;
  });

  it("visits: rows of one date and title are one 慰问活动; bad rows stop the file; the same file again changes nothing", async () => {
    const H = ["走访日期", "名称", "类型", "户主身份证号", "走访人员账号", "走访人员身份证号", "共建单位", "物资", "慰问金（元）", "服务", "后续需求", "备注"];
    const good = [
      ["2024-09-14", "中秋导入慰问", "慰问活动", person.importedA, "staff", "", "深圳市台湾事务办公室", "月饼", "200", "", "", ""],
      ["2024-09-14", "中秋导入慰问", "", person.importedC, "", "", "", "米、油", "100.5", "", "需要陪诊", ""],
      ["2024-10-08", "重阳导入走访", "走访", person.importedA, "staff", "", "", "", "", "理发", "", ""],
    ];
    const [v0, l0] = [await count("care_visits"), await count("care_visit_households")];
    const bad = await up(
      "/api/care/visits/import",
      await sheet(H, [
        ...good,
        ["2024-10-09", "x", "走访", person.importedA, "staff", "", "", "", "abc", "", "", ""],
        ["2024-10-10", "y", "走访", person.importedA, "nobody", "", "", "", "", "", "", ""],
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(200);
    expect(bad.json().errors.map((e: any) => e.row)).toEqual([5, 6]);
    expect(bad.json().errors[0].message).toContain("慰问金");
    expect(bad.json().errors[1].message).toContain("nobody");
    expect([await count("care_visits"), await count("care_visit_households")]).toEqual([v0, l0]);
    const ok = await up("/api/care/visits/import", await sheet(H, good));
    expect(ok.json()).toMatchObject({ created: 3, unchanged: 0, errors: [] });
    expect([await count("care_visits"), await count("care_visit_households")]).toEqual([v0 + 2, l0 + 3]);
    const visits = (await leader.get(`/api/care/visits?q=${encodeURIComponent("中秋导入慰问")}`)).json().items;
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ kind: "campaign", moneyFen: 30_050, visitedOn: "2024-09-14" });
    expect(visits[0].households).toHaveLength(2);
    expect(visits[0].partners.map((p: any) => p.name)).toEqual(["深圳市台湾事务办公室"]);
    const again = await up("/api/care/visits/import", await sheet(H, good));
    expect(again.json()).toMatchObject({ created: 0, unchanged: 3, errors: [] });
    expect([await count("care_visits"), await count("care_visit_households")]).toEqual([v0 + 2, l0 + 3]);
    expect((await leader.get(`/api/care/households/${hh.importedA}`)).json().household.lastVisitedOn).toBe("2024-10-08");
  });
});
