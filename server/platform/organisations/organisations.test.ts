import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TOrgCreate } from "../../../contracts/platform.js";
import { WORLD_ORGS } from "../../test/factories.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { readXlsx } from "../../test/http.js";

let env: TestEnv;
let leader: Agent;
let staff: Agent;
let auditor: Agent;

const org = (over: Record<string, unknown> = {}) => ({ communityId: env.world.communityId, kind: "社会组织", name: "福民长者互助会", ...over });

// The register the tests below read, besides the world's own (WORLD_ORGS): some in 第1网格, some in
// other grids, some without a grid, and one in the neighbour community that no list here may show.
const MADE: Array<{ name: string; kind: TOrgCreate["kind"]; grid?: number }> = [
  { name: "第1网格妇联", kind: "网格妇联", grid: 0 },
  { name: "第2网格妇联", kind: "网格妇联", grid: 1 },
  { name: "第3网格妇联", kind: "网格妇联", grid: 2 },
  { name: "深圳市狮径股份合作公司", kind: "股份合作公司", grid: 0 },
  { name: "福城快递小哥妇女联合会", kind: "三新妇女组织" },
  { name: "福民新业态女性联盟", kind: "三新妇女组织" },
  { name: "福民亲邻社工服务中心", kind: "社会组织" },
];
const REGISTER = [...WORLD_ORGS, ...MADE];
const ofKind = (kind: string) => REGISTER.filter((o) => o.kind === kind);

beforeAll(async () => {
  env = await testEnv();
  [leader, staff, auditor] = await Promise.all(["leader", "staff", "auditor"].map((u) => env.login(u)));
  const { makeOrg } = env.factories;
  for (const { grid, ...o } of MADE) await makeOrg(env.world.communityId, { ...o, gridId: grid === undefined ? null : env.world.grids[grid].id });
  await makeOrg(env.world.neighbourCommunityId, { name: "桔塘社区妇女联合会", kind: "妇联" });
});
afterAll(() => env.close());

describe("organisations", () => {
  it("lists the register in scope; a grid worker sees the ones of their grid", async () => {
    const all = (await leader.get("/api/organisations?pageSize=200")).json();
    expect(all.total).toBe(REGISTER.length);
    expect(all.items.map((o: { name: string }) => o.name).sort()).toEqual(REGISTER.map((o) => o.name).sort());
    expect(all.items.find((o: { name: string }) => o.name === "中共福民社区委员会")).toMatchObject({ kind: "党组织", shortName: "福民社区党委" });
    const g1 = (await (await env.login("grid01")).get("/api/organisations?pageSize=200")).json();
    expect(g1.total).toBeGreaterThan(0);
    expect(g1.total).toBeLessThan(all.total);
    expect(g1.total).toBe(REGISTER.filter((o) => o.grid === 0).length);
    for (const o of g1.items) expect(o.gridName).toBe("第1网格");
    expect((await leader.get("/api/organisations?kind=网格妇联")).json().total).toBe(ofKind("网格妇联").length);
  });

  it("create, update and archive, each audited", async () => {
    const made = await staff.post("/api/organisations", org({ gridId: env.world.grids[2].id, foundedOn: "2020-05-01", contactPhone: "0755-12345678" }));
    expect(made.statusCode).toBe(201);
    const o = made.json();
    expect(o).toMatchObject({ name: "福民长者互助会", gridName: "第3网格", communityName: "福民社区", archived: false });

    const upd = await leader.patch(`/api/organisations/${o.id}`, { shortName: "长者会", contactName: "李主任" });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ shortName: "长者会", contactName: "李主任", foundedOn: "2020-05-01" });

    expect((await leader.patch(`/api/organisations/${o.id}`, { archived: true })).json().archived).toBe(true);
    const list = (await leader.get("/api/organisations?pageSize=200")).json().items.map((x: { id: string }) => x.id);
    expect(list).not.toContain(o.id);
    expect((await leader.get("/api/organisations?archived=1")).json().items.map((x: { id: string }) => x.id)).toContain(o.id);

    const audit = (await auditor.get(`/api/audit?entity=organisation&entityId=${o.id}`)).json().items;
    expect(audit.map((e: { action: string; actorName: string }) => `${e.action}:${e.actorName}`).reverse()).toEqual([
      "organisation.create:staff",
      "organisation.update:leader",
      "organisation.archive:leader",
    ]);
    expect(audit[1].before.short_name).toBeNull();
    expect(audit[1].after.short_name).toBe("长者会");
  });

  it("a duplicate name in the same community is a conflict, ignoring case; an archived one frees the name", async () => {
    expect((await leader.post("/api/organisations", org({ name: "Fumin Runners" }))).statusCode).toBe(201);
    const dup = await leader.post("/api/organisations", org({ name: "fumin runners", kind: "志愿服务队" }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain("fumin runners");
    // 福民长者互助会 was archived above.
    const revived = await leader.post("/api/organisations", org());
    expect(revived.statusCode).toBe(201);
    // Renaming onto a taken name, or restoring an archived namesake, would make a duplicate too.
    const other = (await leader.post("/api/organisations", org({ name: "福民跑团" }))).json();
    const rename = await leader.patch(`/api/organisations/${other.id}`, { name: "FUMIN RUNNERS" });
    expect(rename.statusCode).toBe(409);
    expect((await leader.get(`/api/organisations/${other.id}`)).json().name).toBe("福民跑团");
    const archived = (await leader.get("/api/organisations?archived=1&q=福民长者互助会")).json().items[0];
    expect((await leader.patch(`/api/organisations/${archived.id}`, { archived: false })).statusCode).toBe(409);
    expect((await leader.patch(`/api/organisations/${other.id}`, { name: "福民跑团", note: "每周六晨跑" })).statusCode).toBe(200);
  });

  it("refuses bad references and values", async () => {
    const supervisor = await env.login("supervisor");
    const nGrid = (await supervisor.get(`/api/regions?level=grid&parentId=${env.world.neighbourCommunityId}`)).json().items[0].id;
    const cases: Array<[Record<string, unknown>, number]> = [
      [org({ name: "甲", gridId: nGrid }), 400],
      [org({ name: "乙", communityId: env.world.neighbourCommunityId }), 404],
      [org({ name: "丙", communityId: env.world.grids[0].id }), 404],
      [org({ name: "丁", foundedOn: "2999-01-01" }), 400],
      [org({ name: "戊", kind: "秘密结社" }), 400],
      [org({ name: "己", contactPhone: "call me" }), 400],
      [org({ name: "" }), 400],
    ];
    for (const [body, status] of cases) expect((await leader.post("/api/organisations", body)).statusCode, JSON.stringify(body)).toBe(status);
    const some = (await leader.get("/api/organisations?pageSize=1")).json().items[0];
    expect((await leader.patch(`/api/organisations/${some.id}`, { parentId: some.id })).statusCode).toBe(400);
  });

  it("exports the register to XLSX, audited", async () => {
    const total = (await leader.get("/api/organisations?pageSize=1")).json().total;
    const res = await leader.get("/api/organisations/export");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const rows = await readXlsx(res.rawPayload);
    expect(rows.length).toBe(total);
    expect(rows.find((r) => r.名称 === "中共福民社区委员会")?.类型).toBe("党组织");
    const womens = await readXlsx((await leader.get(`/api/organisations/export?kind=${encodeURIComponent("三新妇女组织")}`)).rawPayload);
    expect(womens.length).toBe(ofKind("三新妇女组织").length);
    expect(womens.length).toBeGreaterThan(0);
    const en = await readXlsx(
      (await leader.req("GET", "/api/organisations/export?pageSize=1", undefined, { headers: { "accept-language": "en" } })).rawPayload,
    );
    expect(Object.keys(en[0])).toContain("Name");
    const entries = (await auditor.get("/api/audit?action=organisation.export&actor=leader")).json().items;
    expect(entries.length).toBe(3);
    expect(entries.map((e: { after: { rows: number } }) => e.after.rows)).toContain(total);
  });
});
