import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flow, launch, login, newPage, type Server, shot, startServer, still } from "./harness.js";

// 民生微实事 in the browser: a resident proposes a project on a phone; the community takes it
// through 初审, the residents' council vote (a vote with more votes than members present is refused
// with the rule) and 公示, where 立项 is refused with the rule until the publicity period is over.
// The demo's proposal whose publicity has ended then goes on: 立项 (over the cap refused with the
// figures), monthly progress, a payment, acceptance by named people, residents' survey (on the
// phone too) and the evaluation.
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

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Opens a step's dialog, fills it, submits; returns the dialog (still open when the step was refused). */
async function step(page: Page, name: string, fill?: (d: Locator) => Promise<void>) {
  await page.getByTestId(`step-${name}`).click();
  const d = page.getByRole("dialog");
  await d.waitFor();
  await still(page);
  if (fill) await fill(d);
  await d.getByRole("button", { name: /提\s*交/ }).click();
  return d;
}
async function refused(d: Locator, rule: RegExp) {
  const err = d.getByTestId("form-error");
  await err.waitFor();
  expect(await err.textContent()).toMatch(rule);
}
async function stageIs(page: Page, text: string) {
  await page.waitForFunction((t) => (globalThis as any).document.querySelector("[data-testid=project-stage]")?.textContent === t, text, { timeout: 15_000 });
}

describe("micro-projects in the browser", () => {
  it("a resident proposes on a phone; 初审, the vote and 公示 follow; refused steps show the rule", async () => {
    const title = `小区门口增设休息座椅${Date.now() % 10000}`;
    const { context: phoneCtx, page: phone } = await newPage(browser, { phone: true });
    try {
      await phone.goto(`${server.url}/public/projects`);
      await phone.getByLabel("项目名称").fill(title);
      await phone.getByLabel("地点").fill("狮径村口公交站");
      await phone.getByLabel("理由").fill("老人等车无处休息");
      await phone.getByLabel("估算金额（元）").fill("12000");
      await phone.getByLabel("您的姓名").fill("陈阿姨");
      await phone.getByLabel(/手机号/).fill("13800138000");
      await shot(phone, "projects-public-propose-phone");
      await phone.getByRole("button", { name: "提交项目建议" }).click();
      await phone.getByTestId("project-code").waitFor();
      expect(await phone.getByTestId("project-code").textContent()).toMatch(/^MS-\d{4}-\d{3}$/);
      await phone.getByRole("button", { name: "查看进展" }).click();
      await phone.getByTestId("public-stage").waitFor();
      expect(await phone.getByTestId("public-stage").textContent()).toBe("征集");
    } finally {
      await phoneCtx.close();
    }

    await flow(browser, "projects-flow", null, async (page) => {
      await login(page, server.url, "leader");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/projects/list?q=${encodeURIComponent(title)}`);
      await page.getByRole("link", { name: title }).click();
      await stageIs(page, "征集");
      const review = await step(page, "review");
      await review.waitFor({ state: "hidden" });
      await stageIs(page, "初审通过");

      const vote = await step(page, "vote", async (d) => {
        await d.getByLabel("到会成员（人）").fill("10");
        await d.getByLabel("赞成").fill("9");
        await d.getByLabel("反对").fill("2");
      });
      await refused(vote, /共11票）多于到会成员10人/);
      await shot(page, "projects-vote-refused");
      await vote.getByLabel("反对").fill("1");
      await vote.getByRole("button", { name: /提\s*交/ }).click();
      await vote.waitFor({ state: "hidden" });
      await stageIs(page, "议事会通过");

      const pub = await step(page, "publicise");
      await pub.waitFor({ state: "hidden" });
      await stageIs(page, "公示中");
      const approve = await step(page, "approve", async (d) => {
        await d.getByLabel("立项预算（元）").fill("12000");
        await d.getByLabel("实施单位").fill("深圳市福城物资供应有限公司");
        await d.getByLabel("计划开工").fill(today);
        await d.getByLabel("计划完成").fill(today);
      });
      await refused(approve, /公示期满.*公示期至\d{4}-\d{2}-\d{2}/);
      await shot(page, "projects-approve-refused");
      await approve.getByRole("button", { name: /取\s*消/ }).click();
      expect((await page.getByTestId("timeline-entry").allTextContents()).map((x) => x.split(" · ")[0])).toEqual([
        "征集（提出项目）",
        "初审",
        "居民议事会评议",
        "公示",
      ]);
    });
  });

  it("立项, progress, payment, acceptance, the residents' survey and the evaluation", async () => {
    await flow(browser, "projects-delivery", null, async (page) => {
      await login(page, server.url, "leader");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/projects/list?q=${encodeURIComponent("福民新村儿童游乐设施更新")}`);
      await page.getByRole("link", { name: "福民新村儿童游乐设施更新" }).click();
      await stageIs(page, "公示中");
      const approve = await step(page, "approve", async (d) => {
        await d.getByLabel("立项预算（元）").fill("600000");
        await d.getByLabel("实施单位").fill("深圳市福城物资供应有限公司");
        await d.getByLabel("计划开工").fill(today);
        await d.getByLabel("计划完成").fill(today);
      });
      await refused(approve, /项目预算600,000\.00元超过货物类项目上限500,000\.00元/);
      await approve.getByLabel("立项预算（元）").fill("118000");
      await approve.getByRole("button", { name: /提\s*交/ }).click();
      await approve.waitFor({ state: "hidden" });
      await stageIs(page, "已立项");

      const progress = await step(page, "progress", async (d) => {
        await d.getByLabel("月份").fill(today.slice(0, 7));
        await d.getByLabel("完成进度（%）").fill("100");
        await d.getByLabel("说明").fill("设施安装完成");
      });
      await progress.waitFor({ state: "hidden" });
      await stageIs(page, "实施中");
      const pay = await step(page, "payment", async (d) => {
        await d.getByLabel("金额（元）").fill("115000");
        await d.getByLabel("凭证号").fill("E2E-001");
      });
      await pay.waitFor({ state: "hidden" });
      await page.waitForFunction(() => (globalThis as any).document.querySelector("[data-testid=project-spent]")?.textContent === "115,000.00");
      const accept = await step(page, "accept", async (d) => {
        await d.getByLabel(/验收人/).fill("福民社区书记、居民代表");
        await d.getByLabel("验收意见").fill("安装牢固，防护垫齐全");
      });
      await accept.waitFor({ state: "hidden" });
      await stageIs(page, "已验收");

      // Too few answers: the evaluation is refused with the rule.
      const early = await step(page, "evaluate");
      await refused(early, /已收到0份答卷，至少需要5份/);
      await early.getByRole("button", { name: /取\s*消/ }).click();
      for (let i = 0; i < 4; i++) {
        await page.getByRole("button", { name: "录入纸质答卷" }).click();
        await page.getByText(`满意 ${i + 1}、`).waitFor();
      }
      const url = page.url();
      const { context: phoneCtx, page: phone } = await newPage(browser, { phone: true });
      try {
        await phone.goto(`${server.url}/public/projects?id=${url.split("/").pop()}`);
        await phone.getByTestId("survey-send").click();
        await phone.getByText("感谢您的评价").waitFor();
        await shot(phone, "projects-public-survey-phone");
      } finally {
        await phoneCtx.close();
      }
      await page.reload();
      await stageIs(page, "已验收");
      const ev = await step(page, "evaluate");
      await ev.waitFor({ state: "hidden" });
      await stageIs(page, "已评价");
      expect(await page.getByTestId("project-satisfaction").textContent()).toBe("100.0%");
      await shot(page, "projects-evaluated");
    });
  });
});
