import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../test/helpers.js";
import { arg, hot, hotInsert } from "./hot.js";

describe("hot queries (built once, run with new arguments)", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv({ people: 10 });
  });
  afterAll(() => env.close());

  const byUsername = hot((db) => db.selectFrom("users").select(["username", "role"]).where("username", "=", arg(0)));
  const regionsUnder = hot((db) => db.selectFrom("regions").select("id").where("path", "like", arg(0)).where("level", "=", arg(1)).orderBy("id"));
  const rename = hot((db) =>
    db
      .updateTable("users")
      .set({ display_name: arg(0) })
      .where("username", "=", arg(1)),
  );

  it("answers each call with its own arguments", async () => {
    const db = env.database.db;
    const communityPath = (await db.selectFrom("regions").select("path").where("id", "=", env.world.communityId).executeTakeFirstOrThrow()).path;
    expect((await byUsername.first(db, "admin"))?.role).toBe("sysadmin");
    expect((await byUsername.first(db, "auditor"))?.role).toBe("auditor");
    expect(await byUsername.first(db, "nobody")).toBeUndefined();
    const grids = await regionsUnder.rows(db, [`${communityPath}%`, "grid"]);
    const expected = await db.selectFrom("regions").select("id").where("path", "like", `${communityPath}%`).where("level", "=", "grid").orderBy("id").execute();
    expect(grids).toEqual(expected);
    expect(grids.length).toBeGreaterThan(0);
  });

  it("writes inside a transaction and rolls back with it", async () => {
    const db = env.database.db;
    await expect(
      db.transaction().execute(async (trx) => {
        await rename.run(trx, "改名", "auditor");
        expect((await trx.selectFrom("users").select("display_name").where("username", "=", "auditor").executeTakeFirst())?.display_name).toBe("改名");
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect((await db.selectFrom("users").select("display_name").where("username", "=", "auditor").executeTakeFirst())?.display_name).not.toBe("改名");
  });

  const usersIn = hot((db, list) => db.selectFrom("users").select("username").where("role", "<>", arg(0)).where("username", "in", list).orderBy("username"));
  it("takes a list of any length (padded to a few compiled sizes)", async () => {
    const db = env.database.db;
    const all = (await db.selectFrom("users").select("username").orderBy("username").execute()).map((u) => u.username);
    for (const n of [1, 2, 5, 17, all.length]) {
      const names = all.slice(0, n);
      expect((await usersIn.rows(db, ["nobody-role"], names)).map((u) => u.username)).toEqual(names);
    }
    expect(await usersIn.rows(db, ["nobody-role"], [])).toEqual([]);
    expect((await usersIn.rows(db, ["sysadmin"], ["admin", "auditor"])).map((u) => u.username)).toEqual(["auditor"]);
  });

  it("inserts any number of rows, in pieces of the compiled sizes", async () => {
    const db = env.database.db;
    type Row = { key: string; region_id: string; value: string; updated_at: string; updated_by: string | null };
    const cols = ["key", "region_id", "value", "updated_at", "updated_by"] as const;
    const insert = hotInsert<Row>(cols, (x, rows) => x.insertInto("settings").values(rows));
    const rows = Array.from({ length: 87 }, (_, i) => ({
      key: `test.hot_${i}`,
      region_id: "",
      value: String(i),
      updated_at: "2026-01-01T00:00:00Z",
      updated_by: null,
    }));
    await insert(db, rows);
    const back = await db.selectFrom("settings").select(["key", "value"]).where("key", "like", "test.hot_%").execute();
    expect(back).toHaveLength(87);
    expect(new Map(back.map((r) => [r.key, r.value])).get("test.hot_86")).toBe("86");
  });

  it("compiles once: the SQL text is the same string each time", () => {
    const db = env.database.db;
    expect(byUsername.sql(db)).toBe(byUsername.sql(db));
    expect(byUsername.sql(db)).not.toContain("hot-arg");
  });
});
