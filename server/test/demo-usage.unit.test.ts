import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Tests build what they need with server/test/factories.ts; only a `*.demo.test.ts` stands on the
// demo community (ARCHITECTURE.md, "Tests build their records with small factories; only a module's
// demo test uses the demo"). This test reads every test file and fails on one that reaches the demo
// — demoEnv, seedDemo, or testEnv asking for the demo or for module demos — under another name.

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Module tests that still ask for module demos with `testEnv({ modules: [...] })` while their
 * helpers move them to `*.demo.test.ts` (issue 18). Remove a line once its file is renamed or no
 * longer uses the demo: an entry that has nothing left to excuse fails below.
 */
const ALLOWED: string[] = [];

const DEMO_CALLS = new Set(["demoEnv", "seedDemo"]);

/** Where a source reaches the demo, as "line: what" (empty when it does not). */
function demoUses(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  // Local names of the helpers, so `import { demoEnv as env }` is seen through.
  const local = new Map<string, string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    if (/\/demo\/seed(\.js)?$/.test(st.moduleSpecifier.text)) found.push(`${at(st)}: imports the demo seed`);
    const named = st.importClause?.namedBindings;
    if (named && ts.isNamedImports(named)) for (const el of named.elements) local.set(el.name.text, (el.propertyName ?? el.name).text);
  }
  const calleeName = (e: ts.Expression): string | null => {
    if (ts.isIdentifier(e)) return local.get(e.text) ?? e.text;
    if (ts.isPropertyAccessExpression(e)) return e.name.text;
    return null;
  };
  const asksForDemo = (arg: ts.Expression | undefined): string | null => {
    if (!arg) return null;
    if (!ts.isObjectLiteralExpression(arg)) return "options the test cannot read (pass an object literal)";
    for (const p of arg.properties) {
      if (ts.isSpreadAssignment(p)) return "spread options the test cannot read";
      const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
      if (name !== "demo" && name !== "modules") continue;
      if (!ts.isPropertyAssignment(p)) return `${name} (shorthand)`;
      const v = p.initializer;
      if (name === "demo" && v.kind !== ts.SyntaxKind.FalseKeyword) return "demo";
      if (name === "modules" && !(ts.isArrayLiteralExpression(v) && v.elements.length === 0)) return `modules: ${v.getText(sf)}`;
    }
    return null;
  };
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      const name = calleeName(n.expression);
      if (name && DEMO_CALLS.has(name)) found.push(`${at(n)}: ${name}()`);
      if (name === "testEnv") {
        const why = asksForDemo(n.arguments[0]);
        if (why) found.push(`${at(n)}: testEnv with ${why}`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

function testFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) testFiles(p, out);
    else if (e.name.endsWith(".test.ts")) out.push(path.relative(ROOT, p).split(path.sep).join("/"));
  }
  return out;
}

const files = ["server", "contracts"].flatMap((d) => testFiles(path.join(ROOT, d)));
const uses = new Map(files.map((f) => [f, demoUses(f, fs.readFileSync(path.join(ROOT, f), "utf8"))]));
const isDemoTest = (f: string) => f.endsWith(".demo.test.ts");

describe("only *.demo.test.ts files use the demo", () => {
  it("no other test file calls demoEnv or seedDemo, or asks testEnv for the demo", () => {
    expect(files.length).toBeGreaterThan(20);
    const offenders = [...uses].filter(([f, u]) => u.length > 0 && !isDemoTest(f) && !ALLOWED.includes(f)).map(([f, u]) => `${f} — ${u.join("; ")}`);
    expect(offenders, "build the records with server/test/factories.ts, or rename the file *.demo.test.ts if it is about the demo").toEqual([]);
  });

  it("every allowlisted file still exists and still uses the demo (else drop it from ALLOWED)", () => {
    const stale = ALLOWED.filter((f) => !uses.get(f)?.length);
    expect(stale).toEqual([]);
  });

  it("the demo tests are found and seen to use the demo", () => {
    const demo = files.filter(isDemoTest);
    expect(demo).toContain("server/demo/seed.demo.test.ts");
    expect(uses.get("server/demo/seed.demo.test.ts")?.length).toBeGreaterThan(0);
  });
});

describe("demoUses reads a source as the rule means it", () => {
  const sees = (src: string) => demoUses("x.test.ts", src).length > 0;

  it("sees the demo asked for", () => {
    expect(sees(`import { demoEnv } from "../test/helpers.js"; await demoEnv({ modules: ["party"] });`)).toBe(true);
    expect(sees(`import { demoEnv as env } from "../test/helpers.js"; await env();`)).toBe(true);
    expect(sees(`import * as h from "../test/helpers.js"; await h.demoEnv();`)).toBe(true);
    expect(sees(`await testEnv({ modules: ["party"], clock });`)).toBe(true);
    expect(sees(`await testEnv({ clock, demo: true });`)).toBe(true);
    expect(sees(`await testEnv({ modules: wanted });`)).toBe(true);
    expect(sees(`await testEnv({ ...opts });`)).toBe(true);
    expect(sees(`await testEnv(opts);`)).toBe(true);
    expect(sees(`import { seedDemo } from "../demo/seed.js";`)).toBe(true);
    expect(sees(`await seedDemo(app.deps, { people: 10 });`)).toBe(true);
  });

  it("lets the factories' world pass", () => {
    expect(sees(`await testEnv();`)).toBe(false);
    expect(sees(`await testEnv({ clock: fixedClock("2025-01-01T00:00:00Z") });`)).toBe(false);
    expect(sees(`await testEnv({ people: 10, modules: [] });`)).toBe(false);
    expect(sees(`await testEnv({ demo: false });`)).toBe(false);
    expect(sees(`import { DEMO_PASSWORD } from "../demo/world.js"; // seedDemo is not called here`)).toBe(false);
  });
});
