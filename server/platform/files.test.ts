import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent, TestEnv } from "../test/helpers.js";
import { testEnv } from "../test/helpers.js";
import { multipartFile, NO_SUCH_ID, TINY_PNG } from "../test/http.js";

let env: TestEnv;
let leader: Agent;
let admin: Agent;
let neighbourLeader: Agent;
let pngId: string;

const upload = (a: Agent, name: string, bytes: Buffer, mime = "application/octet-stream") => {
  const { payload, headers } = multipartFile(name, bytes, mime);
  return a.req("POST", "/api/files", payload, { headers });
};

beforeAll(async () => {
  env = await testEnv();
  [leader, admin] = await Promise.all(["leader", "admin"].map((u) => env.login(u)));
  const made = await admin.post("/api/users", {
    username: "jtleader",
    displayName: "桔塘社区书记",
    role: "leader",
    scopeRegionId: env.world.neighbourCommunityId,
    password: "Jtleader#2025",
  });
  expect(made.statusCode).toBe(201);
  neighbourLeader = await env.login("jtleader", "Jtleader#2025");
});
afterAll(() => env.close());

describe("uploading", () => {
  it("stores a PNG and answers with its sha256", async () => {
    const res = await upload(leader, "走访照片.png", TINY_PNG, "image/png");
    expect(res.statusCode).toBe(201);
    const meta = res.json();
    expect(meta).toMatchObject({ name: "走访照片.png", mime: "image/png", size: TINY_PNG.length });
    expect(meta.sha256).toBe(createHash("sha256").update(TINY_PNG).digest("hex"));
    pngId = meta.id;
  });

  it("is idempotent: the same bytes again are the same attachment", async () => {
    const again = await upload(leader, "走访照片.png", TINY_PNG, "image/png");
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(pngId);
    const byGrid = await upload(await env.login("grid04"), "重拍.png", TINY_PNG, "image/png");
    expect(byGrid.statusCode).toBe(200);
    expect(byGrid.json().id).toBe(pngId);
    const n = await env.database.db
      .selectFrom("files")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it("refuses content that does not match the extension, forbidden types and empty files", async () => {
    const cases: Array<[string, Buffer]> = [
      ["fake.png", Buffer.from("this is not a png at all")],
      ["fake.jpg", TINY_PNG],
      ["fake.pdf", Buffer.from("<html>not a pdf</html>")],
      ["tool.exe", Buffer.from("MZ\x90\x00\x03\x00\x00\x00")],
      ["script.html", Buffer.from("<script>alert(1)</script>")],
      ["noext", Buffer.from("hello")],
      ["empty.txt", Buffer.alloc(0)],
    ];
    for (const [name, bytes] of cases) {
      const res = await upload(leader, name, bytes);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.message.length).toBeGreaterThan(0);
    }
    expect((await upload(leader, "note.txt", Buffer.from("社区通知：周六义诊"))).statusCode).toBe(201);
  });

  it("needs multipart/form-data", async () => {
    const res = await leader.post("/api/files", { file: "aGVsbG8=" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/multipart/);
  });
});

describe("downloading", () => {
  it("returns the same bytes with a safe content type", async () => {
    const res = await leader.get(`/api/files/${pngId}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(TINY_PNG)).toBe(true);
    expect(res.headers["content-type"]).toBe("image/png");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(res.headers["content-disposition"])).toContain(encodeURIComponent("走访照片.png"));
    expect((await leader.get(`/api/files/${pngId}/meta`)).json().sha256).toBe(createHash("sha256").update(TINY_PNG).digest("hex"));
  });

  it("is open to the supervisor above, closed to the neighbour community and to unknown ids", async () => {
    expect((await (await env.login("supervisor")).get(`/api/files/${pngId}`)).statusCode).toBe(200);
    expect((await (await env.login("patrol01")).get(`/api/files/${pngId}`)).statusCode).toBe(200);
    for (const url of [`/api/files/${pngId}`, `/api/files/${pngId}/meta`]) expect((await neighbourLeader.get(url)).statusCode, url).toBe(404);
    expect((await leader.get(`/api/files/${NO_SUCH_ID}`)).statusCode).toBe(404);
  });

  it("a file uploaded outside any community is visible to its uploader and the district only", async () => {
    const res = await upload(admin, "制度.pdf", Buffer.from("%PDF-1.4\n%demo\n"), "application/pdf");
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect((await admin.get(`/api/files/${id}`)).statusCode).toBe(200);
    expect((await leader.get(`/api/files/${id}`)).statusCode).toBe(404);
  });

  it("each upload is audited", async () => {
    const auditor = await env.login("auditor");
    const entries = (await auditor.get("/api/audit?action=file.upload")).json().items;
    expect(entries.map((e: { entityId: string }) => e.entityId)).toContain(pngId);
    expect(entries.find((e: { entityId: string }) => e.entityId === pngId)).toMatchObject({ actorName: "leader", after: { name: "走访照片.png" } });
  });
});
