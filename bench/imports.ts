// Import benchmark (issue 15): a register of N rows from XLSX, all or nothing through the register's
// rules, then the same file again (every row unchanged). Prints the time and the process's peak RSS
// for each; it asserts nothing. Targets: 100,000 people or 50,000 hazards with their history under
// 60 s and 500 MB, the re-import under a quarter of that.
// The sheet is generated in a child process and read from disk, so the RSS printed is the import's
// own (the app, the file and the import), not the generator's rows.
// Run: npx tsx --expose-gc bench/imports.ts [--register people|hazards] [--rows N]
//      (on PostgreSQL: DATABASE_URL=postgres://… npx tsx bench/imports.ts)
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
import { importHazards } from "../server/modules/safety/hazards.import.js";
import { importPeople } from "../server/platform/people/people.io.js";
import { createPeopleService } from "../server/platform/people/people.service.js";

const { values } = parseArgs({
  options: {
    register: { type: "string", default: "people" },
    rows: { type: "string" },
    write: { type: "string" },
    grids: { type: "string" },
  },
});
const register = values.register === "hazards" ? "hazards" : "people";
const N = Number(values.rows ?? (register === "people" ? 100_000 : 50_000));
if (values.write) {
  const grids = (values.grids ?? "").split(",");
  await (register === "people" ? writePeople : writeHazards)(values.write, grids);
  process.exit(0);
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-imports-"));
const config = loadConfig({ ...process.env, SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent" });
const app = await buildApp(config);
const world = await seedDemo(app.deps, { people: 50, modules: [] });
const people = createPeopleService({ ...app.deps, timeZone: config.timeZone });

const sheetFile = path.join(dataDir, `${register}.xlsx`);
const grids = Object.values(world.grids).map((g) => g.name);
let t = performance.now();
execFileSync(
  process.execPath,
  ["--import", "tsx", import.meta.filename, "--register", register, "--rows", String(N), "--write", sheetFile, "--grids", grids.join(",")],
  { stdio: "inherit" },
);
const buf = fs.readFileSync(sheetFile);
console.log(`${register}: ${N} rows written to XLSX (${(buf.length / 1e6).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s (child process)`);

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const importOnce = () =>
  register === "people"
    ? importPeople(app.deps.db, people, SYSTEM, world.communityId, buf, { lang: "zh", dryRun: false })
    : importHazards({ ...app.deps, timeZone: config.timeZone }, SYSTEM, world.communityId, buf, { lang: "zh", dryRun: false });
const run = async (label: string) => {
  global.gc?.();
  peak = process.memoryUsage().rss;
  const before = peak;
  t = performance.now();
  const report = await importOnce();
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

/** A 实有人口 register, as a community office would export it from its own. */
async function writePeople(file: string, grids: string[]) {
  const r = rng(99);
  const kinds = ["户籍", "流动", "户籍", "流动", "境外"];
  const ids = new Set<string>();
  /** A register names each person once: an ID number drawn twice is drawn again. */
  const uniqueId = (draw: () => string) => {
    for (;;) {
      const id = draw();
      if (!ids.has(id)) {
        ids.add(id);
        return id;
      }
    }
  };
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
  const h = ["姓名", "性别", "出生日期", "身份证号", "手机号", "住址", "网格", "人口类型", "标签"];
  const keys = ["name", "gender", "birth", "id", "phone", "address", "grid", "kind", "tags"] as const;
  fs.writeFileSync(
    file,
    await toXlsx(
      "实有人口",
      h.map((header, i) => ({ header, key: keys[i] })),
      rows,
    ),
  );
}

/** A hazard register of five years with each hazard's history: found, assigned, rectified (some late), verified, closed; the newest still open. */
async function writeHazards(file: string, grids: string[]) {
  const r = rng(77);
  const day = (n: number) => new Date(Date.UTC(2021, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const kinds = ["消防", "燃气", "用电", "违建", "交通"];
  const rows = Array.from({ length: N }, (_, i) => {
    const found = Math.floor((i / N) * 365 * 5);
    const open = i > N - N / 50;
    const late = r.chance(0.1) ? 3 : -5;
    const rect = found + 15 + late;
    return {
      code: `YHB${String(i + 1).padStart(6, "0")}`,
      found: day(found),
      source: i % 4 === 0 ? "夜巡" : "巡查",
      kind: kinds[i % kinds.length],
      grid: grids[i % grids.length],
      place: `${(i % 40) + 1}栋`,
      description: "消防通道堆放杂物",
      risk: i % 9 === 0 ? "较大" : "一般",
      foundBy: "巡查员",
      assignee: "网格员",
      deadline: day(found + 15),
      rectifiedOn: open ? "" : day(rect),
      rectifiedBy: open ? "" : "网格员",
      verifiedBy: open ? "" : "安全员",
      verifiedOn: open ? "" : day(rect + 1),
      closedOn: open ? "" : day(rect + 2),
    };
  });
  const cols: Array<[string, keyof (typeof rows)[number]]> = [
    ["编号", "code"],
    ["发现日期", "found"],
    ["来源", "source"],
    ["类型", "kind"],
    ["网格", "grid"],
    ["地点", "place"],
    ["隐患描述", "description"],
    ["风险等级", "risk"],
    ["发现人", "foundBy"],
    ["责任人", "assignee"],
    ["整改期限", "deadline"],
    ["整改日期", "rectifiedOn"],
    ["整改人", "rectifiedBy"],
    ["核查人", "verifiedBy"],
    ["核查日期", "verifiedOn"],
    ["销号日期", "closedOn"],
  ];
  fs.writeFileSync(
    file,
    await toXlsx(
      "隐患台账",
      cols.map(([header, key]) => ({ header, key })),
      rows,
    ),
  );
}
