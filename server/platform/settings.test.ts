import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../demo/world.js";
import type { Agent, TestEnv } from "../test/helpers.js";
import { testEnv } from "../test/helpers.js";
import { loginRequest, multipartFile, TINY_PNG } from "../test/http.js";

let env: TestEnv;
let admin: Agent;
let secadmin: Agent;
let leader: Agent;

type Setting = { key: string; value: unknown; default: unknown; overridden: boolean; security: boolean };
const settingsOf = async (a: Agent): Promise<Record<string, Setting>> =>
  Object.fromEntries((await a.get("/api/settings")).json().items.map((s: Setting) => [s.key, s]));

beforeAll(async () => {
  env = await testEnv();
  [admin, secadmin, leader] = await Promise.all(["admin", "secadmin", "leader"].map((u) => env.login(u)));
});
afterAll(() => env.close());

describe("settings", () => {
  it("list every rule with its default (DOMAIN.md §9 numbers)", async () => {
    const s = await settingsOf(admin);
    expect(s["security.lock_threshold"]).toMatchObject({ value: 5, default: 5, overridden: false, security: true });
    expect(s["security.lock_minutes"].value).toBe(30);
    expect(s["security.idle_minutes"].value).toBe(30);
    expect(s["security.password_min_length"].value).toBe(8);
    expect(s["security.password_max_age_days"].value).toBe(90);
    expect(s["files.max_mb"]).toMatchObject({ value: 10, security: false });
  });

  it("the system admin changes an ordinary setting but not a security one", async () => {
    const ok = await admin.put("/api/settings/files.max_mb", { value: 20 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ key: "files.max_mb", value: 20 });
    expect((await settingsOf(leader))["files.max_mb"]).toMatchObject({ value: 20, overridden: true });
    const refused = await admin.put("/api/settings/security.lock_threshold", { value: 3 });
    expect(refused.statusCode).toBe(403);
    expect((await settingsOf(admin))["security.lock_threshold"].value).toBe(5);
  });

  it("a leader can read but not change settings", async () => {
    expect((await leader.put("/api/settings/files.max_mb", { value: 50 })).statusCode).toBe(403);
    expect((await settingsOf(admin))["files.max_mb"].value).toBe(20);
  });

  it("invalid values and unknown keys are refused", async () => {
    for (const [key, value] of [
      ["security.lock_threshold", 1],
      ["security.lock_threshold", "five"],
      ["security.lock_threshold", 4.5],
      ["security.idle_minutes", 10_000],
    ] as const) {
      const res = await secadmin.put(`/api/settings/${key}`, { value });
      expect(res.statusCode, `${key}=${value}`).toBe(400);
      expect(res.json().error.message).toContain(key);
    }
    expect((await admin.put("/api/settings/files.max_mb", { value: 1000 })).statusCode).toBe(400);
    expect((await admin.put("/api/settings/no.such_key", { value: 1 })).statusCode).toBe(404);
    const regional = await admin.put("/api/settings/files.max_mb", { value: 5, regionId: env.world.communityId });
    expect(regional.statusCode).toBe(400);
    expect((await settingsOf(admin))["security.lock_threshold"].value).toBe(5);
  });

  it("the security admin lowers the lock threshold and login locking follows it", async () => {
    const res = await secadmin.put("/api/settings/security.lock_threshold", { value: 3 });
    expect(res.statusCode).toBe(200);
    const ip = "10.2.0.1";
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await loginRequest(env, "patrol03", "Wrong#Pass1", { ip })).statusCode);
    expect(codes).toEqual([401, 401, 423]);
    expect((await loginRequest(env, "patrol03", DEMO_PASSWORD, { ip })).statusCode).toBe(423);
    const auditor = await env.login("auditor");
    const entry = (await auditor.get("/api/audit?action=setting.update&actor=secadmin")).json().items[0];
    expect(entry).toMatchObject({ entityId: "security.lock_threshold@default", before: 5, after: 3 });
  });

  it("the attachment size limit applies to uploads", async () => {
    expect((await admin.put("/api/settings/files.max_mb", { value: 0.1 })).statusCode).toBe(200);
    const big = Buffer.concat([TINY_PNG, Buffer.alloc(150 * 1024)]);
    const { payload, headers } = multipartFile("big.png", big, "image/png");
    const res = await leader.req("POST", "/api/files", payload, { headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/0\.1 MB/);
    const small = multipartFile("small.png", TINY_PNG, "image/png");
    expect((await leader.req("POST", "/api/files", small.payload, { headers: small.headers })).statusCode).toBe(201);
  });
});
