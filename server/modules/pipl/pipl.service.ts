// 个人信息权利: a resident's request (查阅/复制/更正/删除) from intake to answer. The person's data comes
// from every module through the personal-data registry (server/platform/personal-data.ts); the
// correction goes through the people registry's own update; a deletion is an anonymisation across
// every provider and the registry in one transaction, refused while a provider's retention rule
// keeps one of the person's records.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { maskIdNumber, maskName, maskPhone } from "../../../contracts/mask.js";
import type { PiplKind, TPiplRequest, TPiplRequestCreate } from "../../../contracts/pipl.js";
import type { TPersonUpdate } from "../../../contracts/platform.js";
import { can } from "../../../contracts/roles.js";
import type { DB } from "../../db/types.js";
import { localDate } from "../../platform/dates.js";
import { AppError, errors, type Lang } from "../../platform/errors.js";
import type { Deps } from "../../platform/http.js";
import { uuidv7 } from "../../platform/ids.js";
import { createPeopleService } from "../../platform/people/people.service.js";
import type { AnonymisedPart, HeldRecord, PersonalSection, PersonalSubject } from "../../platform/personal-data.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { addWorkingDays, type WorkCalendar, workCalendarAt, workingDaysBetween } from "../../platform/workdays.js";
import { type RequestRow, requestsInScope } from "./pipl.repo.js";
import { PIPL_SETTINGS } from "./pipl.settings.js";
import type { PiplRequestTable } from "./pipl.tables.js";

const NOT_FOUND = { zh: "个人信息权利请求", en: "PIPL request" };

export type PiplService = ReturnType<typeof createPiplService>;

export function createPiplService(deps: Deps) {
  const { db, audit, clock, personalData } = deps;
  const tz = deps.config.timeZone;
  const people = createPeopleService({ db, audit, clock, timeZone: tz });
  const today = () => localDate(clock.now(), tz);

  const pathOf = async (exec: Kysely<DB>, regionId: string) =>
    (await exec.selectFrom("regions").select("path").where("id", "=", regionId).executeTakeFirstOrThrow()).path;

  /** Work calendars by community, read once per call. */
  function calendars(exec: Kysely<DB>) {
    const cache = new Map<string, Promise<WorkCalendar>>();
    return (communityId: string) => {
      let c = cache.get(communityId);
      if (!c) {
        c = pathOf(exec, communityId).then((p) => workCalendarAt(exec, p));
        cache.set(communityId, c);
      }
      return c;
    };
  }

  function toRequest(r: RequestRow, t: string, cal: WorkCalendar): TPiplRequest {
    const open = r.status === "open";
    const left = !open ? null : r.due_on >= t ? workingDaysBetween(t, r.due_on, cal) : -workingDaysBetween(r.due_on, t, cal);
    return {
      id: r.id,
      communityId: r.community_id,
      personId: r.person_id,
      personName: r.person_name,
      personAnonymised: !!r.anonymised_at,
      kind: r.kind as PiplKind,
      requester: r.requester,
      channel: r.channel as TPiplRequest["channel"],
      detail: r.detail,
      receivedOn: r.received_on,
      dueOn: r.due_on,
      workdaysLeft: left,
      overdue: open && t > r.due_on,
      status: r.status as TPiplRequest["status"],
      result: r.result,
      answeredOn: r.answered_on,
      answeredBy: r.answered_by,
      recordedBy: r.recorded_by,
      responsibleUserId: r.responsible_user_id,
      responsibleName: r.responsible_name,
      createdAt: r.created_at,
    };
  }

  async function rowInScope(who: Who, id: string, exec: Kysely<DB> = db) {
    const r = await requestsInScope(exec, who.scope).where("r.id", "=", id).executeTakeFirst();
    if (!r) throw errors.notFound(NOT_FOUND);
    return r;
  }

  async function get(who: Who, id: string, exec: Kysely<DB> = db) {
    const r = await rowInScope(who, id, exec);
    return toRequest(r, today(), await calendars(exec)(r.community_id));
  }

  /** The person as the registry holds them (full values), in the caller's scope. */
  async function subjectOf(who: Who, personId: string, exec: Kysely<DB> = db): Promise<PersonalSubject & { anonymisedAt: string | null }> {
    const p = await people.rawInScope(who.scope, personId, exec);
    return {
      id: p.id,
      communityId: p.community_id,
      name: p.name,
      idNumber: p.id_number,
      phone: p.phone,
      address: p.address,
      anonymisedAt: p.anonymised_at ?? null,
    };
  }

  async function holdsOf(exec: Kysely<DB>, s: PersonalSubject, lang: Lang) {
    const out: Array<{ provider: string; module: string; key: string; label: string; reason: string; records: HeldRecord[] }> = [];
    for (const p of personalData.all())
      for (const rule of p.retention) {
        const records = await rule.holds(exec, s);
        if (records.length) out.push({ provider: p.key, module: p.module, key: rule.key, label: rule.label[lang], reason: rule.reason[lang], records });
      }
    return out;
  }

  async function answer(trx: Kysely<DB>, who: Who, row: RequestRow, status: "done" | "partial" | "refused", result: string) {
    const t = today();
    const patch = { status, result, answered_on: t, answered_by: who.user?.username ?? "system", updated_at: clock.now().toISOString() };
    await trx.updateTable("pipl_requests").set(patch).where("id", "=", row.id).execute();
    await audit.record(trx, who, {
      action: "pipl.answer",
      entity: "pipl_request",
      entityId: row.id,
      communityId: row.community_id,
      before: { status: row.status },
      after: { kind: row.kind, status, result, answeredOn: t },
    });
  }

  const mustBeOpen = (r: RequestRow) => {
    if (r.status !== "open") throw errors.conflict("该请求已答复", "This request has already been answered");
  };
  const mustBeKind = (r: RequestRow, kinds: PiplKind[]) => {
    if (!kinds.includes(r.kind as PiplKind))
      throw errors.badRequest(
        `该请求不是${kinds.map((k) => ({ access: "查阅", copy: "复制", correct: "更正", delete: "删除" })[k]).join("或")}请求`,
        `This request is not a ${kinds.join(" or ")} request`,
      );
  };

  return {
    get,

    async list(who: Who, f: { page: number; pageSize: number; status?: string; kind?: string; personId?: string }) {
      let q = requestsInScope(db, who.scope);
      if (f.status === "answered") q = q.where("r.status", "!=", "open");
      else if (f.status) q = q.where("r.status", "=", f.status);
      if (f.kind) q = q.where("r.kind", "=", f.kind);
      if (f.personId) q = q.where("r.person_id", "=", f.personId);
      const total = Number(
        (
          await db
            .selectFrom(q.as("x"))
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirst()
        )?.n ?? 0,
      );
      // Open ones first, nearest deadline first; then the answered, newest first.
      const rows = await q
        .orderBy((eb) => eb.case().when("r.status", "=", "open").then(0).else(1).end())
        .orderBy("r.due_on")
        .orderBy("r.created_at", "desc")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      const t = today();
      const cal = calendars(db);
      const items = [];
      for (const r of rows) items.push(toRequest(r, t, await cal(r.community_id)));
      return { items, total, page: f.page, pageSize: f.pageSize };
    },

    /** Open requests with their deadline, for the to-dos: the caller's own, or unassigned ones in their scope. */
    async openFor(who: Who) {
      const rows = await requestsInScope(db, who.scope)
        .where("r.status", "=", "open")
        .where((eb) => eb.or([eb("r.responsible_user_id", "=", who.user?.id ?? ""), eb("r.responsible_user_id", "is", null)]))
        .orderBy("r.due_on")
        .limit(200)
        .execute();
      const t = today();
      const cal = calendars(db);
      const out = [];
      for (const r of rows) {
        const path = await pathOf(db, r.community_id);
        const remind = await deps.settings.get(PIPL_SETTINGS.remindWorkdays, path);
        out.push({ request: toRequest(r, t, await cal(r.community_id)), remind });
      }
      return out;
    },

    async create(who: Who, input: TPiplRequestCreate) {
      return inTx(db, undefined, async (trx) => {
        const s = await subjectOf(who, input.personId, trx);
        const t = today();
        const received = input.receivedOn ?? t;
        if (received > t) throw errors.badRequest("收到日期不能晚于今天", "The date received cannot be in the future");
        if (s.anonymisedAt && input.kind !== "access")
          throw errors.conflict("该人员已匿名化，其个人信息已不再保存", "This person has been anonymised; their personal data is no longer held");
        const responsible = input.responsibleUserId ?? who.user?.id ?? null;
        if (responsible) {
          const u = await trx
            .selectFrom("users as u")
            .innerJoin("regions as r", "r.id", "u.scope_region_id")
            .select(["u.role", "u.disabled", "r.path"])
            .where("u.id", "=", responsible)
            .executeTakeFirst();
          const cpath = await pathOf(trx, s.communityId);
          if (!u || u.disabled || !can(u.role, "pipl.manage") || !(cpath.startsWith(u.path) || u.path.startsWith(cpath)))
            throw errors.badRequest(
              "负责人应为能办理个人信息请求的本社区工作人员",
              "The responsible account must be staff of this community who handles PIPL requests",
              {
                field: "responsibleUserId",
              },
            );
        }
        const path = await pathOf(trx, s.communityId);
        const n = await deps.settings.get(PIPL_SETTINGS.deadlineWorkdays, path, trx);
        const due = addWorkingDays(received, n, await workCalendarAt(trx, path));
        const now = clock.now().toISOString();
        const row: PiplRequestTable = {
          id: uuidv7(clock.now().getTime()),
          community_id: s.communityId,
          person_id: s.id,
          kind: input.kind,
          requester: input.requester,
          channel: input.channel,
          detail: input.detail ?? null,
          received_on: received,
          due_on: due,
          recorded_by: who.user?.username ?? "system",
          responsible_user_id: responsible,
          status: "open",
          result: null,
          answered_on: null,
          answered_by: null,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto("pipl_requests").values(row).execute();
        await audit.record(trx, who, {
          action: "pipl.create",
          entity: "pipl_request",
          entityId: row.id,
          communityId: row.community_id,
          after: { personId: s.id, person: maskName(s.name), kind: row.kind, channel: row.channel, receivedOn: received, dueOn: due },
        });
        return get(who, row.id, trx);
      });
    },

    async answer(who: Who, id: string, input: { status: "done" | "partial" | "refused"; result: string }) {
      return inTx(db, undefined, async (trx) => {
        const r = await rowInScope(who, id, trx);
        mustBeOpen(r);
        await answer(trx, who, r, input.status, input.result);
        return get(who, id, trx);
      });
    },

    /** 查阅/复制: every provider's sections for the request's person, for the file; the export is audited. */
    async exportData(who: Who, id: string) {
      const r = await rowInScope(who, id);
      mustBeKind(r, ["access", "copy"]);
      const s = await subjectOf(who, r.person_id);
      const sections: Array<PersonalSection & { provider: string; providerLabel: { zh: string; en: string } }> = [];
      for (const p of personalData.all()) for (const sec of await p.collect(db, s)) sections.push({ ...sec, provider: p.key, providerLabel: p.label });
      // Free texts (a case's content, a dispute's summary) may name others: residents' names other
      // than the person's, and phones or ID numbers not theirs, are masked wherever they occur.
      const texts = sections.flatMap((x) => x.rows.flatMap((r) => Object.values(r).filter((v): v is string => typeof v === "string")));
      const others = (await people.namesIn(who.scope, texts.join("\n"))).filter((n) => n !== s.name && !s.name.includes(n));
      for (const x of sections)
        for (const row of x.rows) for (const [k, v] of Object.entries(row)) if (typeof v === "string") row[k] = maskOthers(v, s, others);
      await audit.record(db, who, {
        action: "pipl.export",
        entity: "pipl_request",
        entityId: r.id,
        communityId: r.community_id,
        after: { personId: s.id, person: maskName(s.name), sections: sections.map((x) => ({ provider: x.provider, key: x.key, rows: x.rows.length })) },
      });
      return { request: toRequest(r, today(), await calendars(db)(r.community_id)), subject: s, sections };
    },

    /** 更正: the registry's own update (audited there, before and after masked), and the request answered. */
    async correct(who: Who, id: string, input: Pick<TPersonUpdate, "name" | "gender" | "birthDate" | "phone" | "address"> & { result?: string }) {
      return inTx(db, undefined, async (trx) => {
        const r = await rowInScope(who, id, trx);
        mustBeOpen(r);
        mustBeKind(r, ["correct"]);
        const { result, ...patch } = input;
        const fields = Object.entries(patch).filter(([, v]) => v !== undefined);
        if (!fields.length) throw errors.badRequest("请填写要更正的内容", "Give at least one field to correct");
        await people.update(who, r.person_id, Object.fromEntries(fields), trx);
        const names: Record<string, string> = { name: "姓名", gender: "性别", birthDate: "出生日期", phone: "手机号", address: "住址" };
        await answer(trx, who, r, "done", result || `已更正：${fields.map(([k]) => names[k]).join("、")}`);
        return get(who, id, trx);
      });
    },

    /** What a deletion would do now: rows per provider section and the rules that keep records. */
    async check(who: Who, id: string, lang: Lang) {
      const r = await rowInScope(who, id);
      const s = await subjectOf(who, r.person_id);
      const sections = [];
      for (const p of personalData.all())
        for (const sec of await p.collect(db, s))
          sections.push({ provider: p.key, module: p.module, key: sec.key, label: `${p.label[lang]} · ${sec.label[lang]}`, rows: sec.rows.length });
      const holds = await holdsOf(db, s, lang);
      return { personId: s.id, anonymised: !!s.anonymisedAt, sections, holds, erasable: !holds.length && !s.anonymisedAt };
    },

    /**
     * 删除 as anonymisation, all or nothing: refused (409, naming each rule, its reason and records)
     * while any retention rule keeps a record; otherwise every provider replaces its copies, the
     * registry record loses name, ID number, phone and address, and the request is answered.
     */
    async anonymise(who: Who, id: string, input: { confirmName: string; result?: string }, lang: Lang) {
      return inTx(db, undefined, async (trx) => {
        const r = await rowInScope(who, id, trx);
        mustBeOpen(r);
        mustBeKind(r, ["delete"]);
        const s = await subjectOf(who, r.person_id, trx);
        if (s.anonymisedAt) throw errors.conflict("该人员已匿名化", "This person has already been anonymised");
        if (input.confirmName !== s.name)
          throw errors.badRequest("确认姓名与登记的姓名不一致", "The name typed to confirm is not the registered name", { field: "confirmName" });
        const holds = await holdsOf(trx, s, lang);
        if (holds.length) {
          const list = holds.map((h) => `${h.label}（${h.records.map((x) => x.label).join("、")}）：${h.reason}`).join("；");
          throw new AppError(
            409,
            "RETAINED",
            {
              zh: `以下记录须保存，不能删除：${lang === "zh" ? list : holds.map((h) => h.label).join("、")}`,
              en: `These records must be kept and cannot be deleted: ${lang === "en" ? list : holds.map((h) => h.label).join(", ")}`,
            },
            { holds },
          );
        }
        // Irreversible: the alias is random, not derived from anything of the person.
        const alias = `匿名居民${randomBytes(3).toString("hex").toUpperCase()}`;
        const parts: Array<AnonymisedPart & { provider: string }> = [];
        for (const p of personalData.all()) for (const part of await p.anonymise(trx, s, alias)) parts.push({ ...part, provider: p.key });
        await people.anonymise(who, s.id, alias, trx);
        parts.push({ provider: "platform.people", table: "people", rows: 1 });
        await audit.record(trx, who, {
          action: "pipl.anonymise",
          entity: "person",
          entityId: s.id,
          communityId: s.communityId,
          before: { person: maskName(s.name) },
          after: { alias, request: r.id, parts },
        });
        await answer(trx, who, r, "done", input.result || "已删除（匿名化）：姓名、身份证号、手机号、住址已不可恢复地替换，记录本身保留供统计");
        return { request: await get(who, id, trx), parts };
      });
    },

    /** Every provider's retention rules, as data (the page lists them). */
    rules(lang: Lang) {
      return personalData
        .all()
        .flatMap((p) => p.retention.map((r) => ({ provider: p.key, module: p.module, key: r.key, label: r.label[lang], reason: r.reason[lang] })));
    },
  };
}

/** Others' names, mobile phones and ID numbers in a text of the person's copy, masked (the person's own kept). */
export function maskOthers(text: string, s: PersonalSubject, otherNames: string[]): string {
  let t = text;
  // Longest first, so 欧阳明华 is masked whole before 明华 could match inside it.
  for (const n of [...otherNames].sort((a, b) => b.length - a.length)) if (Array.from(n).length >= 2) t = t.split(n).join(maskName(n) ?? "");
  t = t.replace(/(?<!\d)\d{17}[\dXx](?!\d)/g, (m) => (m === s.idNumber ? m : (maskIdNumber(m) ?? "")));
  t = t.replace(/(?<!\d)1\d{10}(?!\d)/g, (m) => (m === s.phone ? m : (maskPhone(m) ?? "")));
  return t;
}
