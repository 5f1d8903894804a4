import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choose, flow, launch, login, newPage, type Server, shot, startServer, still } from "./harness.js";

// 三务公开 in the browser: staff propose an item with a phone number in it; at 保密审核 the
// reviewer sees the number flagged and passing is refused until it is confirmed; the leader
// approves and the item is on the public portal on a phone (no account); it is withdrawn with its
// reason and the phone shows it as withdrawn.
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

async function statusIs(page: Page, text: string) {
  await page.waitForFunction((t) => (globalThis as any).document.querySelector("[data-testid=item-status]")?.textContent === t, text, { timeout: 15_000 });
}

describe("the disclosure portal in the browser", () => {
  it("staff propose, the reviewer flags a phone, the leader approves; it is public on a phone, then withdrawn", async () => {
    const title = `福民社区停车场收费标准公示${Date.now() % 10000}`;
    let id = "";
    await flow(browser, "portal-propose", null, async (page) => {
      await login(page, server.url, "staff");
      await page.waitForURL(/\/dashboard|\/$/);
      await page.goto(`${server.url}/portal/items`);
      await page.getByTestId("new-item").click();
      const d = page.getByRole("dialog");
      await d.waitFor();
      await still(page);
      await choose(page, d, "栏目", "收支情况", { type: "收支" });
      await d.getByTestId("item-title").fill(title);
      const [start, end] = [d.getByPlaceholder("开始日期"), d.getByPlaceholder("结束日期")];
      await start.click();
      await start.fill("2024-12-01");
      await end.click();
      await end.fill("2024-12-31");
      await end.press("Tab");
      await d.getByTestId("item-body").fill("<p>临时停车每小时3元。咨询电话13912345678。</p>");
      await d.getByRole("button", { name: /提出/ }).click();
      await page.waitForURL(/\/portal\/items\/[0-9a-f-]{36}$/);
      id = page.url().split("/").pop() as string;
      await statusIs(page, "待保密审核");
    });
    await flow(browser, "portal-review", null, async (page) => {
      await login(page, server.url, "leader");
      await page.waitForURL(/\/dashboard|\/$/);
      await page.goto(`${server.url}/portal/items/${id}`);
      await page.getByTestId("findings").waitFor();
      expect(await page.getByTestId("findings").textContent()).toContain("13912345678");
      expect(await page.locator("mark[data-finding=phone]").textContent()).toBe("13912345678");
      await shot(page, "portal-review-flagged");
      await page.getByTestId("review-pass").click();
      await page.getByTestId("step-error").waitFor();
      expect(await page.getByTestId("step-error").textContent()).toContain("139****5678");
      await page.getByTestId("confirm-phone").fill("停车场公开的咨询电话，非个人信息");
      await page.getByTestId("review-pass").click();
      await statusIs(page, "待审批");
      await page.getByTestId("approve").click();
      await statusIs(page, "已发布");
    });
    const { context, page: phone } = await newPage(browser, { phone: true });
    try {
      await phone.goto(`${server.url}/public/disclosure/440309008003/items/${id}`);
      await phone.getByTestId("public-title").waitFor();
      expect(await phone.getByTestId("public-title").textContent()).toContain(title);
      await shot(phone, "portal-public-item-phone");
      await flow(browser, "portal-withdraw", null, async (page) => {
        await login(page, server.url, "leader");
        await page.waitForURL(/\/dashboard|\/$/);
        await page.goto(`${server.url}/portal/items/${id}`);
        await page.getByTestId("withdraw-reason").fill("收费标准经议事会复议后调整");
        await page.getByTestId("withdraw").click();
        await statusIs(page, "已撤回");
      });
      await phone.reload();
      await phone.getByTestId("withdrawn").waitFor();
      expect(await phone.getByTestId("withdrawn").textContent()).toContain("收费标准经议事会复议后调整");
      await phone.goto(`${server.url}/public/disclosure/440309008003?tab=finance`);
      await phone.getByTestId("public-item").first().waitFor();
      await shot(phone, "portal-public-list-phone");
    } finally {
      await context.close();
    }
  });
});
