import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, login, type Server, shot, startServer } from "./harness.js";

// 巡查队伍 administration as the community's staff (patrol.admin): a new team of the police
// district with two patrol officers chosen from the community's officers; then archived, after which
// it shows only among the archived teams. The page is also looked at on a phone.

let server: Server;
let browser: Browser;
const base = () => process.env.PATROL_E2E_URL ?? server.url;
const RUN = Date.now() % 10_000;
const TEAM = `端到端巡逻队${RUN}`;

beforeAll(async () => {
  if (!process.env.PATROL_E2E_URL) server = await startServer();
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(viewport: { width: number; height: number }, phone = false) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: "zh-CN", timezoneId: "Asia/Shanghai", isMobile: phone, hasTouch: phone });
  return { context, page: await context.newPage() };
}

/** Picks options of the antd multiple Select labelled `label` inside `scope`. */
async function chooseMany(page: Page, scope: ReturnType<Page["locator"]>, label: string, options: string[]) {
  // The list is long (and virtual): type to narrow it, then pick; a multiple select stays open.
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  for (const o of options) {
    await input.fill(o.split("（")[0]);
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${o}"]`).click();
  }
  await page.keyboard.press("Escape");
}

/** No table still loading (its rows dimmed under the spinner). */
const settled = (page: Page) => page.locator(".ant-spin-blur").waitFor({ state: "detached" });

type ApiTeam = { id: string; name: string; force: string; memberIds: string[]; archived: boolean };

describe("patrol teams", () => {
  it("a team with two members is made, listed, and archived", async () => {
    const { context, page } = await open({ width: 1366, height: 800 });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await login(page, base(), "staff");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${base()}/patrol/teams`);
      const table = page.getByTestId("patrol-teams");
      // The demo's three teams, one per force.
      await table.getByText("福民警务室巡逻队").waitFor();
      await table.getByText("巡查员1").waitFor();
      await settled(page);
      await shot(page, "patrol-teams-desktop");

      // 1. A new team: name, force, two officers.
      await page.getByRole("button", { name: /新增队伍/ }).click();
      const drawer = page.getByRole("dialog");
      await drawer.getByLabel("队伍名称").fill(TEAM);
      await drawer.getByText("警区", { exact: true }).click();
      await chooseMany(page, drawer, "队员", ["巡查员1（福民社区）", "巡查员2（福民社区）"]);
      await shot(page, "patrol-teams-drawer");
      await drawer.getByRole("button", { name: /保\s*存/ }).click();
      await drawer.waitFor({ state: "hidden" });
      const row = table.locator("tr", { hasText: TEAM });
      await row.waitFor();
      expect(await row.textContent()).toContain("警区");
      expect(await row.textContent()).toContain("巡查员1、巡查员2");

      const teams = async () => (await page.evaluate(async () => (await fetch("/api/patrol/teams")).json())) as ApiTeam[];
      const made = (await teams()).find((x) => x.name === TEAM);
      expect(made).toMatchObject({ force: "police", archived: false });
      expect(made?.memberIds).toHaveLength(2);

      // 2. Archived after a confirmation: gone from the teams in use, shown among the archived.
      await row.getByRole("button", { name: "归档" }).click();
      await page
        .getByRole("dialog")
        .getByRole("button", { name: /归\s*档/ })
        .click();
      await row.waitFor({ state: "detached" });
      expect((await teams()).find((x) => x.name === TEAM)?.archived).toBe(true);
      await page.getByLabel("状态", { exact: true }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="已归档"]').click();
      const archived = table.locator("tr", { hasText: TEAM });
      await archived.waitFor();
      expect(await archived.textContent()).toContain("已归档");
      await settled(page);
      await shot(page, "patrol-teams-archived");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("the teams page on a phone", async () => {
    const { context, page } = await open({ width: 375, height: 667 }, true);
    try {
      await login(page, base(), "staff");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${base()}/patrol/teams`);
      await page.getByTestId("patrol-teams").getByText("福民警务室巡逻队").waitFor();
      await settled(page);
      await shot(page, "patrol-teams-phone");
      // Nothing wider than the screen.
      const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
      expect(width).toBeLessThanOrEqual(375);
      await page.getByRole("button", { name: /新增队伍/ }).click();
      await page.getByRole("dialog").getByLabel("队伍名称").waitFor();
      await page.waitForTimeout(500); // the drawer slides in
      await shot(page, "patrol-teams-phone-drawer");
    } finally {
      await context.close();
    }
  }, 60_000);
});
