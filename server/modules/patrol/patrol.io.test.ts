import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";
import { agentFrom, loginRequest, multipartFile, readXlsx } from "../../test/http.js";

// Import and export of patrol points through the HTTP API, as the points page uses it: the XLSX
// template filled in and read back, all or nothing with a report per row, importing the same file
// again changes nothing; GeoJSON export and import the same way.

const clock = fixedClock("2025-03-10T02:00:00Z");
let env: TestEnv;
let leader: Agent;
let teamName: string;

/** The centre of demo grid i (a 4 × 3 block of cells from 114.046 E, 22.672 N). */
const gridCentre = (i: number, dx = 0, dy = 0) => ({
  lng: Number((114.046 + (i % 4) * 0.0065 + 0.00325 + dx).toFixed(6)),
  lat: Number((22.672 + Math.floor(i / 4) * 0.0055 + 0.00275 + dy).toFixed(6)),
});
/** In the neighbouring community (桔塘社区), outside 福民社区's grids. */
const NEIGHBOUR = { lng: 114.0753, lat: 22.6748 };

beforeAll(async () => {
  env = await testEnv({ clock });
  leader = await env.login("leader");
  const t = await leader.post("/api/patrol/teams", { communityId: env.world.communityId, name: "股份公司安保一队", force: "security" });
  expect(t.statusCode, t.body).toBe(201);
  teamName = t.json().name;
}, 120_000);
afterAll(() => env.close());

const url = (q = "") => `/api/patrol/points/import?communityId=${env.world.communityId}${q}`;
const upload = (a: Agent, name: string, buf: Buffer, q = "") => {
  const mp = multipartFile(name, buf);
  return a.req("POST", url(q), mp.payload, { headers: mp.headers });
};
const allPoints = async () =>
  (await leader.get("/api/patrol/points?active=all&pageSize=500")).json().items as Array<{
    id: string;
    code: string;
    name: string;
    kind: string;
    gridId: string;
    gridName: string;
    force: string;
    teamName: string | null;
    checklist: string[];
    radiusM: number;
    active: boolean;
    updatedAt: string;
  }>;
const auditCount = async () =>
  Number(
    (
      await env.database.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst()
    )?.n,
  );

/** The template downloaded from the server, its example row replaced by these rows (keyed by its headers). */
async function fromTemplate(rows: Array<Record<string, string | number>>): Promise<Buffer> {
  const res = await leader.get("/api/patrol/points/import/template");
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as any);
  const ws = wb.worksheets[0];
  const headers: string[] = [];
  ws.getRow(1).eachCell((c, col) => {
    headers[col] = String(c.text);
  });
  ws.spliceRows(2, ws.rowCount - 1);
  for (const r of rows) ws.addRow(headers.map((h) => (h ? (r[h] ?? "") : undefined)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const good = () => [
  { 名称: "导入·消防通道A", 类型: "消防通道", ...lngLat(gridCentre(0)), "半径（米）": 40, 巡查力量: "社区", 检查项: "通道畅通、消防设施完好" },
  { 名称: "导入·河道B", 类型: "河道", ...lngLat(gridCentre(5)), 巡查力量: "警区", 检查项: "护栏完好；无垃圾漂浮" },
  { 名称: "导入·工地C", 类型: "工地", ...lngLat(gridCentre(10)), "半径（米）": 80, 巡查力量: "股份公司安保", 队伍: "股份公司安保一队", 检查项: "围挡完好" },
];
function lngLat(p: { lng: number; lat: number }) {
  return { 经度: p.lng, 纬度: p.lat };
}

describe("XLSX import of points", () => {
  it("the template lists the columns the import reads", async () => {
    const res = await leader.get("/api/patrol/points/import/template");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const rows = await readXlsx(res.rawPayload);
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(["编码", "名称", "类型", "经度", "纬度", "半径（米）", "巡查力量", "队伍", "检查项", "启用"]));
    expect(rows[0].名称).toBeTruthy();
  });

  it("a filled-in template: checked (nothing stored), imported, grids worked out; the same file again changes nothing", async () => {
    const file = await fromTemplate(good());
    const before = await allPoints();

    const dry = await upload(leader, "points.xlsx", file, "&dryRun=1");
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({ created: 3, unchanged: 0, errors: [], dryRun: true });
    expect(await allPoints()).toHaveLength(before.length);

    const imp = await upload(leader, "points.xlsx", file);
    expect(imp.statusCode, imp.body).toBe(200);
    expect(imp.json()).toEqual({ created: 3, unchanged: 0, errors: [], dryRun: false });
    const after = await allPoints();
    expect(after).toHaveLength(before.length + 3);
    const a = after.find((p) => p.name === "导入·消防通道A");
    const b = after.find((p) => p.name === "导入·河道B");
    const c = after.find((p) => p.name === "导入·工地C");
    expect(a).toMatchObject({
      kind: "消防通道",
      gridId: env.world.grids[0].id,
      force: "community",
      radiusM: 40,
      checklist: ["通道畅通", "消防设施完好"],
      active: true,
    });
    expect(b).toMatchObject({ gridId: env.world.grids[5].id, force: "police", radiusM: 50, checklist: ["护栏完好", "无垃圾漂浮"] });
    expect(c).toMatchObject({ gridId: env.world.grids[10].id, force: "security", teamName, radiusM: 80 });
    expect(new Set(after.map((p) => p.code)).size).toBe(after.length);

    const audits = await auditCount();
    const again = await upload(leader, "points.xlsx", file);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ created: 0, unchanged: 3, errors: [], dryRun: false });
    expect(await allPoints()).toEqual(after);
    // Nothing changed, so only the import itself is recorded... and with nothing to import, not even that.
    expect(await auditCount()).toBe(audits);
  });

  it("takes each point's set-up date, so the past periods' figures count it from then", async () => {
    const points = async (from: string, to: string) =>
      (await leader.get(`/api/figures/patrol.points?region=${env.world.communityId}&from=${from}&to=${to}`)).json().value as number;
    const [y2020, y2021, y2022] = [
      await points("2020-01-01", "2020-12-31"),
      await points("2021-01-01", "2021-12-31"),
      await points("2022-01-01", "2022-12-31"),
    ];
    const file = await fromTemplate([
      { 名称: "设立·老河道", 类型: "河道", ...lngLat(gridCentre(1)), 巡查力量: "社区", 设立日期: "2021-05-10" },
      { 名称: "设立·老工地", 类型: "工地", ...lngLat(gridCentre(2)), 巡查力量: "社区", 设立日期: "2021/12/31" },
      { 名称: "设立·新消防", 类型: "消防通道", ...lngLat(gridCentre(3)), 巡查力量: "社区", 设立日期: "2022-01-01" },
    ]);
    const imp = await upload(leader, "points.xlsx", file);
    expect(imp.json()).toMatchObject({ created: 3, errors: [] });
    // Counted from the set-up date: two in 2021 (the second on its last day), all three in 2022.
    expect(await points("2020-01-01", "2020-12-31")).toBe(y2020);
    expect(await points("2021-01-01", "2021-12-31")).toBe(y2021 + 2);
    expect(await points("2022-01-01", "2022-12-31")).toBe(y2022 + 3);
    const exported = await readXlsx((await leader.get("/api/patrol/points/export?active=all")).rawPayload);
    expect(exported.find((r) => r.名称 === "设立·老工地")?.设立日期).toBe("2021-12-31");
    // A set-up date after today, or not a date, is that row's error.
    const bad = await upload(
      leader,
      "points.xlsx",
      await fromTemplate([
        { 名称: "设立·未来", 类型: "河道", ...lngLat(gridCentre(4)), 巡查力量: "社区", 设立日期: "2025-03-11" },
        { 名称: "设立·乱写", 类型: "河道", ...lngLat(gridCentre(6)), 巡查力量: "社区", 设立日期: "前年" },
      ]),
    );
    expect(bad.json().errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([
      [2, "设立日期 2025-03-11 晚于今天"],
      [3, "设立日期「前年」无法识别（如 2021-05-10）"],
    ]);
  });

  it("a file with bad rows: nothing stored, each bad row answered with its reason", async () => {
    const before = await allPoints();
    const audits = await auditCount();
    const file = await fromTemplate([
      { 名称: "好行1", 类型: "公园", ...lngLat(gridCentre(1)) },
      { 名称: "未知类型", 类型: "菜市场", ...lngLat(gridCentre(1, 0.001)) },
      { 名称: "缺纬度", 类型: "公园", 经度: 114.05 },
      { 名称: "", 类型: "公园", ...lngLat(gridCentre(2)) },
      { 名称: "未知队伍", 类型: "公园", ...lngLat(gridCentre(2, 0.001)), 队伍: "不存在的队" },
      { 名称: "半径太小", 类型: "公园", ...lngLat(gridCentre(3)), "半径（米）": 2 },
      { 名称: "未知力量", 类型: "公园", ...lngLat(gridCentre(3, 0.001)), 巡查力量: "城管" },
      { 名称: "好行2", 类型: "学校周边", ...lngLat(gridCentre(4)) },
      { 名称: "好行2", 类型: "学校周边", ...lngLat(gridCentre(4)) },
      { 名称: "启用填错", 类型: "公园", ...lngLat(gridCentre(6)), 启用: "也许" },
    ]);
    // The file was read, so the answer is the import report (ZImportReport): its bad rows, and the
    // two good ones it would have created had the file been all good.
    const res = await upload(leader, "bad.xlsx", file);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ created: 2, unchanged: 0, dryRun: false });
    const byRow = Object.fromEntries((report.errors as Array<{ row: number; message: string }>).map((d) => [d.row, d.message]));
    // Sheet rows: the header is row 1, so the first data row is row 2.
    expect(
      Object.keys(byRow)
        .map(Number)
        .sort((x, y) => x - y),
    ).toEqual([3, 4, 5, 6, 7, 8, 10, 11]);
    expect(byRow[3]).toMatch(/未知类型「菜市场」/);
    expect(byRow[4]).toMatch(/经纬度/);
    expect(byRow[5]).toMatch(/名称/);
    expect(byRow[6]).toMatch(/不存在的队/);
    expect(byRow[7]).toMatch(/半径/);
    expect(byRow[8]).toMatch(/城管/);
    expect(byRow[10]).toMatch(/第 9 行/);
    expect(byRow[11]).toMatch(/是 或 否/);
    expect(await allPoints()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("a location outside the community's grids stops the whole file, good rows before it included", async () => {
    const before = await allPoints();
    const file = await fromTemplate([
      { 名称: "界内点", 类型: "公园", ...lngLat(gridCentre(7)) },
      { 名称: "界外点", 类型: "公园", ...lngLat(NEIGHBOUR) },
      { 名称: "海上点", 类型: "河道", 经度: 10, 纬度: 10 },
    ]);
    for (const dryRun of ["&dryRun=1", ""]) {
      const res = await upload(leader, "outside.xlsx", file, dryRun);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        created: 1,
        unchanged: 0,
        errors: [
          { row: 3, message: expect.stringMatching(/不在本社区/) },
          { row: 4, message: expect.stringMatching(/不在本社区/) },
        ],
        dryRun: dryRun !== "",
      });
    }
    expect(await allPoints()).toEqual(before);
  });

  it("the export imports back unchanged; a retired point stays retired; English headers and messages", async () => {
    const pts = await allPoints();
    const retire = await leader.post(`/api/patrol/points/${pts[0].id}/retire`);
    expect(retire.statusCode, retire.body).toBe(200);
    const x = await leader.get("/api/patrol/points/export?active=all");
    expect(x.statusCode).toBe(200);
    const back = await upload(leader, "export.xlsx", x.rawPayload);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toEqual({ created: 0, unchanged: pts.length, errors: [], dryRun: false });

    const en = agentFrom(env, "leader", await loginRequest(env, "leader", undefined, { ip: "10.7.0.1", lang: "en" }), "en");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("points");
    ws.addRow(["Name", "Kind", "Longitude", "Latitude", "Force", "Checklist", "Active"]);
    ws.addRow(["Retired pier", "河道", gridCentre(8).lng, gridCentre(8).lat, "Police district", "Rail intact", "no"]);
    ws.addRow(["Bad kind", "Mall", gridCentre(9).lng, gridCentre(9).lat, "Community", "", "yes"]);
    const bad = await upload(en, "en.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toEqual({ created: 1, unchanged: 0, errors: [{ row: 3, message: expect.stringMatching(/unknown kind "Mall"/) }], dryRun: false });
    ws.spliceRows(3, 1);
    const ok = await upload(en, "en.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().created).toBe(1);
    const pier = (await allPoints()).find((p) => p.name === "Retired pier");
    expect(pier).toMatchObject({ active: false, force: "police", gridId: env.world.grids[8].id, checklist: ["Rail intact"] });
  });

  it("refuses what is not a points file", async () => {
    expect((await upload(leader, "notes.txt", Buffer.from("hello"))).statusCode).toBe(400);
    const broken = await upload(leader, "broken.xlsx", Buffer.from("PK\u0003\u0004 not really a zip"));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toMatch(/XLSX/);
    const empty = await upload(leader, "empty.xlsx", await fromTemplate([]));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/没有巡查点/);
  });

  it("only a patrol administrator may import, and only into a community in their scope", async () => {
    const patrol = await env.login("patrol01");
    const file = await fromTemplate(good());
    expect((await upload(patrol, "points.xlsx", file)).statusCode).toBe(403);
    expect((await patrol.get("/api/patrol/points/import/template")).statusCode).toBe(403);
    const mp = multipartFile("points.xlsx", file);
    const other = await leader.req("POST", `/api/patrol/points/import?communityId=${env.world.neighbourCommunityId}`, mp.payload, {
      headers: mp.headers,
    });
    expect(other.statusCode).toBe(404);
  });
});

describe("GeoJSON export and import of points", () => {
  it("exports a FeatureCollection that imports back unchanged, as a file or as the request body", async () => {
    const geo = await leader.get("/api/patrol/points/geojson?active=all");
    expect(geo.statusCode).toBe(200);
    expect(geo.headers["content-type"]).toContain("application/geo+json");
    const fc = geo.json();
    const pts = await allPoints();
    expect(fc.features).toHaveLength(pts.length);
    const f0 = fc.features.find((f: any) => f.properties.code === pts[0].code);
    expect(f0.geometry).toEqual({ type: "Point", coordinates: [expect.any(Number), expect.any(Number)] });
    expect(f0.properties).toMatchObject({ name: pts[0].name, kind: pts[0].kind, force: pts[0].force, gridName: pts[0].gridName, checklist: pts[0].checklist });

    const asFile = await upload(leader, "points.geojson", Buffer.from(JSON.stringify(fc)));
    expect(asFile.statusCode, asFile.body).toBe(200);
    expect(asFile.json()).toEqual({ created: 0, unchanged: pts.length, errors: [], dryRun: false });
    const asBody = await leader.post(url(), fc);
    expect(asBody.json()).toEqual({ created: 0, unchanged: pts.length, errors: [], dryRun: false });
    expect(await allPoints()).toEqual(pts);
  });

  it("new features are created once; a bad feature stops the collection", async () => {
    const feature = (name: string, coordinates: unknown, props: Record<string, unknown> = {}) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates },
      properties: { name, kind: "地下空间", force: "security", teamName, checklist: ["排水通畅", "照明正常"], ...props },
    });
    const before = await allPoints();
    const bad = {
      type: "FeatureCollection",
      features: [
        feature("地下车库入口", [gridCentre(11).lng, gridCentre(11).lat]),
        feature("坐标越界", [200, 22.6]),
        { type: "Feature", geometry: { type: "LineString", coordinates: [[114.05, 22.67]] }, properties: { name: "不是点" } },
        feature("邻社区地下室", [NEIGHBOUR.lng, NEIGHBOUR.lat]),
      ],
    };
    // One answer for every bad feature: those refused on reading and the one outside the community's grids.
    const res = await leader.post(url(), bad);
    expect(res.statusCode).toBe(200);
    expect(res.json().errors.map((d: any) => d.row)).toEqual([2, 3, 4]);
    expect(res.json().errors[2].message).toMatch(/不在本社区/);
    expect(res.json()).toMatchObject({ created: 1, dryRun: false });
    expect(await allPoints()).toEqual(before);

    const good = { type: "FeatureCollection", features: [bad.features[0]] };
    const first = await leader.post(url(), good);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ created: 1, unchanged: 0, errors: [], dryRun: false });
    const made = (await allPoints()).find((p) => p.name === "地下车库入口");
    expect(made).toMatchObject({ kind: "地下空间", force: "security", teamName, gridId: env.world.grids[11].id, checklist: ["排水通畅", "照明正常"] });
    // The same point read again a metre away (another GPS reading of the same post): still the same point.
    const nudged = { type: "FeatureCollection", features: [feature("地下车库入口", [gridCentre(11).lng + 0.00001, gridCentre(11).lat])] };
    expect((await leader.post(url(), nudged)).json()).toEqual({ created: 0, unchanged: 1, errors: [], dryRun: false });
    expect((await allPoints()).length).toBe(before.length + 1);
  });

  it("refuses what is not a FeatureCollection", async () => {
    expect((await leader.post(url(), { type: "Feature" })).statusCode).toBe(400);
    expect((await upload(leader, "x.geojson", Buffer.from("{not json"))).json().error.message).toMatch(/GeoJSON/);
  });
});
