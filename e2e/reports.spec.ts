import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flow, launch, login, type Server, shot, startServer, still } from "./harness.js";

// 年度工作报告 in the browser: the demo's 2024 report, published by its demo (frozen); a number opens
// its drill-down, whose records number exactly what the report says; a new version of the published
// report is a draft again, and a sentence edited in its template is saved and printed.
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

describe("the annual report in the browser", () => {
  it("links a number to its records (as many as it says); a new version prints a sentence edited in the template", async () => {
    await flow(browser, "reports-annual", null, async (page) => {
      await login(page, server.url, "leader");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/reports/annual/2024`);
      const num = page.locator('.report-num[data-figure="party.committee_meetings"]').first();
      await num.waitFor();
      const printed = (await num.textContent())?.trim();
      expect(printed).toBe("46");
      await shot(page, "reports-annual-2024");
      await num.click();
      const total = page.getByText(`共 ${printed} 条`, { exact: true }).first();
      await total.waitFor({ timeout: 15_000 });
      await still(page);
      await shot(page, "reports-annual-drilldown");
      await page.keyboard.press("Escape");
      await total.waitFor({ state: "hidden" });

      // Published by the demo: no template to edit until a new version is made.
      await page.getByText("已发布，数字冻结于").first().waitFor();
      expect(await page.getByRole("button", { name: "编辑模板" }).count()).toBe(0);
      await page.getByRole("button", { name: "新建版本" }).click();

      await page.getByRole("button", { name: "编辑模板" }).click();
      const sentence = page.getByLabel("第3节第1段第2句", { exact: true });
      await sentence.waitFor();
      await sentence.fill("全年共召开党委会议{party.committee_meetings}次，研究部署社区重大事项。");
      await page.getByRole("button", { name: "保存为新版本" }).click();
      await page.locator(".report-doc").getByText("全年共召开党委会议").waitFor({ timeout: 15_000 });
      expect(await page.locator(".report-doc").textContent()).toContain("全年共召开党委会议46次，研究部署社区重大事项。");
      await page.getByText("修改模板 · ").first().waitFor();
    });
  });
});
