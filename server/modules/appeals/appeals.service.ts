// The rules of 民意速办 (DOMAIN.md §1): registration, the state machine with its deadlines, dispatch,
// handling, return visit with automatic reopening, duplicates and merging. Routes stay thin.
import { type Kysely, sql } from "kysely";
import {
  ACTION_LABELS,
  STATUS_LABELS,
  type Status,
  type TAppeal,
  type TAppealCreate,
  type TAppealDetail,
  type TAppealQuery,
  type TCategory,
  type TDispatch,
  type TVisit,
  type Urgency,
} from "../../../contracts/appeals.js";
import { maskAddress, maskPhone } from "../../../contracts/mask.js";
import { can } from "../../../contracts/roles.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import { type Clock, localDate } from "../../platform/clock.js";
import { AppError, errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { gridAt } from "../../platform/regions/regions.service.js";
import type { Scope } from "../../platform/scope.js";
import type { Settings } from "../../platform/settings.js";
import { actorId, actorName, type Who } from "../../platform/who.js";
import { CASE_COLUMNS, type CaseFilter, casesInScope, filteredCases, withDisplay } from "./appeals.repo.js";
import {
  type Action,
  APPEAL_SETTINGS,
  type DeadlineSettings,
  deadlineAfter,
  deadlineState,
  handlingHours,
  OPEN_STATUSES,
  TRANSITIONS,
} from "./appeals.rules.js";
import type { AppealCategoryTable, AppealTable } from "./appeals.tables.js";

const CASE = { zh: "案件", en: "Case" };
const HOUR = 3_600_000;
export const COUNT_CAP = 10_000;

export type AppealsService = ReturnType<typeof createAppealsService>;
type Exec = Kysely<DB>;

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

const json = <T>(s: string | null | undefined, d: T): T => (s ? (JSON.parse(s) as T) : d);

export function createAppealsService(deps: { db: Kysely<DB>; audit: Audit; clock: Clock; settings: Settings; timeZone: string }) {
  const { db, audit, clock, settings, timeZone } = deps;
  const tx = <T>(exec: Exec | undefined, fn: (trx: Exec) => Promise<T>) => (exec ? fn(exec) : db.transaction().execute(fn));
  const deadlineSettings = (path: string, exec: Exec = db) => settings.get(APPEAL_SETTINGS.deadlines, path, exec);

  async function communityOf(exec: Exec, scope: Scope, communityId: string) {
    const c = await exec.selectFrom("regions").select(["id", "path", "level"]).where("id", "=", communityId).executeTakeFirst();
    if (c?.level !== "community" || !(c.path.startsWith(scope.path) || scope.path.startsWith(c.path))) throw errors.notFound({ zh: "社区", en: "Community" });
    return c;
  }

  async function category(exec: Exec, code: string) {
    const c = await exec.selectFrom("appeal_categories").selectAll().where("code", "=", code).executeTakeFirst();
    if (!c || c.archived || !c.parent_code)
      throw errors.badRequest(`未知的分类「${code}」，请从分类目录的小类中选择`, `Unknown category "${code}": choose a sub-category of the catalogue`);
    return c;
  }

  async function raw(exec: Exec, scope: Scope, id: string): Promise<AppealTable> {
    const r = await casesInScope(exec, scope).selectAll("a").where("a.id", "=", id).executeTakeFirst();
    if (!r) throw errors.notFound(CASE);
    return r as AppealTable;
  }

  async function nextTrackingNo(exec: Exec, date: string) {
    const prefix = date.replaceAll("-", "");
    const last = await exec
      .selectFrom("appeals")
      .select("tracking_no")
      .where("tracking_no", ">=", prefix)
      .where("tracking_no", "<", `${prefix}~`)
      .orderBy("tracking_no", "desc")
      .limit(1)
      .executeTakeFirst();
    const n = last ? Number(last.tracking_no.slice(8)) + 1 : 1;
    return `${prefix}${String(n).padStart(5, "0")}`;
  }

  async function trackingNo(exec: Exec, date: string, numbers?: Map<string, number>) {
    if (!numbers) return nextTrackingNo(exec, date);
    let n = numbers.get(date);
    if (n === undefined) n = Number((await nextTrackingNo(exec, date)).slice(8)) - 1;
    numbers.set(date, n + 1);
    return `${date.replaceAll("-", "")}${String(n + 1).padStart(5, "0")}`;
  }

  async function addEvent(
    exec: Exec,
    who: Who,
    row: Pick<AppealTable, "id" | "community_id">,
    action: string,
    from: string | null,
    to: string | null,
    note?: string | null,
    data?: unknown,
  ) {
    await exec
      .insertInto("appeal_events")
      .values({
        id: eventId(clock.now().getTime()),
        appeal_id: row.id,
        community_id: row.community_id,
        at: clock.now().toISOString(),
        actor_id: actorId(who),
        actor_name: who.user?.displayName ?? (who as WhoNamed).name ?? "系统",
        action,
        from_status: from,
        to_status: to,
        note: note ?? null,
        data: data === undefined ? null : JSON.stringify(data),
      })
      .execute();
  }

  function mayAct(who: Who, row: AppealTable, action: Action) {
    const t = TRANSITIONS[action];
    if (who.user && !can(who.user.role, t.perm)) return "role";
    if (!t.from.includes(row.status as Status)) return "state";
    if (t.assignee && who.user && row.assignee_user_id && row.assignee_user_id !== who.user.id && !can(who.user.role, "appeals.admin")) return "assignee";
    if (action === "contact" && (row.contacted_at || !row.appellant_phone)) return "state";
    if (action === "extension_request" && row.pending_extension) return "state";
    if (action === "extension_decide" && !row.pending_extension) return "state";
    return null;
  }

  /** One step of the state machine: checks, the change, a timeline entry and an audit entry, together. */
  async function step(
    who: Who,
    id: string,
    action: Action,
    exec: Exec | undefined,
    fn: (
      row: AppealTable,
      trx: Exec,
    ) => Promise<{ patch: Partial<AppealTable>; note?: string | null; data?: unknown; after?: (trx: Exec, row: AppealTable) => Promise<void> }>,
  ) {
    return tx(exec, async (trx) => {
      const row = await raw(trx, who.scope, id);
      const why = mayAct(who, row, action);
      if (why === "role") throw errors.forbidden();
      if (why === "assignee") throw notAssignee();
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
      const now = clock.now().toISOString();
      await trx
        .updateTable("appeals")
        .set({ ...patch, updated_at: now })
        .where("id", "=", id)
        .execute();
      const to = patch.status ?? row.status;
      await addEvent(trx, who, row, action, row.status, to, note, data);
      if (after) await after(trx, { ...row, ...patch } as AppealTable);
      await audit.append(trx, {
        actorId: actorId(who),
        actorName: actorName(who),
        action: `appeal.${action}`,
        entity: "appeal",
        entityId: id,
        communityId: row.community_id,
        before: { status: row.status },
        after: { status: to, ...(data && typeof data === "object" ? data : {}) },
        ip: who.ip,
      });
      return id;
    });
  }

  async function toDetail(exec: Exec, who: Who, id: string): Promise<TAppealDetail> {
    const r = (await withDisplay(casesInScope(exec, who.scope))
      .select([...CASE_COLUMNS])
      .selectAll("a")
      .where("a.id", "=", id)
      .executeTakeFirst()) as any;
    if (!r) throw errors.notFound(CASE);
    const dl = await deadlineSettings(await communityPath(exec, r.community_id), exec);
    const base = toAppeal(r, clock.now(), dl);
    const merged = await exec.selectFrom("appeals").select(["id", "tracking_no", "title"]).where("merged_into_id", "=", id).execute();
    const ids = [id, ...merged.map((m) => m.id)];
    const events = await exec.selectFrom("appeal_events").selectAll().where("appeal_id", "in", ids).orderBy("at").orderBy("id").execute();
    const noOf = new Map(merged.map((m) => [m.id, m.tracking_no]));
    const assignments = await exec
      .selectFrom("appeal_assignments as s")
      .leftJoin("organisations as o", "o.id", "s.org_id")
      .leftJoin("users as u", "u.id", "s.user_id")
      .select(["s.org_id", "o.name as org_name", "s.user_id", "u.display_name as user_name", "s.lead", "s.assigned_at"])
      .where("s.appeal_id", "=", id)
      .where("s.active", "=", 1)
      .orderBy("s.lead", "desc")
      .execute();
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

  const pathCache = new Map<string, string>();
  async function communityPath(exec: Exec, communityId: string) {
    let p = pathCache.get(communityId);
    if (!p) {
      p = (await exec.selectFrom("regions").select("path").where("id", "=", communityId).executeTakeFirst())?.path ?? "/";
      pathCache.set(communityId, p);
    }
    return p;
  }

  async function checkOrg(exec: Exec, communityId: string, orgId: string) {
    const o = await exec.selectFrom("organisations").select(["id", "name", "community_id", "archived"]).where("id", "=", orgId).executeTakeFirst();
    if (!o || o.archived || o.community_id !== communityId)
      throw errors.badRequest("承办单位须为本社区的在册组织", "The handling unit must be an organisation of this community");
    return o;
  }

  async function checkHandler(exec: Exec, row: AppealTable, userId: string) {
    const u = await exec
      .selectFrom("users as u")
      .innerJoin("regions as r", "r.id", "u.scope_region_id")
      .select(["u.id", "u.display_name", "u.role", "u.disabled", "r.path"])
      .where("u.id", "=", userId)
      .executeTakeFirst();
    const casePath = row.grid_id
      ? ((await exec.selectFrom("regions").select("path").where("id", "=", row.grid_id).executeTakeFirst())?.path ?? "")
      : await communityPath(exec, row.community_id);
    if (!u || u.disabled || !can(u.role, "appeals.handle") || !casePath.startsWith(u.path))
      throw errors.badRequest("承办人须为能办理该网格案件的在岗人员", "The handler must be an active account that handles cases in this place");
    return u;
  }

  return {
    raw: (scope: Scope, id: string) => raw(db, scope, id),
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
      const counted = await db
        .selectFrom(
          filteredCases(db, who.scope, filter)
            .select("a.id")
            .limit(COUNT_CAP + 1)
            .as("x"),
        )
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst();
      const n = Number(counted?.n ?? 0);
      let q = withDisplay(filteredCases(db, who.scope, filter)).select([...CASE_COLUMNS]);
      if (f.mine === "1" || f.deadline)
        q = q.orderBy(sql`case a.urgency when 'supervised' then 0 when 'urgent' then 1 else 2 end`).orderBy("a.due_at").orderBy("a.id");
      else q = q.orderBy("a.registered_at", "desc").orderBy("a.id", "desc");
      const rows = await q
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
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

    /**
     * Registers a case. `extra` serves bulk callers (import, demo) inside their own transaction:
     * `pre` carries the community and category they already checked, `numbers` the last tracking
     * number per day so far, and `audit: false` leaves the audit to one entry for the whole batch.
     */
    async register(
      who: Who & { name?: string },
      input: TAppealCreate,
      exec?: Exec,
      extra: {
        externalNo?: string | null;
        action?: string;
        audit?: boolean;
        pre?: { community: { id: string; path: string; level: string }; category: AppealCategoryTable };
        numbers?: Map<string, number>;
      } = {},
    ) {
      return tx(exec, async (trx) => {
        const community =
          extra.pre && extra.pre.community.id === input.communityId ? extra.pre.community : await communityOf(trx, who.scope, input.communityId);
        const cat = extra.pre && extra.pre.category.code === input.categoryCode ? extra.pre.category : await category(trx, input.categoryCode);
        let gridId = input.gridId ?? null;
        if (input.lat != null && input.lng != null) {
          const g = await gridAt(trx, { regionId: community.id, path: community.path, level: "community", communityId: community.id }, input.lng, input.lat);
          if (g) gridId = g.id;
        }
        if (!gridId && who.scope.level === "grid") gridId = who.scope.regionId;
        if (gridId) {
          const g = await trx.selectFrom("regions").select(["path", "level", "community_id"]).where("id", "=", gridId).executeTakeFirst();
          if (g?.level !== "grid" || g.community_id !== community.id)
            throw errors.badRequest("所选网格不属于该社区", "The grid chosen is not in this community");
          if (!g.path.startsWith(who.scope.path)) throw errors.badRequest("所选网格不在您的数据范围内", "The grid chosen is outside your data scope");
        }
        let name = input.appellantName ?? null;
        let phone = input.appellantPhone ?? null;
        if (input.appellantPersonId) {
          const p = await trx.selectFrom("people").select(["id", "name", "phone", "community_id"]).where("id", "=", input.appellantPersonId).executeTakeFirst();
          if (!p || p.community_id !== community.id) throw errors.badRequest("诉求人不在本社区人口库中", "The appellant is not on this community's registry");
          name = name ?? p.name;
          phone = phone ?? p.phone;
        }
        const photos = input.photos ?? [];
        if (photos.length) {
          const found = await trx.selectFrom("files").select("id").where("id", "in", photos).execute();
          if (found.length !== new Set(photos).size) throw errors.badRequest("照片附件不存在，请重新上传", "A photo was not found; upload it again");
        }
        const externalNo = input.externalNo ?? extra.externalNo ?? null;
        if (externalNo) {
          const dup = await trx
            .selectFrom("appeals")
            .select("tracking_no")
            .where("channel", "=", input.channel)
            .where("external_no", "=", externalNo)
            .executeTakeFirst();
          if (dup)
            throw errors.conflict(
              `外部编号 ${externalNo} 已登记（${dup.tracking_no}）`,
              `External number ${externalNo} is already registered (${dup.tracking_no})`,
            );
        }
        const now = clock.now();
        const dl = await deadlineSettings(community.path, trx);
        const win = await settings.get(APPEAL_SETTINGS.windows, community.path, trx);
        const date = localDate(now, timeZone);
        let isRepeat = 0;
        if (input.kind === "appeal" && (phone || input.appellantPersonId)) {
          const since = new Date(now.getTime() - win.repeatDays * 24 * HOUR).toISOString();
          const prev = await trx
            .selectFrom("appeals")
            .select("id")
            .where("community_id", "=", community.id)
            .where("registered_at", ">=", since)
            .where("registered_at", "<=", now.toISOString())
            .where((eb) =>
              eb.or([
                ...(phone ? [eb("appellant_phone", "=", phone)] : []),
                ...(input.appellantPersonId ? [eb("appellant_person_id", "=", input.appellantPersonId)] : []),
              ]),
            )
            .limit(1)
            .executeTakeFirst();
          isRepeat = prev ? 1 : 0;
        }
        const urgency = input.urgency ?? "normal";
        const row: AppealTable = {
          id: uuidv7(now.getTime()),
          community_id: community.id,
          grid_id: gridId,
          tracking_no: await trackingNo(trx, date, extra.numbers),
          external_no: externalNo,
          channel: input.channel,
          kind: input.kind,
          appeal_type: input.kind === "appeal" ? (input.appealType ?? null) : (input.appealType ?? null),
          category_code: cat.code,
          urgency,
          title: input.title,
          content: input.content,
          address: input.address ?? null,
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          appellant_name: name,
          appellant_phone: phone,
          appellant_person_id: input.appellantPersonId ?? null,
          photos: JSON.stringify(photos),
          tags: JSON.stringify(input.tags ?? []),
          status: "registered",
          reg_date: date,
          reg_month: date.slice(0, 7),
          registered_at: now.toISOString(),
          registered_by: actorId(who),
          dispatch_due_at: new Date(now.getTime() + dl.dispatchHours[urgency] * HOUR).toISOString(),
          contact_due_at: phone ? new Date(now.getTime() + dl.contactHours * HOUR).toISOString() : null,
          due_at: deadlineAfter(now, handlingHours(cat, urgency), timeZone).toISOString(),
          dispatched_at: null,
          assignee_org_id: null,
          assignee_user_id: null,
          signed_at: null,
          sign_late: null,
          contacted_at: null,
          pending_extension: null,
          answer: null,
          closed_at: null,
          closed_late: null,
          handling_minutes: null,
          resolved: null,
          visit_at: null,
          visit_reached: null,
          visit_contacted: null,
          visit_resolved: null,
          satisfaction: null,
          reopen_count: 0,
          is_repeat: isRepeat,
          merged_into_id: null,
          archived_at: null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        };
        await trx.insertInto("appeals").values(row).execute();
        await addEvent(trx, who, row, extra.action ?? "register", null, "registered", null, {
          channel: row.channel,
          ...(externalNo ? { externalNo } : {}),
        });
        if (extra.audit !== false)
          await audit.append(trx, {
            actorId: actorId(who),
            actorName: actorName(who),
            action: `appeal.${extra.action ?? "register"}`,
            entity: "appeal",
            entityId: row.id,
            communityId: row.community_id,
            after: { ...row, appellant_phone: maskPhone(row.appellant_phone), address: maskAddress(row.address), content: undefined },
            ip: who.ip,
          });
        return row.id;
      });
    },

    /** Possible duplicates of a case being registered: same appellant, or same place and category, within the window. */
    async duplicates(
      who: Who,
      f: { communityId: string; phone?: string; personId?: string; categoryCode?: string; gridId?: string; address?: string; excludeId?: string },
    ) {
      const community = await communityOf(db, who.scope, f.communityId);
      const win = await settings.get(APPEAL_SETTINGS.windows, community.path);
      const since = new Date(clock.now().getTime() - win.duplicateDays * 24 * HOUR).toISOString();
      const ors: Array<{ why: string; where: (eb: any) => any }> = [];
      if (f.phone) ors.push({ why: "same_appellant", where: (eb) => eb("a.appellant_phone", "=", f.phone) });
      if (f.personId) ors.push({ why: "same_appellant", where: (eb) => eb("a.appellant_person_id", "=", f.personId) });
      if (f.categoryCode && (f.gridId || f.address))
        ors.push({
          why: "same_place",
          where: (eb) =>
            eb.and([
              eb("a.category_code", "=", f.categoryCode),
              f.address && f.address.length >= 4 ? eb("a.address", "=", f.address) : eb("a.grid_id", "=", f.gridId ?? ""),
            ]),
        });
      if (!ors.length) return [];
      const out = new Map<string, { id: string; trackingNo: string; title: string; status: Status; registeredAt: string; why: string }>();
      for (const o of ors) {
        let q = casesInScope(db, who.scope)
          .select(["a.id", "a.tracking_no", "a.title", "a.status", "a.registered_at"])
          .where("a.community_id", "=", community.id)
          .where("a.registered_at", ">=", since)
          .where("a.status", "!=", "merged")
          .where(o.where)
          .orderBy("a.registered_at", "desc")
          .limit(10);
        if (f.excludeId) q = q.where("a.id", "!=", f.excludeId);
        for (const r of await q.execute())
          if (!out.has(r.id))
            out.set(r.id, { id: r.id, trackingNo: r.tracking_no, title: r.title, status: r.status as Status, registeredAt: r.registered_at, why: o.why });
      }
      return [...out.values()];
    },

    dispatch(who: Who, id: string, input: TDispatch, exec?: Exec) {
      return step(who, id, "dispatch", exec, async (row, trx) => {
        const org = input.orgId ? await checkOrg(trx, row.community_id, input.orgId) : null;
        const user = input.userId ? await checkHandler(trx, row, input.userId) : null;
        const assists: Array<{ id: string; name: string }> = [];
        for (const oid of input.assistOrgIds ?? []) if (oid !== input.orgId) assists.push(await checkOrg(trx, row.community_id, oid));
        const now = clock.now().toISOString();
        return {
          patch: {
            status: "dispatched",
            dispatched_at: now,
            assignee_org_id: org?.id ?? null,
            assignee_user_id: user?.id ?? null,
            signed_at: null,
            sign_late: null,
          },
          note: input.note ?? null,
          data: {
            org: org?.name ?? null,
            user: user?.display_name ?? null,
            toCommunity: !org && !user,
            assists: assists.map((a) => a.name),
          },
          after: async (t) => {
            await t.updateTable("appeal_assignments").set({ active: 0 }).where("appeal_id", "=", id).execute();
            const rows = [{ org_id: org?.id ?? null, user_id: user?.id ?? null, lead: 1 }, ...assists.map((a) => ({ org_id: a.id, user_id: null, lead: 0 }))];
            await t
              .insertInto("appeal_assignments")
              .values(rows.map((r) => ({ ...r, id: uuidv7(), appeal_id: id, community_id: row.community_id, active: 1, assigned_at: now })))
              .execute();
          },
        };
      });
    },

    sign(who: Who, id: string, exec?: Exec) {
      return step(who, id, "sign", exec, async (row, trx) => {
        const now = clock.now();
        const dl = await deadlineSettings(await communityPath(trx, row.community_id), trx);
        const late = row.dispatched_at ? now.getTime() - new Date(row.dispatched_at).getTime() > dl.signHours * HOUR : false;
        return { patch: { status: "handling", signed_at: now.toISOString(), sign_late: late ? 1 : 0 }, data: { late } };
      });
    },

    contact(who: Who, id: string, note: string | null | undefined, exec?: Exec) {
      return step(who, id, "contact", exec, async (row) => {
        const now = clock.now();
        const late = row.contact_due_at ? now.toISOString() > row.contact_due_at : false;
        return { patch: { contacted_at: now.toISOString() }, note: note ?? null, data: { late } };
      });
    },

    requestExtension(who: Who, id: string, input: { hours: number; reason: string }, exec?: Exec) {
      if (!input.reason?.trim()) throw errors.badRequest("申请延期须填写原因", "An extension needs a reason");
      return step(who, id, "extension_request", exec, async () => ({
        patch: {
          pending_extension: JSON.stringify({
            hours: input.hours,
            reason: input.reason,
            requestedBy: who.user?.displayName ?? null,
            requestedAt: clock.now().toISOString(),
          }),
        },
        note: input.reason,
        data: { hours: input.hours },
      }));
    },

    decideExtension(who: Who, id: string, input: { approve: boolean; note?: string | null }, exec?: Exec) {
      return step(who, id, "extension_decide", exec, async (row) => {
        const ext = json<{ hours: number }>(row.pending_extension, { hours: 0 });
        const due = row.due_at ? new Date(new Date(row.due_at).getTime() + ext.hours * HOUR).toISOString() : row.due_at;
        return {
          patch: { pending_extension: null, ...(input.approve ? { due_at: due } : {}) },
          note: input.note ?? null,
          data: { approved: input.approve, hours: ext.hours, ...(input.approve ? { dueAt: due } : {}) },
        };
      });
    },

    returnCase(who: Who, id: string, reason: string, exec?: Exec) {
      if (!reason?.trim()) throw errors.badRequest("退单须填写原因", "A return needs a reason");
      return step(who, id, "return", exec, async () => ({
        patch: {
          status: "registered",
          dispatched_at: null,
          signed_at: null,
          sign_late: null,
          assignee_org_id: null,
          assignee_user_id: null,
          pending_extension: null,
        },
        note: reason,
        after: async (t) => {
          await t.updateTable("appeal_assignments").set({ active: 0 }).where("appeal_id", "=", id).execute();
        },
      }));
    },

    assist(who: Who, id: string, input: { orgId: string; note?: string | null }, exec?: Exec) {
      return step(who, id, "assist", exec, async (row, trx) => {
        const org = await checkOrg(trx, row.community_id, input.orgId);
        return {
          patch: {},
          note: input.note ?? null,
          data: { org: org.name },
          after: async (t) => {
            await t
              .insertInto("appeal_assignments")
              .values({
                id: uuidv7(),
                appeal_id: id,
                community_id: row.community_id,
                org_id: org.id,
                user_id: null,
                lead: 0,
                active: 1,
                assigned_at: clock.now().toISOString(),
              })
              .execute();
          },
        };
      });
    },

    close(who: Who, id: string, input: { answer: string; resolved: boolean }, exec?: Exec) {
      return step(who, id, "close", exec, async (row) => {
        if (row.appellant_phone && !row.contacted_at)
          throw errors.conflict("办结前须先联系诉求人（首次联系）", "Contact the appellant before closing the case");
        const now = clock.now();
        const needsVisit = row.kind === "appeal" && !!row.appellant_phone;
        return {
          patch: {
            status: needsVisit ? "closed" : "archived",
            answer: input.answer,
            closed_at: now.toISOString(),
            closed_late: row.due_at && now.toISOString() > row.due_at ? 1 : 0,
            handling_minutes: Math.round((now.getTime() - new Date(row.registered_at).getTime()) / 60_000),
            resolved: input.resolved ? 1 : 0,
            ...(needsVisit ? {} : { archived_at: now.toISOString() }),
          },
          note: input.answer,
          data: { resolved: input.resolved, late: !!(row.due_at && now.toISOString() > row.due_at) },
        };
      });
    },

    /** 回访: 不满意 reopens the case (重办); reopened and unsatisfied again puts it under supervision (督办). */
    visit(who: Who & { name?: string }, id: string, input: TVisit, exec?: Exec) {
      return step(who, id, "visit", exec, async (row, trx) => {
        const now = clock.now();
        const visit = {
          visit_at: now.toISOString(),
          visit_reached: input.reached ? 1 : 0,
          visit_contacted: input.reached && input.contacted ? 1 : 0,
          visit_resolved: input.reached && input.resolved ? 1 : 0,
          satisfaction: input.reached ? (input.satisfaction ?? null) : null,
        };
        const data = { reached: input.reached, contacted: !!input.contacted, resolved: !!input.resolved, satisfaction: visit.satisfaction };
        if (input.reached && input.satisfaction === "unsatisfied") {
          const supervise = row.reopen_count >= 1;
          const urgency = (supervise ? "supervised" : row.urgency) as Urgency;
          const cat = await trx.selectFrom("appeal_categories").selectAll().where("code", "=", row.category_code).executeTakeFirstOrThrow();
          const due = deadlineAfter(now, handlingHours(cat as AppealCategoryTable, urgency), timeZone).toISOString();
          return {
            patch: {
              ...visit,
              status: "dispatched",
              urgency,
              reopen_count: row.reopen_count + 1,
              dispatched_at: now.toISOString(),
              signed_at: null,
              sign_late: null,
              contacted_at: null,
              closed_at: null,
              closed_late: null,
              resolved: null,
              answer: null,
              due_at: due,
            },
            note: input.note ?? null,
            data,
            after: async (t, r) => {
              await addEvent(t, who, r, "reopen", "closed", "dispatched", null, { reopenCount: r.reopen_count, dueAt: due });
              if (supervise) await addEvent(t, who, r, "supervise", "dispatched", "dispatched", null, { urgency: "supervised" });
            },
          };
        }
        return {
          patch: { ...visit, status: "archived", archived_at: now.toISOString(), ...(input.reached ? { resolved: input.resolved ? 1 : 0 } : {}) },
          note: input.note ?? null,
          data,
        };
      });
    },

    merge(who: Who, id: string, intoId: string, exec?: Exec) {
      if (id === intoId) throw errors.badRequest("不能合并到自身", "A case cannot be merged into itself");
      return step(who, id, "merge", exec, async (row, trx) => {
        const into = await raw(trx, who.scope, intoId);
        if (into.status === "merged" || into.community_id !== row.community_id)
          throw errors.badRequest("只能合并到同一社区未被合并的案件", "Merge into an unmerged case of the same community");
        return {
          patch: { status: "merged", merged_into_id: into.id },
          data: { into: into.tracking_no },
          after: async (t) => {
            await t.updateTable("appeal_assignments").set({ active: 0 }).where("appeal_id", "=", id).execute();
            await addEvent(t, who, into, "merged_in", into.status, into.status, null, { from: row.tracking_no });
          },
        };
      });
    },

    /** The full phone of the appellant, for the handler who must call them; audited with the reason. */
    async reveal(who: Who, id: string, reason: string) {
      return db.transaction().execute(async (trx) => {
        const r = await raw(trx, who.scope, id);
        await audit.append(trx, {
          actorId: actorId(who),
          actorName: actorName(who),
          action: "appeal.reveal",
          entity: "appeal",
          entityId: id,
          communityId: r.community_id,
          after: { field: "appellantPhone" },
          reason,
          ip: who.ip,
        });
        return { field: "appellantPhone", value: r.appellant_phone };
      });
    },

    async categories(includeArchived = false): Promise<TCategory[]> {
      let q = db.selectFrom("appeal_categories").selectAll().orderBy("sort").orderBy("code");
      if (!includeArchived) q = q.where("archived", "=", 0);
      return (await q.execute()).map(toCategory);
    },

    async createCategory(
      who: Who,
      input: { code: string; parentCode?: string | null; name: string; nameEn?: string | null; deadlineHours: number; urgentHours: number; sort?: number },
    ) {
      return db.transaction().execute(async (trx) => {
        if (await trx.selectFrom("appeal_categories").select("code").where("code", "=", input.code).executeTakeFirst())
          throw errors.conflict(`分类编码 ${input.code} 已存在`, `Category code ${input.code} exists`);
        if (input.parentCode) {
          const p = await trx.selectFrom("appeal_categories").select(["code", "parent_code"]).where("code", "=", input.parentCode).executeTakeFirst();
          if (!p || p.parent_code) throw errors.badRequest("上级分类须为大类", "The parent must be a top-level category");
        }
        const now = clock.now().toISOString();
        const max = await trx
          .selectFrom("appeal_categories")
          .select((eb) => eb.fn.max("sort").as("m"))
          .executeTakeFirst();
        const row: AppealCategoryTable = {
          code: input.code,
          parent_code: input.parentCode ?? null,
          name: input.name,
          name_en: input.nameEn ?? null,
          deadline_hours: input.deadlineHours,
          urgent_hours: input.urgentHours,
          sort: input.sort ?? Number(max?.m ?? 0) + 1,
          archived: 0,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto("appeal_categories").values(row).execute();
        await audit.append(trx, {
          actorId: actorId(who),
          actorName: actorName(who),
          action: "appeal_category.create",
          entity: "appeal_category",
          entityId: row.code,
          after: row,
          ip: who.ip,
        });
        return toCategory(row);
      });
    },

    async updateCategory(
      who: Who,
      code: string,
      input: { name?: string; nameEn?: string | null; deadlineHours?: number; urgentHours?: number; sort?: number; archived?: boolean },
    ) {
      return db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom("appeal_categories").selectAll().where("code", "=", code).executeTakeFirst();
        if (!before) throw errors.notFound({ zh: "分类", en: "Category" });
        const patch: Partial<AppealCategoryTable> = { updated_at: clock.now().toISOString() };
        if (input.name !== undefined) patch.name = input.name;
        if (input.nameEn !== undefined) patch.name_en = input.nameEn;
        if (input.deadlineHours !== undefined) patch.deadline_hours = input.deadlineHours;
        if (input.urgentHours !== undefined) patch.urgent_hours = input.urgentHours;
        if (input.sort !== undefined) patch.sort = input.sort;
        if (input.archived !== undefined) patch.archived = input.archived ? 1 : 0;
        await trx.updateTable("appeal_categories").set(patch).where("code", "=", code).execute();
        await audit.append(trx, {
          actorId: actorId(who),
          actorName: actorName(who),
          action: "appeal_category.update",
          entity: "appeal_category",
          entityId: code,
          before,
          after: { ...before, ...patch },
          ip: who.ip,
        });
        return toCategory({ ...before, ...patch } as AppealCategoryTable);
      });
    },

    /** Who a case of a community can be dispatched to: its organisations and the accounts that handle cases. */
    async handlers(who: Who, communityId: string) {
      const c = await communityOf(db, who.scope, communityId);
      const orgs = await db
        .selectFrom("organisations")
        .select(["id", "name", "kind"])
        .where("community_id", "=", c.id)
        .where("archived", "=", 0)
        .orderBy("kind")
        .orderBy("name")
        .execute();
      const users = await db
        .selectFrom("users as u")
        .innerJoin("regions as r", "r.id", "u.scope_region_id")
        .select(["u.id", "u.display_name", "u.role", "r.name as scope_name"])
        .where("u.disabled", "=", 0)
        .where("r.path", "like", `${c.path}%`)
        .orderBy("u.username")
        .execute();
      return {
        orgs: orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
        users: users.filter((u) => can(u.role, "appeals.handle")).map((u) => ({ id: u.id, name: u.display_name, role: u.role, scope: u.scope_name })),
      };
    },

    /** Rows of an export (whole filtered list), masked unless the exporter may reveal; audited. */
    async exportRows(who: Who, f: CaseFilter, reveal: boolean) {
      const now = clock.now();
      const dl = await deadlineSettings(who.scope.path);
      const rows = await withDisplay(filteredCases(db, who.scope, { ...f, userId: who.user?.id, now: now.toISOString() }))
        .select([...CASE_COLUMNS, "a.content", "a.answer", "a.contacted_at", "a.visit_at"])
        .orderBy("a.registered_at", "desc")
        .limit(100_000)
        .execute();
      await audit.append(db, {
        actorId: actorId(who),
        actorName: actorName(who),
        action: "appeal.export",
        entity: "appeal",
        after: { filter: f, rows: rows.length, revealed: reveal },
        ip: who.ip,
      });
      return rows.map((r: any) => ({
        ...toAppeal(r, now, dl),
        ...(reveal ? { appellantPhone: r.appellant_phone, address: r.address } : {}),
        content: r.content,
        answer: r.answer,
      }));
    },

    /** For the public tracking page: the case by its number, if the phone's last four digits match. */
    async byTracking(trackingNo: string, phone4: string) {
      const r = await db
        .selectFrom("appeals as a")
        .leftJoin("appeal_categories as cat", "cat.code", "a.category_code")
        .selectAll("a")
        .select(["cat.name as category_name"])
        .where("a.tracking_no", "=", trackingNo)
        .executeTakeFirst();
      if (!r?.appellant_phone?.endsWith(phone4)) throw errors.notFound({ zh: "该编号的诉求", en: "An appeal with this number" });
      const steps = await db.selectFrom("appeal_events").select(["at", "action"]).where("appeal_id", "=", r.id).orderBy("at").orderBy("id").execute();
      return { row: r as AppealTable & { category_name: string | null }, steps };
    },
  };
}

export type WhoNamed = Who & { name?: string };

export function toCategory(c: AppealCategoryTable): TCategory {
  return {
    code: c.code,
    parentCode: c.parent_code,
    name: c.name,
    nameEn: c.name_en,
    deadlineHours: c.deadline_hours,
    urgentHours: c.urgent_hours,
    sort: c.sort,
    archived: !!c.archived,
  };
}

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
  };
}

export { OPEN_STATUSES };
