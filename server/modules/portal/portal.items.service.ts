// The items of 三务公开 and their one flow: 提出 (propose) → 保密审核 (a second person checks for
// secrets and personal data) → 审批 (the leader; approval publishes) → 发布. A published item is
// never edited nor erased: a withdrawal is recorded with its reason and stays visible as withdrawn,
// and a correction is a new version, linked to the old, that goes through the same flow.
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { TFinding, TItem, TItemDetail, ZApprove, ZItemCreate, ZItemEdit, ZReview } from "../../../contracts/portal.js";
import type { DB } from "../../db/types.js";
import { htmlText, sanitizeHtml } from "../../io/sanitize-html.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { localDate } from "../../platform/dates.js";
import { AppError, errors, type Msg } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { PeopleService } from "../../platform/people/people.service.js";
import { communityInScope, communityScope, type Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import type { PublicCache } from "./portal.cache.js";
import {
  columnByKey,
  eventsOf,
  filesFound,
  type ItemFilter,
  type ItemFull,
  type ItemRow,
  insertEvent,
  insertItem,
  itemInScope,
  itemPage,
  lastEventAt,
  updateItem,
} from "./portal.repo.js";
import { findPersonalData, STEP_LABELS, type Step, stepAllowed, unconfirmed } from "./portal.rules.js";
import type { PortalItemTable } from "./portal.tables.js";

export type ItemsDeps = { db: Kysely<DB>; audit: Audit; clock: Clock; timeZone: string; people: PeopleService; cache: PublicCache };

export const ITEM: Msg = { zh: "公开事项", en: "Disclosure item" };
const refused = (m: Msg, details?: unknown) => new AppError(409, "RULE", m, details);
const json = <T>(v: string | null | undefined, d: T): T => {
  try {
    return v ? (JSON.parse(v) as T) : d;
  } catch {
    return d;
  }
};
const STATUS_ZH: Record<string, string> = {
  draft: "草稿",
  proposed: "待保密审核",
  reviewed: "待审批",
  published: "已发布",
  withdrawn: "已撤回",
  superseded: "已更正",
};

export function toItem(r: ItemRow): TItem {
  return {
    id: r.id,
    communityId: r.community_id,
    communityName: r.community_name,
    columnKey: r.column_key,
    columnName: r.column_name ?? r.column_key,
    title: r.title,
    status: r.status as TItem["status"],
    version: r.version,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    source: r.source_module && r.source_kind && r.source_id ? { module: r.source_module, kind: r.source_kind, id: r.source_id } : null,
    draftedBy: r.drafted_by,
    proposedBy: r.proposed_by,
    reviewedBy: r.reviewed_by,
    approvedBy: r.approved_by,
    publishedOn: r.published_on,
    withdrawnOn: r.withdrawn_on,
    withdrawReason: r.withdraw_reason,
    returnReason: r.return_reason,
    previousId: r.previous_id,
    supersededBy: r.superseded_by,
    updatedAt: r.updated_at,
  };
}

export function createItemsService(deps: ItemsDeps) {
  const { db, audit, clock, people, cache } = deps;
  const today = () => localDate(clock.now(), deps.timeZone);
  const nowIso = () => clock.now().toISOString();
  const actor = (who: Who) => who.user?.displayName ?? who.user?.username ?? "系统";

  async function open(trx: Kysely<DB>, who: Who, id: string, step: Step): Promise<ItemFull> {
    const r = await itemInScope(trx, who.scope, id);
    if (!r) throw errors.notFound(ITEM);
    if (!stepAllowed(step, r.status))
      throw refused({
        zh: `当前状态（${STATUS_ZH[r.status] ?? r.status}）不能进行${STEP_LABELS[step].zh}`,
        en: `An item in state ${r.status} cannot take the ${STEP_LABELS[step].en}`,
      });
    return r;
  }

  async function log(trx: Kysely<DB>, who: Who, r: { id: string; community_id: string }, step: string, note: string, after: Record<string, unknown>) {
    // Steps within one millisecond (a script, a test's fixed clock) keep their order on the timeline.
    const last = await lastEventAt(trx, r.id);
    const t = clock.now().getTime();
    const at = new Date(last && Date.parse(last) >= t ? Date.parse(last) + 1 : t).toISOString();
    await insertEvent(trx, { id: uuidv7(clock.now().getTime()), item_id: r.id, community_id: r.community_id, step, at, actor: actor(who), note });
    await audit.record(trx, who, { action: `portal.${step}`, entity: "portal_item", entityId: r.id, communityId: r.community_id, after });
  }

  /** What looks like personal data in an item's title and body: ID numbers, mobile phones, residents' full names. */
  async function findings(r: { community_id: string; community_path: string; title: string; body: string }, exec: Kysely<DB> = db): Promise<TFinding[]> {
    const text = `${r.title}\n${htmlText(r.body)}`;
    const names = await people.namesIn(communityScope({ id: r.community_id, path: r.community_path }), text, exec);
    return findPersonalData(text, names);
  }

  async function column(exec: Kysely<DB>, key: string, who: Who) {
    const k = await columnByKey(exec, key);
    if (!k?.active) throw errors.badRequest(`没有这个公开栏目：${key}`, `No such disclosure column: ${key}`);
    if (k.period === "none") throw errors.badRequest(`“${k.name}”是栏目分类，请选择其下的栏目`, `"${k.name}" is a heading; choose a column under it`);
    const roles = json<string[]>(k.proposer_roles, []);
    if (who.user && !roles.includes(who.user.role))
      throw new AppError(403, "FORBIDDEN", { zh: `您的角色不能在“${k.name}”栏目提出公开事项`, en: `Your role may not propose items in "${k.name}"` });
    return k;
  }

  async function checkFiles(exec: Kysely<DB>, ids: string[]) {
    const found = new Set(await filesFound(exec, ids));
    const missing = ids.filter((f) => !found.has(f));
    if (missing.length) throw errors.badRequest(`附件不存在：${missing.join("、")}`, `No such attachment: ${missing.join(", ")}`);
  }

  async function detail(scope: Scope, id: string, exec: Kysely<DB> = db): Promise<TItemDetail> {
    const r = await itemInScope(exec, scope, id);
    if (!r) throw errors.notFound(ITEM);
    const live = r.status === "draft" || r.status === "proposed" || r.status === "reviewed";
    return {
      ...toItem(r),
      body: r.body,
      attachments: json<string[]>(r.attachments, []),
      findings: live ? await findings(r, exec) : [],
      confirmed: json(r.review_confirmed, []),
      events: await eventsOf(exec, id),
    };
  }

  /**
   * A new item, a draft or at once proposed (提出). `drafted` names the records it was drafted
   * from ("系统" drafts from the records stay drafts until a person proposes them).
   */
  async function create(who: Who, input: z.output<typeof ZItemCreate>, opts: { previous?: ItemFull; exec?: Kysely<DB> } = {}) {
    return inTx(db, opts.exec, async (trx) => {
      const c = await communityInScope(trx, who.scope, input.communityId);
      await column(trx, input.columnKey, who);
      await checkFiles(trx, input.attachments ?? []);
      const at = nowIso();
      const submit = input.submit && !!who.user;
      const row: PortalItemTable = {
        id: uuidv7(clock.now().getTime()),
        community_id: c.id,
        column_key: input.columnKey,
        title: input.title,
        body: sanitizeHtml(input.body),
        attachments: JSON.stringify(input.attachments ?? []),
        period_from: input.periodFrom,
        period_to: input.periodTo,
        source_module: input.source?.module ?? null,
        source_kind: input.source?.kind ?? null,
        source_id: input.source?.id ?? null,
        status: submit ? "proposed" : "draft",
        version: opts.previous ? opts.previous.version + 1 : 1,
        previous_id: opts.previous?.id ?? null,
        superseded_by: null,
        drafted_by: actor(who),
        proposed_by_id: submit ? (who.user?.id ?? null) : null,
        proposed_by: submit ? actor(who) : null,
        proposed_at: submit ? at : null,
        reviewed_by_id: null,
        reviewed_by: null,
        reviewed_at: null,
        review_confirmed: "[]",
        approved_by: null,
        published_at: null,
        published_on: null,
        published_month: null,
        withdrawn_at: null,
        withdrawn_on: null,
        withdrawn_by: null,
        withdraw_reason: null,
        return_reason: null,
        created_at: at,
        updated_at: at,
      };
      await insertItem(trx, row);
      await log(trx, who, row, opts.previous ? "correct" : "draft", opts.previous ? `更正第${opts.previous.version}版` : "", {
        column: row.column_key,
        title: row.title,
        previousId: row.previous_id,
        source: input.source ?? null,
      });
      if (submit) await log(trx, who, row, "submit", "", {});
      return row.id;
    });
  }

  return {
    findings,
    detail,
    create,
    async list(scope: Scope, f: ItemFilter & { page: number; pageSize: number }) {
      const { rows, total } = await itemPage(db, scope, f);
      return { items: rows.map(toItem), total, page: f.page, pageSize: f.pageSize };
    },

    async edit(who: Who, id: string, patch: z.output<typeof ZItemEdit>) {
      return inTx(db, undefined, async (trx) => {
        const r = await open(trx, who, id, "edit");
        if (patch.attachments) await checkFiles(trx, patch.attachments);
        const next = {
          title: patch.title ?? r.title,
          body: patch.body !== undefined ? sanitizeHtml(patch.body) : r.body,
          attachments: patch.attachments ? JSON.stringify(patch.attachments) : r.attachments,
          period_from: patch.periodFrom ?? r.period_from,
          period_to: patch.periodTo ?? r.period_to,
        };
        if (next.period_from > next.period_to) throw errors.badRequest("起止日期颠倒", "The period ends before it starts");
        await updateItem(trx, id, { ...next, updated_at: nowIso() });
        await log(trx, who, r, "edit", "", { title: next.title });
      });
    },

    /** 提出: the draft goes to 保密审核. */
    async submit(who: Who, id: string) {
      return inTx(db, undefined, async (trx) => {
        const r = await open(trx, who, id, "submit");
        await column(trx, r.column_key, who);
        await updateItem(trx, id, {
          status: "proposed",
          proposed_by_id: who.user?.id ?? null,
          proposed_by: actor(who),
          proposed_at: nowIso(),
          updated_at: nowIso(),
        });
        await log(trx, who, r, "submit", "", {});
      });
    },

    /**
     * 保密审核 by a second person. Passing needs each finding (an ID number, a phone, a resident's
     * name) confirmed as not personal data, with a note, each confirmation in the audit log; with
     * any left, the answer is 409 listing them. Not passed: back to a draft with the reason.
     */
    async review(who: Who, id: string, input: z.output<typeof ZReview>) {
      return inTx(db, undefined, async (trx) => {
        const r = await open(trx, who, id, "review");
        if (who.user && r.proposed_by_id === who.user.id)
          throw refused({ zh: "保密审核须由提出人以外的另一人进行", en: "The confidentiality review is made by someone other than the proposer" });
        if (!input.passed) {
          if (!input.reason) throw errors.badRequest("退回须写明原因", "Give the reason for returning it");
          await updateItem(trx, id, { status: "draft", return_reason: input.reason, updated_at: nowIso() });
          await log(trx, who, r, "return", input.reason, { at: "review", reason: input.reason });
          return;
        }
        const found = await findings(r, trx);
        const left = unconfirmed(found, input.confirmations);
        if (left.length)
          throw refused(
            {
              zh: `发现疑似个人信息，请逐项处理（修改正文或确认不属于个人信息）：${left.map((f) => `${f.kind === "name" ? "姓名" : f.kind === "phone" ? "手机号" : "身份证号"} ${f.masked}`).join("、")}`,
              en: `Possible personal data found; mask it or confirm each is not personal data: ${left.map((f) => `${f.kind} ${f.masked}`).join(", ")}`,
            },
            { findings: left },
          );
        const confirmed = input.confirmations
          .filter((c) => found.some((f) => f.kind === c.kind && f.text.toUpperCase() === c.text.replace(/[\s-]/g, "").toUpperCase()))
          .map((c) => ({ kind: c.kind, text: c.text, note: c.note, by: actor(who) }));
        for (const c of confirmed)
          await audit.record(trx, who, {
            action: "portal.review.confirm",
            entity: "portal_item",
            entityId: r.id,
            communityId: r.community_id,
            after: { kind: c.kind, text: found.find((f) => f.text.toUpperCase() === c.text.replace(/[\s-]/g, "").toUpperCase())?.masked, note: c.note },
          });
        await updateItem(trx, id, {
          status: "reviewed",
          reviewed_by_id: who.user?.id ?? null,
          reviewed_by: actor(who),
          reviewed_at: nowIso(),
          review_confirmed: JSON.stringify(confirmed),
          return_reason: null,
          updated_at: nowIso(),
        });
        await log(trx, who, r, "review", confirmed.length ? `确认${confirmed.length}处不属于个人信息` : "", { confirmed: confirmed.length });
      });
    },

    /** 审批 by the leader: approval publishes (发布), and a correction replaces the version it corrects. */
    async approve(who: Who, id: string, input: z.output<typeof ZApprove>) {
      await inTx(db, undefined, async (trx) => {
        const r = await open(trx, who, id, "approve");
        if (!input.approved) {
          if (!input.reason) throw errors.badRequest("不予批准须写明原因", "Give the reason for not approving it");
          await updateItem(trx, id, { status: "draft", return_reason: input.reason, updated_at: nowIso() });
          await log(trx, who, r, "return", input.reason, { at: "approve", reason: input.reason });
          return;
        }
        const at = nowIso();
        await updateItem(trx, id, {
          status: "published",
          approved_by: actor(who),
          published_at: at,
          published_on: today(),
          published_month: today().slice(0, 7),
          return_reason: null,
          updated_at: at,
        });
        await log(trx, who, r, "approve", "", {});
        await log(trx, who, r, "publish", "", { publishedOn: today() });
        if (r.previous_id) {
          const prev = await itemInScope(trx, who.scope, r.previous_id);
          // A withdrawn version stays withdrawn (with its reason), linked to its correction.
          if (prev?.status === "published" || prev?.status === "withdrawn") {
            await updateItem(trx, prev.id, { status: prev.status === "published" ? "superseded" : "withdrawn", superseded_by: id, updated_at: at });
            await log(trx, who, prev, "superseded", `由第${r.version}版更正`, { by: id });
          }
        }
      });
      cache.clear();
    },

    /** Withdrawn with its reason; it stays on the portal, marked withdrawn. */
    async withdraw(who: Who, id: string, reason: string) {
      await inTx(db, undefined, async (trx) => {
        const r = await open(trx, who, id, "withdraw");
        await updateItem(trx, id, {
          status: "withdrawn",
          withdrawn_at: nowIso(),
          withdrawn_on: today(),
          withdrawn_by: actor(who),
          withdraw_reason: reason,
          updated_at: nowIso(),
        });
        await log(trx, who, r, "withdraw", reason, { reason });
      });
      cache.clear();
    },

    /** A correction: a new version of a published (or withdrawn) item, proposed at once and linked to it; published, it supersedes it. */
    async correct(who: Who, id: string, patch: z.output<typeof ZItemEdit>) {
      return inTx(db, undefined, async (trx) => {
        const r = await open(trx, who, id, "correct");
        const open2 = await itemPage(trx, who.scope, { communityId: r.community_id, columnKey: r.column_key, page: 1, pageSize: 200 });
        if (open2.rows.some((x) => x.previous_id === id && x.status !== "published" && x.status !== "superseded" && x.status !== "withdrawn"))
          throw refused({ zh: "该事项已有一个待审的更正版本", en: "This item already has a correction in the flow" });
        return create(
          who,
          {
            communityId: r.community_id,
            columnKey: r.column_key,
            title: patch.title ?? r.title,
            body: patch.body ?? r.body,
            attachments: patch.attachments ?? json<string[]>(r.attachments, []),
            periodFrom: patch.periodFrom ?? r.period_from,
            periodTo: patch.periodTo ?? r.period_to,
            source: r.source_module && r.source_kind && r.source_id ? { module: r.source_module, kind: r.source_kind, id: r.source_id } : null,
            submit: true,
          },
          { previous: r, exec: trx },
        );
      });
    },
  };
}
export type ItemsService = ReturnType<typeof createItemsService>;
