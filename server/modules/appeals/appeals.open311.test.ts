import fs from "node:fs";
import path from "node:path";
import AjvModule from "ajv";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../platform/clock.js";
import type { Agent, TestEnv } from "../../test/helpers.js";
import { testEnv } from "../../test/helpers.js";

// The Open311 GeoReport v2 facade, checked against the project's published JSON schemas (kept in
// open311-schemas/, see its README for their source).
const DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), "open311-schemas");
const schema = (f: string) => JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8"));
// Both are CommonJS with a default export; under NodeNext the class sits on .default.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;
const ajv = new (Ajv as any)({ allErrors: true, strict: false });
(addFormats as any)(ajv);
ajv.addFormat("uid", /.*/);
for (const f of ["request.json", "service.json"]) ajv.addSchema(schema(f), f);
const validators = {
  services: ajv.compile(schema("services.json")),
  definition: ajv.compile(schema("service-definition.json")),
  requests: ajv.compile(schema("requests.json")),
  created: ajv.compile({ type: "array", items: schema("swagger.json").definitions.RequestResponse }),
};
const valid = (v: keyof typeof validators, data: unknown) => {
  const fn = validators[v] as any;
  const ok = fn(data);
  expect(ok, JSON.stringify(fn.errors?.slice(0, 3))).toBe(true);
};

const clock = fixedClock("2025-05-06T02:00:00Z");
let env: TestEnv;
let leader: Agent;
let key = "";
const form = (o: Record<string, string>) => ({
  payload: new URLSearchParams(o).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

beforeAll(async () => {
  env = await testEnv({ clock });
  leader = await env.login("leader");
  const k = await leader.post("/api/appeals/open311-keys", { name: "i深圳 App", channel: "12345", communityId: env.world.communityId });
  expect(k.statusCode).toBe(201);
  key = k.json().key;
});
afterAll(() => env?.close());

describe("Open311 GeoReport v2", () => {
  it("discovery, services and a service definition, in JSON (valid by the schemas) and XML", async () => {
    const d = await env.app.inject({ url: "/open311/v2/discovery.json" });
    expect(d.statusCode).toBe(200);
    expect(d.json().endpoints[0].specification).toBe("http://wiki.open311.org/GeoReport_v2");
    const s = await env.app.inject({ url: "/open311/v2/services.json" });
    valid("services", s.json());
    expect(s.json().map((x: { service_code: string }) => x.service_code)).toContain("GY04");
    const def = await env.app.inject({ url: "/open311/v2/services/GY04.json" });
    valid("definition", def.json());
    const x = await env.app.inject({ url: "/open311/v2/services.xml" });
    expect(x.headers["content-type"]).toContain("text/xml");
    expect(x.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>SR01<\/service_code>/);
    expect((await env.app.inject({ url: "/open311/v2/services/NOPE.json" })).statusCode).toBe(404);
  });

  it("POST creates a case with the key's channel; GET returns it with its deadline; XML carries the same data", async () => {
    const g = env.world.grids[2];
    const cell = await env.database.db.selectFrom("regions").select(["lat", "lng"]).where("id", "=", g.id).executeTakeFirstOrThrow();
    const res = await env.app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      ...form({
        api_key: key,
        service_code: "GY04",
        lat: String(cell.lat),
        long: String(cell.lng),
        description: "丹坑村口路灯连续三晚不亮",
        first_name: "先生",
        last_name: "王",
        phone: "13712345678",
        "attribute[appeal_type]": "help",
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    valid("created", res.json());
    const no = res.json()[0].service_request_id as string;
    const row = await env.database.db.selectFrom("appeals").selectAll().where("tracking_no", "=", no).executeTakeFirstOrThrow();
    expect(row.channel).toBe("12345");
    expect(row.grid_id).toBe(g.id);
    expect(row.appellant_phone).toBe("13712345678");

    const one = await env.app.inject({ url: `/open311/v2/requests/${no}.json` });
    valid("requests", one.json());
    const r = one.json()[0];
    expect(r).toMatchObject({ service_request_id: no, status: "open", service_code: "GY04" });
    expect(r.status_notes).toContain("registered");
    // GY04 路灯: 72 h = 3 calendar days, ending at local midnight.
    expect(r.expected_datetime).toBe("2025-05-09T00:00:00+08:00");
    expect(r.requested_datetime).toBe("2025-05-06T10:00:00+08:00");
    expect(JSON.stringify(r)).not.toContain("13712345678");

    const xml = await env.app.inject({ url: `/open311/v2/requests/${no}.xml` });
    expect(xml.body).toContain(`<service_requests><request><service_request_id>${no}</service_request_id><status>open</status>`);
    expect(xml.body).toContain("<expected_datetime>2025-05-09T00:00:00+08:00</expected_datetime>");
    // Well-formed: every element closes (a crude but real check: tags balance).
    const opens = (xml.body.match(/<[a-z_]+>/g) ?? []).length;
    const closes = (xml.body.match(/<\/[a-z_]+>/g) ?? []).length;
    expect(opens).toBe(closes);

    const list = await env.app.inject({ url: "/open311/v2/requests.json?status=open&service_code=GY04" });
    valid("requests", list.json());
    expect(list.json().map((x: { service_request_id: string }) => x.service_request_id)).toContain(no);
    const paged = await env.app.inject({ url: "/open311/v2/requests.json?page=1&page_size=1" });
    expect(paged.json()).toHaveLength(1);
    const closed = await env.app.inject({ url: "/open311/v2/requests.json?status=closed" });
    expect(closed.json().map((x: { service_request_id: string }) => x.service_request_id)).not.toContain(no);
  });

  it("refuses a POST without api_key, with a bad key or a bad service_code, in Open311's error format, and writes nothing", async () => {
    const before = Number(
      (
        await env.database.db
          .selectFrom("appeals")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirst()
      )?.n,
    );
    const noKey = await env.app.inject({ method: "POST", url: "/open311/v2/requests.json", ...form({ service_code: "GY04", address_string: "福民路1号" }) });
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()).toEqual([{ code: 403, description: "api_key is required" }]);
    const badKey = await env.app.inject({
      method: "POST",
      url: "/open311/v2/requests.xml",
      ...form({ api_key: "nope", service_code: "GY04", address_string: "福民路1号" }),
    });
    expect(badKey.statusCode).toBe(403);
    expect(badKey.body).toContain("<errors><error><code>403</code><description>api_key is not valid</description></error></errors>");
    const badCode = await env.app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      ...form({ api_key: key, service_code: "ZZ", address_string: "福民路1号" }),
    });
    expect(badCode.statusCode).toBe(404);
    expect(badCode.json()[0].description).toContain("service_code");
    const noPlace = await env.app.inject({ method: "POST", url: "/open311/v2/requests.json", ...form({ api_key: key, service_code: "GY04" }) });
    expect(noPlace.statusCode).toBe(400);
    const span = await env.app.inject({ url: "/open311/v2/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2025-05-01T00:00:00Z" });
    expect(span.statusCode).toBe(400);
    const after = Number(
      (
        await env.database.db
          .selectFrom("appeals")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirst()
      )?.n,
    );
    expect(after).toBe(before);
    // A revoked key stops working.
    const keys = (await leader.get("/api/appeals/open311-keys")).json().items;
    await leader.post(`/api/appeals/open311-keys/${keys[0].id}/revoke`, {});
    const revoked = await env.app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      ...form({ api_key: key, service_code: "GY04", address_string: "福民路1号" }),
    });
    expect(revoked.statusCode).toBe(403);
  });
});

describe("the resident's public page API", () => {
  it("submits without an account, tracks with the last four digits, and the return visit reopens on 不满意", async () => {
    const sub = await env.app.inject({
      method: "POST",
      url: "/api/public/appeals",
      payload: {
        communityId: env.world.communityId,
        appealType: "complaint",
        categoryCode: "JM01",
        title: "消防通道被占",
        content: "小区消防通道长期停车",
        name: "周女士",
        phone: "13600001234",
      },
    });
    expect(sub.statusCode, sub.body).toBe(201);
    const no = sub.json().trackingNo;
    expect((await env.app.inject({ url: `/api/public/appeals/${no}?phone4=9999` })).statusCode).toBe(404);
    const t = await env.app.inject({ url: `/api/public/appeals/${no}?phone4=1234` });
    expect(t.json()).toMatchObject({ trackingNo: no, status: "registered", canVisit: false });
    expect(t.body).not.toContain("13600001234");
    expect(t.body).not.toContain("周女士");
    // Staff handle it to the close, then the resident answers 不满意 from the public page.
    const staff = await env.login("staff");
    const id = (await env.database.db.selectFrom("appeals").select("id").where("tracking_no", "=", no).executeTakeFirstOrThrow()).id;
    await staff.post(`/api/appeals/${id}/dispatch`, { toCommunity: true });
    await staff.post(`/api/appeals/${id}/sign`, {});
    await staff.post(`/api/appeals/${id}/contact`, {});
    await staff.post(`/api/appeals/${id}/close`, { answer: "已联系车主挪车", resolved: true });
    expect((await env.app.inject({ url: `/api/public/appeals/${no}?phone4=1234` })).json().canVisit).toBe(true);
    const v = await env.app.inject({
      method: "POST",
      url: `/api/public/appeals/${no}/visit`,
      payload: { phone4: "1234", resolved: false, satisfaction: "unsatisfied", note: "又停满了" },
    });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json().status).toBe("dispatched");
    const detail = (await staff.get(`/api/appeals/${id}`)).json();
    expect(detail.reopenCount).toBe(1);
    expect(detail.timeline.at(-2)).toMatchObject({ action: "visit", actorName: "诉求人（网上评价）" });
    // Bad input is a 400, never a 500.
    const bad = await env.app.inject({
      method: "POST",
      url: "/api/public/appeals",
      payload: {
        communityId: env.world.communityId,
        categoryCode: "ZZ99",
        appealType: "help",
        title: "xx",
        content: "xxxxxx",
        name: "a",
        phone: "13600001234",
      },
    });
    expect(bad.statusCode).toBe(400);
  });
});
