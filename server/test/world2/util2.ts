import type { Agent } from "../helpers.js";
import { type Expectation, W2_USERS, type World2 } from "./types.js";

// What the builders of history2 (patrol, activities, volunteers, care, massorgs, projects, portal) share:
// the viewers' usernames, a signed-in agent at a moment, and small helpers to build expectations.

/**
 * The runner's accounts (W2_USERS), and community 1's staff, which ensureStaff1 makes: hazards are
 * rectified by one hand and verified by another, and community 1 has only its leader otherwise.
 */
export const V = {
  leader0: W2_USERS.leaders[0],
  leader1: W2_USERS.leaders[1],
  supervisor: W2_USERS.supervisor,
  grid: W2_USERS.grid,
  staff0: W2_USERS.staff,
  staff1: "w2staff1",
} as const;

/** Community 1's staff account (made once per world, through the factories, so the platform's figures count it). */
export async function ensureStaff1(w: World2) {
  if (w.made?.users.some((u) => u.username === V.staff1)) return;
  await w.env.factories.makeUser("staff", w.communities[1].id, { username: V.staff1, displayName: `${w.communities[1].name}工作人员` });
}

const signedIn = new WeakMap<World2, Map<string, Agent>>();
/**
 * When the builders sign in: after every record's time. A session idles out when the clock has moved
 * more than the idle timeout past its last request, and a request earlier than that leaves it as it
 * is, so one session signed in at this moment serves every record made at an earlier time.
 */
export const SIGN_IN_AT = "2026-01-01T08:00:00";

/** Moves the clock to `localIso` and answers `username` signed in (once per world, at SIGN_IN_AT). */
export async function at(w: World2, localIso: string, username: string): Promise<Agent> {
  let m = signedIn.get(w);
  if (!m) signedIn.set(w, (m = new Map()));
  let agent = m.get(username);
  if (!agent) {
    w.setNow(SIGN_IN_AT);
    agent = await w.as(username);
    m.set(username, agent);
  }
  w.setNow(localIso);
  return agent;
}

/** The body of a response, failing with its text when the status is not the one expected. */
export function ok<T = any>(res: { statusCode: number; body: string; json: () => any }, status: number | number[] = [200, 201]): T {
  const want = Array.isArray(status) ? status : [status];
  if (!want.includes(res.statusCode)) throw new Error(`HTTP ${res.statusCode}: ${res.body.slice(0, 600)}`);
  return res.json() as T;
}

/** Periods that end at month and year boundaries over the three years. */
export const YEAR = (y: number) => ({ from: `${y}-01-01`, to: `${y}-12-31` });
export const MONTH = (y: number, m: number) => {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, "0");
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, "0")}` };
};
export const ALL = { from: "2023-01-01", to: "2025-12-31" };

export const inPeriod = (date: string, p: { from: string; to: string }) => date >= p.from && date <= p.to;

/** Counts per key of the items, leaving out empty groups (the product lists only groups with records). */
export function countBy<T>(items: T[], key: (t: T) => string, weight: (t: T) => number = () => 1): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) {
    const k = key(it);
    out[k] = (out[k] ?? 0) + weight(it);
  }
  return out;
}

/** One expectation per viewer/period pair from a function computing the value (and optional groups). */
export function expectEach(
  key: string,
  cases: Array<{ viewer: string; period: { from: string; to: string }; region?: string }>,
  compute: (c: { viewer: string; period: { from: string; to: string }; region?: string }) => Pick<Expectation, "value" | "groups" | "tolerance">,
): Expectation[] {
  return cases.map((c) => ({ key, from: c.period.from, to: c.period.to, viewer: c.viewer, ...(c.region ? { region: c.region } : {}), ...compute(c) }));
}

/**
 * An organisation of a community (once per name and world), registered through the factories — the
 * runner lists what they make on w.made, so the platform's figures count it too.
 */
export async function orgOf(
  w: World2,
  c: 0 | 1,
  kind: string,
  name: string,
  foundedOn: string | null = null,
  o: { parentId?: string; gridId?: string } = {},
): Promise<string> {
  const had = w.made?.orgs.find((x) => x.name === name);
  if (had) return had.id;
  return (await w.env.factories.makeOrg(w.communities[c].id, { kind: kind as never, name, gridId: o.gridId ?? null, parentId: o.parentId ?? null, foundedOn })).id;
}

/** An ISO instant of a local time in the deployment's zone (Asia/Shanghai in the test). */
export const local = (t: string) => new Date(`${t}+08:00`).toISOString();

/** A resident of a grid (a fresh ID number each), registered through the factories (the runner lists them on w.made). */
export async function personOf(w: World2, c: 0 | 1, grid: number, o: { tags?: string[]; age?: [number, number] } = {}) {
  const g = w.communities[c].grids[grid];
  const p = await w.env.factories.makePerson(w.communities[c].id, g.id, { kind: "registered", age: o.age ?? [30, 55], ...(o.tags ? { tags: o.tags as never } : {}) });
  return { id: p.id, name: p.name };
}

/** An XLSX of one sheet (the first row the headers) as a multipart upload. */
export async function xlsxUpload(headers: string[], rows: Array<Array<string | number>>, filename = "import.xlsx") {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const boundary = `----shequw2${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, buf, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** Adds months to a date as the star rules do (the same day of the month). */
export function addMonthsTo(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const t = y * 12 + (m - 1) + n;
  const last = new Date(Date.UTC(Math.floor(t / 12), (t % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}
export const addDaysTo = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
