import { describe, expect, it } from "vitest";
import { editRefusal, newVersionRefusal, nextState } from "./reports.life.rules.js";

describe("the annual report's life", () => {
  it("goes 草稿 → 审核 → 定稿 → 发布, reviewed by another person than the author", () => {
    expect(nextState("draft", "submit", "a", null)).toEqual({ to: "review" });
    expect(nextState("review", "approve", "b", "a")).toEqual({ to: "final" });
    expect(nextState("review", "return", "b", "a")).toEqual({ to: "draft" });
    expect(nextState("final", "publish", "a", "a")).toEqual({ to: "published" });
  });
  it("refuses a step from the wrong state and the author's own review", () => {
    expect(nextState("draft", "publish", "a", null)).toMatchObject({ refused: { zh: expect.stringContaining("不能发布") } });
    expect(nextState("published", "submit", "a", "a")).toMatchObject({ refused: { zh: expect.stringContaining("「发布」") } });
    expect(nextState("review", "approve", "a", "a")).toMatchObject({ refused: { zh: "审核须由报告作者以外的人进行" } });
  });
  it("edits only a draft; a new version only of a published report", () => {
    expect(editRefusal("draft")).toBeNull();
    expect(editRefusal("published")?.zh).toContain("新建版本");
    expect(editRefusal("review")?.en).toContain("return it to draft");
    expect(newVersionRefusal("published")).toBeNull();
    expect(newVersionRefusal("draft")?.zh).toContain("只有已发布");
  });
});
