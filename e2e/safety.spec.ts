import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flow, launch, login, type Server, shot, startServer, still } from "./harness.js";

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

async function as(page: Page, username: string) {
  await page.context().clearCookies();
  await login(page, server.url, username);
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}
const dialog = (page: Page) => page.getByRole("dialog");

describe("平安 safety in the browser", () => {
  it("a failed inspection item opens a hazard; it is rectified, verified by another person and closed", async () => {
    await flow(browser, "safety-hazard", null, async (page) => {
      await as(page, "staff");
      await page.goto(`${server.url}/safety/inspections`);
      await page.getByText("今日计划").first().waitFor();
      await shot(page, "safety-inspection-plan-zh");
      await page.getByRole("button", { name: /登记检查/ }).click();
      const d = dialog(page);
      await d.getByLabel("场所").fill("福民便利店");
      await page.getByTitle("福民便利店（商铺）").click();
      await d.getByLabel("检查人").fill("社区安全员、第1网格网格员");
      await d.getByText("灭火器在有效期内").waitFor();
      // The second checklist item fails.
      await d.locator(".ant-card").nth(1).getByText("不合格").click();
      await d.getByLabel("情况说明").fill("灭火器压力不足，已过期");
      await shot(page, "safety-inspection-form-zh");
      await d.getByRole("button", { name: /提\s*交/ }).click();
      await page.waitForURL(/\/safety\/inspections\/[0-9a-f-]{36}/);
      await page.getByRole("button", { name: /转为隐患/ }).click();
      await dialog(page)
        .getByRole("button", { name: /转为隐患/ })
        .click();
      await page.waitForURL(/\/safety\/hazards\/[0-9a-f-]{36}/);
      await page.getByText("已发现").first().waitFor();
      await page.getByText("灭火器在有效期内：灭火器压力不足，已过期").waitFor();

      await page.getByRole("button", { name: /交办整改/ }).click();
      await dialog(page).getByLabel("整改责任人").fill("福民便利店 店主");
      await dialog(page)
        .getByRole("button", { name: /确\s*定/ })
        .click();
      await page.getByText("整改中").first().waitFor();
      await page.getByRole("button", { name: /登记整改/ }).click();
      await dialog(page).getByLabel("整改情况").fill("已更换新灭火器两具");
      await dialog(page)
        .getByRole("button", { name: /确\s*定/ })
        .click();
      await page.getByText("待核查").first().waitFor();
      // The person who rectified cannot verify it.
      await page.getByRole("button", { name: /核查通过/ }).click();
      await dialog(page)
        .getByRole("button", { name: /确\s*定/ })
        .click();
      await page.getByText("整改人不能核查自己的整改").first().waitFor();
      await shot(page, "safety-hazard-self-check-refused-zh");
      const url = page.url();

      await as(page, "leader");
      await page.goto(url);
      await page.getByText("待核查").first().waitFor();
      await page.getByRole("button", { name: /核查通过/ }).click();
      await dialog(page).getByLabel("意见").fill("现场核查，灭火器已更换");
      await dialog(page)
        .getByRole("button", { name: /确\s*定/ })
        .click();
      await page.getByText("已核查").first().waitFor();
      await page.getByRole("button", { name: /销\s*号/ }).click();
      await dialog(page)
        .getByRole("button", { name: /确\s*定/ })
        .click();
      await page.getByText("已销号").first().waitFor();
      const text = await page.locator("main").textContent();
      expect(text).toContain("福民社区书记");
      await shot(page, "safety-hazard-closed-zh");
    });
  });

  it("a dispute goes 网格 → 社区 → 街道, is settled, and its agreement prints as DOCX", async () => {
    await flow(browser, "safety-dispute", null, async (page) => {
      await as(page, "leader");
      await page.goto(`${server.url}/safety/disputes`);
      await page.locator(".ant-table-row").first().waitFor();
      await shot(page, "safety-disputes-zh");
      await page.getByRole("button", { name: /登记纠纷/ }).click();
      const d = dialog(page);
      await d.getByLabel("网格（定格）").click();
      await page.getByTitle("第3网格", { exact: true }).click();
      await d.getByLabel("申请人", { exact: true }).fill("陈浏览");
      await d.getByLabel("被申请人", { exact: true }).fill("林测试");
      await d.getByLabel("纠纷概要").fill("楼上漏水导致楼下墙面发霉，双方就维修费争执");
      await d.getByRole("button", { name: /登\s*记/ }).click();
      await page.getByText(/已登记 TJ/).waitFor();
      await page.getByPlaceholder("编号 / 概要 / 当事人 / 用人单位").fill("陈浏览");
      await page.keyboard.press("Enter");
      await page.waitForURL(/q=/);
      await page.locator(".ant-table-row").getByText("陈浏览、林测试").waitFor();
      await page
        .getByRole("link", { name: /TJ\d{8}/ })
        .first()
        .click();
      await page.waitForURL(/\/safety\/disputes\/[0-9a-f-]{36}/);
      await page.getByText("陈浏览").first().waitFor();

      for (const [reason, level] of [
        ["网格调解未果，提交社区调委会", "社区"],
        ["社区调解未果，提请街道调委会", "街道"],
      ]) {
        await page.getByRole("button", { name: /上\s*报/ }).click();
        await dialog(page).getByLabel("上报理由").fill(reason);
        // A click on a dialog still zooming in can be lost on a slow machine (seen in CI: the second
        // escalation's dialog stayed open, filled in): wait for it to stand still, then for it to go.
        await still(page);
        await dialog(page)
          .getByRole("button", { name: /确\s*定/ })
          .click();
        await dialog(page).waitFor({ state: "hidden" });
        await page.locator(".ant-timeline").getByText(reason).waitFor();
        await page.locator(".page-title .ant-tag").getByText(level, { exact: true }).waitFor();
      }
      await page.getByRole("button", { name: /办\s*结/ }).click();
      const c = dialog(page);
      await c.getByLabel("纠纷事实与争议事项").fill("楼上卫生间防水层老化渗水");
      await c.getByLabel("协议内容").fill("林测试于十日内承担维修费 2000 元并修复防水层");
      await c.getByLabel("履行方式和期限").fill("现金一次付清");
      await c.getByLabel("陈浏览").check();
      await c.getByLabel("林测试").check();
      await c.getByLabel("调解员已签名").check();
      await c.getByRole("button", { name: /确\s*定/ }).click();
      await c.waitFor({ state: "hidden" });
      await page.locator(".page-title").getByText("调解成功").waitFor();
      await shot(page, "safety-dispute-settled-zh");
      const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /打印调解协议书/ }).click()]);
      expect(dl.suggestedFilename()).toMatch(/调解协议书-TJ.*\.docx$/);
      const file = await dl.path();
      const fs = await import("node:fs");
      const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file("word/document.xml")?.async("string");
      expect(xml).toContain("陈浏览");
      expect(xml).toContain("林测试");
      expect(xml).toContain("承担维修费 2000 元");
    });
  });
});
