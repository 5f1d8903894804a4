import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flow, launch, login, type Server, startServer } from "./harness.js";

// 一张图 and 大屏 (issue 16): a leader on a phone switches the map's layers and opens a grid's panel;
// on a PC makes a screen link, a display opens the screen with it (no login, no scrollbars at
// 1920×1080), and once revoked the screen says so in both languages.
let server: Server;
let browser: Browser;
const base = () => process.env.MAP_E2E_URL ?? server.url;

beforeAll(async () => {
  if (!process.env.MAP_E2E_URL) server = await startServer();
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("map and screen", () => {
  it("a leader on a phone switches layers and opens a grid's panel", async () => {
    await flow(browser, "map-phone", { phone: true }, async (page) => {
      await login(page, base(), "leader");
      await page.waitForURL(/\/dashboard/);
      await page.goto(`${base()}/map`);
      const areas = page.locator("[data-testid=map] [data-area]");
      await areas.first().waitFor();
      expect(await areas.count()).toBe(12);
      // Patrol points and open hazards are on by default; switched off, their points leave the map.
      await page.locator("circle[data-point^='patrol.points:']").first().waitFor();
      await page.locator("circle[data-point^='safety.hazards:']").first().waitFor();
      await page.locator("[data-layer='safety.hazards']").click();
      await page.locator("circle[data-point^='safety.hazards:']").first().waitFor({ state: "detached" });
      expect(await page.locator("circle[data-point^='patrol.points:']").count()).toBeGreaterThan(10);
      await page.locator("[data-layer='patrol.points']").click();
      await page.locator("circle[data-point^='patrol.points:']").first().waitFor({ state: "detached" });
      // The counts per area (open appeals by default) are printed on the map: they add up to the total shown.
      await page.getByText(/在办诉求：合计 \d+/).waitFor();
      // A grid's panel: its grid worker and its layers' counts.
      await areas.first().click();
      const panel = page.locator("[data-testid=area-panel]");
      await panel.waitFor();
      await expect.poll(() => panel.textContent()).toMatch(/网格员/);
      await panel.locator("[data-panel-layer='care.households']").waitFor();
      expect(await panel.textContent()).not.toMatch(/加载失败|无权/);
    });
  });

  it("a signed link opens the screen with no login; revoked, the screen says so", async () => {
    let url = "";
    const { context: leaderCtx, page: leader } = await (async () => {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
      return { context: ctx, page: await ctx.newPage() };
    })();
    try {
      await login(leader, base(), "leader");
      await leader.waitForURL(/\/dashboard/);
      await leader.goto(`${base()}/screen-links`);
      await leader.getByRole("button", { name: /生成链接/ }).click();
      const dialog = leader.getByRole("dialog");
      await dialog.getByLabel(/名称/).fill("值班室大屏");
      await dialog.getByRole("button", { name: /生\s*成/ }).click();
      const made = leader.locator("[data-testid=made-url]");
      await made.waitFor();
      url = await made.inputValue();
      expect(url).toMatch(/\/screen\?t=[\w-]{20,}/);

      const screen = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "zh-CN" });
      try {
        const page = await screen.newPage();
        await page.goto(url);
        await page.locator("[data-testid=screen]").waitFor();
        await page.locator("[data-testid=screen-figures] .scr-fig").first().waitFor();
        await page.locator("[data-testid=map] , .scr-map [data-area]").first().waitFor();
        expect(await page.locator(".scr-map [data-area]").count()).toBe(12);
        // No scrollbars at 1920×1080.
        const overflow = await page.evaluate(() => {
          const d = (globalThis as any).document.documentElement;
          return { h: d.scrollHeight - d.clientHeight, w: d.scrollWidth - d.clientWidth };
        });
        expect(overflow).toEqual({ h: 0, w: 0 });
        // The live feed connects (the dot turns on).
        await page.locator(".scr-dot.on").waitFor();

        // Revoked on the leader's page: the screen, reloaded, says so in both languages.
        await leader
          .getByRole("button", { name: /撤\s*销/ })
          .first()
          .click();
        await leader.getByRole("button", { name: /确\s*定|OK/ }).click();
        await leader.getByText("已撤销").first().waitFor();
        await page.reload();
        const denied = page.locator("[data-testid=screen-denied]");
        await denied.waitFor();
        expect(await denied.textContent()).toMatch(/大屏链接已被撤销[\s\S]*This screen link has been revoked/);
      } finally {
        await screen.close();
      }
    } finally {
      await leaderCtx.close();
    }
  });
});
