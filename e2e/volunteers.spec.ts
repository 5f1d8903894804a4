import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choose, flow, launch, login, type Server, shot, startServer, still } from "./harness.js";

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

describe("志愿服务 volunteers in the browser", () => {
  it("a volunteer's phone page shows the hours and star level of their records", async () => {
    await flow(browser, "volunteers-me", { phone: true }, async (page) => {
      await login(page, server.url, "volunteer01");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/my-volunteer`);
      await page.getByTestId("vol-summary").waitFor();
      const me = await (await page.request.get(`${server.url}/api/volunteers/me`)).json();
      // The page's numbers are the records' own: the total is the sum of the confirmed records (all pages, as staff sees them).
      const staff = await page.context().browser()?.newContext();
      const sp = await staff?.newPage();
      if (!sp) throw new Error("no page");
      await login(sp, server.url, "staff");
      await sp.waitForURL((u) => !u.pathname.startsWith("/login"));
      let minutes = 0;
      let year = 0;
      const y = me.on.slice(0, 4);
      for (let p = 1; ; p++) {
        const res = await (
          await sp.request.get(`${server.url}/api/volunteers/records?volunteerId=${me.volunteer.id}&state=confirmed&pageSize=200&page=${p}`)
        ).json();
        for (const r of res.items) {
          minutes += Math.round(r.hours * 60);
          if (r.serviceDate.startsWith(y)) year += Math.round(r.hours * 60);
        }
        if (res.items.length < 200) break;
      }
      await staff?.close();
      expect(Math.round(minutes / 6) / 10).toBe(me.hoursTotal);
      await expect(page.getByTestId("vol-hours-total").innerText()).resolves.toContain(String(me.hoursTotal).replace(/\B(?=(\d{3})+(?!\d))/g, ","));
      await expect(page.getByTestId("vol-hours-year").innerText()).resolves.toContain(String(Math.round(year / 6) / 10));
      expect(me.hoursTotal).toBeGreaterThanOrEqual(1500);
      await expect(page.getByTestId("vol-star").innerText()).resolves.toContain("★★★★★");
      await expect(page.getByTestId("vol-star").innerText()).resolves.toContain("5星级义工");
      await shot(page, "volunteers-me-phone-zh");
    });
  });

  it("a volunteer scans an activity's check-in QR on a phone, logs in from there and signs in for their hours", async () => {
    await flow(browser, "volunteers-qr-sign-in", { phone: true }, async (page) => {
      // Staff open an activity now (in another context) and take its check-in URL.
      const staffCtx = await page.context().browser()?.newContext();
      const sp = await staffCtx?.newPage();
      if (!sp || !staffCtx) throw new Error("no page");
      await login(sp, server.url, "staff");
      await sp.waitForURL((u) => !u.pathname.startsWith("/login"));
      const csrf = await sp.evaluate(async () => ((await (await fetch("/api/auth/me")).json()) as { csrfToken: string }).csrfToken);
      const venues = await (await sp.request.get(`${server.url}/api/activities/venues`)).json();
      const created = await sp.request.post(`${server.url}/api/activities`, {
        headers: { "x-csrf-token": csrf },
        data: {
          communityId: venues.items[0].communityId,
          typeCode: "F02",
          title: "e2e 志愿者扫码服务",
          startsAt: new Date(Date.now() - 5 * 60_000).toISOString(),
          endsAt: new Date(Date.now() + 115 * 60_000).toISOString(),
        },
      });
      expect(created.status()).toBe(201);
      const act = await created.json();
      const qr = await (await sp.request.get(`${server.url}/api/activities/${act.id}/qr`)).json();
      await staffCtx.close();
      const path = new URL(qr.url).pathname + new URL(qr.url).search;

      // The phone's camera opens the URL: not signed in, the page offers the login and comes back.
      await page.goto(`${server.url}${path}`);
      await page.getByTestId("activity-title").waitFor();
      await page.getByTestId("volunteer-login").click();
      await page.getByPlaceholder(/用户名|Username/).fill("volunteer02");
      await page.getByPlaceholder(/密码|Password/).fill("Shequ@2024");
      await page.getByRole("button", { name: /登\s*录|Log in/ }).click();
      await page.waitForURL((u) => u.pathname.startsWith("/public/activities/checkin/"));
      await page.getByTestId("volunteer-sign-in").click();
      await page.getByTestId("volunteer-signed-in").waitFor();
      await shot(page, "volunteers-qr-sign-in-phone-zh");
      const me = await (await page.request.get(`${server.url}/api/volunteers/me`)).json();
      expect(me.openRecord?.title).toBe("e2e 志愿者扫码服务");
      // Signed out on their own page.
      await page.goto(`${server.url}/my-volunteer`);
      await page.getByRole("button", { name: /签\s*退/ }).click();
      await page.getByRole("button", { name: /签到（其他志愿服务）/ }).waitFor();
      expect((await (await page.request.get(`${server.url}/api/volunteers/me`)).json()).openRecord).toBeNull();
    });
  });

  it("a night patrol recorded on a phone with a problem found opens a hazard, shown on the session's page", async () => {
    await flow(browser, "volunteers-night-patrol", { phone: true }, async (page) => {
      await login(page, server.url, "staff");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${server.url}/volunteers/night-patrols/new`);
      const form = page.locator("form");
      await choose(page, form, "队伍", "福民夜巡志愿服务队");
      const day = new Date(Date.now() - 86_400_000);
      const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
      await form.getByLabel("日期", { exact: true }).fill(date);
      await form.getByLabel("开始", { exact: true }).fill("20:00");
      await form.getByLabel("结束", { exact: true }).fill("22:00");
      await form.getByPlaceholder("途经街巷、点位").fill("e2e 狮径村主干道");
      const boxes = form.locator(".ant-checkbox-wrapper");
      await boxes.first().waitFor();
      await boxes.nth(0).click();
      await boxes.nth(1).click();
      await page.getByRole("button", { name: "添加问题" }).click();
      await still(page);
      await choose(page, form, "问题网格 1", "第1网格");
      await form.getByLabel("问题地点 1").fill("狮径村3栋");
      await form.getByLabel("问题描述 1").fill("e2e 飞线充电");
      await shot(page, "volunteers-night-patrol-form-zh");
      await page.getByRole("button", { name: /保存夜巡/ }).click();
      await page.waitForURL(/\/volunteers\/night-patrols\/[0-9a-f-]{36}$/);
      const id = new URL(page.url()).pathname.split("/").pop() as string;
      const list = page.getByTestId("patrol-hazards");
      await list.getByText("e2e 飞线充电", { exact: false }).waitFor();
      await list.getByText("待交办").waitFor();
      const hz = await (await page.request.get(`${server.url}/api/safety/hazards?source=night_patrol&q=${encodeURIComponent("e2e 飞线充电")}`)).json();
      expect(hz.items).toHaveLength(1);
      expect(hz.items[0].sourceRef).toBe(id);
      await shot(page, "volunteers-night-patrol-detail-zh");
    });
  });
});
