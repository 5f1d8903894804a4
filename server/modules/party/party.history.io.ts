import { maskIdNumber } from "../../../contracts/mask.js";
import {
  APPLICANT_STATUS_LABELS,
  ELECTION_KIND_EN,
  ELECTION_KINDS,
  PARTY_KIND_EN,
  PARTY_KINDS,
  PARTY_LEVEL_EN,
  PARTY_LEVELS,
  PARTY_POST_EN,
  PARTY_POSTS,
  STEPS,
  type TApplicant,
  type TPartyOrg,
} from "../../../contracts/party.js";
import { bad, cell, type ImportOpts, importRows, isDate, readSheet, templateXlsx, yes } from "../../io/import.js";
import type { XlsxColumn } from "../../io/xlsx.js";
import { AppError } from "../../platform/errors.js";
import type { Scope } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { Ex } from "./party.common.js";
import {
  applicationOn,
  electingOrgsNamed,
  electionRecorded,
  membersNamed,
  partyOrgsBrief,
  peopleNamed,
  postRecorded,
  type postRows,
} from "./party.history.repo.js";
import type { PartyServices } from "./party.services.js";

// The party's history as XLSX: its organisations and committee posts, its elections, and its
// applicants with the date of every pipeline step done. Every row goes through the module's own
// services (so the same rules hold, and a step too early is that row's error), in one transaction:
// any bad row rolls the whole file back, a dry run always does, and a row already on record (the
// same file read twice) is counted unchanged.

type Col = { zh: string; en: string; example: string };
const header = (c: Col, en: boolean) => (en ? c.en : c.zh);
const template = (sheet: { zh: string; en: string }, cols: Col[], en: boolean) =>
  templateXlsx(
    en ? sheet.en : sheet.zh,
    cols.map((c) => ({ header: header(c, en), example: c.example, width: 14 })),
  );
const oneOf = <T extends string>(list: readonly T[], en: Record<T, string>, v: string) => list.find((k) => k === v || en[k].toLowerCase() === v.toLowerCase());
const optDate = (v: string, label: { zh: string; en: string }) => {
  if (v && !isDate(v)) throw bad(`${label.zh}应为 YYYY-MM-DD`, `${label.en} must be YYYY-MM-DD`);
  return v || null;
};
const int = (v: string, label: { zh: string; en: string }) => {
  if (!v) return null;
  if (!/^\d+$/.test(v)) throw bad(`${label.zh}应为整数`, `${label.en} must be a whole number`);
  return Number(v);
};
/** A service's refusal (any AppError) as the row's line of the report, with what the row was about. */
const about = async <T>(what: { zh: string; en: string }, fn: () => Promise<T>) => {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) throw bad(`${what.zh}：${e.msg.zh}`, `${what.en}: ${e.msg.en}`);
    throw e;
  }
};

/**
 * A person of the registry by ID number, or else by name: a name two people share is told apart by
 * the masked ID number an export writes (440309********0013), else the file must give the full one.
 */
async function personOf(exec: Ex, svc: Pick<PartyServices, "members">, scope: Scope, name: string, idNo: string) {
  if (idNo && !idNo.includes("*")) {
    const p = await svc.members.personByIdNumber(scope, idNo.toUpperCase(), exec);
    if (!p) throw bad(`人口库中没有身份证号为 ${idNo} 的人员`, `No person with ID number ${idNo} in the registry`);
    if (name && p.name !== name) throw bad(`身份证号 ${idNo} 登记的是${p.name}，不是${name}`, `ID number ${idNo} is ${p.name}'s, not ${name}'s`);
    return p;
  }
  if (!name) throw bad("请填写姓名或身份证号", "Give the name or the ID number");
  const named = await peopleNamed(exec, scope, name);
  if (named.length === 0) throw bad(`人口库中没有名为${name}的人员`, `No person named ${name} in the registry`);
  const found = named.length > 1 && idNo ? named.filter((p) => maskIdNumber(p.id_number) === idNo) : named;
  if (found.length !== 1) throw bad(`人口库中有多人名为${name}：请填写身份证号`, `Several people are named ${name}: give the ID number`);
  return found[0];
}

// ------------------------------------------------------------------ organisations

const ORG = {
  name: { zh: "组织名称", en: "Name", example: "狮径股份合作公司党支部" },
  shortName: { zh: "简称", en: "Short name", example: "狮径支部" },
  parent: { zh: "上级党组织", en: "Parent", example: "福民社区党委" },
  level: { zh: "层级", en: "Level", example: "党支部" },
  kind: { zh: "类型", en: "Kind", example: "股份合作公司" },
  foundedOn: { zh: "成立日期", en: "Founded on", example: "2015-07-01" },
  termStart: { zh: "任期开始", en: "Term from", example: "2021-06-15" },
  termEnd: { zh: "任期结束", en: "Term to", example: "2026-06-14" },
} satisfies Record<string, Col>;
const ORG_SHEET = { zh: "党组织", en: "Party organisations" };

/** The template's example is a community's top committee, which imports as it is into an empty community. */
export const partyOrgsTemplate = (en: boolean) =>
  template(
    ORG_SHEET,
    [
      { ...ORG.name, example: "福民社区党委" },
      { ...ORG.shortName, example: "" },
      { ...ORG.parent, example: "" },
      { ...ORG.level, example: "党委" },
      { ...ORG.kind, example: "社区" },
      ORG.foundedOn,
      ORG.termStart,
      ORG.termEnd,
    ],
    en,
  );

export function partyOrgColumns(en: boolean, orgs: TPartyOrg[]): XlsxColumn<TPartyOrg>[] {
  const nameOf = new Map(orgs.map((o) => [o.id, o.name]));
  return [
    { header: header(ORG.name, en), key: "name", width: 28 },
    { header: header(ORG.shortName, en), key: "shortName", width: 16 },
    { header: header(ORG.parent, en), key: "parentId", value: (o) => (o.parentId ? (nameOf.get(o.parentId) ?? "") : ""), width: 28 },
    { header: header(ORG.level, en), key: "level", value: (o) => (en ? (PARTY_LEVEL_EN as Record<string, string>)[o.level] : o.level) },
    { header: header(ORG.kind, en), key: "partyKind", value: (o) => (en ? (PARTY_KIND_EN as Record<string, string>)[o.partyKind] : o.partyKind) },
    { header: header(ORG.foundedOn, en), key: "foundedOn", width: 12 },
    { header: header(ORG.termStart, en), key: "termStart", width: 12 },
    { header: header(ORG.termEnd, en), key: "termEnd", width: 12 },
  ];
}

/**
 * A party organisation tree, parents before their children (a parent named in the file or on record,
 * by name or short name). An organisation of that name already on record is the same one.
 */
export async function importPartyOrgs(db: Ex, svc: Pick<PartyServices, "orgs">, who: Who, communityId: string, buf: Buffer, opts: ImportOpts) {
  const sheet = await readSheet(buf);
  return importRows(db, sheet, opts, async (trx, { values }) => {
    const get = cell(values);
    const name = get(ORG.name.zh, ORG.name.en);
    if (!name) throw bad("请填写组织名称", "The name is required");
    const level = oneOf(PARTY_LEVELS, PARTY_LEVEL_EN, get(ORG.level.zh, ORG.level.en));
    if (!level) throw bad(`层级应为：${PARTY_LEVELS.join("、")}`, `Level must be one of ${Object.values(PARTY_LEVEL_EN).join(", ")}`);
    const partyKind = oneOf(PARTY_KINDS, PARTY_KIND_EN, get(ORG.kind.zh, ORG.kind.en));
    if (!partyKind) throw bad(`类型应为：${PARTY_KINDS.join("、")}`, `Kind must be one of ${Object.values(PARTY_KIND_EN).join(", ")}`);
    const foundedOn = optDate(get(ORG.foundedOn.zh, ORG.foundedOn.en), ORG.foundedOn);
    const termStart = optDate(get(ORG.termStart.zh, ORG.termStart.en), ORG.termStart);
    const termEnd = optDate(get(ORG.termEnd.zh, ORG.termEnd.en), ORG.termEnd);
    const orgs = await partyOrgsBrief(trx, who.scope);
    const parentName = get(ORG.parent.zh, ORG.parent.en);
    const parent = parentName ? orgs.find((o) => o.name === parentName || o.short_name === parentName) : null;
    if (parentName && !parent)
      throw bad(
        `没有名为「${parentName}」的上级党组织（上级须在文件中排在前面或已登记）`,
        `No parent party organisation named ${parentName} (list parents first)`,
      );
    const same = orgs.find((o) => o.name === name);
    if (same) {
      if (same.level !== level || (same.parent_id ?? null) !== (parent?.org_id ?? null))
        throw bad(`已有名为「${name}」的党组织，但层级或上级不同`, `A party organisation named ${name} is on record with another level or parent`);
      return "unchanged";
    }
    const shortName = get(ORG.shortName.zh, ORG.shortName.en) || null;
    await svc.orgs.create(
      who,
      { name, shortName, parentId: parent?.org_id ?? null, level, partyKind, foundedOn, termStart, termEnd },
      parent ? undefined : communityId,
      trx,
    );
    return "created";
  });
}

// ------------------------------------------------------------------ posts

const POST = {
  org: { zh: "党组织", en: "Organisation", example: "福民社区党委" },
  name: { zh: "姓名", en: "Name", example: "张三" },
  idNumber: { zh: "身份证号", en: "ID number", example: "" },
  post: { zh: "职务", en: "Post", example: "书记" },
  from: { zh: "任职日期", en: "From", example: "2021-06-15" },
  to: { zh: "任期结束", en: "Term to", example: "" },
  endedOn: { zh: "免职日期", en: "Ended on", example: "" },
  certified: { zh: "持证", en: "Certified", example: "否" },
  certifiedOn: { zh: "持证日期", en: "Certified on", example: "" },
} satisfies Record<string, Col>;
const POST_SHEET = { zh: "班子成员", en: "Committee posts" };
export const partyPostsTemplate = (en: boolean) => template(POST_SHEET, Object.values(POST), en);

type PostRow = Awaited<ReturnType<typeof postRows>>[number];
export function partyPostColumns(en: boolean): XlsxColumn<PostRow>[] {
  return [
    { header: header(POST.org, en), key: "org_name", width: 28 },
    { header: header(POST.name, en), key: "name" },
    { header: header(POST.idNumber, en), key: "id_number", value: (p) => maskIdNumber(p.id_number) ?? "", width: 22 },
    { header: header(POST.post, en), key: "post", value: (p) => (en ? ((PARTY_POST_EN as Record<string, string>)[p.post] ?? p.post) : p.post) },
    { header: header(POST.from, en), key: "term_start", width: 12 },
    { header: header(POST.to, en), key: "term_end", width: 12 },
    { header: header(POST.endedOn, en), key: "ended_on", width: 12 },
    { header: header(POST.certified, en), key: "certified", value: (p) => (p.certified ? (en ? "yes" : "是") : en ? "no" : "否") },
    { header: header(POST.certifiedOn, en), key: "certified_on", value: (p) => p.certified_on ?? "", width: 12 },
  ];
}

/** Committee posts, past and present: the person found by ID number or name; a post of the same person, title and start on record is the same one. */
export async function importPartyPosts(db: Ex, svc: Pick<PartyServices, "orgs" | "members">, who: Who, buf: Buffer, opts: ImportOpts) {
  const sheet = await readSheet(buf);
  return importRows(db, sheet, opts, async (trx, { values }) => {
    const get = cell(values);
    const orgName = get(POST.org.zh, POST.org.en);
    const org = (await partyOrgsBrief(trx, who.scope)).find((o) => o.name === orgName || o.short_name === orgName);
    if (!org) throw bad(`没有名为「${orgName}」的党组织`, `No party organisation named ${orgName}`);
    const person = await personOf(trx, svc, who.scope, get(POST.name.zh, POST.name.en), get(POST.idNumber.zh, POST.idNumber.en));
    const post = oneOf(PARTY_POSTS, PARTY_POST_EN, get(POST.post.zh, POST.post.en));
    if (!post) throw bad(`职务应为：${PARTY_POSTS.join("、")}`, `Post must be one of ${Object.values(PARTY_POST_EN).join(", ")}`);
    const from = get(POST.from.zh, POST.from.en);
    if (!isDate(from)) throw bad("任职日期应为 YYYY-MM-DD", "From must be YYYY-MM-DD");
    const to = optDate(get(POST.to.zh, POST.to.en), POST.to);
    const endedOn = optDate(get(POST.endedOn.zh, POST.endedOn.en), POST.endedOn);
    const certifiedOn = optDate(get(POST.certifiedOn.zh, POST.certifiedOn.en), POST.certifiedOn);
    const on = await postRecorded(trx, org.org_id, person.id, post, from);
    if (on) {
      if ((on.ended_on ?? null) === endedOn) return "unchanged";
      if (on.ended_on || !endedOn) throw bad("该职务已登记，免职日期不同", "This post is on record with another end date");
      await svc.orgs.endPost(who, on.id, endedOn, trx);
      return "created";
    }
    const id = await svc.orgs.addPost(
      who,
      { orgId: org.org_id, personId: person.id, post, termStart: from, termEnd: to, certified: yes(get(POST.certified.zh, POST.certified.en)), certifiedOn },
      trx,
    );
    if (endedOn) await svc.orgs.endPost(who, id, endedOn, trx);
    return "created";
  });
}

// ------------------------------------------------------------------ elections

const EL = {
  heldOn: { zh: "日期", en: "Date", example: "2021-06-15" },
  org: { zh: "组织", en: "Organisation", example: "福民社区党委" },
  kind: { zh: "类别", en: "Kind", example: "换届" },
  termStart: { zh: "任期开始", en: "Term from", example: "2021-06-15" },
  termEnd: { zh: "任期结束", en: "Term to", example: "2026-06-14" },
  post: { zh: "职务", en: "Post", example: "" },
  person: { zh: "当选/任职", en: "Elected/appointed", example: "" },
  personId: { zh: "身份证号", en: "ID number", example: "" },
  removed: { zh: "免职", en: "Removed", example: "" },
  removedId: { zh: "免职人员身份证号", en: "Removed ID number", example: "" },
  votesDue: { zh: "应到", en: "Votes due", example: "45" },
  votesCast: { zh: "实到", en: "Votes cast", example: "42" },
  votesFor: { zh: "赞成", en: "Votes for", example: "40" },
  approvingBody: { zh: "批准机关", en: "Approved by", example: "中共福城街道工作委员会" },
  documentNo: { zh: "批准文号", en: "Document", example: "福城党工〔2021〕12号" },
  certified: { zh: "持证", en: "Certified", example: "" },
  note: { zh: "备注", en: "Note", example: "" },
} satisfies Record<string, Col>;
const EL_SHEET = { zh: "换届补选任免", en: "Elections" };
export const electionsTemplate = (en: boolean) => template(EL_SHEET, Object.values(EL), en);

/** Elections (换届, 补选, 任免) with their results, through the elections service's rules; the same election on record is unchanged. */
export async function importElections(db: Ex, svc: Pick<PartyServices, "elections" | "members">, who: Who, buf: Buffer, opts: ImportOpts) {
  const sheet = await readSheet(buf);
  return importRows(db, sheet, opts, async (trx, { values }) => {
    const get = cell(values);
    const g = (c: Col) => get(c.zh, c.en);
    const heldOn = g(EL.heldOn);
    if (!isDate(heldOn)) throw bad("日期应为 YYYY-MM-DD", "Date must be YYYY-MM-DD");
    const orgName = g(EL.org);
    const found = await electingOrgsNamed(trx, who.scope, orgName);
    if (found.length !== 1)
      throw bad(
        found.length ? `有多个组织名为「${orgName}」` : `没有名为「${orgName}」的党组织或股份合作公司`,
        found.length ? `Several organisations are named ${orgName}` : `No party organisation or joint-stock cooperative named ${orgName}`,
      );
    const kind = oneOf(ELECTION_KINDS, ELECTION_KIND_EN, g(EL.kind));
    if (!kind) throw bad(`类别应为：${ELECTION_KINDS.join("、")}`, `Kind must be one of ${Object.values(ELECTION_KIND_EN).join(", ")}`);
    const postText = g(EL.post);
    const post = postText ? oneOf(PARTY_POSTS, PARTY_POST_EN, postText) : null;
    if (postText && !post) throw bad(`职务应为：${PARTY_POSTS.join("、")}`, `Post must be one of ${Object.values(PARTY_POST_EN).join(", ")}`);
    const personName = g(EL.person);
    const personIdNo = g(EL.personId);
    const person = personName || personIdNo ? await personOf(trx, svc, who.scope, personName, personIdNo) : null;
    const removedName = g(EL.removed);
    const removedIdNo = g(EL.removedId);
    const removed = removedName || removedIdNo ? await personOf(trx, svc, who.scope, removedName, removedIdNo) : null;
    const input = {
      orgId: found[0].id,
      kind,
      heldOn,
      termStart: optDate(g(EL.termStart), EL.termStart),
      termEnd: optDate(g(EL.termEnd), EL.termEnd),
      approvingBody: g(EL.approvingBody),
      documentNo: g(EL.documentNo) || null,
      post: post ?? null,
      personId: person?.id ?? null,
      removedPersonId: removed?.id ?? null,
      certified: yes(g(EL.certified)),
      votesDue: int(g(EL.votesDue), EL.votesDue),
      votesCast: int(g(EL.votesCast), EL.votesCast),
      votesFor: int(g(EL.votesFor), EL.votesFor),
      note: g(EL.note) || null,
    };
    if (!input.approvingBody) throw bad("请填写批准机关", "The approving body is required");
    if (await electionRecorded(trx, { orgId: input.orgId, kind, heldOn, post: input.post, personId: input.personId })) return "unchanged";
    await svc.elections.create(who, input, trx);
    return "created";
  });
}

// ------------------------------------------------------------------ applicants

/** The step columns: "3 推荐和确定入党积极分子" (zh) / "3 Activist confirmed" (en). */
const stepHeader = (n: number, en: boolean) => `${n} ${en ? STEPS[n - 1].en : STEPS[n - 1].zh}`;
const AP = {
  name: { zh: "姓名", en: "Name", example: "李四" },
  idNumber: { zh: "身份证号", en: "ID number", example: "" },
  branch: { zh: "党支部", en: "Branch", example: "狮径股份合作公司党支部" },
  contacts: { zh: "培养联系人", en: "Contact persons", example: "" },
  sponsors: { zh: "入党介绍人", en: "Sponsors", example: "" },
  conclusion: { zh: "政审结论", en: "Review conclusion", example: "" },
  hours: { zh: "培训学时", en: "Training hours", example: "" },
  vote15: { zh: "支部大会表决（应到/实到/赞成/反对/弃权）", en: "Branch vote (due/present/yes/no/abstain)", example: "" },
  extended: { zh: "审批经批准延长", en: "Approval extended", example: "" },
  vote23: { zh: "转正表决（应到/实到/赞成/反对/弃权）", en: "Full membership vote (due/present/yes/no/abstain)", example: "" },
  leftOn: { zh: "退出日期", en: "Left on", example: "" },
  leftReason: { zh: "退出原因", en: "Reason left", example: "" },
} satisfies Record<string, Col>;
const AP_SHEET = { zh: "发展党员", en: "Applicants" };

export function applicantsTemplate(en: boolean) {
  const steps = STEPS.map((s) => ({
    zh: stepHeader(s.no, false),
    en: stepHeader(s.no, true),
    example: s.no === 1 ? "2025-03-01" : s.no === 2 ? "2025-03-20" : "",
  }));
  const [name, idNumber, branch, ...rest] = Object.values(AP);
  return template(AP_SHEET, [name, idNumber, branch, ...steps, ...rest], en);
}

type ApplicantExportRow = TApplicant & { stepDates: Record<number, string> };
/** The export of the pipeline in the import's columns (ID numbers masked: it reads back in by name). */
export function applicantExportColumns(en: boolean): XlsxColumn<ApplicantExportRow>[] {
  return [
    { header: header(AP.name, en), key: "name" },
    { header: header(AP.idNumber, en), key: "idNumber", width: 22 },
    { header: header(AP.branch, en), key: "orgName", width: 28 },
    {
      header: en ? "Status" : "状态",
      key: "status",
      value: (a) => APPLICANT_STATUS_LABELS[a.status as keyof typeof APPLICANT_STATUS_LABELS]?.[en ? "en" : "zh"] ?? a.status,
    },
    { header: en ? "Next by" : "下一步期限", key: "next", value: (a) => a.next?.due ?? "", width: 12 },
    ...STEPS.map((st) => ({ header: stepHeader(st.no, en), key: `s${st.no}`, value: (a: ApplicantExportRow) => a.stepDates[st.no] ?? "", width: 12 })),
    { header: header(AP.leftOn, en), key: "stoppedOn", width: 12 },
    { header: header(AP.leftReason, en), key: "stopReason", width: 20 },
  ];
}

const split = (s: string) => s.split(/[、,，;；\s]+/).filter(Boolean);
function voteOf(s: string, label: { zh: string; en: string }) {
  if (!s) return null;
  const n = s.split(/[/／]/).map((x) => x.trim());
  if (n.length !== 5 || n.some((x) => !/^\d+$/.test(x)))
    throw bad(`${label.zh}应写作 应到/实到/赞成/反对/弃权，如 20/18/17/1/0`, `${label.en} is written due/present/yes/no/abstain, e.g. 20/18/17/1/0`);
  const [due, present, y, no, abstain] = n.map(Number);
  return { due, present, yes: y, no, abstain, writtenYes: 0, writtenNo: 0 };
}

/**
 * Applicants with the date of each step done (steps in order from 1, none skipped), each recorded
 * through the pipeline service: a step too early, out of order or lacking what it needs is that
 * row's error. Documents of imported steps count as filed on paper. A person's application of the
 * same day on record is the same one: steps the file has beyond it are recorded, else unchanged.
 */
export async function importApplicants(db: Ex, svc: Pick<PartyServices, "orgs" | "members" | "pipeline">, who: Who, buf: Buffer, opts: ImportOpts) {
  const sheet = await readSheet(buf);
  return importRows(db, sheet, opts, async (trx, { values }) => {
    const get = cell(values);
    const g = (c: Col) => get(c.zh, c.en);
    const person = await personOf(trx, svc, who.scope, g(AP.name), g(AP.idNumber));
    const branchName = g(AP.branch);
    const org = (await partyOrgsBrief(trx, who.scope)).find((o) => o.name === branchName || o.short_name === branchName);
    if (!org) throw bad(`没有名为「${branchName}」的党支部`, `No party branch named ${branchName}`);
    const dates: string[] = [];
    for (const s of STEPS) {
      const d = get(stepHeader(s.no, false), stepHeader(s.no, true));
      if (!d) continue;
      if (!isDate(d)) throw bad(`${stepHeader(s.no, false)}：日期应为 YYYY-MM-DD`, `${stepHeader(s.no, true)}: the date must be YYYY-MM-DD`);
      if (dates.length !== s.no - 1)
        throw bad(
          `${stepHeader(s.no, false)}：须按顺序办理，缺第${dates.length + 1}步的日期`,
          `${stepHeader(s.no, true)}: steps go in order, step ${dates.length + 1} has no date`,
        );
      dates.push(d);
    }
    if (!dates.length) throw bad(`请填写${stepHeader(1, false)}的日期`, `Give the date of ${stepHeader(1, true)}`);
    const paper = (n: number) => STEPS[n - 1].docs.map((name) => ({ name, paper: true }));
    const memberIdsOf = async (c: Col) => {
      const ids: string[] = [];
      for (const n of split(g(c))) {
        const m = await membersNamed(trx, org.community_id, n);
        if (m.length !== 1)
          throw bad(
            `${c.zh}：${m.length ? `有多名党员名为${n}` : `${n}不在本社区党员名册上`}`,
            `${c.en}: ${m.length ? `several members are named ${n}` : `${n} is not on the register`}`,
          );
        ids.push(m[0].id);
      }
      return ids;
    };
    const have = await applicationOn(trx, person.id, dates[0]);
    if (have && have.last_step >= dates.length) return "unchanged";
    const id =
      have?.id ??
      (await about({ zh: stepHeader(1, false), en: stepHeader(1, true) }, () =>
        svc.pipeline.createApplicant(who, { personId: person.id, orgId: org.org_id, appliedOn: dates[0], documents: paper(1) }, trx),
      ));
    for (let n = (have?.last_step ?? 1) + 1; n <= dates.length; n++) {
      const what = { zh: stepHeader(n, false), en: stepHeader(n, true) };
      const input = {
        step: n,
        doneOn: dates[n - 1],
        memberIds: n === 5 ? await memberIdsOf(AP.contacts) : n === 9 ? await memberIdsOf(AP.sponsors) : [],
        documents: paper(n),
        vote: n === 15 ? voteOf(g(AP.vote15), AP.vote15) : n === 23 ? voteOf(g(AP.vote23), AP.vote23) : null,
        trainingHours: n === 11 ? int(g(AP.hours), AP.hours) : null,
        conclusion: n === 10 ? g(AP.conclusion) || null : null,
        extended: n === 17 && yes(g(AP.extended)),
        note: null,
      };
      const r = await about(what, () => svc.pipeline.recordStep(who, id, input, trx, "history"));
      if (!r.passed) throw bad(`${what.zh}：表决未过半数，不能继续办理后续步骤`, `${what.en}: the vote did not pass, so later steps cannot follow`);
    }
    const leftOn = optDate(g(AP.leftOn), AP.leftOn);
    if (leftOn)
      await about({ zh: AP.leftOn.zh, en: AP.leftOn.en }, () => svc.pipeline.leave(who, id, { on: leftOn, reason: g(AP.leftReason) || "本人撤回申请" }, trx));
    return "created";
  });
}
