import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const SHOTS = path.join(ROOT, "test-results");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export type Server = { url: string; stop: () => Promise<void>; output: () => string };

/** The real server, as `npm start` runs it (built web app, demo community), on a fresh data dir and a free port. */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shequ-e2e-"));
  // A copy of the demo seeded once in global-setup.ts (a fresh seed when run without it).
  const template = process.env.SHEQU_E2E_TEMPLATE;
  if (template && fs.existsSync(path.join(template, "shequ.db"))) fs.copyFileSync(path.join(template, "shequ.db"), path.join(dataDir, "shequ.db"));
  let out = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server/main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SHEQU_DATA_DIR: dataDir,
      SHEQU_SKIP_WEB_BUILD: "1",
      SHEQU_LOG_LEVEL: "warn",
      DATABASE_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (!out.includes("is running at")) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    output: () => out,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function newPage(browser: Browser, opts: { phone?: boolean; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: opts.phone ? { width: 375, height: 667 } : { width: 1366, height: 800 },
    deviceScaleFactor: 1,
    locale: opts.locale ?? "zh-CN",
    isMobile: !!opts.phone,
    hasTouch: !!opts.phone,
  });
  const page = await context.newPage();
  return { context, page };
}

export async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

export async function login(page: Page, base: string, username: string, password = "Shequ@2024") {
  await page.goto(`${base}/login`);
  await page.getByPlaceholder(/用户名|Username/).fill(username);
  await page.getByPlaceholder(/密码|Password/).fill(password);
  await page.getByRole("button", { name: /登\s*录|Log in/ }).click();
}

/** Runs a flow in a fresh browser context; on failure keeps a screenshot (test-results/FAILED-<name>.png). */
export async function flow(browser: Browser, name: string, opts: { phone?: boolean } | null, fn: (page: Page) => Promise<void>) {
  const { context, page } = await newPage(browser, opts ?? {});
  try {
    await fn(page);
  } catch (e) {
    await shot(page, `FAILED-${name}`).catch(() => {});
    throw e;
  } finally {
    await context.close();
  }
}

/**
 * Types a date or time into an antd picker (found by its label inside scope) and leaves it with Tab,
 * which commits the value. Not Enter: Enter in a form's field submits the form, and a test would race
 * its own click on the submit button (a step recorded twice, a dialog saved half-filled).
 */
export async function fillPicker(scope: Locator, label: string, value: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press("Tab");
  const shown = await input.inputValue();
  if (shown !== value) throw new Error(`the picker "${label}" shows "${shown}", not "${value}"`);
}

/**
 * Picks `option` in the antd Select labelled `label` inside `scope` — typing `type` first when the
 * select searches (long lists render only what fits) — and checks that it took: under load a click
 * on an option still sliding in can be lost, so it tries again (three times at most).
 */
export async function choose(page: Page, scope: Locator, label: string, option: string, opts: { type?: string } = {}) {
  const select = scope.getByLabel(label, { exact: true });
  const shown = () => select.evaluate((el) => el.closest(".ant-select")?.textContent ?? "");
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (opts.type !== undefined) await select.fill(opts.type);
    await still(page);
    // The option whose whole title is `option` if there is one (第1网格, not 第10网格), else the first holding it.
    const holding = page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: option });
    await holding.first().waitFor();
    const exact = holding.and(page.locator(`[title="${option}"]`));
    await ((await exact.count()) ? exact : holding).first().click();
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && !(await shown()).includes(option)) await page.waitForTimeout(100);
    if ((await shown()).includes(option)) return;
    if (attempt === 3) throw new Error(`the select "${label}" does not show "${option}" after ${attempt} tries (it shows "${await shown()}")`);
    await page.keyboard.press("Escape");
  }
}

/**
 * Waits until nothing on the page is moving: a dialog zooming in, a drawer sliding, a dropdown
 * unfolding (a click on a button of a dialog still zooming in can be lost on a slow machine). Colour
 * fades, antd's click ripple and endless animations (spinners) are not waited for. Gives up after 5 s.
 */
export async function still(page: Page) {
  await page
    .waitForFunction(
      () => {
        const moves = /^(transform|opacity|width|height|max-height|top|left|right|bottom|margin.*|inset.*)$/;
        return (globalThis as any).document.getAnimations().every((a: any) => {
          if (a.playState !== "running" || a.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY) return true;
          if (a.effect?.target?.classList?.contains("ant-wave")) return true;
          return a.transitionProperty !== undefined && !moves.test(a.transitionProperty);
        });
      },
      undefined,
      { timeout: 5_000, polling: 50 },
    )
    .catch(() => {});
}
