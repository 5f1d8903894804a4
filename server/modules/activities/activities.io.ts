import type { Kysely } from "kysely";
import type { TImportReport } from "../../../contracts/platform.js";
import type { DB } from "../../db/types.js";
import { templateXlsx } from "../../io/import.js";
import { fromXlsx, toXlsx } from "../../io/xlsx.js";
import { zonedInstant } from "../../platform/dates.js";
import { AppError, errors } from "../../platform/errors.js";
import type { Who } from "../../platform/who.js";
import type { TActivity } from "./activities.activities.service.js";
import { localStamp } from "./activities.common.js";
import { activitiesInScope, venuesInScope } from "./activities.repo.js";
import type { ActivitiesServices } from "./activities.services.js";

// iCalendar (RFC 5545) feeds of public activities, and the XLSX register of activities with their
// attendance: export, and an all-or-nothing import answering ZImportReport.

const esc = (s: string) =>
  s
    .replace(/\\/g, "\\\\")
    .replace(/\n/g, "\\n")
    .replace(/([,;])/g, "\\$1");
const stamp = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");
/** Lines are folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let cur = "";
  let bytes = 0;
  for (const ch of line) {
    const b = Buffer.byteLength(ch);
    if (bytes + b > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = "";
      bytes = 0;
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join("\r\n ");
}

export function icalFeed(
  name: string,
  items: Array<Pick<TActivity, "id" | "title" | "startsAt" | "endsAt" | "venueName" | "location" | "description" | "status">>,
  now: Date,
  host: string,
) {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Shequ//Activities//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${esc(name)}`];
  for (const a of items) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${a.id}@${host}`,
      `DTSTAMP:${stamp(now.toISOString())}`,
      `DTSTART:${stamp(a.startsAt)}`,
      `DTEND:${stamp(a.endsAt)}`,
      `SUMMARY:${esc(a.title)}`,
    );
    const where = a.venueName ?? a.location;
    if (where) lines.push(`LOCATION:${esc(where)}`);
    if (a.description) lines.push(`DESCRIPTION:${esc(a.description)}`);
    lines.push(`STATUS:${a.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

export const EXPORT_COLUMNS = (en: boolean) => [
  { header: en ? "No." : "编号", key: "code", width: 22 },
  { header: en ? "Title" : "活动名称", key: "title", width: 30 },
  { header: en ? "Type" : "类型", key: "typeName" },
  { header: en ? "Starts" : "开始时间", key: "start", width: 18 },
  { header: en ? "Ends" : "结束时间", key: "end", width: 18 },
  { header: en ? "Venue" : "阵地", key: "venueName", width: 24 },
  { header: en ? "Room" : "功能室", key: "roomName" },
  { header: en ? "Location" : "地点", key: "location" },
  { header: en ? "Organiser" : "主办单位", key: "organiserName", width: 24 },
  { header: en ? "Series" : "系列", key: "seriesName" },
  { header: en ? "Status" : "状态", key: "status" },
  { header: en ? "Checked in" : "签到人次", key: "checkedIn" },
  { header: en ? "Head count" : "清点人数", key: "headCount" },
  { header: en ? "Person-times" : "参与人次", key: "attendance" },
];

/**
 * The columns the import reads (its headers as the register writes them), with the template's example
 * row: the template is made from these, so the two cannot drift. Venue and organiser, when given,
 * must be on the community's record; the type is an activity type's name or code.
 */
export const IMPORT_COLUMNS = {
  title: { header: "活动名称", example: "亲邻影院：周末电影放映", width: 28 },
  type: { header: "类型", example: "亲邻影院", width: 16 },
  start: { header: "开始时间", example: "2026-03-07 19:00", width: 18 },
  end: { header: "结束时间", example: "2026-03-07 21:00", width: 18 },
  venue: { header: "阵地", example: "", width: 20 },
  organiser: { header: "主办单位", example: "", width: 20 },
  headCount: { header: "参与人次", example: "35", width: 10 },
} as const;
const HEAD = Object.fromEntries(Object.entries(IMPORT_COLUMNS).map(([k, c]) => [k, c.header])) as { [K in keyof typeof IMPORT_COLUMNS]: string };

export async function exportActivities(
  svc: ActivitiesServices,
  _db: Kysely<DB>,
  who: Who,
  f: Parameters<ActivitiesServices["activities"]["list"]>[1],
  en: boolean,
  tz: string,
) {
  const rows = (await svc.activities.list(who.scope, { ...f, page: 1, pageSize: 200 })).items;
  let page = 2;
  while (rows.length < 50_000) {
    const more = (await svc.activities.list(who.scope, { ...f, page, pageSize: 200 })).items;
    if (!more.length) break;
    rows.push(...more);
    page++;
  }
  const fmt = (iso: string) => localStamp(iso, tz);
  return toXlsx(
    en ? "Activities" : "活动台账",
    EXPORT_COLUMNS(en),
    rows.map((a) => ({ ...a, start: fmt(a.startsAt), end: fmt(a.endsAt) })),
  );
}

/** The import template: the columns the import reads, and one example row that imports as it is. */
export const importTemplate = () => templateXlsx("活动台账", Object.values(IMPORT_COLUMNS));

const LOCAL = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/;

/**
 * All or nothing: every row is checked (an unknown venue or type, a bad time, an end before the
 * start, a negative count) and, only if none fails, created in one transaction. A row whose activity
 * already exists (same community, title and start) is unchanged, so a re-import creates nothing.
 */
export async function importActivities(
  svc: ActivitiesServices,
  db: Kysely<DB>,
  who: Who,
  communityId: string,
  buf: Buffer,
  dryRun: boolean,
  tz: string,
): Promise<TImportReport> {
  let rows: Awaited<ReturnType<typeof fromXlsx>>;
  try {
    rows = await fromXlsx(buf);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw errors.badRequest("文件不是有效的 XLSX", "The file is not a valid XLSX workbook");
  }
  if (!rows.length) throw errors.badRequest("文件没有数据行", "The file has no data rows");
  const missing = [HEAD.title, HEAD.type, HEAD.start, HEAD.end].filter((h) => !(h in rows[0].values));
  if (missing.length) throw errors.badRequest(`缺少列：${missing.join("、")}`, `Missing columns: ${missing.join(", ")}`);
  const types = new Map((await svc.activities.types()).flatMap((t) => [[t.name, t.code] as const, [t.code, t.code] as const]));
  const venues = new Map(
    (await venuesInScope(db, who.scope).select(["v.id", "v.name"]).where("v.community_id", "=", communityId).execute()).map((v) => [v.name, v.id]),
  );
  const orgs = new Map(
    (await db.selectFrom("organisations").select(["id", "name"]).where("community_id", "=", communityId).execute()).map((o) => [o.name, o.id]),
  );
  const report: TImportReport = { created: 0, unchanged: 0, errors: [], dryRun };
  const todo: Array<{ row: number; input: Parameters<ActivitiesServices["activities"]["create"]>[1]; headCount: number | null }> = [];
  const seen = new Set<string>();
  for (const { row, values: v } of rows) {
    const err = (zh: string, en: string) => report.errors.push({ row, message: `${zh} / ${en}` });
    const title = v[HEAD.title]?.trim();
    const type = types.get(v[HEAD.type]?.trim() ?? "");
    const s = LOCAL.exec(v[HEAD.start] ?? "");
    const e = LOCAL.exec(v[HEAD.end] ?? "");
    if (!title) {
      err("缺少活动名称", "no title");
      continue;
    }
    if (!type) {
      err(`未知的活动类型「${v[HEAD.type] ?? ""}」`, `unknown activity type "${v[HEAD.type] ?? ""}"`);
      continue;
    }
    if (!s || !e) {
      err("开始、结束时间应为 YYYY-MM-DD HH:MM", "start and end must be YYYY-MM-DD HH:MM");
      continue;
    }
    const startsAt = zonedInstant(s[1], s[2], tz).toISOString();
    const endsAt = zonedInstant(e[1], e[2], tz).toISOString();
    if (endsAt <= startsAt) {
      err("结束时间须晚于开始时间", "the end must be after the start");
      continue;
    }
    const venueName = v[HEAD.venue]?.trim();
    const venueId = venueName ? venues.get(venueName) : null;
    if (venueName && !venueId) {
      err(`未知的阵地「${venueName}」`, `unknown venue "${venueName}"`);
      continue;
    }
    const orgName = v[HEAD.organiser]?.trim();
    const organiserId = orgName ? orgs.get(orgName) : null;
    if (orgName && !organiserId) {
      err(`未知的主办单位「${orgName}」`, `unknown organiser "${orgName}"`);
      continue;
    }
    const hc = v[HEAD.headCount]?.trim();
    const headCount = hc ? Number(hc) : null;
    if (headCount != null && (!Number.isInteger(headCount) || headCount < 0)) {
      err("参与人次应为非负整数", "person-times must be a whole number, not negative");
      continue;
    }
    const key = `${title}|${startsAt}`;
    if (seen.has(key)) {
      err("与前面的行重复", "repeats an earlier row");
      continue;
    }
    seen.add(key);
    const had = await activitiesInScope(db, who.scope)
      .select("a.id")
      .where("a.community_id", "=", communityId)
      .where("a.title", "=", title)
      .where("a.starts_at", "=", startsAt)
      .executeTakeFirst();
    if (had) {
      report.unchanged++;
      continue;
    }
    todo.push({ row, input: { communityId, title, typeCode: type, venueId, organiserId, startsAt, endsAt, public: false }, headCount });
  }
  if (report.errors.length) return report;
  report.created = todo.length;
  if (dryRun || !todo.length) return report;
  await db.transaction().execute(async (trx) => {
    for (const t of todo) {
      const a = await svc.activities.create(who, t.input, trx);
      if (t.headCount != null) await svc.attendance.headCount(who, a.id, { count: t.headCount, note: "导入" }, trx);
    }
  });
  return report;
}
