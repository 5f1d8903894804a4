import fs from "node:fs";
import type { Browser, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flow, launch, login, type Server, startServer } from "./harness.js";

// A community office moving in: on each register page whose import has a template, the import
// dialog offers "下载导入模板", which downloads an XLSX; the visits list exports its list next to
// its import button.
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

/** The first two bytes of a download: "PK" for an XLSX (a zip). */
const magic = async (dl: Download) =>
  fs
    .readFileSync(await dl.path())
    .subarray(0, 2)
    .toString();

/** Opens the page's import dialog and downloads its template: answers the file's name, after checking it is an XLSX. */
async function templateOf(page: Page, path: string, button: RegExp) {
  await page.goto(`${server.url}${path}`);
  await page.getByRole("button", { name: button }).click();
  const dialog = page.getByRole("dialog");
  const [dl] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: /下载导入模板/ }).click()]);
  expect(await magic(dl)).toBe("PK");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  return dl.suggestedFilename();
}

describe("import templates in the browser", () => {
  it("party members, meetings and activities offer their templates; the visits list exports", async () => {
    await flow(browser, "import-templates", null, async (page) => {
      await login(page, server.url, "leader");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      expect(await templateOf(page, "/party/members", /导入名册/)).toBe("党员名册导入模板.xlsx");
      expect(await templateOf(page, "/party/meetings", /导入会议台账/)).toBe("会议台账导入模板.xlsx");
      expect(await templateOf(page, "/activities/list", /导\s*入$/)).toBe("活动台账导入模板.xlsx");
      await page.goto(`${server.url}/care/visits`);
      const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /导出 Excel/ }).click()]);
      expect(await magic(dl)).toBe("PK");
      expect(dl.suggestedFilename()).toBe("走访慰问.xlsx");
    });
  });
});
