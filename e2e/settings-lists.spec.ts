import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isListSetting, listSummary, listToText, splitItems, textToList } from "../web/features/settings/list-value.js";
import { flow, launch, login, type Server, shot, startServer } from "./harness.js";

// List-valued settings on the settings page (the party calendar: public holidays and 调休 dates),
// edited as text, one item a line or separated by commas; and ending a company board member, the
// chair leaving the company without one.
let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function settingValue(page: Page, key: string) {
  const items: Array<{ key: string; value: unknown; overridden: boolean }> = (await (await page.request.get(`${server.url}/api/settings`)).json()).items;
  return items.find((s) => s.key === key);
}

describe("list values as text", () => {
  it("split on lines, commas, semicolons and spaces; numbers for a numeric list", () => {
    expect(splitItems("2024-10-01, 2024-10-02\n2024-10-03；2024-10-04、 2024-10-05\n\n")).toEqual([
      "2024-10-01",
      "2024-10-02",
      "2024-10-03",
      "2024-10-04",
      "2024-10-05",
    ]);
    expect(textToList("a, b", ["x"])).toEqual({ ok: true, value: ["a", "b"] });
    expect(textToList("", ["x"])).toEqual({ ok: true, value: [] });
    expect(textToList("1, 2.5\n3", [7])).toEqual({ ok: true, value: [1, 2.5, 3] });
    expect(textToList("1, zwei", [7])).toEqual({ ok: false, bad: "zwei" });
    expect(listToText(["2024-10-01", "2024-10-02"])).toBe("2024-10-01\n2024-10-02");
    expect(listSummary(["a", "b", "c", "d", "e"])).toBe("a, b, c … (5)");
    expect(isListSetting({ default: ["a"], value: ["a"] })).toBe(true);
    expect(isListSetting({ default: [], value: [] })).toBe(true);
    expect(isListSetting({ default: { a: 1 }, value: { a: 1 } })).toBe(false);
    expect(isListSetting({ default: [{ a: 1 }], value: [] })).toBe(false);
  });
});

describe("the settings page and the boards in the browser", () => {
  it("edits the public holidays as text, saves a list, and shows the server's refusal of a date that does not exist", async () => {
    await flow(browser, "settings-lists", null, async (page) => {
      await login(page, server.url, "admin");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/settings`);
      const box = page.getByLabel("party.public_holidays", { exact: true });
      await box.waitFor();
      // One date a line, the State Council's 2024 and 2025 dates as defaults.
      const shown = await box.inputValue();
      expect(shown.split("\n")).toHaveLength(56);
      expect(shown).toContain("2024-10-01\n2024-10-02");
      const row = page.locator("tr", { has: box });
      await row.getByText("2024-01-01, 2024-02-10, 2024-02-11 … (56)").waitFor();
      await box.scrollIntoViewIfNeeded();
      await shot(page, "settings-lists-zh");

      await box.fill("2024-10-03, 2024-10-01\n2024-10-02 2024-10-01");
      await row.getByText("共 4 项").waitFor();
      await row.getByRole("button", { name: /保\s*存/ }).click();
      await page.locator(".ant-message").getByText("设置已保存").first().waitFor();
      // Stored sorted, without repeats; shown again one a line.
      expect(await settingValue(page, "party.public_holidays")).toMatchObject({ value: ["2024-10-01", "2024-10-02", "2024-10-03"], overridden: true });
      await expect.poll(() => box.inputValue()).toBe("2024-10-01\n2024-10-02\n2024-10-03");

      await box.fill("2024-10-01\n2024-02-30");
      await row.getByRole("button", { name: /保\s*存/ }).click();
      await page
        .locator(".ant-message")
        .getByText(/日期不存在/)
        .first()
        .waitFor();
      const workdays = page.getByLabel("party.adjusted_workdays", { exact: true });
      await workdays.fill("2024-10-12, 2024-10-14");
      await page
        .locator("tr", { has: workdays })
        .getByRole("button", { name: /保\s*存/ })
        .click();
      await page
        .locator(".ant-message")
        .getByText(/2024-10-14 不是周六或周日/)
        .first()
        .waitFor();
      expect(await settingValue(page, "party.public_holidays")).toMatchObject({ value: ["2024-10-01", "2024-10-02", "2024-10-03"] });
      expect((await settingValue(page, "party.adjusted_workdays"))?.overridden).toBe(false);
    });
  });

  it("ends a company's chair: the card says it has no chair", async () => {
    await flow(browser, "party-board-end", null, async (page) => {
      await login(page, server.url, "leader");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/party/elections`);
      const card = page
        .locator(".ant-card")
        .filter({ has: page.locator("td", { hasText: "董事长" }) })
        .first();
      await card.waitFor();
      const company = ((await card.locator(".ant-card-head-title").textContent()) ?? "").trim();
      const chairRow = card.locator("tr", { has: page.locator("td", { hasText: /^董事长$/ }) });
      const chair = ((await chairRow.locator("td").nth(1).textContent()) ?? "").trim();
      await chairRow.getByRole("button", { name: /离任/ }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText(`${chair}不再担任${company}董事长`).waitFor();
      await dialog.getByText(/该公司暂无董事长/).waitFor();
      await page.waitForTimeout(400);
      await shot(page, "party-board-end-zh");
      await dialog.getByRole("button", { name: /确认离任/ }).click();
      await page.locator(".ant-message").getByText("已登记离任").first().waitFor();
      const after = page.locator(".ant-card").filter({ has: page.locator(".ant-card-head-title", { hasText: company }) });
      await after.getByText("董事长空缺").waitFor();
      expect(await after.locator("td", { hasText: chair }).count()).toBe(0);
    });
  });
});
