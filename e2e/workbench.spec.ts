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
  await page.waitForURL((u) => home.test(u.pathname), { timeout: 15_000 });
  // Settled: the page has drawn something besides the footer, and no request is in flight.
  await page
    .waitForFunction(
      () =>
        // biome-ignore lint/performance/useDomNodeTextContent: the text shown, not the pages' <style> contents
        (((globalThis as any).document.querySelector(".shell-content") as { innerText: string } | null)?.innerText ?? "")
          .replace(/社区 · 数字社区工作台|Shequ · Digital community workbench/, "")
          .trim().length > 10,
      undefined,
      { timeout: 15_000 },
    )
    .catch(() => {});
  await page.waitForLoadState("networkidle");
  await page.locator(".ant-skeleton-active, .page-spin").first().waitFor({ state: "detached", timeout: 10_000 });
  const content = page.locator(".shell-content");
  // biome-ignore lint/performance/useDomNodeTextContent: the text shown, not the pages' <style> contents
  const text = (await content.innerText()).replace(/社区 · 数字社区工作台|Shequ · Digital community workbench/, "").trim();
  if (!text || /加载失败|无权|Could not load|No access/.test(text)) await shot(page, `FAILED-workbench-${device}-${username}`);
  expect(text.length, `${username} on ${device}: home is empty`).toBeGreaterThan(10);
  expect(text, `${username} on ${device}`).not.toMatch(/加载失败|无权访问|无权执行|Could not load|No access/);
}

describe("workbench: every role's home", () => {
  it("every demo role, on a phone and on a PC, lands on its work with content and no error", async () => {
    // One login per role (logins are rate-limited per address): on the phone through the form,
    // then the same session on the PC.
    const phone = await newPage(browser, { phone: true });
    const pc = await newPage(browser, {});
    const contexts: BrowserContext[] = [phone.context, pc.context];
    try {
      for (const [username, home] of HOMES) {
        await phone.context.clearCookies();
        await login(phone.page, base(), username);
        await checkHome(phone.page, username, home, "phone");
        await pc.context.clearCookies();
        await pc.context.addCookies(await phone.context.cookies());
        await pc.page.goto(`${base()}/`);
        await checkHome(pc.page, username, home, "pc");
        for (const [device, page] of [
          ["phone", phone.page],
          ["pc", pc.page],
        ] as const) {
          if (username === "leader") {
            await page.getByTestId("todos").waitFor();
            // the header's bell carries the count
            await page.getByTestId("todo-bell").waitFor();
            if (device === "pc") await page.getByTestId("trends").waitFor();
          }
          if (["leader", "patrol01", "volunteer01", "grid01", "mediator"].includes(username)) await shot(page, `workbench-${device}-${username}`);
        }
      }
    } finally {
      for (const c of contexts) await c.close();
    }
  }, 240_000);
});
