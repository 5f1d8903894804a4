// Which figures cost the most to compute (issue 16): every registered figure's value for a region
// and period, computed straight from the registry (no cache), each timed; the slowest printed first.
// On a data dir the workbench bench kept (npx tsx bench/workbench.ts --light --keep).
// Run: npx tsx bench/figures-profile.ts --data DIR [--region 福城街道] [--from 2024-01-01] [--to 2024-12-31] [--top 20]
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { fixedClock } from "../server/platform/clock.js";
import { scopeOf } from "../server/platform/scope.js";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    region: { type: "string", default: "福城街道" },
    from: { type: "string", default: "2024-01-01" },
    to: { type: "string", default: "2024-12-31" },
    top: { type: "string", default: "20" },
  },
});
if (!values.data) throw new Error("--data DIR: a data dir kept by bench/workbench.ts");
const config = loadConfig({ SHEQU_DATA_DIR: path.resolve(values.data), SHEQU_LOG_LEVEL: "silent" });
const app = await buildApp(config, { clock: fixedClock("2024-12-20T03:00:00Z") });
const { db, figures } = app.deps;
const reg = await db
  .selectFrom("regions")
  .select("id")
  .where("name", "=", values.region as string)
  .executeTakeFirstOrThrow();
const scope = await scopeOf(db, reg.id);
if (!scope) throw new Error(`no region ${values.region}`);
const q = { scope, from: values.from as string, to: values.to as string, filters: {} };
const times: Array<[string, number, number]> = [];
const t0 = performance.now();
for (const f of figures.all()) {
  const t = performance.now();
  const v = await f.value(db, q);
  times.push([f.key, performance.now() - t, v]);
}
const all = performance.now() - t0;
times.sort((a, b) => b[1] - a[1]);
console.log(`${values.region} ${values.from}…${values.to}: ${times.length} figures in ${all.toFixed(0)} ms`);
for (const [k, ms, v] of times.slice(0, Number(values.top))) console.log(`${ms.toFixed(0).padStart(7)} ms  ${k} = ${v}`);
await app.close();
