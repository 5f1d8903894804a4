import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flow, launch, login, type Server, shot, startServer } from "./harness.js";

// 民意速办 in the browser: the whole life of a case, seen on its timeline; the seed's figures; the
// resident's public page on a phone.
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

async function act(page: Page, button: RegExp, fill?: (dialog: ReturnType<Page["getByRole"]>) => Promise<void>) {
  await page.getByRole("button", { name: button }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByRole("button", { name: /确\s*定/ }).click();
  await dialog.waitFor({ state: "hidden" });
}

const status = (page: Page) => page.getByTestId("case-status");

describe("appeals in the browser", () => {
  it("register → dispatch → sign → contact → close → return visit unsatisfied → reopened, seen on the timeline", async () => {
    await flow(browser, "appeals-flow", null, async (page) => {
      await login(page, server.url, "staff");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));

      await page.goto(`${server.url}/appeals/new`);
      await page.getByLabel("标题").waitFor();
      await page.locator(".ant-cascader").first().click();
      await page
        .getByRole("menuitemcheckbox", { name: "街面秩序" })
        .or(page.locator(".ant-cascader-menu-item", { hasText: "街面秩序" }))
        .first()
        .click();
      await page.locator(".ant-cascader-menu-item", { hasText: "噪音扰民" }).first().click();
      await page.getByLabel("标题").fill("夜间广场舞音响扰民");
      await page.getByLabel("诉求内容").fill("每晚九点半后广场舞音响声音很大，影响休息");
      await page.getByLabel("地址").fill("龙华区福城街道狮径8栋");
      await page.getByLabel(/^网格/).click();
      await page.locator(".ant-select-item-option", { hasText: "第1网格" }).first().click();
      await page.getByLabel("诉求人").fill("陈女士");
      await page.getByLabel("联系电话").fill("13811112222");
      await shot(page, "appeals-register-zh");
      await page.getByRole("button", { name: /受\s*理/ }).click();
      await page.waitForURL(/\/appeals\/[0-9a-f-]{36}$/);
      await expect(status(page).textContent()).resolves.toBe("待派单");

      await act(page, /^派\s*单$/, async (d) => {
        await d.locator(".ant-select").first().click();
        // The list is long and virtual: search for the unit, as a user would.
        await page.keyboard.type("福悦物业");
        await page.locator(".ant-select-item-option", { hasText: "福悦物业服务有限公司" }).first().click();
        await d.getByLabel("派单意见").fill("请物业核实处理");
      });
      await page.getByTestId("case-status").getByText("待签收").waitFor();
      await act(page, /^签\s*收$/);
      await page.getByTestId("case-status").getByText("办理中").waitFor();
      await act(page, /联系诉求人/, async (d) => d.getByLabel("联系情况").fill("已电话联系陈女士"));
      await act(page, /答复办结/, async (d) => d.getByLabel("答复内容").fill("已约谈广场舞队，音量调低并提前到九点结束"));
      await page.getByTestId("case-status").getByText("已办结待回访").waitFor();
      await act(page, /^回\s*访$/, async (d) => {
        await d.getByText("不满意", { exact: true }).click();
        await d.getByLabel("回访记录").fill("居民表示仍有噪音");
      });
      // 不满意 reopened it: back to the handler, and the timeline tells the whole story.
      await page.getByTestId("case-status").getByText("待签收").waitFor();
      await page.getByText("重办 1 次").waitFor();
      const timeline = page.getByTestId("timeline");
      const actions = await timeline.locator(".timeline-entry").evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));
      expect(actions).toEqual(["register", "dispatch", "sign", "contact", "close", "visit", "reopen"]);
      const text = await timeline.textContent();
      expect(text).toContain("不满意重办");
      expect(text).toContain("社区工作人员");
      expect(text).toContain("福悦物业服务有限公司");
      await shot(page, "appeals-timeline-zh");
    });
  });

  it("the figures page shows the seed's 2024 figures; the inbox lists open work", async () => {
    await flow(browser, "appeals-figures", null, async (page) => {
      await login(page, server.url, "leader");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/appeals/figures?year=2024`);
      const card = (key: string) => page.locator(`[data-figure="${key}"] .figure-value`);
      await card("appeals.cases").waitFor();
      await expect(card("appeals.cases").textContent()).resolves.toBe("4,469");
      await expect(card("appeals.resident_resolved").textContent()).resolves.toBe("849");
      await expect(card("appeals.resident_resolution_rate").textContent()).resolves.toBe("100%");
      await expect(card("appeals.tea_talk_resolved").textContent()).resolves.toBe("20");
      await expect(card("appeals.urgent_needs_resolved").textContent()).resolves.toBe("17");
      await expect(card("appeals.survey_cases").textContent()).resolves.toBe("67");
      await shot(page, "appeals-figures-zh");
      await page.goto(`${server.url}/appeals/list?status=open`);
      await page.locator(".ant-table-row").first().waitFor();
      await shot(page, "appeals-list-zh");
    });
  });

  it("a resident submits from a phone, gets a number, and tracks it", async () => {
    await flow(browser, "appeals-public", { phone: true }, async (page) => {
      await page.goto(`${server.url}/public/appeals`);
      await page.getByLabel("标题").waitFor();
      await page.getByLabel("所在社区").click();
      await page.locator(".ant-select-item-option", { hasText: "福民社区" }).first().click();
      await page.locator(".ant-cascader").first().click();
      await page.locator(".ant-cascader-menu-item", { hasText: "公用设施" }).first().click();
      await page.locator(".ant-cascader-menu-item", { hasText: "路灯" }).first().click();
      await page.getByLabel("标题").fill("小区路灯不亮");
      await page.getByLabel("具体情况").fill("福悦花园3栋门口路灯坏了一周");
      await page.getByLabel("您的称呼").fill("李先生");
      await page.getByLabel(/手机号/).fill("13955556666");
      await page.getByRole("button", { name: /提\s*交/ }).click();
      const no = (await page.getByTestId("tracking-no").textContent())?.trim() ?? "";
      expect(no).toMatch(/^\d{13}$/);
      await shot(page, "appeals-public-submitted-zh");
      await page.getByRole("button", { name: /查询进度/ }).click();
      await page.getByLabel("手机号后四位").fill("6666");
      await page.getByRole("button", { name: /查\s*询/ }).click();
      await page.getByText("受理登记").first().waitFor();
      await shot(page, "appeals-public-track-zh");
    });
  });
});
