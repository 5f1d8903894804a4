// 受理登记 (DOMAIN.md §1): a case is registered with its tracking number, its place (the grid found
// from its location), its appellant and its deadlines; possible duplicates are found before it is.
import type { Kysely } from "kysely";
import type { Status, TAppealCreate, TAppealSource } from "../../../contracts/appeals.js";
import { maskAddress, maskPhone } from "../../../contracts/mask.js";
import type { DB } from "../../db/types.js";
import { localDate } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import { gridAt } from "../../platform/regions/regions.service.js";
import { communityInScope, communityScope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import { actorId, type Who } from "../../platform/who.js";
import { type AppealsDeps, type CasesService, HOUR, type WhoNamed } from "./appeals.cases.service.js";
import {
  appealedBefore,
  caseByExternalNo,
  categoryByCode,
  duplicateCandidates,
  filesFound,
  gridOf,
  insertCase,
  lastTrackingNo,
  personById,
} from "./appeals.repo.js";
import { APPEAL_SETTINGS, deadlineAfter, handlingHours } from "./appeals.rules.js";
import type { AppealCategoryTable, AppealTable } from "./appeals.tables.js";

type Exec = Kysely<DB>;

/**
 * What bulk callers (import, demo) and other modules add to a registration. `pre` carries the
 * community and category a bulk caller already checked, `numbers` the last tracking number per day
 * so far, `audit: false` leaves the audit to one entry for the whole batch; `source` is the record
 * of another module the case comes from.
 */
export type RegisterExtra = {
  externalNo?: string | null;
  action?: string;
  audit?: boolean;
  pre?: { community: { id: string; path: string }; category: AppealCategoryTable };
  numbers?: Map<string, number>;
  source?: TAppealSource;
};

export type IntakeService = ReturnType<typeof createIntakeService>;

export function createIntakeService(deps: AppealsDeps & { cases: Pick<CasesService, "addEvent"> }) {
  const { db, audit, clock, settings, timeZone, cases } = deps;

  async function category(exec: Exec, code: string) {
    const c = await categoryByCode(exec, code);
    if (!c || c.archived || !c.parent_code)
      throw errors.badRequest(`未知的分类「${code}」，请从分类目录的小类中选择`, `Unknown category "${code}": choose a sub-category of the catalogue`);
    return c;
  }

  async function nextTrackingNo(exec: Exec, date: string) {
    // Concurrent registrations on PostgreSQL read the same last number without it (a 500 on the
    // unique tracking number, seen under a burst of registrations).
    await audit.serialise(exec);
    const prefix = date.replaceAll("-", "");
    const last = await lastTrackingNo(exec, prefix);
    const n = last ? Number(last.slice(8)) + 1 : 1;
    return `${prefix}${String(n).padStart(5, "0")}`;
  }

  async function trackingNo(exec: Exec, date: string, numbers?: Map<string, number>) {
    if (!numbers) return nextTrackingNo(exec, date);
    let n = numbers.get(date);
    if (n === undefined) n = Number((await nextTrackingNo(exec, date)).slice(8)) - 1;
    numbers.set(date, n + 1);
    return `${date.replaceAll("-", "")}${String(n + 1).padStart(5, "0")}`;
  }

  return {
    /** Registers a case; joins the caller's transaction when given one. */
    register(who: WhoNamed, input: TAppealCreate, exec?: Exec, extra: RegisterExtra = {}) {
      return inTx(db, exec, async (trx) => {
        const community =
          extra.pre && extra.pre.community.id === input.communityId ? extra.pre.community : await communityInScope(trx, who.scope, input.communityId);
        const cat = extra.pre && extra.pre.category.code === input.categoryCode ? extra.pre.category : await category(trx, input.categoryCode);
        let gridId = input.gridId ?? null;
        if (input.lat != null && input.lng != null) {
          const g = await gridAt(trx, communityScope(community), input.lng, input.lat);
          if (g) gridId = g.id;
        }
        if (!gridId && who.scope.level === "grid") gridId = who.scope.regionId;
        if (gridId) {
          const g = await gridOf(trx, gridId);
          if (g?.level !== "grid" || g.community_id !== community.id)
            throw errors.badRequest("所选网格不属于该社区", "The grid chosen is not in this community");
          if (!g.path.startsWith(who.scope.path)) throw errors.badRequest("所选网格不在您的数据范围内", "The grid chosen is outside your data scope");
        }
        let name = input.appellantName ?? null;
        let phone = input.appellantPhone ?? null;
        if (input.appellantPersonId) {
          const p = await personById(trx, input.appellantPersonId);
          if (!p || p.community_id !== community.id) throw errors.badRequest("诉求人不在本社区人口库中", "The appellant is not on this community's registry");
          name = name ?? p.name;
          phone = phone ?? p.phone;
        }
        const photos = input.photos ?? [];
        if (photos.length && (await filesFound(trx, photos)) !== new Set(photos).size)
          throw errors.badRequest("照片附件不存在，请重新上传", "A photo was not found; upload it again");
        const externalNo = input.externalNo ?? extra.externalNo ?? null;
        if (externalNo) {
          const dup = await caseByExternalNo(trx, input.channel, externalNo);
          if (dup)
            throw errors.conflict(
              `外部编号 ${externalNo} 已登记（${dup.tracking_no}）`,
              `External number ${externalNo} is already registered (${dup.tracking_no})`,
            );
        }
        const now = clock.now();
        const dl = await settings.get(APPEAL_SETTINGS.deadlines, community.path, trx);
        const win = await settings.get(APPEAL_SETTINGS.windows, community.path, trx);
        const date = localDate(now, timeZone);
        let isRepeat = 0;
        if (input.kind === "appeal" && (phone || input.appellantPersonId)) {
          const since = new Date(now.getTime() - win.repeatDays * 24 * HOUR).toISOString();
          const before = await appealedBefore(trx, {
            communityId: community.id,
            since,
            until: now.toISOString(),
            phone,
            personId: input.appellantPersonId ?? null,
          });
          isRepeat = before ? 1 : 0;
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
          appeal_type: input.appealType ?? null,
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
          source_module: extra.source?.module ?? null,
          source_kind: extra.source?.kind ?? null,
          source_id: extra.source?.id ?? null,
          archived_at: null,
          voided_at: null,
          voided_by: null,
          void_reason: null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        };
        await insertCase(trx, row);
        await cases.addEvent(trx, who, row, extra.action ?? "register", null, "registered", null, {
          channel: row.channel,
          ...(externalNo ? { externalNo } : {}),
          ...(extra.source ? { source: extra.source } : {}),
        });
        if (extra.audit !== false)
          await audit.record(trx, who, {
            action: `appeal.${extra.action ?? "register"}`,
            entity: "appeal",
            entityId: row.id,
            communityId: row.community_id,
            after: { ...row, appellant_phone: maskPhone(row.appellant_phone), address: maskAddress(row.address), content: undefined },
          });
        return row.id;
      });
    },

    /** Possible duplicates of a case being registered: same appellant, or same place and category, within the window. */
    async duplicates(
      who: Who,
      f: { communityId: string; phone?: string; personId?: string; categoryCode?: string; gridId?: string; address?: string; excludeId?: string },
    ) {
      const community = await communityInScope(db, who.scope, f.communityId);
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
      for (const o of ors)
        for (const r of await duplicateCandidates(db, who.scope, { communityId: community.id, since, excludeId: f.excludeId }, o.where))
          if (!out.has(r.id))
            out.set(r.id, { id: r.id, trackingNo: r.tracking_no, title: r.title, status: r.status as Status, registeredAt: r.registered_at, why: o.why });
      return [...out.values()];
    },
  };
}
