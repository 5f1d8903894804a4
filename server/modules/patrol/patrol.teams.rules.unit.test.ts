import { describe, expect, it } from "vitest";
import { addedMembers, mayPatrol, memberRefusal } from "./patrol.teams.rules.js";

// Who may join a patrol team of 福民社区 (path /d/s/c/), without a database.

const C = "/d/s/c/";
const account = (over: Partial<{ display_name: string; role: string; disabled: number; path: string | null }> = {}) => ({
  display_name: "巡查员甲",
  role: "patrol",
  disabled: 0,
  path: `${C}g1/`,
  ...over,
});

describe("team members", () => {
  it("takes active accounts with a role that checks in, scoped to the community or one of its grids", () => {
    expect(memberRefusal(account(), C)).toBeNull();
    expect(memberRefusal(account({ path: C }), C)).toBeNull();
    expect(memberRefusal(account({ role: "grid" }), C)).toBeNull();
    expect(memberRefusal(account({ role: "volunteer" }), C)).toBeNull();
  });
  it("refuses a disabled account, a role that cannot patrol, and a scope outside the community, saying why", () => {
    expect(memberRefusal(account({ disabled: 1 }), C)?.zh).toContain("已停用");
    expect(memberRefusal(account({ role: "mediator" }), C)?.zh).toContain("不能巡查打卡");
    expect(memberRefusal(account({ role: "auditor" }), C)?.en).toContain("cannot patrol");
    expect(memberRefusal(account({ path: "/d/s/other/" }), C)?.zh).toContain("不在该社区内");
    expect(memberRefusal(account({ path: "/d/s/" }), C)?.zh).toContain("不在该社区内");
    expect(memberRefusal(account({ path: null }), C)).not.toBeNull();
  });
  it("checks only the members a change adds", () => {
    expect(addedMembers(["a", "b"], ["b", "c", "d"])).toEqual(["c", "d"]);
    expect(addedMembers(["a"], [])).toEqual([]);
  });
  it("lists as officers the roles that may check in", () => {
    expect(["patrol", "grid", "volunteer", "leader"].every(mayPatrol)).toBe(true);
    expect(["mediator", "staff", "sysadmin"].some(mayPatrol)).toBe(false);
  });
});
