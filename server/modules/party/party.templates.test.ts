import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDUCATIONS, MEETING_TYPES } from "../../../contracts/party.js";
import { toXlsx } from "../../io/xlsx.js";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { multipartFile, readXlsx } from "../../test/http.js";
import { MEETING_IMPORT, MEMBER_IMPORT } from "./party.io.js";
import { makePartyOrg } from "./party.test-factories.js";

// The member register's and the meeting log's templates, as a community moving in fills them: the
// headers the import reads, and an example row that imports once the branch and the person it names
// are on record — checked, imported, and unchanged when read again.

let env: TestEnv;
let leader: Agent;
const upload = async (register: string, buf: Buffer, q = "") => {
  const m = multipartFile("template.xlsx", buf);
  const res = await leader.req("POST", `/api/party/${register}/import${q}`, m.payload, { headers: m.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const ok = (created: number, unchanged = 0, dryRun = false) => ({ created, unchanged, errors: [], dryRun });

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2026-03-10T02:00:00Z"), people: 4 });
  leader = await env.login("leader");
  // What the examples name: the branch, and the resident on the people registry.
  const committee = await makePartyOrg(env, leader, { name: "福民社区党委", level: "党委", partyKind: "社区", foundedOn: "2005-06-18" });
  await makePartyOrg(env, leader, { name: MEMBER_IMPORT.branch.example, level: "党支部", partyKind: "社区", parentId: committee, foundedOn: "2008-07-01" });
  const p = await leader.post("/api/people", {
    communityId: env.world.communityId,
    name: MEMBER_IMPORT.name.example,
    gender: "M",
    birthDate: "1980-03-03",
    idNumber: MEMBER_IMPORT.idNumber.example,
    kind: "registered",
  });
  expect(p.statusCode, p.body).toBe(201);
});
afterAll(() => env?.close());

describe("party register templates", () => {
  it("the member register's template has the import's headers and imports as it is: checked, created, then unchanged", async () => {
    const t = await leader.get("/api/party/members/import/template");
    expect(t.statusCode).toBe(200);
    expect(t.headers["content-disposition"]).toContain("xlsx");
    const rows = await readXlsx(t.rawPayload);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0])).toEqual(Object.values(MEMBER_IMPORT).map((c) => c.zh));
    expect(await upload("members", t.rawPayload, "?dryRun=1")).toEqual(ok(1, 0, true));
    expect((await leader.get("/api/party/members?pageSize=1")).json().total).toBe(0);
    expect(await upload("members", t.rawPayload)).toEqual(ok(1));
    expect(await upload("members", t.rawPayload)).toEqual(ok(0, 1));
    const m = (await leader.get("/api/party/members?pageSize=5")).json().items;
    expect(m).toEqual([expect.objectContaining({ name: MEMBER_IMPORT.name.example, orgName: MEMBER_IMPORT.branch.example, status: "full" })]);
  });

  it("the meeting log's template imports as it is once its attendee is a member: checked, created, then unchanged", async () => {
    const t = await leader.get("/api/party/meetings/import/template");
    expect(t.statusCode).toBe(200);
    const rows = await readXlsx(t.rawPayload);
    expect(Object.keys(rows[0])).toEqual(Object.values(MEETING_IMPORT).map((c) => c.zh));
    expect(await upload("meetings", t.rawPayload, "?dryRun=1")).toEqual(ok(1, 0, true));
    expect(await upload("meetings", t.rawPayload)).toEqual(ok(1));
    expect(await upload("meetings", t.rawPayload)).toEqual(ok(0, 1));
    const items = (await leader.get("/api/party/meetings?pageSize=5")).json().items;
    expect(items).toEqual([
      expect.objectContaining({ heldOn: MEETING_IMPORT.heldOn.example, topic: MEETING_IMPORT.topic.example, type: MEETING_IMPORT.type.example, present: 1 }),
    ]);
  });

  it("offers each enumerated column's values as a drop-down list, the values the import takes", async () => {
    const listOf = async (url: string, header: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await leader.get(url)).rawPayload as never);
      const ws = wb.worksheets[0];
      let col = 0;
      ws.getRow(1).eachCell((c, i) => {
        if (c.text === header) col = i;
      });
      expect(col, header).toBeGreaterThan(0);
      const v = ws.getCell(3, col).dataValidation;
      expect(v?.type, header).toBe("list");
      return String(v.formulae?.[0]).replace(/^"|"$/g, "").split(",");
    };
    expect(await listOf("/api/party/members/import/template", "党员类别")).toEqual(["正式党员", "预备党员"]);
    expect(await listOf("/api/party/members/import/template", "学历")).toEqual([...EDUCATIONS]);
    expect(await listOf("/api/party/members/import/template", "流动党员")).toEqual(["是", "否"]);
    expect(await listOf("/api/party/meetings/import/template", "类型")).toEqual([...MEETING_TYPES]);
  });

  it("the English templates carry the English headers the import also reads", async () => {
    const t = await leader.req("GET", "/api/party/members/import/template", undefined, { headers: { "accept-language": "en" } });
    expect(t.headers["content-disposition"]).toContain("party-members-template.xlsx");
    expect(Object.keys((await readXlsx(t.rawPayload))[0])).toEqual(Object.values(MEMBER_IMPORT).map((c) => c.en));
    expect(await upload("members", t.rawPayload, "?dryRun=1")).toEqual(ok(0, 1, true));
  });

  it("refuses a row whose name is not the registry's for the ID number", async () => {
    const t = await leader.get("/api/party/members/import/template");
    const row = { ...(await readXlsx(t.rawPayload))[0], 姓名: "李四" };
    const buf = await toXlsx(
      "x",
      Object.keys(row).map((k) => ({ header: k, key: k })),
      [row],
    );
    const r = await upload("members", buf, "?dryRun=1");
    expect(r.errors).toEqual([{ row: 2, message: expect.stringContaining("与人口库不一致") }]);
  });
});
