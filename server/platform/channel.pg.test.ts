import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Database } from "../db/connect.js";
import { PG_URL } from "../test/helpers.js";
import { createChannel } from "./channel.js";

// NOTIFY reaches every listener of a database, whatever its schema: two deployments (or two test
// files running side by side) in schemas of one database must not hear each other's events.
const schemas = [`t_${randomBytes(6).toString("hex")}`, `t_${randomBytes(6).toString("hex")}`];
const databases: Database[] = [];

function urlFor(schema: string) {
  const u = new URL(PG_URL);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
}

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  for (const s of schemas) await admin.query(`CREATE SCHEMA ${s}`);
  await admin.end();
  for (const s of schemas) databases.push(connect({ databaseUrl: PG_URL, pgSchema: s }));
});

afterAll(async () => {
  for (const d of databases) await d.close();
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await admin.end();
});

describe("channel across schemas of one PostgreSQL database", () => {
  it("an event published in one schema reaches that schema's subscribers, not another's", async () => {
    const channels = databases.map((d, i) =>
      createChannel<{ n: number }>({ db: d.db, database: d, config: { databaseUrl: urlFor(schemas[i]) } }, "test_events"),
    );
    const heard: Array<Array<number>> = [[], []];
    await channels[0].subscribe((e) => heard[0].push(e.n));
    await channels[1].subscribe((e) => heard[1].push(e.n));
    await channels[0].publish([{ n: 1 }, { n: 2 }]);
    await channels[1].publish([{ n: 3 }]);
    const until = Date.now() + 10_000;
    while ((heard[0].length < 2 || heard[1].length < 1) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    // One more round trip on each listener: anything stray would have arrived by now.
    await channels[0].publish([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard[0]).toEqual([1, 2]);
    expect(heard[1]).toEqual([3]);
    for (const c of channels) await c.close();
  });
});
