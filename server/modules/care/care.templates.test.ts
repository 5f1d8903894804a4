import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idNumberValid } from "../../../contracts/platform.js";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";
import { importKit } from "../../test/http.js";

// The households' and the visits' templates as a community moving in fills them: the example row
// names a resident whose ID number passes the people registry's checksum, so once that resident is
// registered the example imports as it is — checked, created, then unchanged when read again; the
// visit's example row then visits the household the first template enrolled.

let env: TestEnv;
let leader: Agent;
const { upload, ok, template } = importKit(
  () => leader,
  () => env.world.communityId,
);

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2025-01-15T02:00:00Z"), people: 4 });
  leader = await env.login("leader");
});
afterAll(() => env?.close());

describe("care templates", () => {
  it("the households' template, then the visits' one, import as they are: checked, created, then unchanged", async () => {
    const h = await template("/api/care/households/import");
    expect(idNumberValid(h.row.户主身份证号)).toBe(true);
    await env.factories.makePerson(env.world.communityId, env.world.grids[0], {
      name: h.row.户主姓名,
      gender: "M",
      kind: "registered",
      idNumber: h.row.户主身份证号,
      birthDate: `${h.row.户主身份证号.slice(6, 10)}-${h.row.户主身份证号.slice(10, 12)}-${h.row.户主身份证号.slice(12, 14)}`,
    });
    expect(await upload("/api/care/households/import", h.buf, "&dryRun=1")).toEqual(ok(1, 0, true));
    expect(await upload("/api/care/households/import", h.buf)).toEqual(ok(1));
    expect(await upload("/api/care/households/import", h.buf)).toEqual(ok(0, 1));

    const v = await template("/api/care/visits/import");
    expect(v.row.户主身份证号).toBe(h.row.户主身份证号);
    expect(await upload("/api/care/visits/import", v.buf, "&dryRun=1")).toEqual(ok(1, 0, true));
    expect(await upload("/api/care/visits/import", v.buf)).toEqual(ok(1));
    expect(await upload("/api/care/visits/import", v.buf)).toEqual(ok(0, 1));
  });
});
