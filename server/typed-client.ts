import fs from "node:fs";
import path from "node:path";

// The web app's typed client is generated from the server's own routes (web/api/operations.gen.ts,
// by `npm run gen:api`; server/typed-client.unit.test.ts fails when it is stale): for each
// operationId its method, path and path parameters, and the types of its query, body and answer
// wherever the route's schema is one of the zod schemas exported by contracts/*.ts (then the type is
// `z.input` / `z.output` of that schema, so client and server read one definition). A schema built
// inline in a route (a `page(...)` wrapper, an extended query) is typed loosely (query: plain params,
// body and answer: unknown) until it is given a name in contracts.

type Route = { method: string; url: string; operationId?: string; schema?: unknown };
type Named = { module: string; name: string };

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** Every zod schema exported by contracts/*.ts, by identity. */
async function contractSchemas(): Promise<Map<unknown, Named>> {
  const names = new Map<unknown, Named>();
  const dir = path.join(ROOT, "contracts");
  for (const f of fs.readdirSync(dir).sort()) {
    if (!/^[a-z0-9-]+\.ts$/.test(f) || f.endsWith(".test.ts")) continue;
    const module = f.replace(/\.ts$/, "");
    const mod = (await import(path.join(dir, f))) as Record<string, unknown>;
    for (const [name, v] of Object.entries(mod)) if (v && typeof v === "object" && "_zod" in (v as object) && !names.has(v)) names.set(v, { module, name });
  }
  return names;
}

/** The source of web/api/operations.gen.ts for these routes. */
export async function operationsSource(routes: readonly Route[]): Promise<string> {
  const names = await contractSchemas();
  const used = new Set<string>();
  const ref = (s: unknown, io: "input" | "output"): string | null => {
    const n = s ? names.get(s) : undefined;
    if (!n) return null;
    used.add(n.module);
    return `z.${io}<typeof ${alias(n.module)}.${n.name}>`;
  };
  const ops = routes
    .filter((r) => r.operationId && r.url.startsWith("/api/"))
    .map((r) => {
      const s = (r.schema ?? {}) as { querystring?: unknown; body?: unknown; response?: Record<string, unknown> };
      const ok = s.response ? (s.response[200] ?? s.response[201]) : undefined;
      const params = [...r.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
      return {
        id: r.operationId as string,
        method: r.method,
        url: r.url,
        params,
        query: ref(s.querystring, "input") ?? "Params",
        body: s.body ? (ref(s.body, "input") ?? "unknown") : "never",
        response: ok ? (ref(ok, "output") ?? "unknown") : "unknown",
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = [
    "// Generated from the server's routes by scripts/gen-api.ts (npm run gen:api); do not edit.",
    "// server/typed-client.unit.test.ts fails when it is out of date.",
    'import type { z } from "zod";',
    ...[...used].sort().map((m) => `import type * as ${alias(m)} from "../../contracts/${m}";`),
    "",
    "type Params = Record<string, string | number | boolean | null | undefined>;",
    "",
    "export type Operations = {",
    ...ops.map(
      (o) =>
        `  ${o.id}: { method: "${o.method}"; path: "${o.url}"; params: ${o.params.length ? `{ ${o.params.map((p) => `${p}: string`).join("; ")} }` : "never"}; query: ${o.query}; body: ${o.body}; response: ${o.response} };`,
    ),
    "};",
    "",
    'export const OPERATIONS: { [K in keyof Operations]: { method: Operations[K]["method"]; path: Operations[K]["path"] } } = {',
    ...ops.map((o) => `  ${o.id}: { method: "${o.method}", path: "${o.url}" },`),
    "};",
    "",
  ];
  return lines.join("\n");
}

const alias = (module: string) => `C_${module.replace(/-/g, "_")}`;
export const OPERATIONS_FILE = path.join(ROOT, "web/api/operations.gen.ts");
