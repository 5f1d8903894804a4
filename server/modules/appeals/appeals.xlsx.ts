// XLSX import of cases exported from the 民意速办 platform, and export of any filtered list.
// Import is all-or-nothing with a row-by-row error report; a row whose external number is already
// registered for its channel is left alone, so importing the same file twice changes nothing.
// History in the file (办结时间, 是否解决, 满意度) is replayed through the service with a clock set to
// the file's times, so imported cases count in the figures like any other.

import type ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import {
  APPEAL_TYPE_LABELS,
  CASE_KIND_LABELS,
  CHANNEL_LABELS,
  type Channel,
  SATISFACTION_LABELS,
  type TAppealCreate,
  type TVisit,
  URGENCY_LABELS,
} from "../../../contracts/appeals.js";
import type { TImportReport } from "../../../contracts/platform.js";
import type { DB } from "../../db/types.js";
import { checkFormulaValue, tooManyRows, toXlsx, XLSX_LIMITS, xlsxReader } from "../../io/xlsx.js";
import type { Audit } from "../../platform/audit.js";
import { fixedClock } from "../../platform/clock.js";
import { zonedInstant } from "../../platform/dates.js";
import { AppError, errors } from "../../platform/errors.js";
import { communityInScope, communityScope } from "../../platform/scope.js";
import { memoisedSettings, type Settings } from "../../platform/settings.js";
import type { Who } from "../../platform/who.js";
import type { WhoNamed } from "./appeals.cases.service.js";
import type { RegisterExtra } from "./appeals.intake.service.js";
import { categoryList, dispatchTargets, forgetUnknown, gridsOf, registeredExternalNos } from "./appeals.repo.js";
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
  { key: "handlingUnit", headers: ["承办单位", "处置单位", "责任单位"], en: "Handling unit (an organisation of the community)" },
  { key: "dispatchedAt", headers: ["派单时间", "分拨时间"], en: "Dispatched (YYYY-MM-DD HH:mm)" },
  { key: "signedAt", headers: ["签收时间"], en: "Signed for (YYYY-MM-DD HH:mm)" },
  { key: "contactedAt", headers: ["首次联系时间", "联系时间"], en: "First contact (YYYY-MM-DD HH:mm)" },
  { key: "closedAt", headers: ["办结时间"], en: "Closed (YYYY-MM-DD HH:mm)" },
  { key: "resolved", headers: ["是否解决"], en: "Resolved (是/否)" },
  { key: "visitAt", headers: ["回访时间"], en: "Return visit (YYYY-MM-DD HH:mm)" },
  { key: "visitContacted", headers: ["回访是否联系", "回访已联系"], en: "Visit: appellant says they were contacted (是/否)" },
  { key: "visitResolved", headers: ["回访是否解决", "回访已解决"], en: "Visit: appellant says it was resolved (是/否)" },
  { key: "satisfaction", headers: ["满意度", "回访满意度"], en: "Satisfaction (满意/基本满意/不满意)" },
];

/** The steps of a case's handling whose time a file may give, in the order they happen. */
const STEPS = ["dispatchedAt", "signedAt", "contactedAt", "closedAt", "visitAt"] as const;
type Step = (typeof STEPS)[number];
const STEP_NAMES: Record<Step, { zh: string; en: string }> = {
  dispatchedAt: { zh: "派单时间", en: "dispatch time" },
  signedAt: { zh: "签收时间", en: "sign-for time" },
  contactedAt: { zh: "首次联系时间", en: "first-contact time" },
  closedAt: { zh: "办结时间", en: "closing time" },
  visitAt: { zh: "回访时间", en: "return-visit time" },
};
const yesNo = (v: string): boolean | null | undefined =>
  !v
    ? null
    : ["是", "yes", "Yes", "Y", "1", "已联系", "已解决"].includes(v)
      ? true
      : ["否", "no", "No", "N", "0", "未联系", "未解决"].includes(v)
        ? false
        : undefined;

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
  const reader = await xlsxReader(buf, {
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
      if (row.number > XLSX_LIMITS.maxRows) throw tooManyRows(row.number, XLSX_LIMITS.maxRows);
      const vals = row.values as unknown[];
      for (let c = 1; c < vals.length; c++) checkFormulaValue(vals[c], row.number, c);
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
        handlingUnit: "",
        dispatchedAt: "2024-03-05 09:40",
        signedAt: "2024-03-05 10:05",
        contactedAt: "2024-03-05 10:30",
        closedAt: "2024-03-06 16:00",
        resolved: "是",
        visitAt: "2024-03-07 10:00",
        visitContacted: "是",
        visitResolved: "是",
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
  } catch (e) {
    if (e instanceof AppError) throw e;
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
  const { orgs } = await dispatchTargets(db, community);

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
    // The handling steps' times, each checked and in the order the steps happen.
    const times: Partial<Record<Step, string>> = {};
    let stepError = false;
    let last = { at: registeredAt, name: { zh: "登记时间", en: "registration" } };
    for (const st of STEPS) {
      const raw = v(st);
      if (!raw) continue;
      const at = parseLocal(raw, deps.timeZone);
      if (!at || at < last.at) {
        const n = STEP_NAMES[st];
        bad(`${n.zh}「${raw}」无效或早于${last.name.zh}`, `${n.en} "${raw}" invalid or before the ${last.name.en}`);
        stepError = true;
        break;
      }
      times[st] = at;
      last = { at, name: STEP_NAMES[st] };
    }
    if (stepError) continue;
    const closedAt = times.closedAt ?? null;
    const satisfaction = v("satisfaction") ? (byLabel(SATISFACTION_LABELS, v("satisfaction")) ?? null) : null;
    if (v("satisfaction") && !satisfaction) {
      bad(`未知满意度「${v("satisfaction")}」`, `unknown satisfaction "${v("satisfaction")}"`);
      continue;
    }
    const visitContacted = yesNo(v("visitContacted"));
    const visitResolved = yesNo(v("visitResolved"));
    if (visitContacted === undefined || visitResolved === undefined) {
      const [h, val] = visitContacted === undefined ? ["回访是否联系", v("visitContacted")] : ["回访是否解决", v("visitResolved")];
      bad(`${h}「${val}」应为 是 或 否`, `${h} "${val}" should be 是 or 否`);
      continue;
    }
    if ((satisfaction || times.visitAt || visitContacted != null || visitResolved != null) && !closedAt) {
      bad("有回访结果的案件须有办结时间", "a case with a return visit needs a closed time");
      continue;
    }
    if ((times.visitAt || visitContacted != null || visitResolved != null) && !satisfaction) {
      bad("有回访记录的案件须填满意度", "a case with a return visit needs its satisfaction");
      continue;
    }
    const unit = v("handlingUnit");
    const org = unit ? orgs.find((o) => o.name === unit) : null;
    if (unit && !org) {
      bad(`承办单位「${unit}」不是本社区的在册组织`, `handling unit "${unit}" is not an organisation of this community`);
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
      times,
      orgId: org?.id ?? null,
      closedAt,
      resolved: !["否", "no", "No", "未解决"].includes(v("resolved")),
      satisfaction,
      visitContacted,
      visitResolved,
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
  const report: TImportReport = {
    created: todo.length,
    unchanged: parsed.length - todo.length,
    errors: errs,
    dryRun,
  };
  const notes = gapNotes(todo, who);
  if (notes.length) report.notes = notes;
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

type Parsed = {
  input: TAppealCreate;
  registeredAt: string;
  times: Partial<Record<Step, string>>;
  orgId: string | null;
  closedAt: string | null;
  resolved: boolean;
  satisfaction: string | null;
  visitContacted: boolean | null;
  visitResolved: boolean | null;
  row: number;
};

/** Which steps a row goes through: the ones it gives a time for, and those the flow needs before them. */
function stepsOf(p: Parsed): Record<Step, boolean> {
  const visit = !!p.satisfaction && p.input.kind === "appeal" && !!p.input.appellantPhone;
  const closed = !!p.closedAt;
  const signed = closed || !!p.times.signedAt || !!p.times.contactedAt;
  return {
    dispatchedAt: signed || !!p.times.dispatchedAt,
    signedAt: signed,
    // Closing a case with a phone number needs its first contact first.
    contactedAt: !!p.times.contactedAt || (closed && !!p.input.appellantPhone),
    closedAt: closed,
    visitAt: visit,
  };
}

/**
 * What the file leaves unknown, and so which figures leave those rows out: a time or an answer is
 * never invented. One line per gap with the number of rows it concerns.
 */
function gapNotes(todo: Parsed[], who: Who): string[] {
  const say = (zh: string, en: string) => (who.user ? `${zh} / ${en}` : en);
  let sign = 0;
  let contact = 0;
  let visitAt = 0;
  let visitContacted = 0;
  let visitResolved = 0;
  let urgentNoUnit = 0;
  for (const p of todo) {
    const s = stepsOf(p);
    if (s.signedAt && (!p.times.signedAt || !p.times.dispatchedAt)) sign++;
    if (s.contactedAt && !p.times.contactedAt) contact++;
    if (s.visitAt && !p.times.visitAt) visitAt++;
    if (s.visitAt && p.visitContacted == null) visitContacted++;
    if (s.visitAt && p.visitResolved == null) visitResolved++;
    if (p.input.tags?.includes("急难愁盼") && !p.orgId) urgentNoUnit++;
  }
  const out: string[] = [];
  if (sign)
    out.push(say(`${sign} 件无派单或签收时间：不计入及时签收率`, `${sign} cases without a dispatch or sign-for time: left out of the signed-on-time rate`));
  if (contact)
    out.push(say(`${contact} 件无首次联系时间：时间线上标为未知`, `${contact} cases without a first-contact time: shown as unknown on their timelines`));
  if (visitAt) out.push(say(`${visitAt} 件无回访时间：时间线上标为未知`, `${visitAt} cases without a return-visit time: shown as unknown on their timelines`));
  if (visitContacted)
    out.push(
      say(
        `${visitContacted} 件回访未载明是否联系：不计入响应率与综合评分`,
        `${visitContacted} visits without "contacted": left out of the response rate and the combined score`,
      ),
    );
  if (visitResolved)
    out.push(
      say(
        `${visitResolved} 件回访未载明是否解决：不计入解决率与综合评分`,
        `${visitResolved} visits without "resolved": left out of the resolution rate and the combined score`,
      ),
    );
  if (urgentNoUnit)
    out.push(
      say(
        `${urgentNoUnit} 件“急难愁盼”无承办单位：不计入党组织解决急难愁盼`,
        `${urgentNoUnit} 急难愁盼 cases without a handling unit: not counted as resolved by a party organisation`,
      ),
    );
  return out;
}

/**
 * One row of the file through the flow, each step at the file's time for it. A step the flow needs
 * but whose time the file does not give is done at the last known time before it and its time then
 * forgotten (stored as unknown), so the figures over that time leave the case out.
 */
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
  const steps = stepsOf(p);
  const unknown: Step[] = [];
  const at = (st: Step) => {
    const t = p.times[st];
    if (t) clock.set(t);
    else unknown.push(st);
  };
  if (steps.dispatchedAt) {
    at("dispatchedAt");
    await svc.handling.dispatch(actor, id, p.orgId ? { orgId: p.orgId } : { toCommunity: true }, trx);
  }
  if (steps.signedAt) {
    at("signedAt");
    await svc.handling.sign(actor, id, trx);
  }
  if (steps.contactedAt) {
    at("contactedAt");
    await svc.handling.contact(actor, id, null, trx);
  }
  if (steps.closedAt) {
    at("closedAt");
    await svc.handling.close(actor, id, { answer: p.resolved ? "已办结（导入）" : "已答复（导入）", resolved: p.resolved }, trx);
  }
  if (steps.visitAt) {
    at("visitAt");
    await svc.visits.visit(
      actor,
      id,
      { reached: true, contacted: p.visitContacted, resolved: p.visitResolved, satisfaction: p.satisfaction as TVisit["satisfaction"] },
      trx,
    );
  }
  if (unknown.length) {
    await forgetUnknown(trx, id, {
      dispatched: unknown.includes("dispatchedAt"),
      signed: unknown.includes("signedAt"),
      contacted: unknown.includes("contactedAt"),
      visited: unknown.includes("visitAt"),
    });
    const names = unknown.map((st) => STEP_NAMES[st]);
    await svc.cases.addEvent(
      trx,
      actor,
      { id, community_id: p.input.communityId },
      "import_unknown",
      null,
      null,
      `导入文件未载明${names.map((n) => n.zh).join("、")}（记为未知，不计入用到它的统计） / The file gives no ${names.map((n) => n.en).join(", ")} (kept as unknown, left out of the figures that use it)`,
    );
  }
}
