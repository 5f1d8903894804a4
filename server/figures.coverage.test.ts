import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEnv } from "./test/helpers.js";
import { testEnv } from "./test/helpers.js";

// Every registered figure is checked by a test on records of the test's own (not the demo's): its
// key appears in a test file that is not a *.demo.test.ts. A figure registered without such a test
// fails here (the key is looked for as written, so a test names the figures it checks). KNOWN_UNTESTED lists the figures that had none when this test was written; it may only
// shrink (a figure on it that has gained a test fails too, so the list stays true).
const KNOWN_UNTESTED = new Set<string>([]);

const root = path.resolve(import.meta.dirname, "..");
function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "node_modules" ? [] : testFiles(p);
    // The second-community test's builders (server/test/world2/*.ts) are part of its test.
    const world2 = dir.endsWith(`${path.sep}world2`) && /\.ts$/.test(d.name);
    return world2 || (/\.test\.ts$/.test(d.name) && !/\.demo\.test\.ts$/.test(d.name) && d.name !== "figures.coverage.test.ts") ? [p] : [];
  });
}

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env?.close());

describe("figure coverage", () => {
  it("every registered figure has a test on the test's own records", async () => {
    const leader = await env.login("supervisor");
    const keys = ((await leader.get("/api/figures?from=2024-01-01&to=2024-12-31")).json().items as Array<{ key: string }>).map((f) => f.key).sort();
    expect(keys.length).toBeGreaterThan(20);
    const files = testFiles(path.join(root, "server")).map((f) => ({ f, text: fs.readFileSync(f, "utf8") }));
    const all = files.map((x) => x.text).join("\n");
    // A module's tests may name its figures without the prefix (`figure("committee_meetings")`).
    const named = (k: string) => {
      if (all.includes(k)) return true;
      const [m, ...rest] = k.split(".");
      const short = rest.join(".");
      return files.some((x) => x.f.includes(`${path.sep}${m}${path.sep}`) && (x.text.includes(`"${short}"`) || x.text.includes(`'${short}'`)));
    };
    const untested = keys.filter((k) => !named(k));
    expect(
      untested.filter((k) => !KNOWN_UNTESTED.has(k)),
      "figures with no test of their own",
    ).toEqual([]);
    expect(
      [...KNOWN_UNTESTED].filter((k) => !untested.includes(k)),
      "figures now tested: take them off KNOWN_UNTESTED",
    ).toEqual([]);
  });
});
