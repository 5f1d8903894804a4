import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The boundaries of the rooms (docs/decisions.md, "Rooms"), read off the source itself: the import
// graph and the tables every query builder names. A module reaches another only through its
// `<m>.api.ts`; a table is queried only by the module that owns it (platform tables are read by
// any module, written only by the platform); the platform, the demo's world and the migrations
// import nothing above them; and no file imports itself round a circle.

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join("/");

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "node_modules") walk(f, out);
    } else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(f);
  }
  return out;
}

type Imp = { spec: string; target: string | null; typeOnly: boolean; line: number };
type Ref = { table: string; write: boolean; line: number };
type Source = { file: string; imports: Imp[]; tables: Ref[] };

const QUERY_CALLS = new Set([
  "selectFrom",
  "insertInto",
  "updateTable",
  "deleteFrom",
  "replaceInto",
  "mergeInto",
  "innerJoin",
  "leftJoin",
  "rightJoin",
  "fullJoin",
]);
const WRITES = new Set(["insertInto", "updateTable", "deleteFrom", "replaceInto", "mergeInto"]);

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base.replace(/\.js$/, ".ts"), base.replace(/\.js$/, ".tsx"), `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return null;
}

function parse(file: string): Source {
  const text = fs.readFileSync(file, "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const imports: Imp[] = [];
  const tables: Ref[] = [];
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const tableOf = (s: string) =>
    s
      .trim()
      .split(/\s+as\s+/i)[0]
      .trim();
  const visit = (n: ts.Node) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(n)
        ? !!n.importClause?.isTypeOnly ||
          (!!n.importClause &&
            !n.importClause.name &&
            !!n.importClause.namedBindings &&
            ts.isNamedImports(n.importClause.namedBindings) &&
            n.importClause.namedBindings.elements.length > 0 &&
            n.importClause.namedBindings.elements.every((e) => e.isTypeOnly))
        : n.isTypeOnly;
      imports.push({ spec: n.moduleSpecifier.text, target: resolveImport(file, n.moduleSpecifier.text), typeOnly, line: lineOf(n) });
    } else if (ts.isCallExpression(n)) {
      if (n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) {
        const spec = n.arguments[0].text;
        imports.push({ spec, target: resolveImport(file, spec), typeOnly: false, line: lineOf(n) });
      } else if (ts.isPropertyAccessExpression(n.expression) && QUERY_CALLS.has(n.expression.name.text) && n.arguments[0]) {
        const call = n.expression.name.text;
        const a = n.arguments[0];
        const names = ts.isStringLiteralLike(a) ? [a.text] : ts.isArrayLiteralExpression(a) ? a.elements.filter(ts.isStringLiteralLike).map((e) => e.text) : [];
        for (const name of names) tables.push({ table: tableOf(name), write: WRITES.has(call), line: lineOf(n) });
      }
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      const spec = n.argument.literal.text;
      imports.push({ spec, target: resolveImport(file, spec), typeOnly: true, line: lineOf(n) });
    } else if (ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      // Raw SQL in sql`…`: the tables after from / join / into / update.
      const raw = ts.isNoSubstitutionTemplateLiteral(n) ? n.text : [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(" ");
      for (const m of raw.matchAll(/\b(from|join|into|update)\s+"?([a-z_][a-z0-9_]*)"?/gi))
        tables.push({ table: m[2], write: /into|update/i.test(m[1]), line: lineOf(n) });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { file: rel(file), imports, tables };
}

const files = [...walk(path.join(ROOT, "server")), ...walk(path.join(ROOT, "contracts"))];
const sources = files.map(parse);
const isTest = (f: string) => /\.test\.ts$/.test(f) || f.startsWith("server/test/");
const moduleOf = (f: string) => /^server\/modules\/([^/]+)\//.exec(f)?.[1] ?? null;

/** Who owns each table: a module declares its tables in `<m>.tables.ts`; the rest are the platform's. */
function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  const declared = (file: string, owner: string) => {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const visit = (n: ts.Node) => {
      if (ts.isInterfaceDeclaration(n) && n.name.text === "DB")
        for (const m of n.members)
          if (ts.isPropertySignature(m) && m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) owners.set(m.name.text, owner);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  };
  declared(path.join(ROOT, "server/db/types.ts"), "platform");
  for (const f of files) {
    const m = /^server\/modules\/([^/]+)\/[^/]+\.tables\.ts$/.exec(rel(f));
    if (m) declared(f, m[1]);
  }
  return owners;
}
const OWNERS = tableOwners();

/** What a file may import, by where it lives; `null` when allowed, else why not. */
function importProblem(from: string, to: string): string | null {
  const fm = moduleOf(from);
  const tm = moduleOf(to);
  if (from.startsWith("contracts/")) return to.startsWith("contracts/") ? null : "contracts import only contracts";
  if (from.startsWith("server/db/migrations/")) return "a migration imports only kysely (data it seeds is copied in, frozen)";
  if (from === "server/demo/world.ts")
    return to.startsWith("contracts/") || to === "server/platform/who.ts" || to === "server/platform/scope.ts" ? null : "demo/world.ts is a leaf";
  // A test may build an app and a world to test in (server/test/, the demo's world, app.ts).
  if (isTest(from) && (to.startsWith("server/test/") || to.startsWith("server/demo/") || to === "server/app.ts")) return null;
  if (from.startsWith("server/platform/") || from.startsWith("server/db/") || from.startsWith("server/io/")) {
    if (tm) return "the platform imports no module";
    if (to.startsWith("server/demo/") || to === "server/app.ts" || to === "server/cli.ts") return "the platform imports nothing above it";
    if (from.startsWith("server/db/") && to.startsWith("server/platform/") && !isTest(from)) return "the data layer imports nothing above it";
    return null;
  }
  if (fm) {
    if (tm && tm !== fm && to !== `server/modules/${tm}/${tm}.api.ts`) return `another module is used only through its api (server/modules/${tm}/${tm}.api.ts)`;
    if (to === "server/demo/seed.ts" || to === "server/app.ts" || to === "server/cli.ts") return "a module imports nothing above it";
    if (to === "server/modules/index.ts") return "a module does not import the module list";
    return null;
  }
  if (from === "server/modules/index.ts" || from === "server/modules/types.ts")
    return tm && !/^server\/modules\/[^/]+\/[^/]+\.(module|api)\.ts$/.test(to) ? "the module list wires modules by their module and api files" : null;
  return null;
}

describe("architecture", () => {
  it("reads a sizeable source tree (the test itself works)", () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(OWNERS.get("regions")).toBe("platform");
    expect([...OWNERS.values()].filter((o) => o !== "platform").length).toBeGreaterThan(10);
  });

  it("modules import one another only through their api; the platform, demo world, migrations and contracts import nothing above them", () => {
    const problems: string[] = [];
    for (const s of sources)
      for (const i of s.imports) {
        if (s.file.startsWith("server/db/migrations/")) {
          if (i.spec !== "kysely") problems.push(`${s.file}:${i.line} imports ${i.spec}: a migration imports only kysely (data it seeds is copied in, frozen)`);
          continue;
        }
        if (!i.target) continue;
        const why = importProblem(s.file, rel(i.target));
        if (why) problems.push(`${s.file}:${i.line} imports ${i.spec}: ${why}`);
      }
    expect(problems).toEqual([]);
  });

  it("a table is queried only by the module that owns it; platform tables are written only by the platform", () => {
    const problems: string[] = [];
    for (const s of sources) {
      if (isTest(s.file) || s.file.startsWith("server/db/migrations/")) continue;
      const mine = moduleOf(s.file);
      const where = mine ?? (s.file.startsWith("server/platform/") || s.file.startsWith("server/db/") ? "platform" : "app");
      for (const t of s.tables) {
        const owner = OWNERS.get(t.table);
        if (!owner) continue; // a CTE, an alias or a word in a message
        if (owner === where) continue;
        if (owner === "platform" && where !== "platform") {
          if (t.write && t.table !== "audit_log")
            problems.push(`${s.file}:${t.line} writes ${t.table}: platform tables are written through the platform's services`);
          else if (t.table === "audit_log") problems.push(`${s.file}:${t.line} touches audit_log: only the platform's audit appends to it`);
          continue;
        }
        problems.push(`${s.file}:${t.line} queries ${t.table}, a table of ${owner}: use the ${owner} module's api`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("no import circles", () => {
    const graph = new Map<string, string[]>();
    for (const s of sources)
      graph.set(
        s.file,
        s.imports.filter((i) => i.target && !i.typeOnly).map((i) => rel(i.target as string)),
      );
    // Tarjan's strongly connected components: any with two or more files is a circle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const circles: string[][] = [];
    const strong = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!idx.has(w)) {
          strong(w);
          low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
      }
      if (low.get(v) === idx.get(v)) {
        const c: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          on.delete(w);
          c.push(w);
        } while (w !== v);
        if (c.length > 1) circles.push(c.sort());
      }
    };
    for (const v of graph.keys()) if (!idx.has(v)) strong(v);
    expect(circles).toEqual([]);
  });

  it("no file under server/modules is longer than about 600 lines", () => {
    const long = files
      .map(rel)
      .filter((f) => f.startsWith("server/modules/") && !isTest(f))
      .map((f) => [f, fs.readFileSync(path.join(ROOT, f), "utf8").split("\n").length] as const)
      .filter(([, n]) => n > 620)
      .map(([f, n]) => `${f}: ${n} lines`);
    expect(long).toEqual([]);
  });
});
