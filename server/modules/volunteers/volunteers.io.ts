import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { FastifyInstance } from "fastify";
import { maskIdNumber } from "../../../contracts/mask.js";
import { RECORD_STATE_LABELS, VOLUNTEER_STATE_LABELS, ZRecordQuery, ZVolunteerQuery } from "../../../contracts/volunteers.js";
import { bad, cell, isDate, templateXlsx } from "../../io/import.js";
import { importRoutes, ZCommunityImportQuery } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import { localDate, zonedInstant } from "../../platform/dates.js";
import type { Lang } from "../../platform/errors.js";
import { authed, type Deps, sendFile, withZod } from "../../platform/http.js";
import { type Who, whoOf } from "../../platform/who.js";
import { ZIdParam } from "./volunteers.common.js";
import { idNumbersOf, residentByIdNumber, sameRecord, volunteerByCode, volunteerCodesOf, volunteerOfPerson } from "./volunteers.repo.js";
import type { VolunteerServices } from "./volunteers.services.js";

// XLSX export and import of the volunteer registry and of service hours (all or nothing, a report per
// row: server/io/import.ts), and a volunteer's service-hours certificate (DOCX) listing their records.
// Personal data masked in every file; each export is audited.

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const VOL_COLS = [
  { key: "code", zh: "编号", en: "No.", width: 10 },
  { key: "name", zh: "姓名", en: "Name", width: 10 },
  { key: "idNumber", zh: "身份证号", en: "ID number", width: 22 },
  { key: "grid", zh: "网格", en: "Grid", width: 10 },
  { key: "joinedOn", zh: "注册日期", en: "Joined", width: 12 },
  { key: "state", zh: "状态", en: "State", width: 8 },
  { key: "skills", zh: "技能", en: "Skills", width: 20 },
  { key: "availability", zh: "服务时间", en: "Availability", width: 16 },
  { key: "star", zh: "星级", en: "Stars", width: 6 },
  { key: "hours", zh: "累计时数", en: "Total hours", width: 10 },
] as const;
const REC_COLS = [
  { key: "code", zh: "志愿者编号", en: "Volunteer No.", width: 12 },
  { key: "name", zh: "姓名", en: "Name", width: 10 },
  { key: "title", zh: "服务内容", en: "Service", width: 24 },
  { key: "signIn", zh: "签到时间", en: "Signed in", width: 18 },
  { key: "signOut", zh: "签退时间", en: "Signed out", width: 18 },
  { key: "hours", zh: "时数", en: "Hours", width: 8 },
  { key: "state", zh: "状态", en: "State", width: 10 },
] as const;
/** The columns each import reads (of the register's columns above) with its template's example row: the template is made from them. */
const VOL_IMPORT: Partial<Record<(typeof VOL_COLS)[number]["key"], string>> = {
  idNumber: "440309199001011235",
  name: "张三",
  joinedOn: "2024-03-01",
  skills: "急救、摄影",
  availability: "周末",
};
const REC_IMPORT: Partial<Record<(typeof REC_COLS)[number]["key"], string>> = {
  code: "ZY00001",
  title: "社区环境清洁",
  signIn: "2024-05-01 09:00",
  signOut: "2024-05-01 11:30",
};
const templateOf = (sheet: string, cols: ReadonlyArray<{ key: string; zh: string; width: number }>, examples: Record<string, string | undefined>) =>
  templateXlsx(
    sheet,
    cols.filter((c) => examples[c.key] !== undefined).map((c) => ({ header: c.zh, example: examples[c.key] ?? "", width: c.width })),
  );
const hdr = (cols: ReadonlyArray<{ key: string; zh: string; en: string }>, key: string) => {
  const c = cols.find((x) => x.key === key);
  return c ? [c.zh, c.en] : [key];
};
const local = (iso: string | null, tz: string) => {
  if (!iso) return "";
  const d = new Date(iso);
  const date = localDate(d, tz);
  const hm = new Date(d.getTime() - zonedInstant(date, "00:00", tz).getTime()).toISOString().slice(11, 16);
  return `${date} ${hm}`;
};
/** "2024-05-01 09:30" local → ISO instant, or null. */
function instantOf(s: string, tz: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m || !isDate(m[1])) return null;
  return zonedInstant(m[1], `${m[2].padStart(2, "0")}:${m[3]}`, tz).toISOString();
}

async function certificateDocx(svc: VolunteerServices, who: Who, id: string, lang: Lang, tz: string) {
  const en = lang === "en";
  const s = await svc.records.summary(who.scope, id);
  const recs = await svc.records.list(who.scope, { volunteerId: id, state: "confirmed", page: 1, pageSize: 200 });
  const c = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20 })] })] });
  const head = en ? ["#", "Date", "Service", "Signed in", "Signed out", "Hours"] : ["序号", "日期", "服务内容", "签到", "签退", "时数"];
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => c(h, true)) }),
      ...recs.items.map(
        (r, i) =>
          new TableRow({ children: [String(i + 1), r.serviceDate, r.title, local(r.signInAt, tz), local(r.signOutAt, tz), String(r.hours)].map((x) => c(x)) }),
      ),
    ],
  });
  const v = s.volunteer;
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun(en ? "Volunteer service hours certificate" : "志愿服务时数证明")],
          }),
          new Paragraph({
            children: [
              new TextRun(
                en
                  ? `${v.name} (No. ${v.code}), registered on ${v.joinedOn}, has served ${s.hoursTotal} confirmed hours up to ${s.on} (${s.hoursYear} in ${s.on.slice(0, 4)}); star level: ${s.star.level}★.`
                  : `兹证明志愿者${v.name}（编号${v.code}，${v.joinedOn}注册）截至${s.on}累计志愿服务${s.hoursTotal}小时（${s.on.slice(0, 4)}年${s.hoursYear}小时），星级：${s.star.level}星。`,
              ),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun(
                en
                  ? `Confirmed service records (${recs.total}${recs.total > 200 ? ", latest 200 listed" : ""}):`
                  : `已确认的服务记录（${recs.total}条${recs.total > 200 ? "，列出最近200条" : ""}）：`,
              ),
            ],
          }),
          table,
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(en ? `Issued on ${s.on}` : `出具日期：${s.on}`)] }),
        ],
      },
    ],
  });
  return { buf: await Packer.toBuffer(doc), name: `${v.code}` };
}

export function registerVolunteerIoRoutes(app: FastifyInstance, deps: Deps, svc: VolunteerServices) {
  const r = withZod(app);
  const tags = ["volunteers"];
  const tz = deps.config.timeZone;
  const audited = (who: Who, action: string, after: Record<string, unknown>, entityId?: string) =>
    deps.db.transaction().execute((trx) => deps.audit.record(trx, who, { action, entity: "volunteer", entityId, communityId: who.scope.communityId, after }));

  r.get(
    "/api/volunteers/export.xlsx",
    {
      config: { permission: "volunteers.export" },
      schema: { operationId: "exportVolunteers", tags, summary: "导出志愿者名册 XLSX", querystring: ZVolunteerQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const rows = await svc.registry.all(ctx.scope, req.query);
      const ids = await idNumbersOf(
        deps.db,
        rows.map((x) => x.personId),
      );
      await audited(whoOf(req), "volunteers.export", { rows: rows.length, filters: req.query });
      const en = ctx.lang === "en";
      const buf = await toXlsx(
        en ? "Volunteers" : "志愿者名册",
        VOL_COLS.map((c) => ({ header: en ? c.en : c.zh, key: c.key, width: c.width })),
        rows.map((v) => ({
          code: v.code,
          name: v.name,
          idNumber: maskIdNumber(ids.get(v.personId)) ?? "",
          grid: v.gridName ?? "",
          joinedOn: v.joinedOn,
          state: VOLUNTEER_STATE_LABELS[v.state][ctx.lang],
          skills: v.skills.join("、"),
          availability: v.availability ?? "",
          star: v.starLevel,
          hours: v.hoursTotal,
        })),
      );
      return sendFile(reply, en ? "volunteers.xlsx" : "志愿者名册.xlsx", XLSX_MIME, buf);
    },
  );
  importRoutes(app, {
    path: "/api/volunteers/import",
    permission: "volunteers.write",
    operationId: "importVolunteers",
    tags,
    summary: "导入志愿者 XLSX（multipart 字段 file），全部成功或全部不导入",
    query: ZCommunityImportQuery,
    template: {
      operationId: "volunteerImportTemplate",
      summary: "志愿者导入模板",
      filename: () => "志愿者导入模板.xlsx",
      build: () => templateOf("志愿者", VOL_COLS, VOL_IMPORT),
    },
    db: deps.db,
    row:
      ({ who }, community) =>
      async (trx, row) => {
        const get = cell(row.values);
        const idNumber = get(...hdr(VOL_COLS, "idNumber")).toUpperCase();
        if (!idNumber) throw bad("身份证号必填", "ID number is required");
        const p = await residentByIdNumber(trx, who.scope, community.id, idNumber);
        if (!p) throw bad("人口库中没有该身份证号的居民，请先登记居民", "No resident with this ID number in the people registry; register the person first");
        const name = get(...hdr(VOL_COLS, "name"));
        if (name && name !== p.name) throw bad("姓名与人口库不一致", "The name differs from the people registry");
        if (await volunteerOfPerson(trx, community.id, p.id)) return "unchanged";
        const joinedOn = get(...hdr(VOL_COLS, "joinedOn"));
        if (!isDate(joinedOn)) throw bad("注册日期应为 YYYY-MM-DD", "Joined must be YYYY-MM-DD");
        const skills = get(...hdr(VOL_COLS, "skills"))
          .split(/[、,，;；]/)
          .map((s) => s.trim())
          .filter(Boolean);
        await svc.registry.create(who, { personId: p.id, joinedOn, skills, availability: get(...hdr(VOL_COLS, "availability")) || null }, trx);
        return "created";
      },
  });

  r.get(
    "/api/volunteers/records/export.xlsx",
    {
      config: { permission: "volunteers.export" },
      schema: { operationId: "exportVolunteerRecords", tags, summary: "导出服务时数 XLSX", querystring: ZRecordQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const items = [];
      for (let page = 1; page <= 500; page++) {
        const p = await svc.records.list(ctx.scope, { ...req.query, page, pageSize: 200 });
        items.push(...p.items);
        if (p.items.length < 200) break;
      }
      const codes = await volunteerCodesOf(
        deps.db,
        items.map((i) => i.volunteerId),
      );
      await audited(whoOf(req), "volunteers.records.export", { rows: items.length, filters: req.query });
      const en = ctx.lang === "en";
      const buf = await toXlsx(
        en ? "Service hours" : "服务时数",
        REC_COLS.map((c) => ({ header: en ? c.en : c.zh, key: c.key, width: c.width })),
        items.map((i) => ({
          code: codes.get(i.volunteerId) ?? "",
          name: i.volunteerName,
          title: i.title,
          signIn: local(i.signInAt, tz),
          signOut: local(i.signOutAt, tz),
          hours: i.hours,
          state: RECORD_STATE_LABELS[i.state][ctx.lang],
        })),
      );
      return sendFile(reply, en ? "service-hours.xlsx" : "服务时数.xlsx", XLSX_MIME, buf);
    },
  );
  importRoutes(app, {
    path: "/api/volunteers/records/import",
    permission: "volunteers.write",
    operationId: "importVolunteerRecords",
    tags,
    summary: "导入服务时数 XLSX（multipart 字段 file），导入即由导入人确认；全部成功或全部不导入",
    query: ZCommunityImportQuery,
    template: {
      operationId: "volunteerRecordImportTemplate",
      summary: "服务时数导入模板",
      filename: () => "服务时数导入模板.xlsx",
      build: () => templateOf("服务时数", REC_COLS, REC_IMPORT),
    },
    db: deps.db,
    row:
      ({ who }, community) =>
      async (trx, row) => {
        const get = cell(row.values);
        const code = get(...hdr(REC_COLS, "code"));
        const v = await volunteerByCode(trx, community.id, code);
        if (!v) throw bad(`没有编号为「${code}」的志愿者`, `No volunteer numbered "${code}"`);
        const inAt = instantOf(get(...hdr(REC_COLS, "signIn")), tz);
        const outAt = instantOf(get(...hdr(REC_COLS, "signOut")), tz);
        if (!inAt || !outAt) throw bad("签到、签退时间应为 YYYY-MM-DD HH:mm", "Sign-in and sign-out must be YYYY-MM-DD HH:mm");
        if (await sameRecord(trx, v.id, inAt, outAt)) return "unchanged";
        await svc.records.create(
          who,
          { volunteerId: v.id, title: get(...hdr(REC_COLS, "title")) || "志愿服务", signInAt: inAt, signOutAt: outAt },
          { method: "import", confirm: true },
          trx,
        );
        return "created";
      },
  });

  r.get(
    "/api/volunteers/:id/certificate.docx",
    { config: { permission: "volunteers.export" }, schema: { operationId: "volunteerCertificate", tags, summary: "志愿服务时数证明 DOCX", params: ZIdParam } },
    async (req, reply) => {
      const ctx = authed(req);
      const { buf, name } = await certificateDocx(svc, whoOf(req), req.params.id, ctx.lang, tz);
      await audited(whoOf(req), "volunteers.certificate", { volunteerId: req.params.id }, req.params.id);
      return sendFile(reply, ctx.lang === "en" ? `certificate-${name}.docx` : `志愿服务时数证明-${name}.docx`, DOCX_MIME, buf);
    },
  );
}
