import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choose, fillPicker, flow, launch, login, newPage, type Server, shot, startServer, still } from "./harness.js";

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

const pad = (n: number) => String(n).padStart(2, "0");
/** "YYYY-MM-DD HH:mm" in the browser's (this machine's) zone, as the picker shows it. */
const stamp = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

async function figure(page: Page, key: string, communityId: string, day: string) {
  const res = await page.request.get(`${server.url}/api/figures/${key}?region=${communityId}&from=${day}&to=${day}`);
  expect(res.status()).toBe(200);
  return (await res.json()).value as number;
}

describe("活动 activities in the browser", () => {
  it("create an activity in a venue room, a resident signs up and checks in by its QR URL on a phone; attendance and the figure move", async () => {
    await flow(browser, "activities-checkin", null, async (page) => {
      await login(page, server.url, "staff");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      const venues = await (await page.request.get(`${server.url}/api/activities/venues`)).json();
      const communityId: string = venues.items[0].communityId;
      const start = new Date(Date.now() - 10 * 60_000);
      const end = new Date(Date.now() + 110 * 60_000);
      // The figures count by the local date in the deployment's zone (Asia/Shanghai), which differs from
      // this machine's date between 16:00 and 24:00 UTC.
      const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(start);
      const before = await figure(page, "activities.count", communityId, day);
      const attBefore = await figure(page, "activities.attendance", communityId, day);

      await page.goto(`${server.url}/activities/list`);
      await page.getByRole("button", { name: /新建活动/ }).click();
      const d = page.getByRole("dialog");
      await still(page);
      await d.getByLabel("活动名称").fill("e2e 中医护老义诊");
      await choose(page, d, "活动类型", "中医护老", { type: "中医" });
      await fillPicker(d, "开始时间", stamp(start));
      await fillPicker(d, "结束时间", stamp(end));
      await choose(page, d, "阵地", "福民社区党群服务中心");
      await choose(page, d, "功能室（自动预约）", "会议室");
      await d.getByLabel("人数上限").fill("10");
      await shot(page, "activities-create-zh");
      await d.getByRole("button", { name: /保\s*存/ }).click();
      await page.waitForURL(/\/activities\/list\/[0-9a-f-]{36}/);
      const url = (await page.getByTestId("checkin-url").innerText()).trim();
      expect(url).toMatch(/\/public\/activities\/checkin\/[0-9a-f-]{36}\?k=/);
      const id = new URL(url).pathname.split("/").pop() as string;
      await expect(page.getByTestId("attendance").innerText()).resolves.toBe("0");
      await shot(page, "activities-detail-zh");

      // The resident, on a phone: sign up on the public page, then check in from the QR code's URL.
      const phone = await newPage(browser, { phone: true });
      try {
        await phone.page.goto(`${server.url}/public/activities/signup/${id}`);
        await phone.page.getByTestId("activity-title").waitFor();
        await phone.page.getByLabel("姓名").fill("林小梅");
        await phone.page.getByLabel("手机号").fill("13912345678");
        await phone.page.getByRole("button", { name: /报\s*名/ }).click();
        const code = (await phone.page.getByTestId("signup-code").innerText()).trim();
        expect(code).toMatch(/^[A-Z0-9]{6}$/);
        await shot(phone.page, "activities-signup-phone");
        await phone.page.goto(url.replace(new URL(url).origin, server.url));
        await phone.page.getByTestId("activity-title").waitFor();
        await phone.page.getByText("报名确认码").click();
        await phone.page.getByRole("textbox", { name: "确认码" }).fill(code);
        await shot(phone.page, "activities-checkin-phone");
        await phone.page.getByRole("button", { name: /签\s*到/ }).click();
        await expect(phone.page.getByTestId("checkin-result").innerText()).resolves.toContain("签到成功");
        await shot(phone.page, "activities-checkin-done-phone");
      } finally {
        await phone.context.close();
      }

      await page.reload();
      await page.getByTestId("attendance").waitFor();
      await expect(page.getByTestId("attendance").innerText()).resolves.toBe("1");
      await page.getByText("林*").first().waitFor();
      expect(await figure(page, "activities.count", communityId, day)).toBe(before + 1);
      expect(await figure(page, "activities.attendance", communityId, day)).toBe(attBefore + 1);

      // The attendance removed from the activity page (POST …/attendance/:id/remove): the count and the figure go down.
      const removed = page.waitForResponse((r) => /\/api\/activities\/[0-9a-f-]{36}\/attendance\/[0-9a-f-]{36}\/remove$/.test(r.url()));
      // Its row in the sign-in list (the sign-up list holds a row of the same name, without 撤销).
      const attendee = page.getByRole("row", { name: /林\*/ }).filter({ has: page.getByRole("button", { name: /撤\s*销/ }) });
      await attendee.getByRole("button", { name: /撤\s*销/ }).click();
      const rd = page.getByRole("dialog");
      await still(page);
      await rd.getByLabel("撤销原因").fill("e2e 误签到");
      await rd.getByRole("button", { name: /保\s*存/ }).click();
      expect((await removed).status()).toBe(200);
      await page.getByTestId("attendance").filter({ hasText: /^0$/ }).waitFor();
      await attendee.waitFor({ state: "detached" });
      await page.getByText("签到（0）").waitFor();
      expect(await figure(page, "activities.attendance", communityId, day)).toBe(attBefore);
      expect(await figure(page, "activities.count", communityId, day)).toBe(before + 1);
    });
  }, 180_000);

  it("the venues list keeps its filters in the URL (a reload keeps them) and the export carries them", async () => {
    await flow(browser, "activities-venues-filters", null, async (page) => {
      await login(page, server.url, "staff");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/activities/venues`);
      await page.getByText("福民社区党群服务中心").first().waitFor();
      await choose(page, page.locator(".filter-bar"), "类型", "共建基地");
      await page.waitForURL((u) => u.searchParams.get("kind") === "共建基地");
      await choose(page, page.locator(".filter-bar"), "状态", "开放");
      await page.waitForURL((u) => u.searchParams.get("state") === "open");
      const search = page.getByPlaceholder("名称或地址");
      await search.fill("公园");
      await search.press("Enter");
      await page.waitForURL((u) => u.searchParams.get("q") === "公园");
      await page.getByText("狮径公园共建基地").first().waitFor();
      await page.getByText("行知学校社校共建基地").waitFor({ state: "detached" });
      await page.getByText("福民社区党群服务中心").waitFor({ state: "detached" });

      await page.reload();
      await page.getByText("狮径公园共建基地").first().waitFor();
      expect(await page.getByText("行知学校社校共建基地").count()).toBe(0);
      await expect(search.inputValue()).resolves.toBe("公园");
      await page.locator(".filter-bar .ant-select").filter({ hasText: "共建基地" }).waitFor();
      await page.locator(".filter-bar .ant-select").filter({ hasText: "开放" }).waitFor();

      const exported = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/activities/venues/export");
      await page.getByRole("link", { name: /导出 Excel/ }).click();
      const res = await exported;
      expect(res.status()).toBe(200);
      const sent = new URL(res.url()).searchParams;
      expect([sent.get("kind"), sent.get("state"), sent.get("q")]).toEqual(["共建基地", "open", "公园"]);
    });
  }, 120_000);
});
