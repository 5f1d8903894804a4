import jsqrModule from "jsqr";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choose, fillPicker, launch, login, type Server, shot, startServer, still } from "./harness.js";

// 巡查点 and 巡查计划 administration as the community's staff (patrol.admin): a new point with its
// checklist, the grid worked out from the location; a plan holding it, whose rounds of today list
// it; its QR label printed; a new code made with the warning that the old one stops working.
// jsqr is CommonJS: under NodeNext its default import is typed as the module, at run time it is the function.
const jsQR: typeof jsqrModule.default = (jsqrModule as any).default ?? jsqrModule;

let server: Server;
let browser: Browser;
const base = () => process.env.PATROL_E2E_URL ?? server.url;
const RUN = Date.now() % 10_000;
const NAME = `端到端消防通道${RUN}号`;
const PLAN = `端到端夜间巡查${RUN}`;

beforeAll(async () => {
  if (!process.env.PATROL_E2E_URL) server = await startServer();
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function desktop() {
  // The browser in the community's own time zone, as the staff's would be.
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, deviceScaleFactor: 1, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  return { context, page: await context.newPage() };
}

type ApiPoint = { id: string; code: string; name: string; gridName: string; checklist: string[]; active: boolean };

describe("patrol administration", () => {
  it("point with a checklist → its grid → a plan with it → today's rounds → QR label → new code", async () => {
    const { context, page } = await desktop();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await login(page, base(), "staff");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));

      // 1. A new point: typed location, previewed grid, checklist added, reordered and trimmed.
      await page.goto(`${base()}/patrol/points`);
      await page.getByRole("button", { name: /新增巡查点/ }).click();
      const drawer = page.getByRole("dialog");
      await drawer.getByTestId("point-map").waitFor();
      // A click on the offline grid map picks a location.
      const lngInput = drawer.getByLabel("经度", { exact: true });
      for (let i = 0; i < 60 && !(await lngInput.inputValue()); i++) {
        // The map draws once the grids' GeoJSON is in (until then a click picks nothing), and the
        // drawer slides in: measure where the map is at each try.
        const box = await drawer.getByTestId("point-map").boundingBox();
        if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.waitForTimeout(250);
      }
      expect(await lngInput.inputValue()).toMatch(/^114\.\d+/);
      await drawer.getByLabel("名称", { exact: true }).fill(NAME);
      await choose(page, drawer, "类型", "消防通道");
      await drawer.getByLabel("经度", { exact: true }).fill("114.0505");
      await drawer.getByLabel("纬度", { exact: true }).fill("22.6745");
      await drawer.getByLabel("打卡半径（米）", { exact: true }).fill("40");
      await expect.poll(() => drawer.getByTestId("point-grid").textContent()).toContain("第1网格");
      const item = drawer.getByLabel("新检查项");
      for (const text of ["通道畅通", "消防设施完好", "杂物堆放"]) {
        await item.fill(text);
        await item.press("Enter");
      }
      await item.fill("门禁正常；标识清晰");
      await drawer.getByRole("button", { name: /添\s*加/ }).click();
      // Move 杂物堆放 (3rd) to the top, then remove 消防设施完好 (now 3rd).
      await drawer.locator(".patrol-ordered li").nth(2).getByRole("button", { name: "上移" }).click();
      await drawer.locator(".patrol-ordered li").nth(1).getByRole("button", { name: "上移" }).click();
      await drawer.locator(".patrol-ordered li").nth(2).getByRole("button", { name: "移除" }).click();
      await drawer.getByLabel("检查项 1").fill("无杂物堆放");
      await shot(page, "patrol-admin-point-form");
      await drawer.getByRole("button", { name: /保\s*存/ }).click();
      const saved = drawer.getByTestId("point-saved");
      await saved.waitFor();
      expect(await saved.textContent()).toMatch(/编码 XC\d{4}，所在网格 第1网格/);
      expect(await drawer.getByTestId("point-grid").textContent()).toContain("第1网格");
      await shot(page, "patrol-admin-point-saved");
      await drawer.getByRole("button", { name: /完\s*成/ }).click();

      const found = (await (await page.request.get(`${base()}/api/patrol/points?q=${encodeURIComponent(NAME)}`)).json()).items as ApiPoint[];
      expect(found).toHaveLength(1);
      const point = found[0];
      expect(point).toMatchObject({ gridName: "第1网格", checklist: ["无杂物堆放", "通道畅通", "门禁正常", "标识清晰"], active: true });

      // The list shows it with its grid.
      await page.getByPlaceholder("名称 / 编码").fill(NAME);
      await page.getByPlaceholder("名称 / 编码").press("Enter");
      const row = page.locator("tr", { hasText: NAME });
      await row.waitFor();
      expect(await row.textContent()).toContain("第1网格");

      // 2. A plan holding it (and the other points of 第1网格 held by the community).
      await page.goto(`${base()}/patrol/plans`);
      await page.getByRole("button", { name: /新增计划/ }).click();
      const pd = page.getByRole("dialog");
      await pd.getByLabel("计划名称", { exact: true }).fill(PLAN);
      await pd.locator(".ant-radio-button-wrapper", { hasText: "每班次" }).click();
      // A shift over the whole day: a window that ended before the plan was made makes no round,
      // and this test may run at any hour.
      for (const [which, time] of [
        ["开始", "00:00"],
        ["结束", "23:55"],
      ]) {
        await fillPicker(pd, `时段 1 ${which}`, time);
      }
      await choose(page, pd, "按网格筛选点位", "第1网格");
      await pd.getByTestId("plan-point-picker").click();
      await page.keyboard.type(NAME);
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option`, { hasText: NAME }).click();
      await page.keyboard.press("Escape");
      await expect.poll(() => pd.locator(".patrol-ordered li").count()).toBe(1);
      await pd.getByRole("button", { name: /全部加入/ }).click();
      const n = await pd.locator(".patrol-ordered li").count();
      expect(n).toBeGreaterThan(1);
      expect(await pd.locator(".patrol-ordered li").first().textContent()).toContain(NAME);
      await shot(page, "patrol-admin-plan-form");
      await pd.getByRole("button", { name: /保\s*存/ }).click();
      await page.getByText(`已创建计划「${PLAN}」`).waitFor();

      const plans = (await (await page.request.get(`${base()}/api/patrol/plans`)).json()) as Array<{ id: string; name: string; pointIds: string[] }>;
      const plan = plans.find((p) => p.name === PLAN);
      expect(plan?.pointIds[0]).toBe(point.id);
      expect(plan?.pointIds).toHaveLength(n);

      // 3. Its page: today's rounds, made from the plan, list the new point first.
      await page.getByRole("link", { name: PLAN }).click();
      await page.waitForURL(/\/patrol\/plans\/.+/);
      const rounds = page.getByTestId("plan-rounds");
      await rounds.waitFor();
      expect(await rounds.textContent()).toContain(`1. ${NAME}`);
      await shot(page, "patrol-admin-plan-detail");

      // Changed from its page: renamed, random order.
      await page.getByRole("button", { name: /编\s*辑/ }).click();
      const ed = page.getByRole("dialog");
      await ed.getByLabel("计划名称", { exact: true }).fill(`${PLAN}（调整）`);
      await ed.locator(".ant-radio-button-wrapper", { hasText: "随机" }).click();
      await ed.getByRole("button", { name: /保\s*存/ }).click();
      await page.getByText(`已保存「${PLAN}（调整）」`).waitFor();
      await expect.poll(() => page.locator(".page-title").textContent()).toContain("（调整）");
      const changed = (await (await page.request.get(`${base()}/api/patrol/plans/${plan?.id}`)).json()) as { order: string; pointIds: string[] };
      expect(changed).toMatchObject({ order: "random", pointIds: plan?.pointIds });

      // 4. Print the point's QR label.
      await page.goto(`${base()}/patrol/points?q=${encodeURIComponent(NAME)}`);
      await page.locator("tr", { hasText: NAME }).getByRole("checkbox").check();
      await page.getByRole("button", { name: /打印二维码（1）/ }).click();
      await page.waitForURL(/\/patrol\/labels\?ids=/);
      const label = page.locator(".patrol-label");
      await label.locator("svg").waitFor();
      expect(await label.count()).toBe(1);
      expect(await label.textContent()).toContain(NAME);
      expect(await label.textContent()).toContain(point.code);
      const oldUrl = await label.locator(".url").textContent();
      expect(oldUrl).toContain(`/patrol/checkin/${point.id}?t=`);
      // The printed code scans: the label's SVG drawn on a canvas as the page shows it, read by jsQR.
      const img = await label.locator("svg").evaluate(async (svg) => {
        // runs in the page (the e2e project is typed without the DOM library)
        const w = globalThis as any;
        const size = 400;
        const el = new w.Image();
        el.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent((svg as any).outerHTML)}`;
        await el.decode();
        const canvas = w.document.createElement("canvas");
        canvas.width = canvas.height = size;
        const ctx = canvas.getContext("2d");
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(el, 0, 0, size, size);
        return { size, data: Array.from(ctx.getImageData(0, 0, size, size).data as ArrayLike<number>) };
      });
      expect(jsQR(new Uint8ClampedArray(img.data), img.size, img.size)?.data).toBe(oldUrl);
      await shot(page, "patrol-admin-labels");

      // 5. A new code, after the warning that the old label stops working.
      await page.goto(`${base()}/patrol/points?q=${encodeURIComponent(NAME)}`);
      await page.locator("tr", { hasText: NAME }).getByRole("button", { name: /换码/ }).click();
      const confirm = page.locator(".ant-modal-confirm");
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain("旧二维码将立即失效");
      await still(page);
      await confirm.getByRole("button", { name: "重新生成" }).click();
      await page.getByText("已重新生成二维码，旧码失效").waitFor();
      const labels = (await (await page.request.get(`${base()}/api/patrol/points/labels?ids=${point.id}`)).json()) as Array<{ url: string }>;
      expect(labels[0].url).not.toBe(oldUrl);
      expect(errors).toEqual([]);
    } catch (e) {
      const why = await page
        .locator(".ant-form-item-explain-error, .ant-message-notice, .ant-notification-notice")
        .allTextContents()
        .catch(() => []);
      if (why.length) console.error("on the page:", why);
      await shot(page, "FAILED-patrol-admin").catch(() => {});
      throw e;
    } finally {
      await context.close();
    }
  });
});
