// The case itself (DOMAIN.md §1): reading it (detail, lists, inbox, export, the public tracking page)
// and the one way any step changes it — `step`: the state machine's checks, the change, a timeline
// entry and an audit entry, together. The services of intake, handling, return visits and merging
// make their changes through it.
import type { Kysely } from "kysely";
import {
  ACTION_LABELS,
  STATUS_LABELS,
  type Status,
  type TAppeal,
  type TAppealDetail,
  type TAppealQuery,
  type TAppealSource,
} from "../../../contracts/appeals.js";
import { maskAddress, maskPhone } from "../../../contracts/mask.js";
import type { TVoid } from "../../../contracts/platform.js";
import { can } from "../../../contracts/roles.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { AppError, errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { Scope } from "../../platform/scope.js";
import type { Settings } from "../../platform/settings.js";
import { inTx } from "../../platform/tx.js";
import { restorePatch, type VoidColumns, voidingOf, voidPatch } from "../../platform/voiding.js";
import { actorId, type Who } from "../../platform/who.js";
import {
  activeAssignments,
  type CaseFilter,
  caseByTrackingNo,
  caseForDetail,
  caseInScope,
  casePage,
  casesBySource,
  countUpTo,
  eventsOf,
  exportCases,
  insertEvent,
  mergedInto,
  regionPath,
  stepsOf,
  updateCase,
} from "./appeals.repo.js";
import { type Action, APPEAL_SETTINGS, type DeadlineSettings, deadlineState, TRANSITIONS } from "./appeals.rules.js";
import type { AppealTable } from "./appeals.tables.js";

type Exec = Kysely<DB>;

/** What every appeals service is built over (one set, made once by appeals.module.ts or the demo). */
export type AppealsDeps = { db: Exec; audit: Audit; clock: Clock; settings: Settings; timeZone: string };

/** The resident or the system acting, named on the timeline (an import, Open311, the public form). */
export type WhoNamed = Who & { name?: string };

const CASE = { zh: "案件", en: "Case" };
export const HOUR = 3_600_000;
export const COUNT_CAP = 10_000;

export function invalidTransition(status: string, action: string) {
  const s = STATUS_LABELS[status as Status] ?? { zh: status, en: status };
  const a = ACTION_LABELS[action] ?? { zh: action, en: action };
  return new AppError(409, "INVALID_TRANSITION", {
    zh: `案件当前状态为「${s.zh}」，不能执行「${a.zh}」`,
    en: `A case that is "${s.en}" cannot be ${a.en.toLowerCase()}`,
  });
}

const notAssignee = () => new AppError(403, "NOT_ASSIGNEE", { zh: "该案件未派给您，不能办理", en: "This case is not assigned to you" });

/**
 * Timeline ids: UUIDv7 whose 12 sequence bits count up within a millisecond, so entries written at
 * the same instant (one request's steps, a fixed test clock) still sort in the order they happened.
 */
let lastMs = 0;
let counter = 0;
export function eventId(ms: number): string {
  if (ms <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
  } else {
    lastMs = ms;
    counter = 0;
  }
  const id = uuidv7(lastMs);
  return `${id.slice(0, 15)}${counter.toString(16).padStart(3, "0")}${id.slice(18)}`;
}

export const json = <T>(s: string | null | undefined, d: T): T => (s ? (JSON.parse(s) as T) : d);

/** What a step decides: the change, what the timeline says of it, and writes that come with it. */
export type StepResult = { patch: Partial<AppealTable>; note?: string | null; data?: unknown; after?: (trx: Exec, row: AppealTable) => Promise<void> };

export type CasesService = ReturnType<typeof createCasesService>;

export function createCasesService(deps: AppealsDeps) {
  const { db, audit, clock, settings } = deps;
  const deadlineSettings = (path: string, exec: Exec = db) => settings.get(APPEAL_SETTINGS.deadlines, path, exec);

  async function raw(exec: Exec, scope: Scope, id: string): Promise<AppealTable> {
    const r = await caseInScope(exec, scope, id);
    if (!r) throw errors.notFound(CASE);
    return r;
  }

  // Regions do not move, so a community's path is read once per service.
  const pathCache = new Map<string, string>();
  async function communityPath(exec: Exec, communityId: string) {
    let p = pathCache.get(communityId);
    if (!p) {
      p = (await regionPath(exec, communityId)) ?? "/";
      pathCache.set(communityId, p);
    }
    return p;
  }

  async function addEvent(
    exec: Exec,
    who: WhoNamed,
    row: Pick<AppealTable, "id" | "community_id">,
    action: string,
    from: string | null,
    to: string | null,
    note?: string | null,
    data?: unknown,
  ) {
    await insertEvent(exec, {
      id: eventId(clock.now().getTime()),
      appeal_id: row.id,
      community_id: row.community_id,
      at: clock.now().toISOString(),
      actor_id: actorId(who),
      actor_name: who.user?.displayName ?? who.name ?? "系统",
      action,
      from_status: from,
      to_status: to,
      note: note ?? null,
      data: data === undefined ? null : JSON.stringify(data),
    });
  }

  function mayAct(who: Who, row: AppealTable, action: Action) {
    const t = TRANSITIONS[action];
    if (who.user && !can(who.user.role, t.perm)) return "role";
    // A voided case (作废) takes no step until it is restored.
    if (row.voided_at) return "voided";
    if (!t.from.includes(row.status as Status)) return "state";
    if (t.assignee && who.user && row.assignee_user_id && row.assignee_user_id !== who.user.id && !can(who.user.role, "appeals.admin")) return "assignee";
    if (action === "contact" && (row.contacted_at || !row.appellant_phone)) return "state";
    if (action === "extension_request" && row.pending_extension) return "state";
    if (action === "extension_decide" && !row.pending_extension) return "state";
    return null;
  }

  /** One step of the state machine: checks, the change, a timeline entry and an audit entry, together. */
  function step(who: WhoNamed, id: string, action: Action, exec: Exec | undefined, fn: (row: AppealTable, trx: Exec) => Promise<StepResult>) {
    return inTx(db, exec, async (trx) => {
      const row = await raw(trx, who.scope, id);
      const why = mayAct(who, row, action);
      if (why === "role") throw errors.forbidden();
      if (why === "assignee") throw notAssignee();
      if (why === "voided") throw errors.conflict("该案件已作废，恢复后才能办理", "This case is voided: restore it first");
      if (why === "state") {
        if (action === "contact" && row.status === "handling")
          throw row.appellant_phone
            ? errors.conflict("已记录首次联系", "First contact is already recorded")
            : errors.conflict("该案件没有诉求人联系方式", "This case has no appellant to contact");
        if (action === "extension_request") throw errors.conflict("已有延期申请待审批", "An extension request is already waiting");
        if (action === "extension_decide") throw errors.conflict("没有待审批的延期申请", "No extension request is waiting");
        throw invalidTransition(row.status, action);
      }
      const { patch, note, data, after } = await fn(row, trx);
      await updateCase(trx, id, { ...patch, updated_at: clock.now().toISOString() });
      const to = patch.status ?? row.status;
      await addEvent(trx, who, row, action, row.status, to, note, data);
      if (after) await after(trx, { ...row, ...patch } as AppealTable);
      await audit.record(trx, who, {
        action: `appeal.${action}`,
        entity: "appeal",
        entityId: id,
        communityId: row.community_id,
        before: { status: row.status },
        after: { status: to, ...(data && typeof data === "object" ? data : {}) },
      });
      return id;
    });
  }

  function setVoiding(who: WhoNamed, id: string, patchOf: (row: AppealTable) => VoidColumns) {
    return inTx(db, undefined, async (trx) => {
      const row = await raw(trx, who.scope, id);
      const patch = patchOf(row);
      const action = patch.voided_at ? "void" : "restore";
      await updateCase(trx, id, { ...patch, updated_at: clock.now().toISOString() });
      await addEvent(trx, who, row, action, row.status, row.status, patch.void_reason ?? row.void_reason);
      await audit.record(trx, who, {
        action: `appeal.${action}`,
        entity: "appeal",
        entityId: id,
        communityId: row.community_id,
        before: { voided_at: row.voided_at, void_reason: row.void_reason },
        after: patch,
      });
      return toDetail(trx, who, id);
    });
  }

  async function toDetail(exec: Exec, who: Who, id: string): Promise<TAppealDetail> {
    const r = (await caseForDetail(exec, who.scope, id)) as any;
    if (!r) throw errors.notFound(CASE);
    const dl = await deadlineSettings(await communityPath(exec, r.community_id), exec);
    const base = toAppeal(r, clock.now(), dl);
    const merged = await mergedInto(exec, id);
    const events = await eventsOf(exec, [id, ...merged.map((m) => m.id)]);
    const noOf = new Map(merged.map((m) => [m.id, m.tracking_no]));
    const assignments = await activeAssignments(exec, id);
    const row = r as AppealTable;
    const actions = (Object.keys(TRANSITIONS) as Action[]).filter((a) => mayAct(who, row, a) === null);
    const ext = json<{ hours: number; reason: string; requestedBy: string | null; requestedAt: string } | null>(row.pending_extension, null);
    return {
      ...base,
      content: row.content,
      lat: row.lat,
      lng: row.lng,
      appellantPersonId: row.appellant_person_id,
      photos: json<string[]>(row.photos, []),
      dispatchDueAt: row.dispatch_due_at,
      contactDueAt: row.contact_due_at,
      dispatchedAt: row.dispatched_at,
      signedAt: row.signed_at,
      contactedAt: row.contacted_at,
      answer: row.answer,
      mergedIntoId: row.merged_into_id,
      source: sourceOf(row),
      pendingExtension: ext,
      assignments: assignments.map((s) => ({
        orgId: s.org_id,
        orgName: s.org_name ?? null,
        userId: s.user_id,
        userName: s.user_name ?? null,
        lead: !!s.lead,
        assignedAt: s.assigned_at,
      })),
      timeline: events.map((e) => ({
        id: e.id,
        at: e.at,
        action: e.action,
        actorName: e.actor_name,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        note: e.note,
        data: json<Record<string, unknown> | null>(e.data, null),
        fromTrackingNo: e.appeal_id === id ? null : (noOf.get(e.appeal_id) ?? null),
      })),
      merged: merged.map((m) => ({ id: m.id, trackingNo: m.tracking_no, title: m.title })),
      actions,
      visit: row.visit_at
        ? {
            at: row.visit_at,
            reached: !!row.visit_reached,
            contacted: !!row.visit_contacted,
            resolved: !!row.visit_resolved,
            satisfaction: (row.satisfaction as any) ?? null,
          }
        : null,
    };
  }

  return {
    raw: (scope: Scope, id: string, exec: Exec = db) => raw(exec, scope, id),
    step,
    addEvent,
    communityPath,
    deadlineSettings,
    get: (who: Who, id: string, exec: Exec = db) => toDetail(exec, who, id),

    async list(who: Who, f: TAppealQuery, inbox: Pick<CaseFilter, "inboxDispatch" | "inboxCommunity"> = {}) {
      const now = clock.now();
      const dl = await deadlineSettings(who.scope.path);
      const filter: CaseFilter = {
        ...f,
        ...inbox,
        userId: who.user?.id,
        now: now.toISOString(),
        dueSoonBefore: new Date(now.getTime() + dl.dueSoonHours * HOUR).toISOString(),
      };
      // Counting stops at COUNT_CAP: past it a list says "10,000+" instead of scanning a city's cases.
      const n = await countUpTo(db, who.scope, filter, COUNT_CAP);
      const rows = await casePage(db, who.scope, filter, { page: f.page, pageSize: f.pageSize, byDeadline: f.mine === "1" || !!f.deadline });
      return {
        items: rows.map((r) => toAppeal(r as any, now, dl)),
        total: Math.min(n, COUNT_CAP),
        totalCapped: n > COUNT_CAP,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    /** The worker's inbox: open cases assigned to them, most urgent and least time left first. */
    inbox(who: Who, f: TAppealQuery) {
      return this.list(
        who,
        { ...f, mine: "1", status: f.status ?? "open" },
        {
          inboxDispatch: !!who.user && can(who.user.role, "appeals.dispatch"),
          inboxCommunity: who.scope.level === "community" && !!who.user && can(who.user.role, "appeals.handle"),
        },
      );
    },

    /** Rows of an export (whole filtered list), masked unless the exporter may reveal; audited. */
    async exportRows(who: Who, f: CaseFilter, reveal: boolean) {
      const now = clock.now();
      const dl = await deadlineSettings(who.scope.path);
      const rows = await exportCases(db, who.scope, { ...f, userId: who.user?.id, now: now.toISOString() });
      await audit.record(db, who, { action: "appeal.export", entity: "appeal", after: { filter: f, rows: rows.length, revealed: reveal } });
      return rows.map((r: any) => ({
        ...toAppeal(r, now, dl),
        ...(reveal ? { appellantPhone: r.appellant_phone, address: r.address } : {}),
        content: r.content,
        answer: r.answer,
      }));
    },

    /** The full phone of the appellant, for the handler who must call them; audited with the reason. */
    /** 作废 / 恢复: a case registered by mistake leaves the figures and the lists; on its timeline and audited. */
    voidCase: (who: WhoNamed, id: string, input: TVoid) => setVoiding(who, id, (row) => voidPatch(row, who, clock.now(), input)),
    restoreCase: (who: WhoNamed, id: string) => setVoiding(who, id, restorePatch),

    reveal(who: Who, id: string, reason: string) {
      return inTx(db, undefined, async (trx) => {
        const r = await raw(trx, who.scope, id);
        await audit.record(trx, who, {
          action: "appeal.reveal",
          entity: "appeal",
          entityId: id,
          communityId: r.community_id,
          after: { field: "appellantPhone" },
          reason,
        });
        return { field: "appellantPhone", value: r.appellant_phone };
      });
    },

    /** For the public tracking page: the case by its number, if the phone's last four digits match. */
    async byTracking(trackingNo: string, phone4: string) {
      const r = await caseByTrackingNo(db, trackingNo);
      if (!r?.appellant_phone?.endsWith(phone4)) throw errors.notFound({ zh: "该编号的诉求", en: "An appeal with this number" });
      return { row: r as AppealTable & { category_name: string | null }, steps: await stepsOf(db, r.id) };
    },

    /** The cases of the scope registered from the given records of another module, with their state. */
    async bySource(scope: Scope, module: string, kind: string, ids: string[]) {
      if (!ids.length) return [];
      const rows = await casesBySource(db, scope, module, kind, [...new Set(ids)]);
      return rows.map((r) => ({
        id: r.id,
        trackingNo: r.tracking_no,
        title: r.title,
        status: r.status as Status,
        resolved: r.resolved == null ? null : !!r.resolved,
        source: { module, kind, id: r.source_id as string },
      }));
    },
  };
}

const sourceOf = (r: AppealTable): TAppealSource | null =>
  r.source_module && r.source_kind && r.source_id ? { module: r.source_module, kind: r.source_kind, id: r.source_id } : null;

/** The only way a case leaves the service in a list: the phone masked (DOMAIN.md §9). */
export function toAppeal(r: Record<string, any>, now: Date, dl: DeadlineSettings): TAppeal {
  const d = deadlineState(r as any, now, dl);
  return {
    id: r.id,
    trackingNo: r.tracking_no,
    externalNo: r.external_no ?? null,
    communityId: r.community_id,
    communityName: r.community_name ?? null,
    gridId: r.grid_id ?? null,
    gridName: r.grid_name ?? null,
    channel: r.channel,
    kind: r.kind,
    appealType: r.appeal_type ?? null,
    categoryCode: r.category_code,
    categoryName: r.category_name ?? null,
    categoryNameEn: r.category_name_en ?? null,
    parentCategoryName: r.parent_category_name ?? null,
    parentCategoryNameEn: r.parent_category_name_en ?? null,
    urgency: r.urgency,
    title: r.title,
    status: r.status,
    address: maskAddress(r.address),
    appellantName: r.appellant_name ?? null,
    appellantPhone: maskPhone(r.appellant_phone),
    tags: JSON.parse(r.tags ?? "[]"),
    registeredAt: r.registered_at,
    dueAt: r.due_at ?? null,
    deadlineState: d.state,
    msLeft: d.msLeft,
    assigneeOrgName: r.org_name ?? null,
    assigneeUserName: r.user_name ?? null,
    reopenCount: Number(r.reopen_count ?? 0),
    closedAt: r.closed_at ?? null,
    resolved: r.resolved == null ? null : !!r.resolved,
    satisfaction: r.satisfaction ?? null,
    voided: voidingOf(r as VoidColumns),
  };
}
