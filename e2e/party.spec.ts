import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choose, fillPicker, flow, launch, login, type Server, shot, startServer, still } from "./harness.js";

// 党建 in the browser: an applicant from application to probationary member, with a refused
// too-early step on the way; the compliance view with a branch's missing monthly meeting.
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

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => iso(new Date(Date.now() - n * 86400000));

async function nextStep(page: Page): Promise<number> {
  const title = await page
    .getByText(/^下一步：\d+\./)
    .first()
    .textContent();
  return Number(title?.match(/下一步：(\d+)\./)?.[1]);
}

async function record(page: Page) {
  const before = await nextStep(page);
  await page.getByRole("button", { name: /办\s*理|审批通过/ }).click();
  await page
    // biome-ignore lint/performance/useDomNodeTextContent: what is on screen, not text a closed drawer keeps
    .waitForFunction((n) => !(globalThis as any).document.body.innerText.includes(`下一步：${n}.`), before, { timeout: 10_000 })
    .catch(async (e) => {
      // Say which step stayed, and what the form showed (a refusal, a field left empty).
      const shown = await page.locator(".ant-alert-title, .ant-form-item-explain-error").allTextContents();
      throw new Error(`step ${before} was not recorded; the page showed: ${JSON.stringify(shown)}\n${(e as Error).message}`);
    });
}

describe("party in the browser", () => {
  it("takes an applicant from application to probationary member, refusing a too-early step", async () => {
    let applicantUrl = "";
    await flow(browser, "party-pipeline", null, async (page) => {
      await login(page, server.url, "staff");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/party/pipeline`);
      await page.getByRole("button", { name: /入党申请/ }).click();
      const dialog = page.getByRole("dialog");
      await choose(page, dialog, "党支部", "鸿发党支部");
      await dialog.getByLabel("姓名").fill("李申请");
      await fillPicker(dialog, "出生日期", "1996-03-08");
      await fillPicker(dialog, "申请日期", daysAgo(700));
      await dialog.getByRole("button", { name: /保\s*存/ }).click();
      await page.waitForURL(/\/party\/pipeline\/[0-9a-f-]+$/);
      applicantUrl = page.url();
      await page.locator(".party-applicant").getByText("1. 递交入党申请书").waitFor();

      // Steps 2–16: the form suggests a date at or after the earliest the rules allow.
      while ((await nextStep(page)) <= 16) {
        const n = await nextStep(page);
        if (n === 5) {
          await page.getByLabel("党员", { exact: true }).click();
          await page.locator(".ant-select-item-option").first().click();
          await page.keyboard.press("Escape");
        }
        if (n === 7) {
          // Too early: less than a year after becoming an activist.
          const earliest = (await page.locator(".ant-descriptions-item-content").first().textContent())?.trim() as string;
          const early = iso(new Date(new Date(earliest).getTime() - 120 * 86400000));
          await fillPicker(page.locator("body"), "办理日期", early);
          await page.getByRole("button", { name: /办\s*理/ }).click();
          const refusal = page.getByTestId("form-error");
          await refusal.waitFor();
          expect(await refusal.textContent()).toContain("确定为发展对象须经一年以上的培养教育和考察");
          await page.keyboard.press("Escape");
          await shot(page, "party-step-refused-zh");
          await fillPicker(page.locator("body"), "办理日期", earliest);
        }
        if (n === 9) {
          // Without sponsors the form says what is missing before anything is sent.
          await page.getByRole("button", { name: /办\s*理/ }).click();
          await page.getByText("入党介绍人（2名正式党员）为必填项").waitFor();
          await still(page);
          await shot(page, "party-step-required-zh");
          await page.getByLabel("党员", { exact: true }).click();
          const opts = page.locator(".ant-select-item-option");
          await opts.nth(0).click();
          await opts.nth(1).click();
          await page.keyboard.press("Escape");
        }
        if (n === 10) await page.getByLabel("政审结论").fill("政治历史清楚，审查合格");
        if (n === 11) await page.getByLabel("培训学时").fill("32");
        if (n === 15) {
          await page.getByLabel("应到", { exact: true }).fill("30");
          await page.getByLabel("实到", { exact: true }).fill("27");
          await page.getByLabel("赞成", { exact: true }).fill("27");
        }
        await record(page);
      }
      await page.getByText("此步由街道党工委审批").waitFor();
      await shot(page, "party-awaiting-approval-zh");
    });

    // Step 17: the 街道党工委 (supervisor, subdistrict scope) approves.
    await flow(browser, "party-approval", null, async (page) => {
      await login(page, server.url, "supervisor");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(applicantUrl);
      await page.getByText("下一步：17.").waitFor();
      await record(page);
      await page.getByText("预备党员").first().waitFor();
      await page.getByText(/预备期至 \d{4}-\d{2}-\d{2}/).waitFor();
      await shot(page, "party-probationary-zh");
    });
  });

  it("the compliance view lists a branch with a missing monthly meeting", async () => {
    await flow(browser, "party-compliance", null, async (page) => {
      await login(page, server.url, "leader");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/party/compliance?year=2024`);
      const row = page.locator("tr", { hasText: "丹坑党支部" });
      await row.getByText("2024-08 主题党日 未召开").waitFor();
      await page.locator("tr", { hasText: "狮径党支部" }).getByText("2024-05 支委会 未达法定人数").waitFor();
      await shot(page, "party-compliance-zh");
    });
  });
});
