import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, login, type Server, shot, startServer } from "./harness.js";

// 智能巡检 on a phone (375×667) with emulated GPS: open a point's QR URL, log in, check in, see it
// on the supervisor's map and live feed; then the same with the network cut and restored: the
// check-in waits in IndexedDB, is sent when the network returns, and is stored once.
let server: Server;
let browser: Browser;
const base = () => process.env.PATROL_E2E_URL ?? server.url;

beforeAll(async () => {
  if (!process.env.PATROL_E2E_URL) server = await startServer();
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Label = { pointId: string; name: string; code: string; url: string };

async function phone(point: { lat: number; lng: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 1,
    locale: "zh-CN",
    isMobile: true,
    hasTouch: true,
    geolocation: { latitude: point.lat, longitude: point.lng, accuracy: 8 },
    permissions: ["geolocation"],
  });
  return { context, page: await context.newPage() };
}

async function desktop() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, deviceScaleFactor: 1, locale: "zh-CN" });
  return { context, page: await context.newPage() };
}

const mineFor = async (page: Page, pointId: string) =>
  (await (await page.request.get(`${base()}/api/patrol/checkins?pointId=${pointId}&mine=1&pageSize=50`)).json()) as {
    total: number;
    items: Array<{ clientId: string; id: string }>;
  };

describe("patrol check-in on a phone", () => {
  it("QR URL → login → check in with GPS → on the supervisor's map; offline check-in sent later, stored once", async () => {
    // The leader prints labels: the QR code is the check-in URL with the point's token.
    const admin = await desktop();
    await login(admin.page, base(), "leader");
    await admin.page.waitForURL((u) => !u.pathname.startsWith("/login"));
    const pts = (await (await admin.page.request.get(`${base()}/api/patrol/points?force=police&pageSize=2`)).json()).items as Array<{
      id: string;
      lat: number;
      lng: number;
      name: string;
    }>;
    const labels = (await (await admin.page.request.get(`${base()}/api/patrol/points/labels?ids=${pts.map((p) => p.id).join(",")}`)).json()) as Label[];
    await admin.page.goto(`${base()}/patrol/labels?ids=${pts.map((p) => p.id).join(",")}`);
    await admin.page.locator(".patrol-label svg").first().waitFor();
    await shot(admin.page, "patrol-labels");
    await admin.context.close();

    // 1. Online: the phone camera opens the URL; the officer logs in and lands on the check-in page.
    const a = pts[0];
    const { context, page } = await phone(a);
    try {
      const path = new URL(labels[0].url).pathname + new URL(labels[0].url).search;
      await page.goto(`${base()}${path}`);
      await page.waitForURL(/\/login/);
      await page.getByPlaceholder(/用户名|Username/).fill("patrol01");
      await page.getByPlaceholder(/密码|Password/).fill("Shequ@2024");
      await page.getByRole("button", { name: /登\s*录|Log in/ }).click();
      await page.waitForURL(/\/patrol\/checkin\//);
      await page.getByText(a.name).first().waitFor();
      await page.getByTestId("gps").waitFor();
      expect(await page.getByTestId("gps").textContent()).toMatch(/距点位\s*\d+ m/);
      await shot(page, "patrol-phone-checkin");
      const before = (await mineFor(page, a.id)).total;
      await page.getByRole("button", { name: /提交打卡/ }).click();
      await page.getByText("打卡成功").waitFor();
      await shot(page, "patrol-phone-done");
      expect((await mineFor(page, a.id)).total).toBe(before + 1);

      // 2. Offline: the page is open, the network drops, the check-in waits on the phone.
      const b = pts[1];
      await context.setGeolocation({ latitude: b.lat, longitude: b.lng, accuracy: 8 });
      const pathB = new URL(labels[1].url).pathname + new URL(labels[1].url).search;
      await page.goto(`${base()}${pathB}`);
      await page.getByText(b.name).first().waitFor();
      await page.getByTestId("gps").waitFor();
      const beforeB = (await mineFor(page, b.id)).total;
      await context.setOffline(true);
      await page.getByText(/当前无网络/).waitFor();
      await page.locator(".ant-radio-button-wrapper", { hasText: "异常" }).click();
      await page.getByLabel("备注").fill("消防通道堆放杂物（离线打卡）");
      await page.getByRole("button", { name: /提交打卡/ }).click();
      await page.getByText(/已保存在手机上/).waitFor();
      await page.getByTestId("outbox-count").waitFor();
      await shot(page, "patrol-phone-offline-queued");
      const queued = await page.evaluate(
        () =>
          new Promise<string[]>((resolve) => {
            // runs in the page; the e2e tsconfig has no DOM types
            const idb = (globalThis as any).indexedDB;
            const req = idb.open("shequ-patrol", 1);
            req.onsuccess = () => {
              const all = req.result.transaction("outbox").objectStore("outbox").getAll();
              all.onsuccess = () => resolve((all.result as Array<{ clientId: string }>).map((c) => c.clientId));
            };
          }),
      );
      expect(queued).toHaveLength(1);

      // 3. Back online: sent automatically, stored once — and a resend of the same id stores nothing new.
      await context.setOffline(false);
      await page.getByTestId("outbox-count").waitFor({ state: "detached", timeout: 20_000 });
      const after = await mineFor(page, b.id);
      expect(after.total).toBe(beforeB + 1);
      expect(after.items.filter((c) => c.clientId === queued[0])).toHaveLength(1);
      const csrf = await page.evaluate(async () => ((await (await fetch("/api/auth/me")).json()) as { csrfToken: string }).csrfToken);
      const resend = await page.request.post(`${base()}/api/patrol/sync`, {
        headers: { "x-csrf-token": csrf },
        data: { checkins: [{ clientId: queued[0], pointId: b.id, deviceTime: new Date().toISOString(), lat: b.lat, lng: b.lng, method: "gps" }] },
      });
      expect((await resend.json()).duplicates).toBe(1);
      expect((await mineFor(page, b.id)).total).toBe(beforeB + 1);
      await page.goto(`${base()}/patrol/mine`);
      await page.getByText("我的今日巡查").waitFor();
      await shot(page, "patrol-phone-rounds");
    } finally {
      await context.close();
    }

    // 4. The supervisor's map shows the points and the live feed the check-ins just made.
    const sup = await desktop();
    try {
      await login(sup.page, base(), "supervisor");
      await sup.page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await sup.page.goto(`${base()}/patrol/map`);
      await sup.page.getByText("今日巡查态势").waitFor();
      await sup.page.locator("canvas").first().waitFor();
      await sup.page.getByTestId("live-feed").getByText(pts[1].name).first().waitFor({ timeout: 15_000 });
      await shot(sup.page, "patrol-map");
      await sup.page.goto(`${base()}/patrol/review`);
      await sup.page.getByText("打卡审核").first().waitFor();
      await sup.page.locator(".ant-table-row").first().waitFor();
      await shot(sup.page, "patrol-review");
    } finally {
      await sup.context.close();
    }
  }, 120_000);
});
