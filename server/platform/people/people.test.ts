import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { readXlsx } from "../../test/http.js";

const ID_MASK = /^\d{3}\*{11}\d{3}[\dX]$/;
const PHONE_MASK = /^\d{3}\*{4}\d{4}$/;

/** An 18-digit resident ID with a correct GB 11643 check digit. */
function residentId(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((s, wi, i) => s + wi * Number(body17[i]), 0);
  return body17 + "10X98765432"[sum % 11];
}
const wrongCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === "1" ? "2" : "1");

let env: TestEnv;
let leader: Agent;
let staff: Agent;
let auditor: Agent;
let grid01: Agent;
let fullIds: string[];
let fullPhones: string[];

const raw = (id: string) => env.database.db.selectFrom("people").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const newPerson = (over: Record<string, unknown> = {}) => ({
  communityId: env.world.communityId,
  gridId: env.world.grids[0].id,
  name: "测试居民",
  gender: "M",
  kind: "registered",
  phone: "13800138000",
  address: "龙华区福城街道狮径12栋305室",
  ...over,
});

beforeAll(async () => {
  env = await testEnv();
  [leader, staff, auditor, grid01] = await Promise.all(["leader", "staff", "auditor", "grid01"].map((u) => env.login(u)));
  const rows = await env.database.db.selectFrom("people").select(["id_number", "phone"]).execute();
  fullIds = rows.map((r) => r.id_number).filter((v): v is string => !!v);
  fullPhones = rows.map((r) => r.phone).filter((v): v is string => !!v);
});
afterAll(() => env.close());

describe("masking", () => {
  it("list and detail mask resident ID numbers, phones and addresses", async () => {
    const list = (await leader.get("/api/people?pageSize=200&kind=migrant")).json();
    expect(list.items.length).toBeGreaterThan(20);
    for (const p of list.items) {
      expect(p.idNumber).toHaveLength(18);
      expect(p.idNumber).toMatch(ID_MASK);
      if (p.phone !== null) expect(p.phone).toMatch(PHONE_MASK);
      expect(p.address).toMatch(/栋\*\*\*$/);
    }
    const one = (await leader.get(`/api/people/${list.items[0].id}`)).json();
    expect(one.idNumber).toMatch(ID_MASK);
    const stored = await raw(one.id);
    expect(one.idNumber.slice(0, 3)).toBe(stored.id_number?.slice(0, 3));
    expect(one.idNumber.slice(-4)).toBe(stored.id_number?.slice(-4));
  });

  it("no full ID number or phone appears anywhere in the responses that list people", async () => {
    const bodies: string[] = [];
    const total = (await leader.get("/api/people?pageSize=1")).json().total;
    for (let page = 1; page <= Math.ceil(total / 200); page++) bodies.push((await leader.get(`/api/people?pageSize=200&page=${page}`)).body);
    bodies.push((await leader.get("/api/figures/platform.people/records?pageSize=200")).body);
    const all = bodies.join("\n");
    expect(fullIds.length).toBeGreaterThan(100);
    for (const id of fullIds) expect(all.includes(id), id).toBe(false);
    for (const ph of fullPhones) expect(all.includes(ph), ph).toBe(false);
    // The masked forms are there, so the check above looked at real people.
    expect(all).toMatch(/\d{3}\*{11}\d{3}[\dX]/);
  });

  it("foreign residents' passport numbers are masked too", async () => {
    const list = (await leader.get("/api/people?pageSize=200&kind=foreign")).json();
    expect(list.total).toBeGreaterThan(0);
    for (const p of list.items) {
      expect(p.idNumber).toContain("*");
      expect(p.idNumber).not.toBe((await raw(p.id)).id_number);
    }
  });
});

describe("reveal", () => {
  it("returns the full value with a reason and records who, what and why", async () => {
    const p = (await leader.get("/api/people?pageSize=1&kind=registered")).json().items[0];
    const stored = await raw(p.id);
    const res = await leader.post(`/api/people/${p.id}/reveal`, { field: "idNumber", reason: "核实低保申请" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ field: "idNumber", value: stored.id_number });
    const phone = await leader.post(`/api/people/${p.id}/reveal`, { field: "phone", reason: "电话回访" });
    expect(phone.json().value).toBe(stored.phone);

    const audit = (await auditor.get(`/api/audit?action=person.reveal&entityId=${p.id}`)).json();
    expect(audit.total).toBe(2);
    const idEntry = audit.items.find((e: { reason: string }) => e.reason === "核实低保申请");
    expect(idEntry).toMatchObject({
      actorName: "leader",
      action: "person.reveal",
      entity: "person",
      entityId: p.id,
      success: true,
      after: { field: "idNumber" },
    });
    // The audit trail says what was looked at, not the value itself.
    expect(JSON.stringify(audit)).not.toContain(stored.id_number);
  });

  it("needs a reason", async () => {
    const p = (await leader.get("/api/people?pageSize=1")).json().items[0];
    for (const body of [{ field: "idNumber" }, { field: "idNumber", reason: "" }, { field: "idNumber", reason: " x " }]) {
      const res = await leader.post(`/api/people/${p.id}/reveal`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION");
    }
    expect((await auditor.get(`/api/audit?action=person.reveal&entityId=${p.id}`)).json().total).toBe(0);
  });

  it("is refused to a role without people.reveal, and to anyone for a person out of scope", async () => {
    const p = (await staff.get("/api/people?pageSize=1")).json().items[0];
    const res = await staff.post(`/api/people/${p.id}/reveal`, { field: "idNumber", reason: "好奇" });
    expect(res.statusCode).toBe(403);
    const own = (await grid01.get("/api/people?pageSize=1")).json().items[0];
    expect((await grid01.post(`/api/people/${own.id}/reveal`, { field: "phone", reason: "入户走访" })).statusCode).toBe(200);
  });
});

describe("export", () => {
  const exportAs = async (a: Agent, qs = "") => {
    const res = await a.get(`/api/people/export${qs}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(String(res.headers["content-disposition"])).toMatch(/attachment; filename=.*\.xlsx/);
    return readXlsx(res.rawPayload);
  };

  it("is masked for staff, even when asking to reveal", async () => {
    const total = (await staff.get("/api/people?pageSize=1")).json().total;
    for (const qs of ["", "?reveal=1"]) {
      const rows = await exportAs(staff, qs);
      expect(rows.length).toBe(total);
      const resident = rows.filter((r) => r.身份证号.length === 18);
      expect(resident.length).toBeGreaterThan(0);
      for (const r of resident) expect(r.身份证号).toMatch(ID_MASK);
      for (const r of rows) if (r.手机号) expect(r.手机号).toMatch(PHONE_MASK);
    }
  });

  it("is masked for the leader unless reveal=1, and then full", async () => {
    const masked = await exportAs(leader, "?kind=registered");
    for (const r of masked) expect(r.身份证号).toMatch(ID_MASK);
    const full = await exportAs(leader, "?kind=registered&reveal=1");
    expect(full.length).toBe(masked.length);
    for (const r of full) expect(fullIds).toContain(r.身份证号);
    expect(full.every((r) => r.人口类型 === "户籍")).toBe(true);
  });

  it("is audited with the filter, the row count and whether values were revealed", async () => {
    await exportAs(leader, "?kind=migrant&reveal=1");
    const entries = (await auditor.get("/api/audit?action=person.export&actor=leader&pageSize=200")).json().items;
    const last = entries[0];
    expect(last.after).toMatchObject({ revealed: true, filter: { kind: "migrant" } });
    expect(last.after.rows).toBe((await leader.get("/api/people?pageSize=1&kind=migrant")).json().total);
    const staffEntries = (await auditor.get("/api/audit?action=person.export&actor=staff")).json().items;
    expect(staffEntries.length).toBeGreaterThanOrEqual(2);
    expect(staffEntries.every((e: { after: { revealed: boolean } }) => e.after.revealed === false)).toBe(true);
  });

  it("is refused to a role without people.export", async () => {
    expect((await grid01.get("/api/people/export")).statusCode).toBe(403);
  });
});

describe("registering people", () => {
  it("creates a person, derives the birth date from the ID number and returns it masked", async () => {
    const idNumber = residentId("44030919900307123");
    const res = await leader.post("/api/people", newPerson({ idNumber, tags: ["党员"] }));
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ name: "测试居民", birthDate: "1990-03-07", gridName: "第1网格", tags: ["党员"], archived: false });
    expect(p.idNumber).toMatch(ID_MASK);
    expect(p.age).toBeGreaterThanOrEqual(34);
    expect((await raw(p.id)).id_number).toBe(idNumber);
    const audit = (await auditor.get(`/api/audit?action=person.create&entityId=${p.id}`)).json().items[0];
    expect(audit.actorName).toBe("leader");
    expect(audit.after.id_number).toMatch(ID_MASK);
  });

  it("refuses an ID number with a wrong check digit, naming 身份证", async () => {
    const res = await leader.post("/api/people", newPerson({ idNumber: wrongCheckDigit(residentId("44030919850101234")) }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain("身份证");
  });

  it("accepts a lower-case x check digit as X", async () => {
    let id = "";
    for (let d = 10; d < 100 && !id.endsWith("X"); d++) id = residentId(`440309198808051${d}`);
    expect(id).toMatch(/X$/);
    const body = id.slice(0, 17);
    const res = await leader.post("/api/people", newPerson({ idNumber: `${body}x`, name: "校验位X" }));
    expect(res.statusCode).toBe(201);
    expect((await raw(res.json().id)).id_number).toBe(`${body}X`);
  });

  it("refuses a duplicate ID number in the same community", async () => {
    const idNumber = residentId("44030920000202345");
    expect((await leader.post("/api/people", newPerson({ idNumber }))).statusCode).toBe(201);
    const dup = await staff.post("/api/people", newPerson({ idNumber, name: "重复登记", gridId: env.world.grids[3].id }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe("CONFLICT");
  });

  it("refuses a birth date in the future", async () => {
    const res = await leader.post("/api/people", newPerson({ birthDate: "2999-01-01" }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/出生日期/);
  });

  it("refuses a grid of another community and a community out of scope", async () => {
    const supervisor = await env.login("supervisor");
    const nGrid = (await supervisor.get(`/api/regions?level=grid&parentId=${env.world.neighbourCommunityId}`)).json().items[0].id;
    const res = await leader.post("/api/people", newPerson({ gridId: nGrid }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/网格/);
    const other = await leader.post("/api/people", newPerson({ communityId: env.world.neighbourCommunityId, gridId: nGrid }));
    expect(other.statusCode).toBe(404);
    expect((await supervisor.get(`/api/people?gridId=${nGrid}&q=测试居民`)).json().total).toBe(0);
  });

  it("answers malformed input with 400 {error:{code,message}}, never 500", async () => {
    const bad: unknown[] = [
      {},
      newPerson({ name: "" }),
      newPerson({ name: "长".repeat(41) }),
      newPerson({ gender: "X" }),
      newPerson({ kind: "alien" }),
      newPerson({ tags: ["不存在的标签"] }),
      newPerson({ phone: "12345" }),
      newPerson({ birthDate: "1990/01/01" }),
      newPerson({ birthDate: "1990-02-30" }),
      newPerson({ idNumber: "1".repeat(31) }),
      newPerson({ communityId: 42 }),
      newPerson({ gridId: "" }),
      [1, 2, 3],
    ];
    for (const body of bad) {
      const res = await leader.post("/api/people", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const { error } = res.json();
      expect(typeof error.code).toBe("string");
      expect(error.message.length).toBeGreaterThan(0);
    }
    const notJson = await leader.req("POST", "/api/people", "{not json", { headers: { "content-type": "application/json" } });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBeTruthy();
    for (const qs of ["pageSize=1000", "page=0", "kind=alien", "tag=nope", "archived=2"]) {
      const res = await leader.get(`/api/people?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION");
    }
    const en = await leader.req("POST", "/api/people", {}, { headers: { "accept-language": "en" } });
    expect(en.json().error.message).toMatch(/^Invalid request/);
  });
});

describe("updating and archiving", () => {
  it("updates a person and keeps the masked before/after in the audit log", async () => {
    const p = (await leader.get("/api/people?pageSize=1&kind=registered")).json().items[0];
    const res = await leader.patch(`/api/people/${p.id}`, { phone: "13912345678", tags: ["志愿者"] });
    expect(res.statusCode).toBe(200);
    expect(res.json().phone).toBe("139****5678");
    expect(res.json().tags).toEqual(["志愿者"]);
    expect((await raw(p.id)).phone).toBe("13912345678");
    const entry = (await auditor.get(`/api/audit?action=person.update&entityId=${p.id}`)).json().items[0];
    expect(entry.after.phone).toBe("139****5678");
    expect(JSON.stringify(entry)).not.toContain("13912345678");
  });

  it("archiving removes a person from the default list and figures but deletes nothing", async () => {
    const before = (await leader.get("/api/people?pageSize=1")).json().total;
    const figBefore = (await leader.get("/api/figures/platform.people")).json().value;
    const p = (await leader.get("/api/people?pageSize=1")).json().items[0];
    const res = await leader.patch(`/api/people/${p.id}`, { archived: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().archived).toBe(true);
    const after = (await leader.get("/api/people?pageSize=200")).json();
    expect(after.total).toBe(before - 1);
    expect(after.items.some((x: { id: string }) => x.id === p.id)).toBe(false);
    expect((await leader.get("/api/people?archived=1")).json().items.map((x: { id: string }) => x.id)).toContain(p.id);
    expect((await leader.get("/api/figures/platform.people")).json().value).toBe(figBefore - 1);
    expect((await raw(p.id)).archived).toBe(1);
    expect((await auditor.get(`/api/audit?action=person.archive&entityId=${p.id}`)).json().total).toBe(1);
    const back = await leader.patch(`/api/people/${p.id}`, { archived: false });
    expect(back.json().archived).toBe(false);
    expect((await leader.get("/api/people?pageSize=1")).json().total).toBe(before);
  });

  it("finds people by the last digits of their ID number", async () => {
    const p = (await leader.get("/api/people?pageSize=1&kind=registered")).json().items[0];
    const tail = (await raw(p.id)).id_number?.slice(-6) as string;
    const found = (await leader.get(`/api/people?q=${tail}`)).json().items.map((x: { id: string }) => x.id);
    expect(found).toContain(p.id);
  });
});
