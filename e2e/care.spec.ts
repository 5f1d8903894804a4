import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flow, launch, login, type Server, shot, startServer, still } from "./harness.js";

// 关爱帮扶 and 群团 in the browser: from a household's page, a 慰问活动 covering it and a second
// household is recorded; it shows on the household's page and the care figures of the year move
// (one visit, two household-visits). Then the 2024 honours list names the report's nominees.
let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const year = today.slice(0, 4);

describe("care and honours in the browser", () => {
  it("records a 慰问活动 covering two households; it shows on a household's page and the figures move", async () => {
    await flow(browser, "care-visit", null, async (page) => {
      await login(page, server.url, "staff");
      await page.waitForURL(/dashboard/);
      const api = async (url: string) => (await page.request.get(`${server.url}${url}`)).json();
      const region = (await api("/api/auth/me")).scope.regionId;
      const figure = async (key: string) => (await api(`/api/figures/${key}?region=${region}&from=${year}-01-01&to=${year}-12-31`)).value as number;
      const before = { visits: await figure("care.visits"), households: await figure("care.households") };
      const first = (await api("/api/care/households?unvisited=1&pageSize=1")).items[0];
      await page.goto(`${server.url}/care/households/${first.id}`);
      await page.getByRole("button", { name: /登记走访/ }).click();
      const d = page.getByRole("dialog");
      await d.waitFor();
      await still(page);
      const title = `冬至暖心慰问活动${Date.now() % 10000}`;
      await d.getByLabel("名称").fill(title);
      await d.getByText("慰问活动", { exact: true }).click();
      // The household of this page is chosen already; add another one.
      await d.getByLabel("走访的困难户").click();
      const other = page.locator(".ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-selected)").first();
      await other.waitFor();
      await other.click();
      await page.keyboard.press("Escape");
      await d.getByLabel("物资（每户）").fill("米、油");
      await d.getByLabel("慰问金（元/户）").fill("300");
      await shot(page, "care-visit-form");
      await d.getByRole("button", { name: /^登\s*记$/ }).click();
      await d.waitFor({ state: "hidden" });
      const line = page.getByTestId("visit-line").filter({ hasText: title });
      await line.waitFor();
      expect(await line.textContent()).toContain("300元");
      await shot(page, "care-household-page");
      expect(await figure("care.visits")).toBe(before.visits + 1);
      expect(await figure("care.households")).toBe(before.households + 2);
    });
  });

  it("the honours of 2024 name 陈苗叶 (masked) and 鹏城驾校团支部 for 两红两优", async () => {
    await flow(browser, "honours", null, async (page) => {
      await login(page, server.url, "leader");
      await page.waitForURL(/dashboard/);
      await page.goto(`${server.url}/massorgs/honours?year=2024`);
      const row = page.getByRole("row").filter({ hasText: "鹏城驾校团支部" });
      await row.waitFor();
      expect(await row.textContent()).toContain("两红两优");
      expect(await page.getByRole("row").filter({ hasText: "陈**" }).count()).toBeGreaterThan(0);
      await shot(page, "massorgs-honours");
    });
  });
});
