// Import benchmark (issue 15): a community's 实有人口 register of N people from XLSX (default 100,000),
// all or nothing through the people service's rules, then the same file again (every row unchanged).
// Prints the time and the process's peak RSS for each; it asserts nothing. The targets: under 60 s
// and 500 MB for 100,000 people, the re-import under a quarter of that.
// The sheet is generated in a child process and read from disk, so the RSS printed is the import's
// own (the app, the file and the import), not the generator's rows.
// Run: npx tsx bench/imports.ts [--rows 100000]   (on PostgreSQL: DATABASE_URL=postgres://… npx tsx bench/imports.ts)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { birthDate, idNumber, personName, rng } from "../server/demo/random.js";
import { seedDemo } from "../server/demo/seed.js";
import { SYSTEM } from "../server/demo/world.js";
import { toXlsx } from "../server/io/xlsx.js";
import { importPeople } from "../server/platform/people/people.io.js";
import { createPeopleService } from "../server/platform/people/people.service.js";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "100000" }, write: { type: "string" }, grids: { type: "string" } },
});
const N = Number(values.rows);
if (values.write) {
  await writeSheet(values.write, (values.grids ?? "").split(","));
  process.exit(0);
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-imports-"));
const config = loadConfig({ ...process.env, SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" });
const app = await buildApp(config);
const world = await seedDemo(app.deps, { people: 50, modules: [] });
const people = createPeopleService({ ...app.deps, timeZone: config.timeZone });

const sheetFile = path.join(dataDir, "people.xlsx");
const grids = Object.values(world.grids).map((g) => g.name);
let t = performance.now();
execFileSync(process.execPath, ["--import", "tsx", import.meta.filename, "--rows", String(N), "--write", sheetFile, "--grids", grids.join(",")], { stdio: "inherit" });
const buf = fs.readFileSync(sheetFile);
console.log(`${N} rows written to XLSX (${(buf.length / 1e6).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s (child process)`);

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const run = async (label: string) => {
  global.gc?.();
  peak = process.memoryUsage().rss;
  const before = peak;
  t = performance.now();
  const report = await importPeople(app.deps.db, people, SYSTEM, world.communityId, buf, { lang: "zh", dryRun: false });
  const s = (performance.now() - t) / 1000;
  console.log(
    `${label}: ${s.toFixed(1)} s, created ${report.created}, unchanged ${report.unchanged}, errors ${report.errors.length}` +
      ` (first: ${report.errors[0]?.message ?? "—"}); RSS ${(before / 2 ** 20).toFixed(0)} → peak ${(peak / 2 ** 20).toFixed(0)} MB`,
  );
};
await run("import");
await run("the same file again");
clearInterval(sampler);
await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });

/** The sheet, as a community office would export it from its own register. */
async function writeSheet(file: string, grids: string[]) {
  /** A register names each person once: an ID number drawn twice is drawn again. */
  function uniqueId(draw: () => string): string {
    for (;;) {
      const id = draw();
      if (!ids.has(id)) {
        ids.add(id);
        return id;
      }
    }
  }

  const r = rng(99);
  const kinds = ["户籍", "流动", "户籍", "流动", "境外"];
  const ids = new Set<string>();
  const rows = Array.from({ length: N }, (_, i) => {
    const gender = r.chance(0.5) ? "M" : "F";
    const birth = birthDate(r, 1, 95);
    const kind = kinds[i % kinds.length];
    return {
      name: personName(r),
      gender: gender === "M" ? "男" : "女",
      birth,
      id: kind === "境外" ? "" : uniqueId(() => idNumber(r, birth, gender, kind === "户籍")),
      // Unique, so no two rows are the same person (the import refuses a file that names one twice).
      phone: `13${String(900000000 + i).slice(0, 9)}`,
      address: `福城街道${grids[i % grids.length]}${(i % 40) + 1}栋${(i % 30) + 101}`,
      grid: grids[i % grids.length],
      kind,
      tags: i % 17 === 0 ? "老年人" : "",
    };
  });
  const buf = await toXlsx(
    "实有人口",
    [
      { header: "姓名", key: "name" },
      { header: "性别", key: "gender" },
      { header: "出生日期", key: "birth" },
      { header: "身份证号", key: "id" },
      { header: "手机号", key: "phone" },
      { header: "住址", key: "address" },
      { header: "网格", key: "grid" },
      { header: "人口类型", key: "kind" },
      { header: "标签", key: "tags" },
    ],
    rows,
  );
  fs.writeFileSync(file, buf);
}
