// XLSX import of cases exported from the 民意速办 platform, and export of any filtered list.
// Import is all-or-nothing with a row-by-row error report; a row whose external number is already
// registered for its channel is left alone, so importing the same file twice changes nothing.
// History in the file (办结时间, 是否解决, 满意度) is replayed through the service with a clock set to
// the file's times, so imported cases count in the figures like any other.

import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import {
  APPEAL_TYPE_LABELS,
  CASE_KIND_LABELS,
  CHANNEL_LABELS,
  type Channel,
  SATISFACTION_LABELS,
  type TAppealCreate,
  URGENCY_LABELS,
} from "../../../contracts/appeals.js";
import type { TImportReport } from "../../../contracts/platform.js";
import type { DB } from "../../db/types.js";
import { toXlsx } from "../../io/xlsx.js";
import type { Audit } from "../../platform/audit.js";
import { fixedClock } from "../../platform/clock.js";
import { zonedInstant } from "../../platform/dates.js";
import { AppError, errors } from "../../platform/errors.js";
import { communityInScope, communityScope } from "../../platform/scope.js";
import { memoisedSettings, type Settings } from "../../platform/settings.js";
import type { Who } from "../../platform/who.js";
import type { WhoNamed } from "./appeals.cases.service.js";
import type { RegisterExtra } from "./appeals.intake.service.js";
import { categoryList, gridsOf, registeredExternalNos } from "./appeals.repo.js";
import { type AppealsServices, createAppealsServices } from "./appeals.services.js";
import type { AppealCategoryTable } from "./appeals.tables.js";

/** Our fields and the headers the platform's export uses for them (first = the template's). */
export const IMPORT_FIELDS: Array<{ key: string; headers: string[]; required?: boolean; en: string }> = [
  { key: "externalNo", headers: ["工单编号", "外部编号", "案件编号"], required: true, en: "Case number on the platform" },
  { key: "channel", headers: ["来源渠道", "渠道"], en: "Channel" },
  { key: "kind", headers: ["类型", "案件类型"], en: "Appeal or event" },
  { key: "appealType", headers: ["诉求类型"], en: "Appeal type" },
  { key: "category", headers: ["小类", "分类", "分类编码"], required: true, en: "Sub-category (name or code)" },
  { key: "urgency", headers: ["紧急程度"], en: "Urgency" },
  { key: "title", headers: ["标题", "诉求标题"], required: true, en: "Title" },
  { key: "content", headers: ["诉求内容", "内容"], en: "Description" },
  { key: "address", headers: ["地址", "发生地址"], en: "Address" },
  { key: "grid", headers: ["网格", "所属网格"], en: "Grid (name or code)" },
  { key: "name", headers: ["诉求人", "联系人"], en: "Appellant" },
  { key: "phone", headers: ["联系电话", "电话"], en: "Phone" },
  { key: "tags", headers: ["标签"], en: "Tags (、-separated)" },
  { key: "registeredAt", headers: ["登记时间", "受理时间"], required: true, en: "Registered (YYYY-MM-DD HH:mm)" },
  { key: "closedAt", headers: ["办结时间"], en: "Closed (YYYY-MM-DD HH:mm)" },
  { key: "resolved", headers: ["是否解决"], en: "Resolved (是/否)" },
  { key: "satisfaction", headers: ["满意度", "回访满意度"], en: "Satisfaction (满意/基本满意/不满意)" },
];

const byLabel = <K extends string>(m: Record<K, { zh: string; en: string }>, v: string): K | undefined =>
  (Object.keys(m) as K[]).find((k) => m[k].zh === v || m[k].en.toLowerCase() === v.toLowerCase() || k === v);

/**
 * "2024-03-05 09:30" (local, in the deployment's zone) → ISO instant; Excel dates come as text from
 * fromXlsx. The calendar date is checked as written (2024-02-30 is refused), before the zone moves
 * the instant into another UTC day or month (08:00 on the 1st in Shanghai is the last day of the
 * month before in UTC — the old check compared months after the shift and refused it).
 */
export function parseLocal(v: string, timeZone: string): string | null {
  const m = v.trim().match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/);
  if (m) {
    const [y, mo, d, h, mi, sec] = [+m[1], +m[2], +m[3], +(m[4] ?? 9), +(m[5] ?? 0), +(m[6] ?? 0)];
    const cal = new Date(Date.UTC(y, mo - 1, d));
    if (cal.getUTCFullYear() !== y || cal.getUTCMonth() !== mo - 1 || cal.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return null;
    const date = `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    const at = zonedInstant(date, `${String(h).padStart(2, "0")}:${String(mi).padStart(2, "0")}:${String(sec).padStart(2, "0")}`, timeZone);
    return Number.isNaN(at.getTime()) ? null : at.toISOString();
  }
  const d = new Date(v);
  return Number.isNaN(d.getTime()) || !/\d{4}/.test(v) ? null : d.toISOString();
}

type XlsxRow = { row: number; values: Record<string, string> };

/** A cell as the text a person sees; dates (which Excel keeps without a zone) as their wall-clock time. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 19).replace("T", " ");
  if (typeof v === "object") {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: string; hyperlink?: string };
    if (o.richText) return o.richText.map((x) => x.text).join("");
    if ("result" in o) return cellText(o.result);
    if (o.text !== undefined) return String(o.text);
    return "";
  }
  return String(v);
}

/**
 * The first sheet's rows keyed by the header row, read as a stream: a 50,000-row export would take
 * several hundred MB as a whole workbook in memory.
 */
async function readRows(buf: Buffer): Promise<XlsxRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buf), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  const out: XlsxRow[] = [];
  for await (const ws of reader) {
    let headers: string[] | null = null;
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      const vals = row.values as unknown[];
      if (!headers) {
        headers = vals.map((v) => cellText(v).trim());
        continue;
      }
      const values: Record<string, string> = {};
      let any = false;
      for (let c = 1; c < vals.length; c++) {
        const h = headers[c];
        if (!h) continue;
        const t = cellText(vals[c]).trim();
        if (t) any = true;
        values[h] = t;
      }
      if (any) out.push({ row: row.number, values });
    }
    break;
  }
  return out;
}

export async function templateXlsx(): Promise<Buffer> {
  return toXlsx(
    "民意速办导入",
    IMPORT_FIELDS.map((f) => ({ header: f.headers[0], key: f.key, width: 16 })),
    [
      {
        externalNo: "MY2024000001",
        channel: "民意速办平台",
        kind: "诉求",
        appealType: "求助",
        category: "路灯",
        urgency: "一般件",
        title: "小区路灯不亮",
        content: "福悦花园3栋门口路灯坏了",
        address: "龙华区福城街道福悦花园3栋",
        grid: "第2网格",
        name: "李先生",
        phone: "13900000000",
        tags: "",
        registeredAt: "2024-03-05 09:30",
        closedAt: "2024-03-06 16:00",
        resolved: "是",
        satisfaction: "满意",
      },
    ],
  );
}

export async function importCases(
  deps: { db: Kysely<DB>; audit: Audit; settings: Settings; timeZone: string },
  who: Who,
  communityId: string,
  buf: Buffer,
  opts: { dryRun?: boolean; mapping?: Record<string, string> } = {},
): Promise<TImportReport> {
  const { db } = deps;
  const dryRun = !!opts.dryRun;
  const community = await communityInScope(db, who.scope, communityId);
  let rows: XlsxRow[];
  try {
    rows = await readRows(buf);
  } catch {
    throw errors.badRequest("文件不是有效的 XLSX", "The file is not a valid XLSX workbook");
  }
  if (!rows.length) throw errors.badRequest("文件中没有数据行", "The file has no data rows");
  const headers = new Set(Object.keys(rows[0].values).concat(...rows.slice(0, 50).map((r) => Object.keys(r.values))));
  const col: Record<string, string | undefined> = {};
  for (const f of IMPORT_FIELDS) col[f.key] = opts.mapping?.[f.key] ?? f.headers.find((h) => headers.has(h));
  const missing = IMPORT_FIELDS.filter((f) => f.required && !col[f.key]);
  // Without its key columns the file is not a case list at all: refused as a whole, not row by row.
  if (missing.length)
    throw errors.badRequest(
      `缺少必需的列：${missing.map((f) => f.headers[0]).join("、")}`,
      `Missing required columns: ${missing.map((f) => `${f.headers[0]} (${f.en})`).join(", ")}`,
    );

  const leaf = (await categoryList(db, false)).filter((c) => c.parent_code);
  const grids = await gridsOf(db, community.id);

  const errs: TImportReport["errors"] = [];
  const parsed: Parsed[] = [];
  const seen = new Set<string>();
  for (const { row, values } of rows) {
    const v = (k: string) => (col[k] ? (values[col[k] as string] ?? "").trim() : "");
    const bad = (zh: string, en: string) => errs.push({ row, message: who.user ? `${zh} / ${en}` : en });
    const externalNo = v("externalNo");
    if (!externalNo) {
      bad("缺少工单编号", "no case number");
      continue;
    }
    const channel = v("channel") ? byLabel(CHANNEL_LABELS, v("channel")) : ("mysb" as Channel);
    if (!channel) {
      bad(`未知渠道「${v("channel")}」`, `unknown channel "${v("channel")}"`);
      continue;
    }
    const key = `${channel}|${externalNo}`;
    if (seen.has(key)) {
      bad(`工单编号 ${externalNo} 在文件中重复`, `case number ${externalNo} appears twice`);
      continue;
    }
    seen.add(key);
    const kind = v("kind") ? byLabel(CASE_KIND_LABELS, v("kind")) : "appeal";
    if (!kind) {
      bad(`未知类型「${v("kind")}」`, `unknown kind "${v("kind")}"`);
      continue;
    }
    const appealType = v("appealType") ? byLabel(APPEAL_TYPE_LABELS, v("appealType")) : kind === "appeal" ? "help" : null;
    if (v("appealType") && !appealType) {
      bad(`未知诉求类型「${v("appealType")}」`, `unknown appeal type "${v("appealType")}"`);
      continue;
    }
    const cv = v("category");
    const cat = leaf.find((c) => c.code === cv) ?? leaf.find((c) => c.name === cv);
    if (!cat) {
      bad(`未知分类「${cv}」`, `unknown category "${cv}"`);
      continue;
    }
    const urgency = v("urgency") ? byLabel(URGENCY_LABELS, v("urgency")) : "normal";
    if (!urgency) {
      bad(`未知紧急程度「${v("urgency")}」`, `unknown urgency "${v("urgency")}"`);
      continue;
    }
    const gv = v("grid");
    const grid = gv ? grids.find((g) => g.name === gv || g.code === gv) : null;
    if (gv && !grid) {
      bad(`网格「${gv}」不在该社区`, `grid "${gv}" is not in this community`);
      continue;
    }
    if (grid && !grid.path.startsWith(who.scope.path)) {
      bad(`网格「${gv}」不在您的数据范围内`, `grid "${gv}" is outside your scope`);
      continue;
    }
    const phone = v("phone").replace(/[\s-]/g, "");
    if (phone && !/^1\d{10}$|^0\d{9,11}$/.test(phone)) {
      bad(`电话「${phone}」格式不正确`, `phone "${phone}" is not valid`);
      continue;
    }
    const registeredAt = parseLocal(v("registeredAt"), deps.timeZone);
    if (!registeredAt) {
      bad(`登记时间「${v("registeredAt")}」无法识别`, `registered time "${v("registeredAt")}" not understood`);
      continue;
    }
    const closedAt = v("closedAt") ? parseLocal(v("closedAt"), deps.timeZone) : null;
    if (v("closedAt") && (!closedAt || closedAt < registeredAt)) {
      bad(`办结时间「${v("closedAt")}」无效或早于登记时间`, `closed time "${v("closedAt")}" invalid or before registration`);
      continue;
    }
    const satisfaction = v("satisfaction") ? (byLabel(SATISFACTION_LABELS, v("satisfaction")) ?? null) : null;
    if (v("satisfaction") && !satisfaction) {
      bad(`未知满意度「${v("satisfaction")}」`, `unknown satisfaction "${v("satisfaction")}"`);
      continue;
    }
    if (satisfaction && !closedAt) {
      bad("有满意度的案件须有办结时间", "a case with a satisfaction needs a closed time");
      continue;
    }
    const title = v("title");
    if (title.length < 2) {
      bad("标题至少 2 个字", "title needs 2 characters or more");
      continue;
    }
    parsed.push({
      row,
      registeredAt,
      closedAt,
      resolved: !["否", "no", "No", "未解决"].includes(v("resolved")),
      satisfaction,
      input: {
        communityId: community.id,
        channel,
        kind,
        appealType: kind === "appeal" ? (appealType ?? "help") : null,
        categoryCode: cat.code,
        urgency,
        title: title.slice(0, 100),
        content: (v("content") || title).slice(0, 4000),
        address: v("address") || null,
        gridId: grid?.id ?? null,
        appellantName: v("name") || null,
        appellantPhone: phone || null,
        tags: v("tags")
          ? v("tags")
              .split(/[、,，]/)
              .map((x) => x.trim())
              .filter(Boolean)
              .slice(0, 10)
          : [],
        externalNo,
      },
    });
  }
  // Already imported (same channel and number): left as they are.
  const existing = new Set<string>();
  const byChannel = new Map<string, string[]>();
  for (const p of parsed) {
    const list = byChannel.get(p.input.channel) ?? [];
    list.push(p.input.externalNo as string);
    byChannel.set(p.input.channel, list);
  }
  for (const [channel, nos] of byChannel) for (const no of await registeredExternalNos(db, channel, nos)) existing.add(`${channel}|${no}`);
  const todo = parsed.filter((p) => !existing.has(`${p.input.channel}|${p.input.externalNo}`)).sort((a, b) => a.registeredAt.localeCompare(b.registeredAt));
  const report: TImportReport = { created: todo.length, unchanged: parsed.length - todo.length, errors: errs, dryRun };
  if (errs.length || dryRun || !todo.length) return report;

  // History is replayed through the module's services over a clock set to the file's times.
  const clock = fixedClock(todo[0].registeredAt);
  const svc = createAppealsServices({ db, audit: deps.audit, clock, settings: memoisedSettings(deps.settings), timeZone: deps.timeZone });
  const catRows = new Map((await categoryList(db, true)).map((c) => [c.code, c]));
  const numbers = new Map<string, number>();
  const actor = { user: null, scope: communityScope(community), name: `${who.user?.displayName ?? "系统"}（导入）`, ip: who.ip };
  let failed = null as TImportReport["errors"][number] | null;
  try {
    await db.transaction().execute(async (trx) => {
      for (const p of todo) {
        clock.set(p.registeredAt);
        try {
          await replay(svc, actor, p, trx, clock, { numbers, pre: { community, category: catRows.get(p.input.categoryCode) as AppealCategoryTable } });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          failed = { row: p.row, message: who.user ? `${e.msg.zh} / ${e.msg.en}` : e.msg.en };
          throw e;
        }
      }
      await deps.audit.record(trx, who, {
        action: "appeal.import",
        entity: "appeal",
        communityId: community.id,
        after: { created: report.created, unchanged: report.unchanged },
      });
    });
  } catch (e) {
    // A row the services refuse (its grid, its appellant …) rolls the whole file back.
    if (!failed) throw e;
    return { ...report, errors: [failed] };
  }
  return report;
}

type Parsed = { input: TAppealCreate; registeredAt: string; closedAt: string | null; resolved: boolean; satisfaction: string | null; row: number };

/** One row of the file through the flow, its steps at times between registration and close. */
async function replay(
  svc: AppealsServices,
  actor: WhoNamed,
  p: Parsed,
  trx: Kysely<DB>,
  clock: ReturnType<typeof fixedClock>,
  extra: Pick<RegisterExtra, "numbers" | "pre">,
) {
  // One audit entry for the whole import (above); each case's timeline still says it was imported.
  const id = await svc.intake.register(actor, p.input, trx, { action: "import", audit: false, ...extra });
  if (!p.closedAt) return;
  const t = new Date(p.registeredAt).getTime();
  const end = new Date(p.closedAt).getTime();
  const at = (share: number) => clock.set(new Date(t + Math.floor((end - t) * share)).toISOString());
  at(0.05);
  await svc.handling.dispatch(actor, id, { toCommunity: true }, trx);
  at(0.1);
  await svc.handling.sign(actor, id, trx);
  if (p.input.appellantPhone) {
    at(0.2);
    await svc.handling.contact(actor, id, null, trx);
  }
  at(1);
  await svc.handling.close(actor, id, { answer: p.resolved ? "已办结（导入）" : "已答复（导入）", resolved: p.resolved }, trx);
  if (p.satisfaction && p.input.kind === "appeal" && p.input.appellantPhone)
    await svc.visits.visit(
      actor,
      id,
      { reached: true, contacted: true, resolved: p.resolved && p.satisfaction !== "unsatisfied", satisfaction: p.satisfaction as any },
      trx,
    );
}
