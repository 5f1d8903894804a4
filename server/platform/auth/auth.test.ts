import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/world.js";
import type { TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { agentFrom, loginFrom, loginRequest } from "../../test/http.js";
import { fixedClock } from "../clock.js";

const MIN = 60_000;
const clock = fixedClock("2025-03-03T02:00:00.000Z");
let env: TestEnv;
// Each test logs in from its own address: the login route is rate-limited per client address.
let n = 0;
const nextIp = () => `10.0.0.${++n}`;

const userId = async (username: string) =>
  (await env.database.db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  env = await testEnv({ clock });
});
afterAll(() => env.close());

describe("login", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie and returns the user, never the password hash", async () => {
    const res = await loginRequest(env, "leader", DEMO_PASSWORD, { ip: nextIp() });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === "shequ_sid");
    expect(c).toBeDefined();
    expect(c?.httpOnly).toBe(true);
    expect(String(c?.sameSite).toLowerCase()).toBe("lax");
    expect(c?.path).toBe("/");
    expect(String(res.headers["set-cookie"])).toMatch(/HttpOnly/i);
    const body = res.json();
    expect(body.user).toMatchObject({ username: "leader", role: "leader" });
    expect(body.scope.name).toBe("福民社区");
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(body.passwordExpired).toBe(false);
    expect(res.body).not.toMatch(/scrypt|password_hash|passwordHash/);
  });

  it("a wrong password is 401 with a Chinese message by default and English on request", async () => {
    const ip = nextIp();
    const zh = await loginRequest(env, "staff", "Wrong#Pass1", { ip });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: "BAD_CREDENTIALS", message: "用户名或密码错误" });
    const en = await loginRequest(env, "staff", "Wrong#Pass1", { ip, lang: "en-US,en;q=0.9" });
    expect(en.statusCode).toBe(401);
    expect(en.json().error.message).toBe("Wrong username or password");
    expect(zh.cookies.find((c) => c.name === "shequ_sid")).toBeUndefined();
  });

  it("an unknown username gets the same answer as a wrong password", async () => {
    const res = await loginRequest(env, "nobody", "Wrong#Pass1", { ip: nextIp() });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: "BAD_CREDENTIALS", message: "用户名或密码错误" });
  });

  it("logins are rate-limited per client address", async () => {
    const ip = nextIp();
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) codes.push((await loginRequest(env, "nobody", "x", { ip })).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    // Another address is not affected.
    expect((await loginRequest(env, "leader", DEMO_PASSWORD, { ip: nextIp() })).statusCode).toBe(200);
  });
});

describe("locking after failed logins", () => {
  it("locks after 5 wrong passwords, refuses even the right one, and the security admin unlocks", async () => {
    const ip = nextIp();
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await loginRequest(env, "volunteer01", `Wrong#Pass${i}`, { ip })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    const right = await loginRequest(env, "volunteer01", DEMO_PASSWORD, { ip });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe("LOCKED");
    expect(right.json().error.message).toMatch(/锁定/);

    const sec = await loginFrom(env, "secadmin", ip);
    const listed = (await sec.get("/api/users?q=volunteer01")).json().items[0];
    expect(listed.locked).toBe(true);
    const unlocked = await sec.post(`/api/users/${await userId("volunteer01")}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().locked).toBe(false);
    expect((await loginRequest(env, "volunteer01", DEMO_PASSWORD, { ip })).statusCode).toBe(200);
  });

  it("a successful login resets the failure count", async () => {
    const ip = nextIp();
    for (let i = 0; i < 4; i++) expect((await loginRequest(env, "volunteer02", "Wrong#Pass1", { ip })).statusCode).toBe(401);
    expect((await loginRequest(env, "volunteer02", DEMO_PASSWORD, { ip })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await loginRequest(env, "volunteer02", "Wrong#Pass1", { ip })).statusCode).toBe(401);
    expect((await loginRequest(env, "volunteer02", DEMO_PASSWORD, { ip })).statusCode).toBe(200);
  });

  it("the lock lifts by itself after 30 minutes", async () => {
    const ip = nextIp();
    for (let i = 0; i < 5; i++) await loginRequest(env, "patrol02", "Wrong#Pass1", { ip });
    clock.advance(29 * MIN);
    expect((await loginRequest(env, "patrol02", DEMO_PASSWORD, { ip })).statusCode).toBe(423);
    clock.advance(2 * MIN);
    expect((await loginRequest(env, "patrol02", DEMO_PASSWORD, { ip })).statusCode).toBe(200);
  });

  it("a non-security role cannot unlock", async () => {
    const admin = await loginFrom(env, "admin", nextIp());
    expect((await admin.post(`/api/users/${await userId("patrol02")}/unlock`)).statusCode).toBe(403);
  });
});

describe("sessions", () => {
  it("expire after 30 idle minutes, but activity keeps them alive", async () => {
    const a = await loginFrom(env, "mediator", nextIp());
    clock.advance(29 * MIN);
    expect((await a.get("/api/auth/me")).statusCode).toBe(200);
    clock.advance(29 * MIN);
    expect((await a.get("/api/auth/me")).statusCode).toBe(200);
    clock.advance(31 * MIN);
    const res = await a.get("/api/people");
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: "SESSION_EXPIRED", message: "会话已超时，请重新登录" });
    // The expired session is gone for good, even if the clock were to go back.
    expect((await a.get("/api/auth/me")).json().error.code).toBe("UNAUTHENTICATED");
  });

  it("a write without the CSRF token (or with another session's) is refused", async () => {
    const a = await loginFrom(env, "leader", nextIp());
    const b = await loginFrom(env, "leader", nextIp());
    const body = { communityId: env.world.communityId, kind: "社会组织", name: "无令牌组织" };
    const none = await env.app.inject({ method: "POST", url: "/api/organisations", payload: body, headers: { cookie: a.cookie } });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe("CSRF");
    const other = await a.req("POST", "/api/organisations", body, { headers: { "x-csrf-token": b.csrf } });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe("CSRF");
    const orgs = (await a.get("/api/organisations?q=无令牌组织")).json();
    expect(orgs.total).toBe(0);
    expect((await a.post("/api/organisations", body)).statusCode).toBe(201);
  });

  it("disabling an account ends its sessions and refuses new logins", async () => {
    const ip = nextIp();
    const v = await loginFrom(env, "volunteer03", ip);
    const admin = await loginFrom(env, "admin", ip);
    const res = await admin.patch(`/api/users/${await userId("volunteer03")}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect((await v.get("/api/auth/me")).statusCode).toBe(401);
    const again = await loginRequest(env, "volunteer03", DEMO_PASSWORD, { ip });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe("DISABLED");
    // Without the right password a disabled account looks like any wrong login: no account probing.
    const guess = await loginRequest(env, "volunteer03", "Wrong#Pass1", { ip });
    expect(guess.statusCode).toBe(401);
    expect(guess.json().error.code).toBe("BAD_CREDENTIALS");
  });
});

describe("passwords", () => {
  it("a change must meet the policy (≥ 8 characters, 3 of 4 classes) and says so", async () => {
    const ip = nextIp();
    const a = await loginFrom(env, "grid05", ip);
    for (const weak of ["Ab1!", "abcdefgh1", "ABCDEFGH!", "abcdefghij"]) {
      const res = await a.post("/api/auth/password", { current: DEMO_PASSWORD, next: weak });
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().error.code).toBe("WEAK_PASSWORD");
      expect(res.json().error.message).toBe("密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少三类");
    }
    const en = await a.req("POST", "/api/auth/password", { current: DEMO_PASSWORD, next: "short" }, { headers: { "accept-language": "en" } });
    expect(en.json().error.message).toMatch(/at least 8 characters and 3 of/);
    const wrongCurrent = await a.post("/api/auth/password", { current: "Nope#1234", next: "Good#Pass2025" });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().error.code).toBe("BAD_CREDENTIALS");
    expect((await a.post("/api/auth/password", { current: DEMO_PASSWORD, next: DEMO_PASSWORD })).statusCode).toBe(400);
    // The password is still the old one after every refusal.
    expect((await loginRequest(env, "grid05", DEMO_PASSWORD, { ip })).statusCode).toBe(200);
  });

  it("a good change takes effect, keeps this session and ends the others", async () => {
    const ip = nextIp();
    const a = await loginFrom(env, "grid06", ip);
    const other = await loginFrom(env, "grid06", ip);
    const res = await a.post("/api/auth/password", { current: DEMO_PASSWORD, next: "Good#Pass2025" });
    expect(res.statusCode).toBe(200);
    expect((await a.get("/api/auth/me")).statusCode).toBe(200);
    expect((await other.get("/api/auth/me")).statusCode).toBe(401);
    expect((await loginRequest(env, "grid06", DEMO_PASSWORD, { ip })).statusCode).toBe(401);
    expect((await loginRequest(env, "grid06", "Good#Pass2025", { ip })).statusCode).toBe(200);
  });

  it("after a reset by the security admin the password is marked expired until changed", async () => {
    const ip = nextIp();
    const before = await loginFrom(env, "grid07", ip);
    const sec = await loginFrom(env, "secadmin", ip);
    const id = await userId("grid07");
    const weak = await sec.post(`/api/users/${id}/reset-password`, { password: "temp" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe("WEAK_PASSWORD");
    expect((await sec.post(`/api/users/${id}/reset-password`, { password: "Temp#Pass2025" })).statusCode).toBe(200);
    expect((await before.get("/api/auth/me")).statusCode).toBe(401);
    expect((await loginRequest(env, "grid07", DEMO_PASSWORD, { ip })).statusCode).toBe(401);
    const res = await loginRequest(env, "grid07", "Temp#Pass2025", { ip });
    expect(res.statusCode).toBe(200);
    expect(res.json().passwordExpired).toBe(true);
    const a = agentFrom(env, "grid07", res);
    expect((await a.post("/api/auth/password", { current: "Temp#Pass2025", next: "Mine#Pass2025" })).statusCode).toBe(200);
    expect((await a.get("/api/auth/me")).json().passwordExpired).toBe(false);
  });

  it("a password older than 90 days is flagged for change", async () => {
    const a = await loginFrom(env, "grid08", nextIp());
    expect((await a.get("/api/auth/me")).json().passwordExpired).toBe(false);
    clock.advance(91 * 24 * 60 * MIN);
    const b = await loginFrom(env, "grid08", nextIp());
    expect((await b.get("/api/auth/me")).json().passwordExpired).toBe(true);
  });
});

describe("security headers", () => {
  it("forbid framing and content sniffing on API answers, errors included", async () => {
    for (const res of [
      await loginRequest(env, "leader", DEMO_PASSWORD, { ip: nextIp() }),
      await env.app.inject({ method: "GET", url: "/api/people" }),
      await env.app.inject({ method: "GET", url: "/api/no-such-thing" }),
    ]) {
      const csp = String(res.headers["content-security-policy"] ?? "");
      const xfo = String(res.headers["x-frame-options"] ?? "");
      expect(/frame-ancestors 'none'/.test(csp) || /deny|sameorigin/i.test(xfo)).toBe(true);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    }
  });
});
