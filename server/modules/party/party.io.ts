import {
  EDUCATIONS,
  ELECTION_KIND_EN,
  MEETING_TYPE_EN,
  MEETING_TYPES,
  MEMBER_STATUS_LABELS,
  PARTY_POST_EN,
  type TElection,
  type TMeeting,
  type TMember,
} from "../../../contracts/party.js";
import { bad, cell, type ImportOpts, importRows, isDate, readSheet, templateXlsx, yes } from "../../io/import.js";
import type { XlsxColumn } from "../../io/xlsx.js";
import type { Who } from "../../platform/who.js";
import type { Ex } from "./party.common.js";
import type { PartyServices } from "./party.services.js";

// The party registers as XLSX: the columns of the exports, and the imports of an existing member
// register and meeting log. An import is all or nothing (ZImportReport): every row goes through the
// services in one transaction, any bad row rolls it all back, a dry run always does, and a row
// already on record (the same file read twice) is counted unchanged.

export function memberColumns(en: boolean): XlsxColumn<TMember>[] {
  return [
    { header: en ? "Name" : "姓名", key: "name" },
    { header: en ? "Gender" : "性别", key: "gender", value: (m) => (m.gender === "M" ? (en ? "M" : "男") : en ? "F" : "女") },
    { header: en ? "Age" : "年龄", key: "age" },
    { header: en ? "ID number" : "身份证号", key: "idNumber", width: 22 },
    { header: en ? "Phone" : "手机号", key: "phone", width: 14 },
    { header: en ? "Branch" : "党支部", key: "orgName", width: 28 },
    { header: en ? "Status" : "党员类别", key: "status", value: (m) => MEMBER_STATUS_LABELS[m.status][en ? "en" : "zh"] },
    { header: en ? "Joined" : "入党日期", key: "joinedOn", width: 12 },
    { header: en ? "Full member since" : "转正日期", key: "fullOn", width: 12 },
    { header: en ? "Education" : "学历", key: "education" },
    { header: en ? "Mobile member" : "流动党员", key: "mobile" },
    { header: en ? "Lost contact" : "失联", key: "lostContact" },
    { header: en ? "Appraisal" : "民主评议", key: "appraisalResult", value: (m) => (m.appraisalYear ? `${m.appraisalYear} ${m.appraisalResult}` : "") },
  ];
}

export function meetingColumns(en: boolean): XlsxColumn<TMeeting>[] {
  return [
    { header: en ? "Date" : "日期", key: "heldOn", width: 12 },
    { header: en ? "Organisation" : "党组织", key: "orgName", width: 28 },
    { header: en ? "Type" : "类型", key: "type", value: (m) => (en ? (MEETING_TYPE_EN as Record<string, string>)[m.type] : m.type), width: 16 },
    { header: en ? "Topic" : "主题", key: "topic", width: 30 },
    { header: en ? "Due" : "应到", key: "due" },
    { header: en ? "Present" : "实到", key: "present" },
    { header: en ? "On leave" : "请假", key: "onLeave" },
    { header: en ? "Absent" : "缺席", key: "absent" },
    {
      header: en ? "Quorum" : "达到法定人数",
      key: "quorumMet",
      value: (m) => (m.quorumMet === null ? "" : m.quorumMet ? (en ? "yes" : "是") : en ? "no" : "否"),
    },
  ];
}

export function electionColumns(en: boolean): XlsxColumn<TElection>[] {
  const yes = en ? "yes" : "是";
  return [
    { header: en ? "Date" : "日期", key: "heldOn", width: 12 },
    { header: en ? "Organisation" : "组织", key: "orgName", width: 28 },
    { header: en ? "Kind" : "类别", key: "kind", value: (e) => (en ? ELECTION_KIND_EN[e.kind as keyof typeof ELECTION_KIND_EN] : e.kind) },
    { header: en ? "Term from" : "任期开始", key: "termStart", width: 12 },
    { header: en ? "Term to" : "任期结束", key: "termEnd", width: 12 },
    { header: en ? "Post" : "职务", key: "post", value: (e) => (e.post && en ? (PARTY_POST_EN as Record<string, string>)[e.post] : e.post) },
    { header: en ? "Elected/appointed" : "当选/任职", key: "personName" },
    { header: en ? "ID number" : "身份证号", key: "personIdNumber", width: 22 },
    { header: en ? "Removed" : "免职", key: "removedPersonName" },
    { header: en ? "Removed ID number" : "免职人员身份证号", key: "removedPersonIdNumber", width: 22 },
    { header: en ? "Votes due" : "应到", key: "votesDue" },
    { header: en ? "Votes cast" : "实到", key: "votesCast" },
    { header: en ? "Votes for" : "赞成", key: "votesFor" },
    {
      header: en ? "Majority" : "过半数",
      key: "majority",
      value: (e) => (e.votesDue != null && e.votesCast != null && e.votesFor != null ? (e.votesFor * 2 > e.votesCast ? yes : en ? "no" : "否") : ""),
    },
    { header: en ? "Approved by" : "批准机关", key: "approvingBody", width: 24 },
    { header: en ? "Document" : "批准文号", key: "documentNo", width: 20 },
    { header: en ? "Note" : "备注", key: "note", width: 30 },
  ];
}

// The columns the imports read, in both languages, with the example row of each template: the
// template is made from them, so what it offers and what the import reads cannot drift apart; an
// enumerated column's `choices` (the values the import takes) are the template's drop-down list.
type Col = { zh: string; en: string; example: string; width?: number; choices?: readonly string[] };
const headers = (c: Col) => [c.zh, c.en] as const;
const templateOf = (sheet: { zh: string; en: string }, cols: Record<string, Col>, en: boolean) =>
  templateXlsx(
    en ? sheet.en : sheet.zh,
    Object.values(cols).map((c) => ({ header: en ? c.en : c.zh, example: c.example, width: c.width ?? 14, choices: c.choices })),
  );

export const MEMBER_IMPORT = {
  name: { zh: "姓名", en: "Name", example: "张三", width: 10 },
  idNumber: { zh: "身份证号", en: "ID number", example: "440309198003030013", width: 22 },
  branch: { zh: "党支部", en: "Branch", example: "第一党支部", width: 24 },
  status: { zh: "党员类别", en: "Status", example: "正式党员", choices: ["正式党员", "预备党员"] },
  joinedOn: { zh: "入党日期", en: "Joined", example: "2001-07-01", width: 12 },
  fullOn: { zh: "转正日期", en: "Full member since", example: "2002-07-01", width: 12 },
  education: { zh: "学历", en: "Education", example: "大学本科", choices: EDUCATIONS },
  mobile: { zh: "流动党员", en: "Mobile member", example: "否", choices: ["是", "否"] },
  lostContact: { zh: "失联", en: "Lost contact", example: "否", choices: ["是", "否"] },
} satisfies Record<string, Col>;

/** The member register's template: the columns the import reads, one example row (its person and branch must be on record). */
export const membersTemplate = (en: boolean) => templateOf({ zh: "党员名册", en: "Party members" }, MEMBER_IMPORT, en);

/** An existing member register: one row per member, people found in the registry by ID number. */
export async function importMembers(db: Ex, svc: Pick<PartyServices, "orgs" | "members">, who: Who, buf: Buffer, opts: ImportOpts) {
  const sheet = await readSheet(buf);
  const orgs = await svc.orgs.list(who.scope);
  const seen = new Map<string, number>();
  return importRows(db, sheet, opts, async (trx, { row, values }) => {
    const get = (c: Col) => cell(values)(...headers(c));
    const C = MEMBER_IMPORT;
    const idNo = get(C.idNumber).toUpperCase();
    const person = await svc.members.personByIdNumber(who.scope, idNo, trx);
    if (!person) throw bad(`人口库中没有身份证号为 ${idNo || "（空）"} 的人员`, `No person with ID number ${idNo || "(empty)"} in the registry`);
    const name = get(C.name);
    if (name && name !== person.name)
      throw bad(`姓名「${name}」与人口库不一致（身份证号 ${idNo} 登记的是${person.name}）`, `The name ${name} differs from the registry's (${person.name})`);
    const first = seen.get(person.id);
    if (first !== undefined) throw bad(`与第${first}行是同一人（${person.name}）`, `The same person as row ${first} (${person.name})`);
    seen.set(person.id, row);
    const branch = get(C.branch);
    const org = orgs.find((o) => o.name === branch || o.shortName === branch);
    if (!org) throw bad(`没有名为「${branch}」的党组织`, `No party organisation named ${branch}`);
    const kind = get(C.status);
    const status = kind === "预备党员" || kind.toLowerCase().startsWith("prob") ? "probationary" : "full";
    const joinedOn = get(C.joinedOn);
    const fullOn = get(C.fullOn) || null;
    const edu = get(C.education);
    if (!isDate(joinedOn)) throw bad("入党日期应为 YYYY-MM-DD", "Joined must be YYYY-MM-DD");
    if (fullOn && !isDate(fullOn)) throw bad("转正日期应为 YYYY-MM-DD", "Full member since must be YYYY-MM-DD");
    if (edu && !(EDUCATIONS as readonly string[]).includes(edu))
      throw bad(`学历应为：${EDUCATIONS.join("、")}`, `Education must be one of ${EDUCATIONS.join(", ")}`);
    // A row checked in full whose person is on the register of this branch already: the file was read before.
    if ((await svc.members.registeredOf(person.id, trx))?.org_id === org.id) return "unchanged";
    await svc.members.create(
      who,
      {
        personId: person.id,
        orgId: org.id,
        status,
        joinedOn,
        fullOn: status === "full" ? fullOn : null,
        education: (edu || null) as (typeof EDUCATIONS)[number] | null,
        mobile: yes(get(C.mobile)),
        lostContact: yes(get(C.lostContact)),
      },
      trx,
    );
    return "created";
  });
}

export const MEETING_IMPORT = {
  heldOn: { zh: "日期", en: "Date", example: "2026-03-05", width: 12 },
  org: { zh: "党组织", en: "Organisation", example: "第一党支部", width: 24 },
  type: { zh: "类型", en: "Type", example: "主题党日", choices: MEETING_TYPES },
  topic: { zh: "主题", en: "Topic", example: "学习新修订的党章", width: 24 },
  place: { zh: "地点", en: "Place", example: "党群服务中心" },
  host: { zh: "主持人", en: "Host", example: "张三", width: 10 },
  present: { zh: "出席人员", en: "Present", example: "张三", width: 24 },
  onLeave: { zh: "请假人员", en: "On leave", example: "", width: 16 },
  minutes: { zh: "会议记录", en: "Minutes", example: "集体学习党章并交流体会", width: 30 },
  resolutions: { zh: "决议", en: "Resolutions", example: "", width: 20 },
} satisfies Record<string, Col>;

/** The meeting log's template: the columns the import reads, one example row (its organisation and attendees must be on record). */
export const meetingsTemplate = (en: boolean) => templateOf({ zh: "会议台账", en: "Meetings" }, MEETING_IMPORT, en);

/**
 * A meeting log: one row per meeting (date, organisation, type, topic, place, host, the names of
 * those present and on leave). Attendance is matched by name against the members due; a meeting of
 * the same organisation, type, day and topic already recorded is the same meeting.
 */
export async function importMeetings(db: Ex, svc: Pick<PartyServices, "orgs" | "meetings">, who: Who, buf: Buffer, opts: ImportOpts) {
  const sheet = await readSheet(buf);
  const orgs = await svc.orgs.list(who.scope);
  return importRows(db, sheet, opts, async (trx, { values }) => {
    const get = (c: Col) => cell(values)(...headers(c));
    const C = MEETING_IMPORT;
    const orgName = get(C.org);
    const org = orgs.find((o) => o.name === orgName || o.shortName === orgName);
    if (!org) throw bad(`没有名为「${orgName}」的党组织`, `No party organisation named ${orgName}`);
    const type = get(C.type);
    if (!(MEETING_TYPES as readonly string[]).includes(type))
      throw bad(`会议类型应为：${MEETING_TYPES.join("、")}`, `Type must be one of ${MEETING_TYPES.join(", ")}`);
    const heldOn = get(C.heldOn);
    if (!isDate(heldOn)) throw bad("日期应为 YYYY-MM-DD", "Date must be YYYY-MM-DD");
    const topic = get(C.topic) || type;
    const names = await svc.meetings.membersDueNamed(who.scope, org.id, type, heldOn, trx);
    const split = (s: string) => s.split(/[、,，;；\s]+/).filter(Boolean);
    const attendance: Array<{ memberId: string; status: "present" | "leave" }> = [];
    for (const [col, status] of [
      [get(C.present), "present"],
      [get(C.onLeave), "leave"],
    ] as const)
      for (const n of split(col)) {
        const m = names.find((x) => x.name === n);
        if (!m) throw bad(`${n}不是${org.name}应参加${type}的人员`, `${n} is not due at this ${type} of ${org.name}`);
        attendance.push({ memberId: m.memberId, status });
      }
    // A row checked in full and already on record (an earlier import, or an earlier row of this file) is the same meeting.
    if (await svc.meetings.recorded({ orgId: org.id, type, heldOn, topic }, trx)) return "unchanged";
    await svc.meetings.create(
      who,
      {
        orgId: org.id,
        type: type as (typeof MEETING_TYPES)[number],
        heldOn,
        topic,
        place: get(C.place) || null,
        host: get(C.host) || null,
        attendance,
        minutes: get(C.minutes) || null,
        resolutions: get(C.resolutions) || null,
        photoFileIds: [],
      },
      trx,
    );
    return "created";
  });
}
