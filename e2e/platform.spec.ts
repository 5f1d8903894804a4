import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flow, launch, login, type Server, shot, startServer } from "./harness.js";

// One real server (built web app, demo community, as `npm start` runs it) and Debian's Chromium.
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

describe("platform in the browser", () => {
  it("shows the login page in Chinese and refuses a wrong password with a clear message", async () => {
    await flow(browser, "login", null, async (page) => {
      await page.goto(`${server.url}/`);
      await page.waitForURL(/\/login/);
      await page.getByRole("button", { name: /登\s*录/ }).waitFor();
      await shot(page, "login-zh");
      await login(page, server.url, "leader", "wrong-Password1");
      await page.getByText("用户名或密码错误").first().waitFor();
      expect(page.url()).toContain("/login");
    });
  });

  it("leader: shell with the role's menu and scope, people list masked, drill-down from a figure", async () => {
    await flow(browser, "leader", null, async (page) => {
      await login(page, server.url, "leader");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      const menu = page.locator(".ant-menu");
      await menu.getByText("实有人口").first().waitFor();
      const menuText = await menu.first().textContent();
      expect(menuText).toContain("工作台");
      expect(menuText).toContain("组织");
      expect(menuText).not.toContain("审计日志");
      expect(menuText).not.toContain("账号");
      await expect(page.locator("header").textContent()).resolves.toContain("福民社区");

      await page.goto(`${server.url}/dashboard?year=2024`);
      await page.getByText("2024-01-01").first().waitFor();
      await page.getByText("实有人口").first().waitFor();
      // The registry's size as the figure says it (the demo's 3,000 residents and those its modules add).
      const people = (await (await page.request.get(`${server.url}/api/figures/platform.people?from=2024-01-01&to=2024-12-31`)).json()).value as number;
      expect(people).toBeGreaterThanOrEqual(3000);
      const shown = people.toLocaleString("en-US");
      await page.getByText(shown).first().waitFor();
      await shot(page, "dashboard-zh");
      await page.getByText(shown).first().click();
      const drawer = page.getByRole("dialog");
      await drawer.getByText("第1网格").first().waitFor();
      await shot(page, "dashboard-drilldown-zh");
      await page.keyboard.press("Escape");

      await page.goto(`${server.url}/people`);
      await page.locator(".ant-table-row").first().waitFor();
      const body = await page.locator(".ant-table-tbody").textContent();
      expect(body).toMatch(/\d{3}\*{11}[\dX]{4}/);
      expect(body).toMatch(/1\d{2}\*{4}\d{4}/);
      expect(body).not.toMatch(/\b\d{17}[\dX]\b/);
      await shot(page, "people-zh");
    });
  });

  it("leader reveals one ID number with a reason; the auditor finds the reveal in the audit log", async () => {
    await flow(browser, "reveal", null, async (page) => {
      await login(page, server.url, "leader");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/people?q=${encodeURIComponent("丁华")}`);
      const row = page.locator(".ant-table-row").first();
      await row.waitFor();
      await row.getByRole("button", { name: "查看完整信息" }).first().click();
      const modal = page.getByRole("dialog");
      await modal.getByText("查看原因").waitFor();
      await modal.locator("textarea").fill("入户走访核实身份");
      await modal.getByRole("button", { name: /确认查看/ }).click();
      await modal
        .getByText(/\d{17}[\dX]/)
        .first()
        .waitFor();
      await shot(page, "reveal-zh");
      await page.keyboard.press("Escape");

      // The same resident asks for a copy of their data (PIPL 复制): recorded, its deadline shown, the XLSX exported (audited).
      await page.goto(`${server.url}/people/pipl`);
      await page.getByRole("button", { name: /登记请求/ }).click();
      const form = page.getByRole("dialog");
      await form.locator("#personId").fill("丁华");
      await page.locator(".ant-select-item-option").first().click();
      await form.getByText("复制", { exact: true }).click();
      await form.getByRole("button", { name: /登\s*记/ }).click();
      const drawer = page.locator(".ant-drawer");
      await drawer
        .getByText(/剩 \d+ 个工作日/)
        .first()
        .waitFor();
      await drawer.getByTestId("pipl-export").click();
      await page.getByText("已导出（已记入审计日志）").first().waitFor();
      await shot(page, "pipl-copy-zh");
    });
    await flow(browser, "auditor", null, async (page) => {
      const auditor = { page };
      await login(auditor.page, server.url, "auditor");
      await auditor.page.waitForURL((u) => !u.pathname.startsWith("/login"));
      const menuText = await auditor.page.locator(".ant-menu").first().textContent();
      expect(menuText).toContain("审计日志");
      expect(menuText).not.toContain("实有人口");
      await auditor.page.goto(`${server.url}/audit`);
      await auditor.page.getByText("person.reveal").first().waitFor();
      await auditor.page.getByText("入户走访核实身份").first().waitFor();
      await auditor.page.getByText("pipl.export").first().waitFor();
      await auditor.page.getByRole("button", { name: /校验哈希链/ }).click();
      await auditor.page.getByText(/哈希链完整/).waitFor();
      await shot(auditor.page, "audit-zh");
    });
  });

  it("switches to English and works on a phone-sized screen", async () => {
    await flow(browser, "phone", { phone: true }, async (page) => {
      await login(page, server.url, "grid03");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/people`);
      await page.locator(".ant-table-row").first().waitFor();
      // A grid worker sees only their own grid.
      const grids = await page.locator(".ant-table-tbody").textContent();
      expect(grids).toContain("第3网格");
      expect(grids).not.toContain("第1网格");
      await shot(page, "people-phone-zh");
      await page.getByRole("button", { name: "打开菜单" }).click();
      await page.locator(".ant-drawer").getByText("实有人口").first().waitFor();
      await shot(page, "menu-phone-zh");
      await page.keyboard.press("Escape");
      await page.goto(`${server.url}/login`);
    });
    await flow(browser, "en", null, async (page) => {
      const en = { page };
      await login(en.page, server.url, "supervisor");
      await en.page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await en.page.getByText("EN", { exact: true }).first().click();
      await en.page.locator(".ant-menu").getByText("People").first().waitFor();
      await en.page.goto(`${server.url}/people`);
      await en.page.getByText("Registered").first().waitFor();
      await shot(en.page, "people-en");
    });
  });
});
