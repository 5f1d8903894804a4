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

// The must-show flows: a leader acts on an overdue appeal from 待办 and it leaves the list; a trend
// bar opens its month's records; an urgent case registered by another session reaches the bell live;
// the layout (pin, hide) is the leader's own and survives a reload.
describe("workbench: the leader's morning", () => {
  it("an overdue appeal from 待办 is acted on and leaves the list; a trend bar drills down; an urgent case arrives live; the layout is saved", async () => {
    const { context, page } = await newPage(browser, {});
    try {
      await login(page, base(), "leader");
      await page.waitForURL((u) => u.pathname.startsWith("/dashboard"));
      const todos = page.getByTestId("todos");
      const overdue = todos.locator(".todo-overdue a[href^='/appeals/']").first();
      await overdue.waitFor({ timeout: 20_000 });
      const href = (await overdue.getAttribute("href")) as string;
      const trackingNo = ((await overdue.locator(".ant-typography").first().innerText()).split(" ")[0] ?? "").trim();
      expect(trackingNo.length).toBeGreaterThan(3);
      await shot(page, "workbench-leader-todos");
      await overdue.click();
      await page.waitForURL((u) => u.pathname === href);
      const status = page.getByTestId("case-status");
      await status.waitFor();
      // What the case page offers the leader: dispatch a case waiting for it to a unit; sign and
      // answer one the community handles itself.
      const act = async (name: RegExp, fill?: (d: ReturnType<typeof page.getByRole>) => Promise<void>) => {
        await page.getByRole("button", { name }).first().click();
        const dialog = page.getByRole("dialog");
        await dialog.waitFor();
        if (fill) await fill(dialog);
        await dialog.getByRole("button", { name: /确\s*定/ }).click();
        await dialog.waitFor({ state: "hidden" });
      };
      const dispatch = page.getByRole("button", { name: /^派\s*单$/ });
      const close = page.getByRole("button", { name: /答复办结/ });
      const sign = page.getByRole("button", { name: /^签\s*收$/ });
      await dispatch.or(close).or(sign).first().waitFor();
      if (await dispatch.isVisible()) {
        await act(/^派\s*单$/, async (d) => {
          // The lead unit (required): its options come from the handlers' query, so wait for one.
          const lead = d.locator(".ant-form-item").filter({ hasText: "主办单位" });
          await lead.locator(".ant-select").click();
          const option = page.locator(".ant-select-dropdown:visible .ant-select-item-option").first();
          await option.waitFor();
          const unit = (await option.innerText()).trim();
          await option.click();
          await expect.poll(() => lead.innerText()).toContain(unit);
          await d.getByLabel("派单意见").fill("已逾期，请尽快办理并答复");
        });
        await status.getByText("待签收").waitFor();
      } else {
        if (await sign.isVisible()) {
          await act(/^签\s*收$/);
          await status.getByText("办理中").waitFor();
        }
        await act(/答复办结/, (d) => d.getByLabel("答复内容").fill("已现场核实处理，向诉求人说明情况"));
        await status.getByText("已办结待回访").waitFor();
      }
      await shot(page, "workbench-leader-case-acted");
      // Back on the workbench the case is no longer a to-do.
      await page.goto(`${base()}/dashboard?year=2024`);
      await todos.locator(".todo-item").first().waitFor();
      await page.waitForLoadState("networkidle");
      expect(await todos.innerText()).not.toContain(trackingNo);

      // A trend bar (March … of 2024) opens the figure's records for its month.
      const trends = page.getByTestId("trends");
      // The appeals' case count: hundreds a month, so every month's bar is tall enough to click.
      await trends.locator(".ant-select").first().click();
      await page.keyboard.type("民意速办");
      await page.locator(".ant-select-dropdown:visible .ant-select-item-option").first().click();
      const canvas = trends.locator("canvas").first();
      await canvas.waitFor();
      await page.waitForLoadState("networkidle");
      // This year's bars are drawn red (trends.tsx): find them on the canvas, just above the x axis
      // (the grid's bottom is 28 px), and click the third one (March).
      const bars = await canvas.evaluate((c: any) => {
        const dpr = c.width / c.clientWidth;
        const row = c.getContext("2d").getImageData(0, Math.round((c.clientHeight - 28 - 3) * dpr), c.width, 1).data as Uint8ClampedArray;
        const mids: number[] = [];
        let start = -1;
        for (let x = 0; x <= c.width; x++) {
          const red = x < c.width && row[x * 4] > 150 && row[x * 4 + 1] < 80 && row[x * 4 + 2] < 90;
          if (red && start < 0) start = x;
          if (!red && start >= 0) {
            mids.push((start + x - 1) / 2 / dpr);
            start = -1;
          }
        }
        return mids;
      });
      expect(bars.length, "this year's bars on the trend chart").toBeGreaterThanOrEqual(3);
      const box = (await canvas.boundingBox()) as { x: number; y: number; width: number; height: number };
      await page.mouse.click(box.x + bars[2], box.y + box.height - 28 - 3);
      const drawer = page.locator(".ant-drawer-content-wrapper").filter({ has: page.locator(".ant-table") });
      await drawer.locator(".ant-table-row").first().waitFor();
      expect(await drawer.locator(".ant-table-row").count()).toBeGreaterThan(0);
      await shot(page, "workbench-trend-drilldown");
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "hidden" });

      // An urgent case registered by another session shows in the bell without a reload.
      const bell = page.getByTestId("todo-bell");
      const unread = Number((await bell.getAttribute("data-unread")) ?? 0);
      const api = await fetch(`${base()}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "staff", password: "Shequ@2024" }),
      });
      const cookie = api.headers.get("set-cookie")?.split(";")[0] ?? "";
      const { csrfToken } = (await api.json()) as { csrfToken: string };
      const areas = (await (await fetch(`${base()}/api/map/areas`, { headers: { cookie } })).json()) as { region: { id: string } };
      const reg = await fetch(`${base()}/api/appeals`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
        body: JSON.stringify({
          communityId: areas.region.id,
          channel: "12345",
          kind: "appeal",
          appealType: "complaint",
          categoryCode: "JM03",
          urgency: "urgent",
          title: "燃气管道疑似泄漏",
          content: "楼道闻到燃气味，请尽快处理",
          appellantName: "李先生",
          appellantPhone: "13822223333",
        }),
      });
      expect(reg.status).toBe(201);
      await page.locator(".alert-toast", { hasText: "燃气管道疑似泄漏" }).waitFor({ timeout: 20_000 });
      await page.waitForFunction((n) => Number((globalThis as any).document.querySelector("[data-testid=todo-bell]")?.getAttribute("data-unread")) > n, unread);

      // The layout: hide one figure and pin another; saved, it is the same after a reload.
      await page.getByTestId("layout-edit").click();
      const editor = page.locator(".ant-drawer-content-wrapper").filter({ hasText: "自定义工作台布局" });
      await editor.waitFor();
      const items = editor.locator("[data-testid^='layout-item-']");
      const pinKey = ((await items.nth(1).getAttribute("data-testid")) as string).replace("layout-item-", "");
      const hideKey = ((await items.nth(0).getAttribute("data-testid")) as string).replace("layout-item-", "");
      await items.nth(1).getByTestId("layout-pin").click();
      await items.nth(0).getByTestId("layout-hide").click();
      await editor.getByRole("button", { name: /保\s*存/ }).click();
      await editor.waitFor({ state: "hidden" });
      await page.reload();
      const pinned = page.getByTestId("section-pinned");
      await pinned.waitFor();
      expect(await pinned.locator(".figure-card").count()).toBe(1);
      await page.getByTestId("hidden-count").waitFor();
      const saved = await page.evaluate(async () => (await fetch("/api/workbench/layout")).json());
      expect(saved).toMatchObject({ pinned: [pinKey], hidden: [hideKey] });
      await shot(page, "workbench-pc-leader-layout");
    } catch (e) {
      await shot(page, "FAILED-workbench-morning").catch(() => {});
      throw e;
    } finally {
      await context.close();
    }
  }, 180_000);
});
