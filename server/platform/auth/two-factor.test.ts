import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/world.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";
import { agentFrom, loginFrom, loginRequest } from "../../test/http.js";
import { fixedClock } from "../clock.js";
import { createSessions } from "./sessions.js";
import { totp } from "./totp.js";
import { createTwoFactor, resetSecondFactor } from "./two-factor.js";

const clock = fixedClock("2025-03-03T02:00:00.000Z");
let env: TestEnv;
let sec: Agent;
let n = 0;
const nextIp = () => `10.1.0.${++n}`;
const STEP = 30_000;

const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;
/** The second step of a sign-in, with the challenge cookie of the password step's answer. */
const step = (first: LightMyRequestResponse, url: string, body: unknown, opts: { ip: string; lang?: string }) =>
  env.app.inject({
    method: "POST",
    url,
    payload: body as any,
    headers: { cookie: `shequ_2fa=${cookieOf(first, "shequ_2fa")}`, "accept-language": opts.lang ?? "zh" },
    remoteAddress: opts.ip,
  });
const audited = async (action: string, username: string) =>
  env.database.db
    .selectFrom("audit_log as a")
    .innerJoin("users as u", "u.id", "a.entity_id")
    .select(["a.action", "a.success", "a.reason"])
    .where("a.action", "=", action)
    .where("u.username", "=", username)
    .orderBy("a.seq")
    .execute();

/** Enrols `username` of its own accord (signed in); answers its secret and recovery codes. */
async function enrol(username: string, ip: string) {
  const a = await loginFrom(env, username, ip);
  const setup = await a.post("/api/auth/2fa/setup");
  expect(setup.statusCode).toBe(200);
  const { secret, uri, qrSvg } = setup.json();
  expect(uri).toBe(`otpauth://totp/Shequ%20%E7%A4%BE%E5%8C%BA%3A${username}?secret=${secret}&issuer=Shequ%20%E7%A4%BE%E5%8C%BA`);
  expect(qrSvg).toMatch(/^<svg/);
  const confirmed = await a.post("/api/auth/2fa/confirm", { code: totp(secret, clock.now().getTime()) });
  expect(confirmed.statusCode).toBe(200);
  return { secret, codes: confirmed.json().recoveryCodes as string[], agent: a };
}

beforeAll(async () => {
  env = await testEnv({ clock });
  sec = await loginFrom(env, "secadmin", "10.1.255.1");
});
afterAll(() => env.close());

describe("two-factor sign-in", () => {
  it("an account enrols with a code, and then signs in with password and code; a wrong code is refused in both languages", async () => {
    const ip = nextIp();
    const a = await loginFrom(env, "staff", ip);
    expect((await a.get("/api/auth/2fa")).json()).toMatchObject({ enrolled: false, required: false });
    const { secret } = (await a.post("/api/auth/2fa/setup")).json();
    const bad = await a.post("/api/auth/2fa/confirm", { code: "000000" });
    // 400, not 401: the user is signed in (a 401 would sign the web app out).
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: "BAD_CODE", message: "验证码错误或已使用，请输入身份验证器上当前的 6 位数字" });
    const ok = await a.post("/api/auth/2fa/confirm", { code: totp(secret, clock.now().getTime()) });
    expect(ok.json().recoveryCodes).toHaveLength(10);
    expect((await a.get("/api/auth/2fa")).json()).toMatchObject({ enrolled: true, recoveryCodesLeft: 10 });
    // Stored sealed: the secret is nowhere in the database in the clear.
    const row = await env.database.db
      .selectFrom("user_totp")
      .selectAll()
      .where("user_id", "=", (await a.get("/api/auth/me")).json().user.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain(secret);

    clock.advance(STEP);
    const first = await loginRequest(env, "staff", DEMO_PASSWORD, { ip });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ twoFactor: "verify" });
    // The pending state is not a session.
    expect(cookieOf(first, "shequ_sid")).toBeUndefined();
    const asSession = await env.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: `shequ_sid=${cookieOf(first, "shequ_2fa")}` } });
    expect(asSession.statusCode).toBe(401);

    const wrong = await step(first, "/api/auth/login/code", { code: "123456" }, { ip, lang: "en" });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: "BAD_CODE", message: "Wrong or already used code; enter the 6 digits your authenticator shows now" });
    const code = totp(secret, clock.now().getTime());
    const right = await step(first, "/api/auth/login/code", { code }, { ip });
    expect(right.statusCode).toBe(200);
    const b = agentFrom(env, "staff", right);
    expect((await b.get("/api/people")).statusCode).toBe(200);
    // The challenge is used up, and the same code is never accepted twice.
    expect((await step(first, "/api/auth/login/code", { code }, { ip })).json().error.code).toBe("NO_CHALLENGE");
    const again = await loginRequest(env, "staff", DEMO_PASSWORD, { ip });
    expect((await step(again, "/api/auth/login/code", { code }, { ip })).json().error.code).toBe("BAD_CODE");
    expect((await audited("auth.2fa_verify", "staff")).map((e) => e.success)).toEqual([0, 1, 0]);
    expect((await audited("auth.2fa_enrol", "staff")).map((e) => e.success)).toEqual([0, 1]);
  });

  it("a recovery code signs in once", async () => {
    const ip = nextIp();
    const { codes } = await enrol("mediator", ip);
    const first = await loginRequest(env, "mediator", DEMO_PASSWORD, { ip });
    const used = await step(first, "/api/auth/login/code", { code: codes[3].toLowerCase() }, { ip });
    expect(used.statusCode).toBe(200);
    const m = agentFrom(env, "mediator", used);
    expect((await m.get("/api/auth/2fa")).json().recoveryCodesLeft).toBe(9);
    const second = await loginRequest(env, "mediator", DEMO_PASSWORD, { ip });
    expect((await step(second, "/api/auth/login/code", { code: codes[3] }, { ip })).statusCode).toBe(401);
    expect(await audited("auth.2fa_recovery", "mediator")).toHaveLength(1);
  });

  it("wrong codes lock the account as wrong passwords do; the security administrator sees it locked and unlocks it", async () => {
    const ip = nextIp();
    const { secret } = await enrol("patrol01", ip);
    let first = await loginRequest(env, "patrol01", DEMO_PASSWORD, { ip });
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) answers.push((await step(first, "/api/auth/login/code", { code: `11111${i}` }, { ip })).statusCode);
    expect(answers).toEqual([401, 401, 401, 401]);
    // A right password again does not wipe the count: the fifth wrong code locks.
    first = await loginRequest(env, "patrol01", DEMO_PASSWORD, { ip });
    const fifth = await step(first, "/api/auth/login/code", { code: "222222" }, { ip });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.message).toBe("连续 5 次登录失败，账户已锁定");
    expect((await loginRequest(env, "patrol01", DEMO_PASSWORD, { ip })).statusCode).toBe(423);
    const locked = (await sec.get("/api/security/locked")).json().items;
    expect(locked.map((u: { username: string }) => u.username)).toContain("patrol01");
    const id = locked.find((u: { username: string }) => u.username === "patrol01").id;
    expect((await sec.post(`/api/users/${id}/unlock`)).statusCode).toBe(200);
    expect((await sec.get("/api/security/locked")).json().items.map((u: { username: string }) => u.username)).not.toContain("patrol01");
    clock.advance(STEP);
    first = await loginRequest(env, "patrol01", DEMO_PASSWORD, { ip });
    expect((await step(first, "/api/auth/login/code", { code: totp(secret, clock.now().getTime()) }, { ip })).statusCode).toBe(200);
    const events = (await sec.get("/api/security/events?username=patrol01&pageSize=50")).json().items.map((e: { action: string }) => e.action);
    for (const a of ["auth.lock", "user.unlock", "auth.2fa_verify", "auth.2fa_enrol", "auth.login", "auth.2fa_challenge"]) expect(events, a).toContain(a);
  });

  it("where the role requires it, an account without a second factor enrols before anything else", async () => {
    const ip = nextIp();
    expect((await sec.put("/api/settings/security.two_factor_enforced", { value: true })).statusCode).toBe(200);
    // The three administrator roles cannot be taken off the list.
    const shorter = await sec.put("/api/settings/security.two_factor_roles", { value: ["sysadmin", "secadmin"] });
    expect(shorter.statusCode).toBe(400);
    expect((await sec.put("/api/settings/security.two_factor_roles", { value: ["sysadmin", "secadmin", "auditor", "leader"] })).statusCode).toBe(200);
    try {
      const first = await loginRequest(env, "leader", DEMO_PASSWORD, { ip });
      expect(first.statusCode).toBe(202);
      expect(first.json()).toEqual({ twoFactor: "enrol" });
      expect(cookieOf(first, "shequ_sid")).toBeUndefined();
      // Not a code step: nothing to verify until enrolled.
      expect((await step(first, "/api/auth/login/code", { code: "123456" }, { ip })).json().error.code).toBe("NO_CHALLENGE");
      const offer = await step(first, "/api/auth/login/enrolment", {}, { ip });
      const { secret } = offer.json();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect((await step(first, "/api/auth/login/enrolment/confirm", { code: "000000" }, { ip })).statusCode).toBe(401);
      const done = await step(first, "/api/auth/login/enrolment/confirm", { code: totp(secret, clock.now().getTime()) }, { ip });
      expect(done.statusCode).toBe(200);
      expect(done.json().recoveryCodes).toHaveLength(10);
      expect(done.json().user.username).toBe("leader");
      const l = agentFrom(env, "leader", done);
      expect((await l.get("/api/auth/2fa")).json()).toMatchObject({ enrolled: true, required: true });
      const off = await l.post("/api/auth/2fa/disable", { password: DEMO_PASSWORD });
      expect(off.statusCode).toBe(409);
      expect(off.json().error.code).toBe("TWO_FACTOR_REQUIRED");
      // The security administrator resets it (a lost phone): its sessions end, and it enrols again at next sign-in.
      const leaderId = (await l.get("/api/auth/me")).json().user.id;
      expect((await sec.post(`/api/security/users/${leaderId}/reset-2fa`)).statusCode).toBe(200);
      expect((await l.get("/api/auth/me")).statusCode).toBe(401);
      expect((await loginRequest(env, "leader", DEMO_PASSWORD, { ip })).json()).toEqual({ twoFactor: "enrol" });
    } finally {
      expect((await sec.put("/api/settings/security.two_factor_enforced", { value: false })).statusCode).toBe(200);
    }
  });
});

describe("the command line's reset (shequ reset-2fa)", () => {
  it("removes the factor of the last security administrator, ends its sessions, audits it; a second reset says there is none", async () => {
    const ip = nextIp();
    const { agent } = await enrol("secadmin", ip);
    const u = await env.database.db.selectFrom("users").select(["id", "username"]).where("username", "=", "secadmin").executeTakeFirstOrThrow();
    // On the page a security administrator cannot reset their own factor: that is what the command line is for.
    expect((await agent.post(`/api/security/users/${u.id}/reset-2fa`)).statusCode).toBe(400);
    const deps = { twoFactor: createTwoFactor(env.app.deps), sessions: createSessions(env.app.deps), audit: env.app.deps.audit };
    await env.database.db.transaction().execute((trx) => resetSecondFactor(trx, deps, u, { id: null, name: "shequ reset-2fa", ip: null }));
    expect((await agent.get("/api/auth/me")).statusCode).toBe(401);
    expect(await env.database.db.selectFrom("user_totp").select("user_id").where("user_id", "=", u.id).execute()).toEqual([]);
    expect(await env.database.db.selectFrom("user_recovery_codes").select("user_id").where("user_id", "=", u.id).execute()).toEqual([]);
    const entry = await env.database.db
      .selectFrom("audit_log")
      .select(["actor_id", "actor_name"])
      .where("action", "=", "auth.2fa_reset")
      .where("entity_id", "=", u.id)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ actor_id: null, actor_name: "shequ reset-2fa" });
    await expect(
      env.database.db.transaction().execute((trx) => resetSecondFactor(trx, deps, u, { id: null, name: "shequ reset-2fa", ip: null })),
    ).rejects.toMatchObject({ code: "NOT_ENROLLED" });
    // Signed in again with the password alone (not enforced in the test world), as before enrolment.
    expect((await loginRequest(env, "secadmin", DEMO_PASSWORD, { ip })).statusCode).toBe(200);
    sec = await loginFrom(env, "secadmin", "10.1.255.2");
  });
});

describe("session ids", () => {
  it("a cookie set before login is not valid after it, and logging in again ends the session the browser had", async () => {
    const ip = nextIp();
    const planted = "attacker-chosen-session-id";
    const res = await env.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "grid01", password: DEMO_PASSWORD },
      headers: { cookie: `shequ_sid=${planted}` },
      remoteAddress: ip,
    });
    expect(res.statusCode).toBe(200);
    expect(cookieOf(res, "shequ_sid")).not.toBe(planted);
    expect((await env.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: `shequ_sid=${planted}` } })).statusCode).toBe(401);
    const a = agentFrom(env, "grid01", res);
    const again = await env.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "grid01", password: DEMO_PASSWORD },
      headers: { cookie: a.cookie },
      remoteAddress: ip,
    });
    expect(cookieOf(again, "shequ_sid")).not.toBe(a.cookie.split("=")[1]);
    expect((await a.get("/api/auth/me")).statusCode).toBe(401);
    expect((await agentFrom(env, "grid01", again).get("/api/auth/me")).statusCode).toBe(200);
  });

  it("a change of scope gives the session a new id and CSRF token; the old ones stop working", async () => {
    const a = await loginFrom(env, "supervisor", nextIp());
    const res = await a.post("/api/auth/scope", { regionId: env.world.communityId });
    expect(res.statusCode).toBe(200);
    expect(res.json().scope.name).toBe("福民社区");
    const sid = cookieOf(res, "shequ_sid");
    expect(sid).toBeDefined();
    expect(`shequ_sid=${sid}`).not.toBe(a.cookie);
    expect(res.json().csrfToken).not.toBe(a.csrf);
    expect((await a.get("/api/auth/me")).statusCode).toBe(401);
    const b = await env.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: `shequ_sid=${sid}` } });
    expect(b.json().scope.name).toBe("福民社区");
  });

  it("at most N live sessions per account: the oldest ends; the security administrator sees sessions and ends any", async () => {
    expect((await sec.put("/api/settings/security.max_sessions", { value: 2 })).statusCode).toBe(200);
    try {
      const ip = nextIp();
      const s1 = await loginFrom(env, "grid02", ip);
      clock.advance(1000);
      const s2 = await loginFrom(env, "grid02", ip);
      clock.advance(1000);
      const s3 = await loginFrom(env, "grid02", ip);
      expect((await s1.get("/api/auth/me")).statusCode).toBe(401);
      expect((await s2.get("/api/auth/me")).statusCode).toBe(200);
      expect((await s3.get("/api/auth/me")).statusCode).toBe(200);
      expect((await audited("auth.session_end", "grid02")).map((e) => e.reason)).toEqual(["session limit 2"]);

      const listed = (await sec.get("/api/security/sessions")).json().items.filter((s: { username: string }) => s.username === "grid02");
      expect(listed).toHaveLength(2);
      expect(listed[0]).toMatchObject({ role: "grid", ip, current: false });
      expect((await sec.post(`/api/security/sessions/${listed[0].id}/end`)).statusCode).toBe(200);
      expect([(await s2.get("/api/auth/me")).statusCode, (await s3.get("/api/auth/me")).statusCode].sort()).toEqual([200, 401]);
      expect((await sec.post(`/api/security/sessions/${listed[0].id}/end`)).statusCode).toBe(404);
      // A role without security.manage sees none of it.
      expect((await (await loginFrom(env, "grid03", nextIp())).get("/api/security/sessions")).statusCode).toBe(403);
    } finally {
      await sec.put("/api/settings/security.max_sessions", { value: 5 });
    }
  });
});
