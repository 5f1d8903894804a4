import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, login, newPage, type Server, shot, startServer } from "./harness.js";

// 工作台 (issue 16): every demo role lands where its work is, on a phone and on a PC, with content
// and no error; the to-do count is in the header of those who have a workbench.
let server: Server;
let browser: Browser;
const base = () => process.env.WORKBENCH_E2E_URL ?? server.url;

beforeAll(async () => {
  if (!process.env.WORKBENCH_E2E_URL) server = await startServer();
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const HOMES: Array<[string, RegExp]> = [
  ["leader", /^\/dashboard/],
  ["staff", /^\/dashboard/],
  ["supervisor", /^\/dashboard/],
  ["grid01", /^\/dashboard/],
  ["admin", /^\/dashboard/],
  ["patrol01", /^\/patrol\/mine/],
  ["volunteer01", /^\/my-volunteer/],
  ["mediator", /^\/safety\/disputes/],
  ["auditor", /^\/audit/],
  ["secadmin", /^\/accounts/],
];

async function checkHome(page: Page, username: string, home: RegExp, device: string) {
  await login(page, base(), username);
  await page.waitForURL((u) => home.test(u.pathname), { timeout: 15_000 });
  // Settled: no request in flight, no skeleton or spinner left.
  await page.waitForLoadState("networkidle");
  await page
    .locator(".ant-skeleton-active, .page-spin")
    .first()
    .waitFor({ state: "detached", timeout: 10_000 })
    .catch(() => {});
  const content = page.locator(".shell-content");
  // biome-ignore lint/performance/useDomNodeTextContent: the text shown, not the pages' <style> contents
  const text = (await content.innerText()).replace(/社区 · 数字社区工作台|Shequ · Digital community workbench/, "").trim();
  if (!text || /加载失败|无权|Could not load|No access/.test(text)) await shot(page, `FAILED-workbench-${device}-${username}`);
  expect(text.length, `${username} on ${device}: home is empty`).toBeGreaterThan(10);
  expect(text, `${username} on ${device}`).not.toMatch(/加载失败|无权访问|无权执行|Could not load|No access/);
}

describe("workbench: every role's home", () => {
  it("every demo role, on a phone and on a PC, lands on its work with content and no error", async () => {
    for (const phone of [true, false]) {
      const device = phone ? "phone" : "pc";
      const { context, page }: { context: BrowserContext; page: Page } = await newPage(browser, { phone });
      try {
        for (const [username, home] of HOMES) {
          await context.clearCookies();
          await checkHome(page, username, home, device);
          if (username === "leader") {
            await page.getByTestId("todos").waitFor();
            await shot(page, `workbench-${device}-leader`);
            // the header's bell carries the count
            await expect(page.getByTestId("todo-bell").isVisible()).resolves.toBe(true);
          }
          if (username === "patrol01" || username === "volunteer01") await shot(page, `workbench-${device}-${username}`);
        }
      } finally {
        await context.close();
      }
    }
  }, 240_000);
});
