import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idNumberValid } from "../../../contracts/platform.js";
import { toXlsx } from "../../io/xlsx.js";
import { fixedClock } from "../../platform/clock.js";
import { type Agent, type TestEnv, testEnv } from "../../test/helpers.js";
import { importKit, readXlsx } from "../../test/http.js";

// The 群团 registers as a community moving in fills them: each template's example row imports as it
// is (checked, created, unchanged when read again); a file of several rows; a file with bad rows
// (unknown person, bad date, unknown organisation, a repeated row) refused whole, each line naming
// its row and column in Chinese and English; the exports (masked, or revealed by a leader) read back
// by the imports change nothing; each export audited.

let env: TestEnv;
let leader: Agent;
let community: string;
const people: Array<{ id: string; name: string; idNumber: string }> = [];

/** A fictitious resident ID number with its check digit. */
function idNo(seq: number) {
  const body = `44030919850101${String(seq).padStart(3, "0")}`;
  const c = "0123456789X"
    .split("")
    .map((d) => body + d)
    .find(idNumberValid);
  if (!c) throw new Error("no check digit");
  return c;
}
const sheet = (rows: Array<Record<string, string>>) =>
  toXlsx(
    "sheet",
    [...new Set(rows.flatMap((r) => Object.keys(r)))].map((h) => ({ header: h, key: h })),
    rows,
  );
const { upload, ok, template } = importKit(
  () => leader,
  () => community,
);
const download = async (url: string) => {
  const r = await leader.get(url);
  expect(r.statusCode, r.body).toBe(200);
  return { buf: r.rawPayload, rows: await readXlsx(r.rawPayload) };
};

beforeAll(async () => {
  env = await testEnv({ clock: fixedClock("2025-02-10T02:00:00Z"), people: 4 });
  community = env.world.communityId;
  leader = await env.login("leader");
  const f = env.factories;
  const g0 = env.world.grids[0];
  await f.makeOrg(community, { name: "社区妇联", kind: "妇联", foundedOn: "2020-03-08" });
  await f.makeOrg(community, { name: "测试团委", kind: "团委", foundedOn: "2021-05-04" });
  for (let i = 1; i <= 3; i++) {
    const idNumber = idNo(i);
    const p = await f.makePerson(community, g0, { name: `林${"一二三"[i - 1]}梅`, gender: "F", kind: "registered", idNumber, birthDate: "1985-01-01" });
    people.push({ id: p.id, name: `林${"一二三"[i - 1]}梅`, idNumber });
  }
});
afterAll(() => env?.close());

describe("massorgs templates", () => {
  it("each template's example row imports as it is: checked, created, then unchanged", async () => {
    const m = await template("/api/massorgs/members/import");
    expect(Object.keys(m.row)).toEqual(["组织", "姓名", "身份证号", "职务", "加入日期", "退出日期"]);
    expect(idNumberValid(m.row.身份证号)).toBe(true);
    // The resident the example names, on the people registry (its ID number passes the registry's checksum).
    await env.factories.makePerson(community, env.world.grids[0], {
      name: m.row.姓名,
      gender: "M",
      kind: "registered",
      idNumber: m.row.身份证号,
      birthDate: "1990-01-01",
    });
    expect(await upload("/api/massorgs/members/import", m.buf, "&dryRun=1")).toEqual(ok(1, 0, true));
    expect(await upload("/api/massorgs/members/import", m.buf)).toEqual(ok(1));
    expect(await upload("/api/massorgs/members/import", m.buf)).toEqual(ok(0, 1));

    const b = await template("/api/massorgs/brand-projects/import");
    expect(Object.keys(b.row)).toEqual(["组织", "项目名称", "启动日期", "项目简介"]);
    expect(await upload("/api/massorgs/brand-projects/import", b.buf, "&dryRun=1")).toEqual(ok(1, 0, true));
    expect(await upload("/api/massorgs/brand-projects/import", b.buf)).toEqual(ok(1));
    expect(await upload("/api/massorgs/brand-projects/import", b.buf)).toEqual(ok(0, 1));

    const n = await template("/api/massorgs/nominations/import");
    expect(Object.keys(n.row)).toEqual(["被推荐类型", "被推荐人姓名", "被推荐人身份证号", "被推荐组织", "奖项", "级别", "推荐日期", "推荐单位", "备注"]);
    expect(await upload("/api/massorgs/nominations/import", n.buf, "&dryRun=1")).toEqual(ok(1, 0, true));
    expect(await upload("/api/massorgs/nominations/import", n.buf)).toEqual(ok(1));
    expect(await upload("/api/massorgs/nominations/import", n.buf)).toEqual(ok(0, 1));

    const orgs = (await leader.get("/api/massorgs/orgs")).json().items as any[];
    const fed = orgs.find((o) => o.name === "社区妇联");
    expect(fed).toMatchObject({ members: 1, brandProjects: 1 });
    const noms = (await leader.get("/api/massorgs/nominations?year=2024")).json().items as any[];
    expect(noms).toEqual([expect.objectContaining({ award: "最美家庭", level: "subdistrict", nomineeName: "张*", result: "pending" })]);
  });
});

describe("massorgs imports", () => {
  const [a, b, c] = [0, 1, 2].map((i) => () => people[i]);

  it("members, leaders and a member who left: all stored through the service's rules, with their audit entries", async () => {
    const file = await sheet([
      { 组织: "测试团委", 姓名: a().name, 身份证号: a().idNumber, 职务: "主席/书记", 加入日期: "2021/5/4", 退出日期: "" },
      { 组织: "测试团委", 姓名: "", 身份证号: b().idNumber, 职务: "", 加入日期: "2022-01-10", 退出日期: "2024-12-31" },
      { 组织: "社区妇联", 姓名: c().name, 身份证号: c().idNumber.toLowerCase(), 职务: "Deputy", 加入日期: "2023-03-08", 退出日期: "" },
    ]);
    expect(await upload("/api/massorgs/members/import", file, "&dryRun=1")).toEqual(ok(3, 0, true));
    expect(await upload("/api/massorgs/members/import", file)).toEqual(ok(3));
    expect(await upload("/api/massorgs/members/import", file)).toEqual(ok(0, 3));
    const league = ((await leader.get("/api/massorgs/orgs")).json().items as any[]).find((o) => o.name === "测试团委");
    const d = (await leader.get(`/api/massorgs/orgs/${league.id}`)).json();
    expect(d.org).toMatchObject({ members: 1, leaders: ["林**"] });
    expect(d.members.map((m: any) => [m.personId, m.role, m.joinedOn, m.leftOn])).toEqual([
      [a().id, "chair", "2021-05-04", null],
      [b().id, "member", "2022-01-10", "2024-12-31"],
    ]);
    const audit = await env.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", league.id)
      .where("action", "like", "massorgs.%")
      .execute();
    expect(audit.map((x) => x.action).sort()).toEqual(["massorgs.member.add", "massorgs.member.add", "massorgs.member.leave"]);

    const projects = await sheet([{ 组织: "测试团委", 项目名称: "青春驿站", 启动日期: "2023-05-04", 项目简介: "青年议事" }]);
    expect(await upload("/api/massorgs/brand-projects/import", projects)).toEqual(ok(1));
    const honours = await sheet([
      { 被推荐类型: "组织", 被推荐组织: "测试团委", 奖项: "五四红旗团支部", 级别: "区级", 推荐日期: "2024-04-20", 推荐单位: "中共福民社区委员会" },
      { 被推荐类型: "", 被推荐组织: "", 被推荐人身份证号: a().idNumber, 奖项: "优秀共青团员", 级别: "district", 推荐日期: "2024-04-20", 推荐单位: "测试团委" },
    ]);
    expect(await upload("/api/massorgs/nominations/import", honours)).toEqual(ok(2));
    expect(await upload("/api/massorgs/nominations/import", honours)).toEqual(ok(0, 2));
  });

  it("a file with bad rows is refused whole, each line naming its row and column, in Chinese and English", async () => {
    const before = await env.database.db
      .selectFrom("mo_members")
      .select((e) => e.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const rows = [
      { 组织: "测试团委", 姓名: c().name, 身份证号: c().idNumber, 职务: "成员", 加入日期: "2024-06-01", 退出日期: "" },
      { 组织: "测试团委", 姓名: "", 身份证号: idNo(99), 职务: "", 加入日期: "2024-06-01", 退出日期: "" },
      { 组织: "测试团委", 姓名: "", 身份证号: b().idNumber, 职务: "", 加入日期: "2024-02-30", 退出日期: "" },
      { 组织: "没有的妇联", 姓名: "", 身份证号: b().idNumber, 职务: "", 加入日期: "2024-06-01", 退出日期: "" },
      { 组织: "测试团委", 姓名: c().name, 身份证号: c().idNumber, 职务: "成员", 加入日期: "2024-06-01", 退出日期: "" },
      { 组织: "测试团委", 姓名: "", 身份证号: b().idNumber, 职务: "团长", 加入日期: "2024-06-01", 退出日期: "" },
      { 组织: "测试团委", 姓名: "王五", 身份证号: b().idNumber, 职务: "", 加入日期: "2024-06-01", 退出日期: "" },
      { 组织: "测试团委", 姓名: "", 身份证号: a().idNumber, 职务: "", 加入日期: "2024-06-01", 退出日期: "" },
      { 组织: "测试团委", 姓名: "", 身份证号: b().idNumber, 职务: "", 加入日期: "2026-01-01", 退出日期: "" },
    ];
    const file = await sheet(rows);
    const zh = await upload("/api/massorgs/members/import", file);
    expect(zh.created + zh.unchanged).toBe(1);
    expect(zh.errors.map((e: any) => e.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    const msg = (r: any[], row: number) => r.find((e) => e.row === row)?.message;
    expect(msg(zh.errors, 3)).toMatch(/^身份证号：本社区人口库中没有身份证号/);
    expect(msg(zh.errors, 3)).not.toContain(idNo(99)); // the refused ID number is masked in the report
    expect(msg(zh.errors, 4)).toBe("加入日期“2024-02-30”不是日期（YYYY-MM-DD）");
    expect(msg(zh.errors, 5)).toBe("组织：本社区没有名为“没有的妇联”的群团组织");
    expect(msg(zh.errors, 6)).toBe("与第 2 行重复");
    expect(msg(zh.errors, 7)).toMatch(/^职务“团长”应为/);
    expect(msg(zh.errors, 8)).toBe("姓名与人口库不一致");
    expect(msg(zh.errors, 9)).toBe("此人已是该组织成员");
    expect(msg(zh.errors, 10)).toBe("加入日期不能晚于今天");
    const en = await upload("/api/massorgs/members/import", file, "", "en");
    expect(en.errors.map((e: any) => e.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(msg(en.errors, 4)).toBe('Joined "2024-02-30" is not a date (YYYY-MM-DD)');
    expect(msg(en.errors, 5)).toBe('Organisation: no mass organisation named "没有的妇联" in this community');
    expect(msg(en.errors, 6)).toBe("Repeats row 2");
    expect(msg(en.errors, 9)).toBe("This person is already a member");
    const after = await env.database.db
      .selectFrom("mo_members")
      .select((e) => e.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const honours = await sheet([
      { 被推荐人身份证号: a().idNumber, 奖项: "诺贝尔奖", 级别: "区级", 推荐日期: "2024-04-20" },
      { 被推荐人身份证号: a().idNumber, 奖项: "最美家庭", 级别: "国家级", 推荐日期: "2024-04-20" },
    ]);
    const h = await upload("/api/massorgs/nominations/import", honours);
    expect(h.errors).toEqual([
      { row: 2, message: "奖项“诺贝尔奖”不在设置的奖项列表中" },
      { row: 3, message: expect.stringMatching(/^级别“国家级”应为省级、市级、区级、街道级之一/) },
    ]);
  });
});

describe("massorgs exports", () => {
  it("masked by default; a leader's revealed export reads back unchanged; each export audited", async () => {
    const masked = await download("/api/massorgs/members/export.xlsx");
    expect(masked.rows.length).toBe(4);
    expect(masked.rows.every((r) => !people.some((p) => r.身份证号 === p.idNumber || r.姓名 === p.name))).toBe(true);
    const m = await download("/api/massorgs/members/export.xlsx?reveal=1");
    expect(m.rows.find((r) => r.身份证号 === people[1].idNumber)).toMatchObject({
      组织: "测试团委",
      职务: "成员",
      加入日期: "2022-01-10",
      退出日期: "2024-12-31",
    });
    expect(await upload("/api/massorgs/members/import", m.buf)).toEqual(ok(0, 4));

    const b = await download("/api/massorgs/brand-projects/export.xlsx");
    expect(b.rows.map((r) => r.项目名称).sort()).toEqual(["巾帼微家", "青春驿站"]);
    expect(await upload("/api/massorgs/brand-projects/import", b.buf)).toEqual(ok(0, 2));

    const n = await download("/api/massorgs/nominations/export.xlsx?year=2024&reveal=1");
    expect(n.rows).toHaveLength(3);
    expect(await upload("/api/massorgs/nominations/import", n.buf)).toEqual(ok(0, 3));
    expect((await download("/api/massorgs/nominations/export.xlsx?year=2023")).rows).toHaveLength(0);

    const audit = await env.database.db.selectFrom("audit_log").select(["action", "after"]).where("action", "like", "massorgs.%.export").execute();
    expect(audit.map((x) => x.action).sort()).toEqual([
      "massorgs.brand.export",
      "massorgs.members.export",
      "massorgs.members.export",
      "massorgs.nominations.export",
      "massorgs.nominations.export",
    ]);
    const after = audit.map((x) => (typeof x.after === "string" ? JSON.parse(x.after) : x.after) as { revealed?: boolean; rows: number });
    expect(
      after
        .filter((x) => x.revealed === true)
        .map((x) => x.rows)
        .sort(),
    ).toEqual([3, 4]);
  });
});
