import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type Permission, ROLES, type Role } from "../../contracts/roles.js";
import type { Agent, TestEnv } from "../test/helpers.js";
import { testEnv } from "../test/helpers.js";
import { NO_SUCH_ID } from "../test/http.js";

// One account of the test world per role (the demo's usernames).
const USER_OF: Record<Role, string> = {
  sysadmin: "admin",
  secadmin: "secadmin",
  auditor: "auditor",
  supervisor: "supervisor",
  leader: "leader",
  staff: "staff",
  grid: "grid01",
  patrol: "patrol01",
  mediator: "mediator",
  volunteer: "volunteer01",
};

// Logging out would end the agent's session in the middle of the matrix; it is public and checked apart.
const SKIP_WITH_SESSION = new Set(["POST /api/auth/logout"]);

const concrete = (url: string) => url.replace(/:id\b/g, NO_SUCH_ID).replace(/:key\b/g, "platform.people");
const bodyFor = (method: string) => (method === "GET" || method === "DELETE" ? undefined : {});

let env: TestEnv;
const agents = {} as Record<Role, Agent>;

beforeAll(async () => {
  env = await testEnv();
  for (const role of ROLES) agents[role] = await env.login(USER_OF[role]);
});
afterAll(() => env.close());

describe("route table", () => {
  it("is non-trivial and every /api route says who may call it", () => {
    const table = env.app.routeTable;
    expect(table.length).toBeGreaterThanOrEqual(25);
    for (const r of table) {
      expect(r.url.startsWith("/api/"), r.url).toBe(true);
      expect(!!(r.permission || r.public || r.anyRole), `${r.method} ${r.url}`).toBe(true);
    }
    // Each account really holds the role it stands for.
    expect(new Set(Object.keys(USER_OF))).toEqual(new Set(ROLES));
  });

  it("every route is documented in the OpenAPI document with a unique operationId", async () => {
    const res = await agents.leader.get("/api/openapi.json");
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const ops: Array<{ key: string; operationId?: string }> = [];
    for (const [p, methods] of Object.entries<Record<string, { operationId?: string }>>(doc.paths)) {
      for (const [m, op] of Object.entries(methods)) ops.push({ key: `${m.toUpperCase()} ${p}`, operationId: op.operationId });
    }
    for (const op of ops) expect(op.operationId, op.key).toBeTruthy();
    const ids = ops.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const documented = new Set(ops.map((o) => o.key));
    for (const r of env.app.routeTable) {
      if (r.url === "/api/openapi.json") continue; // the document itself is hidden
      const key = `${r.method} ${r.url.replace(/:(\w+)/g, "{$1}")}`;
      expect(documented.has(key), key).toBe(true);
    }
  });

  it("the session cookie is the documented security scheme", async () => {
    const doc = (await agents.leader.get("/api/openapi.json")).json();
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie", name: "shequ_sid" });
  });
});

describe("without a session", () => {
  it("every non-public route answers 401", async () => {
    const failures: string[] = [];
    for (const r of env.app.routeTable) {
      if (r.public) continue;
      const res = await env.app.inject({ method: r.method as any, url: concrete(r.url), payload: bodyFor(r.method) as any });
      if (res.statusCode !== 401) failures.push(`${r.method} ${r.url} → ${res.statusCode}`);
      else expect(res.json().error.code).toBe("UNAUTHENTICATED");
    }
    expect(failures).toEqual([]);
  });

  it("public routes are reachable without a session", async () => {
    const pub = env.app.routeTable.filter((r) => r.public);
    expect(pub.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(["POST /api/auth/login", "GET /api/openapi.json"]));
    // Public routes opened by a capability in the URL instead of a session (a big screen's signed
    // link) or by a login challenge's cookie (the second step of a sign-in): without one they answer
    // 401 — which is what the screen, or the login page, shows.
    const byLink = new Set(["GET /api/screen/data", "GET /api/screen/live", "POST /api/auth/login/enrolment"]);
    // With no code in the body they answer 400 before the challenge is looked for.
    const byChallenge = new Set(["POST /api/auth/login/code", "POST /api/auth/login/enrolment/confirm"]);
    for (const r of pub) {
      const res = await env.app.inject({ method: r.method as any, url: r.url, payload: bodyFor(r.method) as any });
      if (byLink.has(`${r.method} ${r.url}`)) expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      else if (byChallenge.has(`${r.method} ${r.url}`)) expect([400, 401], `${r.method} ${r.url}`).toContain(res.statusCode);
      else expect([401, 403], `${r.method} ${r.url}`).not.toContain(res.statusCode);
      expect(res.statusCode).toBeLessThan(500);
    }
  });

  it("an unknown /api path is 401 without a session, 404 with one", async () => {
    expect((await env.app.inject({ method: "GET", url: "/api/no-such-thing" })).statusCode).toBe(401);
    const res = await agents.leader.get("/api/no-such-thing");
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("NOT_FOUND");
  });
});

describe("the authorization matrix: every route × every role", () => {
  it.each(ROLES.map((r) => [r]))("%s gets 403 exactly where its role lacks the permission", async (role) => {
    const failures: string[] = [];
    for (const r of env.app.routeTable) {
      if (r.public || SKIP_WITH_SESSION.has(`${r.method} ${r.url}`)) continue;
      const res = await agents[role].req(r.method, concrete(r.url), bodyFor(r.method));
      const allowed = r.anyRole || can(role, r.permission as Permission);
      const what = `${r.method} ${r.url} (${r.permission ?? "any role"}) → ${res.statusCode} ${res.statusCode >= 400 ? res.body.slice(0, 120) : ""}`;
      if (res.statusCode >= 500) failures.push(`server error: ${what}`);
      else if (res.statusCode === 401) failures.push(`lost session: ${what}`);
      else if (allowed && res.statusCode === 403) failures.push(`refused though permitted: ${what}`);
      else if (!allowed && res.statusCode !== 403) failures.push(`not refused: ${what}`);
      else if (!allowed) expect(res.json().error.code).toBe("FORBIDDEN");
    }
    expect(failures).toEqual([]);
  });

  it("every role can reach some route and is refused some other (the matrix is not all-or-nothing)", () => {
    for (const role of ROLES) {
      const guarded = env.app.routeTable.filter((r) => r.permission);
      expect(
        guarded.some((r) => can(role, r.permission as Permission)),
        role,
      ).toBe(true);
      expect(
        guarded.some((r) => !can(role, r.permission as Permission)),
        role,
      ).toBe(true);
    }
  });

  it("an idempotent GET by a permitted role really returns data (not just 'not 403')", async () => {
    for (const [role, url] of [
      ["leader", "/api/people"],
      ["auditor", "/api/audit"],
      ["secadmin", "/api/users"],
      ["volunteer", "/api/regions"],
      ["supervisor", "/api/figures"],
    ] as const) {
      const res = await agents[role].get(url);
      expect(res.statusCode, `${role} ${url}`).toBe(200);
    }
  });

  it("logout needs the session's CSRF token (no cross-site logout) and ends the session", async () => {
    const a = await env.login("volunteer02");
    expect((await a.get("/api/auth/me")).statusCode).toBe(200);
    const forged = await env.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: a.cookie } });
    expect(forged.statusCode).toBe(403);
    expect((await a.get("/api/auth/me")).statusCode).toBe(200);
    expect((await a.post("/api/auth/logout")).statusCode).toBe(200);
    expect((await a.get("/api/auth/me")).statusCode).toBe(401);
  });
});
