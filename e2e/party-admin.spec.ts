import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choose, fillPicker, flow, launch, login, type Server, shot, startServer, still } from "./harness.js";

// Keeping the party registers in the browser: a new branch, a member added from the people
// registry, a committee post, a member transferred out, an appraisal, a by-election (first refused
// for missing the majority, then recorded), and the elections list exported to XLSX.
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

const BRANCH = "中共福民社区测试路党支部";
const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => iso(new Date(Date.now() - n * 86400000));

/** A person in the people registry and, optionally, a member of a branch: set up through the API as the logged-in user. */
async function api(page: Page, method: "GET" | "POST", url: string, data?: unknown) {
  const me = await (await page.request.get(`${server.url}/api/auth/me`)).json();
  const res = await page.request.fetch(`${server.url}${url}`, { method, data, headers: { "x-csrf-token": me.csrfToken } });
  expect(res.ok(), await res.text()).toBe(true);
  return res.json();
}

/** Waits for a drawer to finish sliding in (a screenshot of it half-way is no use). */
async function settled(page: Page) {
  await page.getByRole("dialog").waitFor();
  await still(page);
}

async function saved(page: Page, text: RegExp | string) {
  await page.locator(".ant-message").getByText(text).first().waitFor();
}

describe("party registers in the browser", () => {
  it("creates a branch, adds members and a committee post, transfers one out, records an appraisal and a by-election", async () => {
    await flow(browser, "party-admin", null, async (page) => {
      await login(page, server.url, "leader");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      const me = await (await page.request.get(`${server.url}/api/auth/me`)).json();
      const communityId = me.scope.regionId;
      const person = (name: string, birthDate: string) =>
        api(page, "POST", "/api/people", { communityId, name, gender: "F", birthDate, kind: "registered" }) as Promise<{ id: string }>;
      await person("测评甲", "1990-04-01");
      await person("测评乙", "1975-08-15");
      const carol = await person("测评丙", "1968-11-30");

      // 1. A new branch: the setup rules warn at once (no full members yet, no secretary).
      await page.goto(`${server.url}/party/orgs`);
      await page.getByRole("button", { name: /新建党组织/ }).click();
      const drawer = page.getByRole("dialog");
      await drawer.getByLabel("党组织名称").fill(BRANCH);
      await choose(page, drawer, "类型", "小区", { type: "小区" });
      await fillPicker(drawer, "成立日期", daysAgo(30));
      await fillPicker(drawer, "本届任期开始", daysAgo(30));
      await shot(page, "party-admin-org-form-zh");
      await drawer.getByRole("button", { name: /保\s*存/ }).click();
      await saved(page, "已新建党组织");
      await saved(page, /正式党员0人，党支部须有正式党员3人以上/);
      const row = page.locator("tr", { hasText: "测试路党支部" });
      await row.getByText("党支部须有正式党员3人以上").waitFor();
      await row.getByText("未配备支部书记").waitFor();

      // 2. A member from the people registry, through the form.
      await page.goto(`${server.url}/party/members`);
      await page.getByRole("button", { name: /登记党员/ }).click();
      const add = page.getByRole("dialog");
      await choose(page, add, "人员", "测评甲", { type: "测评甲" });
      await choose(page, add, "党支部", "测试路党支部", { type: "测试路党支部" });
      await fillPicker(add, "入党日期", "2015-07-01");
      await fillPicker(add, "转正日期", "2016-07-01");
      await shot(page, "party-admin-member-form-zh");
      await add.getByRole("button", { name: /保\s*存/ }).click();
      await saved(page, "已登记党员 测评甲");
      // Added twice: refused with the reason, in the drawer.
      await page.getByRole("button", { name: /登记党员/ }).click();
      await choose(page, add, "人员", "测评甲", { type: "测评甲" });
      await choose(page, add, "党支部", "测试路党支部", { type: "测试路党支部" });
      await fillPicker(add, "入党日期", "2015-07-01");
      await add.getByRole("button", { name: /保\s*存/ }).click();
      await add.locator(".form-dialog-error").getByText("测评甲已是在册党员").waitFor();
      await add.getByRole("button", { name: /取\s*消/ }).click();

      // Two more, through the API (the form is shown above); then four full members.
      const branch = (await api(page, "GET", "/api/party/orgs")).find((o: any) => o.name === BRANCH);
      await api(page, "POST", "/api/party/members", { personId: carol.id, orgId: branch.id, status: "full", joinedOn: "2000-07-01" });
      const bob = await api(page, "POST", "/api/party/members", {
        personId: (await api(page, "GET", "/api/people?q=测评乙")).items[0].id,
        orgId: branch.id,
        status: "full",
        joinedOn: "2005-07-01",
      });

      // 3. Transfer 测评乙 out.
      await page.goto(`${server.url}/party/members?orgId=${branch.id}`);
      await page.getByRole("button", { name: "测评乙的操作" }).click();
      await page.getByRole("menuitem", { name: "组织关系转出" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("转往党组织").fill("中共龙华区某某街道某某党支部");
      await dialog.getByRole("button", { name: /确认转出/ }).click();
      await saved(page, "测评乙的组织关系已转出");
      await page.locator("tr", { hasText: "测评乙" }).waitFor({ state: "detached" });
      await page.goto(`${server.url}/party/members?orgId=${branch.id}&status=transferred_out`);
      await page.locator("tr", { hasText: "测评乙" }).getByText("转往 中共龙华区某某街道某某党支部").waitFor();
      expect((await api(page, "GET", `/api/party/members/${bob.id}`)).status).toBe("transferred_out");

      // 4. The annual appraisal of 测评甲.
      await page.goto(`${server.url}/party/members?orgId=${branch.id}`);
      await page.getByRole("button", { name: "测评甲的操作" }).click();
      await page.getByRole("menuitem", { name: "民主评议" }).click();
      await page.getByRole("dialog").getByText("优秀", { exact: true }).click();
      await shot(page, "party-admin-appraisal-zh");
      await page
        .getByRole("dialog")
        .getByRole("button", { name: /保\s*存/ })
        .click();
      await saved(page, "已登记评议结果");
      await page
        .locator("tr", { hasText: "测评甲" })
        .getByText(/\d{4} 优秀/)
        .waitFor();
      await shot(page, "party-admin-members-zh");

      // 5. 测评甲 becomes the branch's secretary.
      await page.goto(`${server.url}/party/orgs`);
      await page
        .locator("tr", { hasText: "测试路党支部" })
        .getByRole("button", { name: /任\s*职/ })
        .click();
      const post = page.getByRole("dialog");
      await choose(page, post, "人员", "测评甲", { type: "测评甲" });
      await post.getByText("持有支部工作资格证").click();
      await post.getByRole("button", { name: /保\s*存/ }).click();
      await saved(page, "已登记任职");
      const branchRow = page.locator("tr", { hasText: "测试路党支部" });
      await branchRow.locator(".ant-tag-green").getByText("书记 测评甲").waitFor();
      await expect(branchRow.getByText("未配备支部书记").count()).resolves.toBe(0);
      await shot(page, "party-admin-orgs-zh");

      // 6. A by-election: refused when the votes for are not more than half of those present, then recorded.
      await page.goto(`${server.url}/party/elections`);
      await page.getByRole("button", { name: /登记换届、补选、任免/ }).click();
      await page.getByRole("menuitem", { name: "登记补选" }).click();
      const form = page.getByRole("dialog");
      await choose(page, form, "组织", "测试路党支部", { type: "测试路党支部" });
      await choose(page, form, "当选人或任职人", "测评丙", { type: "测评丙" });
      await form.getByLabel("应到", { exact: true }).fill("2");
      await form.getByLabel("实到", { exact: true }).fill("2");
      await form.getByLabel("赞成", { exact: true }).fill("1");
      await form.getByLabel("批准文号").fill("福民党〔2025〕9号");
      await form.getByRole("button", { name: /保\s*存/ }).click();
      await form
        .locator(".form-dialog-error")
        .getByText(/当选须获得实到会党员过半数的赞成票/)
        .waitFor();
      await shot(page, "party-admin-by-election-refused-zh");
      expect((await api(page, "GET", `/api/party/elections?orgId=${branch.id}`)).total).toBe(0);
      await form.getByLabel("赞成", { exact: true }).fill("2");
      await form.getByRole("button", { name: /保\s*存/ }).click();
      await saved(page, "已登记");
      const election = page.locator("tr", { hasText: "测试路党支部" });
      await election.getByText("补选").waitFor();
      await election.getByText("委员 测评丙").waitFor();
      await election.getByText("2/2/2").waitFor();
      await shot(page, "party-admin-elections-zh");

      // 7. The elections list, exported.
      const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /导出 Excel/ }).click()]);
      const file = await dl.path();
      expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe("PK");
      expect(dl.suggestedFilename()).toMatch(/^party-elections-\d{4}-\d{2}-\d{2}\.xlsx$/);
    });
  });

  it("the pages on a phone", async () => {
    await flow(browser, "party-admin-phone", { phone: true }, async (page) => {
      await login(page, server.url, "leader");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/party/members`);
      await page.getByRole("button", { name: /登记党员/ }).click();
      await settled(page);
      await shot(page, "party-admin-member-form-phone-zh");
      await page
        .getByRole("dialog")
        .getByRole("button", { name: /取\s*消/ })
        .click();
      await page.locator("tr.ant-table-row").first().waitFor();
      await shot(page, "party-admin-members-phone-zh");
      await page.goto(`${server.url}/party/elections`);
      await page.getByRole("button", { name: /登记换届、补选、任免/ }).click();
      await page.getByRole("menuitem", { name: "登记任免" }).click();
      await settled(page);
      await shot(page, "party-admin-election-form-phone-zh");
      await page
        .getByRole("dialog")
        .getByRole("button", { name: /取\s*消/ })
        .click();
      await page.goto(`${server.url}/party/orgs`);
      await page.locator("tr.ant-table-row").first().waitFor();
      await shot(page, "party-admin-orgs-phone-zh");
    });
  });
});
