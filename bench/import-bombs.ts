// Import bombs (issue 17): hostile files uploaded to a register's XLSX import (the people
// register, through its HTTP route) — a zip bomb of a few MB that inflates to gigabytes, the same
// under a directory that lies about its size, a sheet of a million empty rows (with and without a
// <dimension> saying so), a formula without its value, a link to another workbook, a CSV and an
// old .xls named .xlsx. Prints for each the answer, the time it took and the process's RSS growth
// during it (sampled every 10 ms), then the process's peak RSS. It asserts nothing.
// Run: npx tsx bench/import-bombs.ts [--gb 4]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { seedDemo } from "../server/demo/seed.js";
import { DEMO_PASSWORD } from "../server/demo/world.js";
import { emptyRows, lyingZipBomb, withExternalLink, withFormula, zipBomb } from "../server/test/xlsx-bombs.js";

const { values } = parseArgs({ options: { gb: { type: "string", default: "4" } } });
const GB = Number(values.gb);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-bench-bombs-"));
const config = loadConfig({ ...process.env, SHEQU_DATA_DIR: dataDir, SHEQU_LOG_LEVEL: "silent", SHEQU_MAX_UPLOAD_MB: "10" });
const app = await buildApp(config);
const world = await seedDemo(app.deps, { people: 50, modules: [] });
const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "leader", password: DEMO_PASSWORD } });
const cookie = `shequ_sid=${login.cookies.find((c) => c.name === "shequ_sid")?.value}`;
const csrf = login.json().csrfToken as string;

function multipart(file: Buffer, filename: string) {
  const boundary = "----shequ-bench-bombs";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

const rssMb = () => process.memoryUsage().rss / 1024 / 1024;
const peakMb = () => {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};

const cases: Array<[string, () => Promise<Buffer>]> = [
  [`zip bomb: ${GB} GB of zeros in the sheet`, () => zipBomb(GB * 1024)],
  [`lying zip bomb: ${GB} GB, declared 2 KB`, () => lyingZipBomb(GB * 1024)],
  ["1,000,000 empty rows, <dimension> says so", () => emptyRows(1_000_000, { dimension: true })],
  ["1,000,000 empty rows, no <dimension>", () => emptyRows(1_000_000)],
  ["a formula without its value", () => withFormula("A2&1")],
  ["a formula linking to another workbook", () => withFormula("[1]Sheet1!A1", "13800000000")],
  ["a link to another workbook (xl/externalLinks)", () => withExternalLink()],
  ["a CSV named .xlsx", async () => Buffer.from("姓名,电话\n张三,13800000000\n".repeat(1000))],
  ["an old .xls named .xlsx", async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64 * 1024)])],
];

console.log(`peak RSS before the cases: ${peakMb().toFixed(0)} MB (app, demo data)`);
console.log("case                                            file      answer                          ms   RSS +MB");
for (const [name, make] of cases) {
  const file = await make();
  const { payload, type } = multipart(file, "居民.xlsx");
  (globalThis as { gc?: () => void }).gc?.();
  const base = rssMb();
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb());
  }, 10);
  const t = performance.now();
  const res = await app.inject({
    method: "POST",
    url: `/api/people/import?communityId=${world.communityId}`,
    payload,
    headers: { cookie, "x-csrf-token": csrf, "content-type": type },
  });
  const ms = performance.now() - t;
  clearInterval(sampler);
  peak = Math.max(peak, rssMb());
  const body = res.json() as { error?: { code: string } };
  console.log(
    `${name.padEnd(46)}${`${(file.length / 1024 / 1024).toFixed(2)} MB`.padStart(10)}  ${`${res.statusCode} ${body.error?.code ?? ""}`.padEnd(28)}${ms.toFixed(0).padStart(6)}${(peak - base).toFixed(0).padStart(10)}`,
  );
}
console.log(`peak RSS of the process: ${peakMb().toFixed(0)} MB`);
await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
