import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idNumberValid } from "../../contracts/platform.js";
import { verifyAudit } from "../platform/audit.js";
import type { TestEnv } from "../test/helpers.js";
import { demoEnv } from "../test/helpers.js";

// The full demo community, as `npm start` creates it, seeded twice to show it is the same each time.
let a: TestEnv;
let b: TestEnv;

const peopleOf = (env: TestEnv) =>
  env.database.db
    .selectFrom("people as p")
    .innerJoin("regions as c", "c.id", "p.community_id")
    .select(["p.name", "p.id_number", "p.kind", "p.birth_date", "p.gender", "p.phone", "p.address", "c.name as community"])
    .orderBy("p.id_number")
    .execute();

// Two demos of 3000 residents each: about a minute on a busy PostgreSQL, more than the default hook time.
beforeAll(async () => {
  a = await demoEnv({ people: 3000 });
  b = await demoEnv({ people: 3000 });
}, 300_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe("demo seed", () => {
  it("has 12 grids with 14-digit codes under 福民社区 (440309008003)", async () => {
    const grids = await a.database.db.selectFrom("regions").select(["id", "code", "community_id"]).where("level", "=", "grid").execute();
    const fumin = grids.filter((g) => g.community_id === a.world.communityId);
    expect(fumin.length).toBe(12);
    for (const g of fumin) expect(g.code).toMatch(/^440309008003\d{2}$/);
    expect(new Set(fumin.map((g) => g.code)).size).toBe(12);
    expect(a.world.grids.map((g) => g.code)).toEqual(Array.from({ length: 12 }, (_, i) => `440309008003${String(i + 1).padStart(2, "0")}`));
    // One estate per grid, and a neighbour of 2 grids: 14 grids for the subdistrict.
    expect(Object.keys(a.world.estates).length).toBe(12);
    const estates = await a.database.db.selectFrom("regions").select("parent_id").where("level", "=", "estate").execute();
    expect(new Set(estates.map((e) => e.parent_id))).toEqual(new Set(fumin.map((g) => g.id)));
    expect(grids.filter((g) => g.community_id === a.world.neighbourCommunityId).length).toBe(2);
  });

  it("has 3000 people in 福民社区, spread over all 12 grids", async () => {
    const rows = await peopleOf(a);
    expect(rows.filter((p) => p.community === "福民社区").length).toBe(3000);
    const perGrid = await a.database.db
      .selectFrom("people")
      .select(["grid_id", (eb) => eb.fn.countAll().as("n")])
      .where("community_id", "=", a.world.communityId)
      .groupBy("grid_id")
      .execute();
    expect(perGrid.length).toBe(12);
    for (const g of perGrid) expect(Number(g.n)).toBe(250);
  });

  it("gives every resident a valid, unique 18-digit ID number matching the birth date and gender", async () => {
    const rows = await peopleOf(a);
    const residents = rows.filter((p) => p.kind !== "foreign");
    expect(residents.length).toBeGreaterThan(2900);
    for (const p of residents) {
      expect(idNumberValid(p.id_number as string), p.id_number as string).toBe(true);
      expect(p.id_number?.slice(6, 14)).toBe(p.birth_date?.replace(/-/g, ""));
      expect(Number(p.id_number?.[16]) % 2).toBe(p.gender === "M" ? 1 : 0);
    }
    const ids = rows.map((p) => p.id_number);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of rows.filter((x) => x.kind === "registered")) expect(p.id_number?.startsWith("440309")).toBe(true);
  });

  it("has the 25 demo accounts, one per role at least", async () => {
    const users = await a.database.db.selectFrom("users").select(["username", "role"]).execute();
    expect(users.length).toBe(25);
    expect(a.world.accounts.length).toBe(25);
    expect(new Set(users.map((u) => u.role))).toEqual(
      new Set(["sysadmin", "secadmin", "auditor", "supervisor", "leader", "staff", "grid", "patrol", "mediator", "volunteer"]),
    );
    expect(users.filter((u) => u.role === "grid").length).toBe(12);
  });

  it("is deterministic: a second seed makes the same people in the same order", async () => {
    const [pa, pb] = [await peopleOf(a), await peopleOf(b)];
    expect(pb.length).toBe(pa.length);
    expect(pb).toEqual(pa);
    // Creation order, read from the audit trail (seq is the order of writes).
    const byCreation = async (env: TestEnv) =>
      (await env.database.db.selectFrom("audit_log").select("after").where("action", "=", "person.create").orderBy("seq").execute()).map((e) => {
        const p = JSON.parse(e.after as string);
        return `${p.name} ${p.id_number} ${p.birth_date}`;
      });
    const [ca, cb] = [await byCreation(a), await byCreation(b)];
    expect(ca.length).toBe(3080);
    expect(cb).toEqual(ca);
  });

  it("leaves an intact audit trail for everything it made", async () => {
    const r = await verifyAudit(a.database.db);
    expect(r.ok).toBe(true);
    const n = await a.database.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("action", "=", "person.create")
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(3080);
  });
});

describe("the demo's register and figures, as the seed report has them (PRODUCT.md)", () => {
  it("6 grid women's federations and 3 new-sector women's organisations, for the community and for the subdistrict", async () => {
    const [leader, supervisor] = await Promise.all(["leader", "supervisor"].map((u) => a.login(u)));
    for (const who of [leader, supervisor]) {
      const res = await who.get("/api/figures?keys=orgs.grid_women_federations,orgs.new_sector_women_orgs");
      const f = Object.fromEntries(res.json().items.map((x: { key: string; value: number }) => [x.key, x.value]));
      expect(f, who.username).toEqual({ "orgs.grid_women_federations": 6, "orgs.new_sector_women_orgs": 3 });
    }
    const rec = (await leader.get("/api/figures/orgs.grid_women_federations/records")).json();
    expect(rec.rows.map((r: { name: string }) => r.name).sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `第${i}网格妇联`).sort());
  });

  it("registers more than 40 organisations, the community party committee among them", async () => {
    const leader = await a.login("leader");
    const all = (await leader.get("/api/organisations?pageSize=200")).json();
    expect(all.total).toBeGreaterThanOrEqual(40);
    expect(all.total).toBe(Object.keys(a.world.orgs).length);
    expect(all.items.find((o: { name: string }) => o.name === "中共福民社区委员会")).toMatchObject({ kind: "党组织", shortName: "福民社区党委" });
    expect((await leader.get("/api/organisations?kind=网格妇联")).json().total).toBe(6);
    expect((await leader.get(`/api/organisations?kind=${encodeURIComponent("三新妇女组织")}`)).json().total).toBe(3);
  });
});
