import type { Kysely } from "kysely";
import { maskIdNumber, maskPhone } from "../../../contracts/mask.js";
import type { TVoid } from "../../../contracts/platform.js";
import { LEVEL_LABELS, LEVELS, type Level, type TDispute, type TDisputeClose, type TDisputeCreate } from "../../../contracts/safety.js";
import type { DB } from "../../db/types.js";
import type { Audit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import { addDays, daysBetween, todayOf } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import { restorePatch, voidingOf, voidPatch } from "../../platform/voiding.js";
import type { Who } from "../../platform/who.js";
import { actorLabel, gridInScope, JUDICIAL_CONFIRM_DAYS, json, LABOR_MEDIATION_DAYS, notFuture, SAFETY_SETTINGS, settingIn } from "./safety.common.js";
import { type DisputeFilter, disputesInScope, filteredDisputes } from "./safety.repo.js";

export type { DisputeFilter };

import type { SafetyDisputeEventTable, SafetyDisputePartyTable, SafetyDisputeTable } from "./safety.tables.js";

// 矛盾纠纷 (人民调解法 [A]) with 定格化 three-level mediation [B]: a case belongs to its grid first and
// is escalated 网格 → 社区 → 街道 (→ 区) with reasons, keeping the whole history.

const NOT_FOUND = { zh: "纠纷案件", en: "Dispute" };

type Row = SafetyDisputeTable & { grid_name?: string | null };
type Agreement = NonNullable<TDispute["agreement"]>;

export function toDispute(r: Row, parties: SafetyDisputePartyTable[], settleDays: number, today: string, reveal = false): TDispute {
  const ag = json<Omit<Agreement, "confirmBy"> | null>(r.agreement, null);
  const settleBy = addDays(r.registered_on, settleDays);
  return {
    id: r.id,
    code: r.code,
    communityId: r.community_id,
    gridId: r.grid_id,
    gridName: r.grid_name ?? null,
    type: r.type,
    source: r.source,
    sourceRef: r.source_ref,
    summary: r.summary,
    registeredOn: r.registered_on,
    level: r.level as Level,
    status: r.status as "open" | "closed",
    outcome: (r.outcome as TDispute["outcome"]) ?? null,
    closedOn: r.closed_on,
    closeReason: r.close_reason,
    referral: r.referral,
    settleBy,
    daysLeft: r.status === "open" ? daysBetween(today, r.is_labor ? addDays(r.registered_on, LABOR_MEDIATION_DAYS) : settleBy) : null,
    parties: parties.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      phone: reveal ? p.phone : maskPhone(p.phone),
      idNumber: reveal ? p.id_number : maskIdNumber(p.id_number),
      personId: p.person_id,
    })),
    labor: r.is_labor
      ? {
          employer: r.employer ?? "",
          workers: Number(r.workers ?? 0),
          claimedFen: Number(r.claimed_fen ?? 0),
          recoveredFen: Number(r.recovered_fen ?? 0),
          advanceFen: Number(r.advance_fen ?? 0),
          mediationDeadline: addDays(r.registered_on, LABOR_MEDIATION_DAYS),
        }
      : null,
    agreement: ag ? { ...ag, confirmBy: addDays(ag.madeOn, JUDICIAL_CONFIRM_DAYS) } : null,
    voided: voidingOf(r),
    updatedAt: r.updated_at,
  };
}

export type DisputesService = ReturnType<typeof createDisputesService>;

export function createDisputesService(deps: { db: Kysely<DB>; audit: Audit; clock: Clock; config: { timeZone: string } }) {
  const { db, audit, clock } = deps;
  const today = () => todayOf(clock.now(), deps.config.timeZone);

  async function raw(scope: Scope, id: string, exec: Kysely<DB>) {
    const r = await disputesInScope(exec, scope, "include").selectAll("d").select("g.name as grid_name").where("d.id", "=", id).executeTakeFirst();
    if (!r) throw errors.notFound(NOT_FOUND);
    return r as Row;
  }
  const partiesOf = (exec: Kysely<DB>, ids: string[]) =>
    ids.length ? exec.selectFrom("safety_dispute_parties").selectAll().where("dispute_id", "in", ids).orderBy("sort").execute() : Promise.resolve([]);

  async function full(scope: Scope, id: string, exec: Kysely<DB>, reveal = false): Promise<TDispute> {
    const r = await raw(scope, id, exec);
    const parties = await partiesOf(exec, [id]);
    const settle = await settingIn(exec, SAFETY_SETTINGS.settleDays, r.community_id);
    const events = await exec.selectFrom("safety_dispute_events").selectAll().where("dispute_id", "=", id).orderBy("seq").execute();
    return { ...toDispute(r, parties, settle, today(), reveal), events: events.map(toEvent) };
  }

  async function event(
    trx: Kysely<DB>,
    who: Who,
    d: { id: string; community_id: string },
    e: Partial<SafetyDisputeEventTable> & { kind: string; on_date: string },
  ) {
    const last = await trx
      .selectFrom("safety_dispute_events")
      .select((eb) => eb.fn.max("seq").as("m"))
      .where("dispute_id", "=", d.id)
      .executeTakeFirst();
    await trx
      .insertInto("safety_dispute_events")
      .values({
        id: uuidv7(clock.now().getTime()),
        dispute_id: d.id,
        community_id: d.community_id,
        seq: Number(last?.m ?? 0) + 1,
        at: clock.now().toISOString(),
        actor: actorLabel(who),
        from_level: null,
        to_level: null,
        reason: null,
        mediators: "[]",
        attendees: null,
        record: null,
        performed: null,
        ...e,
      })
      .execute();
  }

  async function change(who: Who, id: string, action: string, fn: (d: Row, trx: Kysely<DB>) => Promise<Partial<SafetyDisputeTable> | null>, exec?: Kysely<DB>) {
    return inTx(db, exec, async (trx) => {
      const before = await raw(who.scope, id, trx);
      const patch = await fn(before, trx);
      const p = { ...(patch ?? {}), updated_at: clock.now().toISOString() };
      await trx.updateTable("safety_disputes").set(p).where("id", "=", id).execute();
      const { grid_name: _g, ...b } = before;
      await audit.record(trx, who, {
        action: `dispute.${action}`,
        entity: "dispute",
        entityId: id,
        communityId: before.community_id,
        before: b,
        after: p,
      });
      return full(who.scope, id, trx);
    });
  }
  const mustBeOpen = (d: Row) => {
    if (d.voided_at) throw errors.conflict("该纠纷已作废，恢复后才能办理", "This dispute is voided: restore it first");
    if (d.status !== "open") throw errors.conflict("该纠纷已办结", "This dispute is already closed");
  };

  return {
    today,
    full: (scope: Scope, id: string, reveal = false) => full(scope, id, db, reveal),

    async create(who: Who, input: TDisputeCreate, exec?: Kysely<DB>): Promise<string> {
      return inTx(db, exec, async (trx) => {
        const grid = await gridInScope(trx, who.scope, input.gridId);
        const t = today();
        const on = input.registeredOn ?? t;
        notFuture(on, t, "登记日期", "The registration date");
        const isLabor = input.type === "劳资";
        if (isLabor && !input.labor)
          throw errors.badRequest("劳资纠纷须填写用人单位、涉及人数和诉求金额", "A labor dispute needs the employer, workers involved and the amount claimed");
        if (!isLabor && input.labor) throw errors.badRequest("只有劳资纠纷填写劳资信息", "Only a labor dispute carries labor details");
        for (const p of input.parties)
          if (p.personId) {
            const person = await trx
              .selectFrom("people")
              .select("id")
              .where("id", "=", p.personId)
              .where("community_id", "=", grid.communityId)
              .executeTakeFirst();
            if (!person) throw errors.badRequest(`当事人「${p.name}」在人口库中不存在`, `Party "${p.name}" is not on this community's registry`);
          }
        const now = clock.now().toISOString();
        const id = uuidv7(clock.now().getTime());
        const row: SafetyDisputeTable = {
          id,
          code: `TJ${on.replace(/-/g, "")}-${id.slice(-5).toUpperCase()}`,
          community_id: grid.communityId,
          grid_id: grid.id,
          type: input.type,
          is_labor: isLabor ? 1 : 0,
          source: input.source,
          source_ref: input.sourceRef ?? null,
          summary: input.summary,
          registered_on: on,
          registered_month: on.slice(0, 7),
          // 定格: the case belongs to its grid first.
          level: "grid",
          status: "open",
          outcome: null,
          closed_on: null,
          closed_month: null,
          close_reason: null,
          referral: null,
          employer: input.labor?.employer ?? null,
          workers: input.labor?.workers ?? null,
          claimed_fen: input.labor?.claimedFen ?? null,
          recovered_fen: input.labor ? (input.labor.recoveredFen ?? 0) : null,
          advance_fen: input.labor ? (input.labor.advanceFen ?? 0) : null,
          agreement: null,
          created_by: actorLabel(who),
          voided_at: null,
          voided_by: null,
          void_reason: null,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto("safety_disputes").values(row).execute();
        await trx
          .insertInto("safety_dispute_parties")
          .values(
            input.parties.map((p, k) => ({
              id: uuidv7(clock.now().getTime()),
              dispute_id: id,
              community_id: grid.communityId,
              sort: k,
              person_id: p.personId ?? null,
              name: p.name,
              role: p.role ?? "applicant",
              phone: p.phone ?? null,
              id_number: p.idNumber ?? null,
            })),
          )
          .execute();
        await event(trx, who, row, { kind: "registered", on_date: on, to_level: "grid" });
        await audit.record(trx, who, {
          action: "dispute.create",
          entity: "dispute",
          entityId: id,
          communityId: row.community_id,
          after: { ...row, parties: input.parties.map((p) => ({ ...p, phone: maskPhone(p.phone), idNumber: maskIdNumber(p.idNumber) })) },
        });
        return id;
      });
    },

    /**
     * The dispute of the scope a register's row describes — same grid, date, type, summary and
     * parties — if it is registered already (a register imported twice adds nothing).
     */
    async findRegistered(
      scope: Scope,
      d: { gridId: string; registeredOn: string; type: string; summary: string; parties: string[] },
      exec: Kysely<DB> = db,
    ): Promise<string | null> {
      const rows = await disputesInScope(exec, scope)
        .select("d.id")
        .where("d.grid_id", "=", d.gridId)
        .where("d.registered_on", "=", d.registeredOn)
        .where("d.type", "=", d.type)
        .where("d.summary", "=", d.summary)
        .execute();
      if (!rows.length) return null;
      const parties = await partiesOf(
        exec,
        rows.map((r) => r.id),
      );
      const want = d.parties.join("|");
      return (
        rows.find(
          (r) =>
            parties
              .filter((p) => p.dispute_id === r.id)
              .map((p) => p.name)
              .join("|") === want,
        )?.id ?? null
      );
    },

    async list(scope: Scope, f: DisputeFilter & { page: number; pageSize: number }) {
      const base = filteredDisputes(db, scope, f);
      const total = Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
      const rows = (await base
        .selectAll("d")
        .select("g.name as grid_name")
        .orderBy("d.registered_on", "desc")
        .orderBy("d.id", "desc")
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute()) as Row[];
      return { items: await this.hydrate(rows), total, page: f.page, pageSize: f.pageSize };
    },
    async hydrate(rows: Row[]) {
      const parties = await partiesOf(
        db,
        rows.map((r) => r.id),
      );
      const settle = rows.length ? await settingIn(db, SAFETY_SETTINGS.settleDays, rows[0].community_id) : 30;
      const t = today();
      return rows.map((r) =>
        toDispute(
          r,
          parties.filter((p) => p.dispute_id === r.id),
          settle,
          t,
        ),
      );
    },
    async exportRows(who: Who, f: DisputeFilter) {
      const rows = (await filteredDisputes(db, who.scope, f)
        .selectAll("d")
        .select("g.name as grid_name")
        .orderBy("d.registered_on", "desc")
        .limit(50_000)
        .execute()) as Row[];
      await audit.record(db, who, {
        action: "dispute.export",
        entity: "dispute",
        after: { filter: f, rows: rows.length },
      });
      const out: TDispute[] = [];
      for (let i = 0; i < rows.length; i += 500) out.push(...(await this.hydrate(rows.slice(i, i + 500))));
      return out;
    },

    /** 逐级上报: to the next level; skipping one needs a stated reason. */
    async escalate(who: Who, id: string, input: { toLevel: Level; reason: string; skipReason?: string }, exec?: Kysely<DB>) {
      return change(
        who,
        id,
        "escalate",
        async (d, trx) => {
          mustBeOpen(d);
          const from = LEVELS.indexOf(d.level as Level);
          const to = LEVELS.indexOf(input.toLevel);
          if (to <= from)
            throw errors.badRequest(
              `案件已在${LEVEL_LABELS[d.level as Level].zh}级，只能向上一级上报`,
              `The case is already at ${LEVEL_LABELS[d.level as Level].en} level; it can only go up`,
            );
          if (to > from + 1 && !input.skipReason)
            throw errors.badRequest(
              `越级上报（${LEVEL_LABELS[d.level as Level].zh} → ${LEVEL_LABELS[input.toLevel].zh}）须说明越级理由`,
              `Skipping a level (${LEVEL_LABELS[d.level as Level].en} → ${LEVEL_LABELS[input.toLevel].en}) needs a reason`,
            );
          const reason = input.skipReason && to > from + 1 ? `${input.reason}（越级理由：${input.skipReason}）` : input.reason;
          await event(trx, who, d, { kind: "escalated", on_date: today(), from_level: d.level, to_level: input.toLevel, reason });
          return { level: input.toLevel };
        },
        exec,
      );
    },

    /** 调解: a session with its mediators, attendees and record. */
    async session(who: Who, id: string, input: { heldOn: string; mediators: string[]; attendees: string; record: string }, exec?: Kysely<DB>) {
      return change(
        who,
        id,
        "session",
        async (d, trx) => {
          mustBeOpen(d);
          notFuture(input.heldOn, today(), "调解日期", "The session date");
          if (input.heldOn < d.registered_on) throw errors.badRequest("调解日期不能早于登记日期", "A session cannot be before the registration date");
          await event(trx, who, d, {
            kind: "session",
            on_date: input.heldOn,
            mediators: JSON.stringify(input.mediators),
            attendees: input.attendees,
            record: input.record,
          });
          return null;
        },
        exec,
      );
    },

    /** 办结: 调解成功 needs the agreement (written: every party and the mediator signed); others need their reason. */
    async close(who: Who, id: string, input: TDisputeClose, exec?: Kysely<DB>) {
      return change(
        who,
        id,
        "close",
        async (d, trx) => {
          mustBeOpen(d);
          const t = today();
          const on = input.closedOn ?? t;
          notFuture(on, t, "办结日期", "The closing date");
          if (on < d.registered_on) throw errors.badRequest("办结日期不能早于登记日期", "The closing date cannot be before the registration date");
          const patch: Partial<SafetyDisputeTable> = {
            status: "closed",
            outcome: input.outcome,
            closed_on: on,
            closed_month: on.slice(0, 7),
            close_reason: input.reason ?? null,
          };
          if (input.outcome === "success") {
            const a = input.agreement;
            if (!a) throw errors.badRequest("调解成功须记录调解协议（书面或口头）", "A settled case needs its agreement (written or oral)");
            notFuture(a.madeOn, t, "协议日期", "The agreement date");
            if (a.madeOn < d.registered_on || a.madeOn > on)
              throw errors.badRequest("协议日期须在登记日期与办结日期之间", "The agreement date must lie between registration and closing");
            if (a.form === "written") {
              const parties = await trx.selectFrom("safety_dispute_parties").select(["id", "name"]).where("dispute_id", "=", id).execute();
              const unsigned = parties.filter((p) => !a.signedPartyIds.includes(p.id));
              if (unsigned.length)
                throw errors.badRequest(
                  `书面调解协议须记录各方当事人签名，未签名：${unsigned.map((p) => p.name).join("、")}`,
                  `A written agreement needs every party's signature recorded; not signed: ${unsigned.map((p) => p.name).join(", ")}`,
                );
              if (!a.mediatorSigned) throw errors.badRequest("书面调解协议须有调解员签名", "A written agreement needs the mediator's signature");
            }
            patch.agreement = JSON.stringify(a);
          } else if (input.outcome === "referred") {
            if (!input.referral) throw errors.badRequest("转介须选择转介去向（劳动监察、仲裁、法院等）", "A referral needs where it was referred to");
            patch.referral = input.referral;
          } else if (!input.reason)
            throw errors.badRequest(input.outcome === "terminated" ? "终止调解须说明原因（如一方拒绝调解）" : "调解不成须说明原因", "Give the reason");
          if (input.labor) {
            if (!d.is_labor) throw errors.badRequest("只有劳资纠纷填写劳资信息", "Only a labor dispute carries labor details");
            if (input.labor.recoveredFen !== undefined) patch.recovered_fen = input.labor.recoveredFen;
            if (input.labor.advanceFen !== undefined) patch.advance_fen = input.labor.advanceFen;
            if (input.labor.workers !== undefined) patch.workers = input.labor.workers;
          }
          await event(trx, who, d, { kind: "closed", on_date: on, reason: [input.outcome, input.referral, input.reason].filter(Boolean).join("：") });
          return patch;
        },
        exec,
      );
    },

    /** 回访: how the agreement is being performed. */
    async followup(who: Who, id: string, input: { visitedOn: string; performed: string; note: string }, exec?: Kysely<DB>) {
      return change(
        who,
        id,
        "followup",
        async (d, trx) => {
          if (d.outcome !== "success") throw errors.conflict("只有调解成功的案件需要履行回访", "Only a settled case is followed up");
          notFuture(input.visitedOn, today(), "回访日期", "The visit date");
          if (d.closed_on && input.visitedOn < d.closed_on)
            throw errors.badRequest("回访日期不能早于办结日期", "A follow-up cannot be before the closing date");
          await event(trx, who, d, { kind: "followup", on_date: input.visitedOn, performed: input.performed, record: input.note });
          return null;
        },
        exec,
      );
    },

    /** Full data for printing the agreement (parties unmasked: it is signed by them); audited. */
    /** 作废: a dispute registered by mistake leaves the figures and the list; on its timeline and audited. */
    async voidDispute(who: Who, id: string, input: TVoid) {
      return change(who, id, "void", async (d, trx) => {
        const patch = voidPatch(d, who, clock.now(), input);
        await event(trx, who, d, { kind: "voided", on_date: today(), reason: patch.void_reason });
        return patch;
      });
    },
    async restoreDispute(who: Who, id: string) {
      return change(who, id, "restore", async (d, trx) => {
        const patch = restorePatch(d);
        await event(trx, who, d, { kind: "restored", on_date: today() });
        return patch;
      });
    },

    async forPrint(who: Who, id: string) {
      return inTx(db, undefined, async (trx) => {
        const d = await full(who.scope, id, trx, true);
        if (!d.agreement) throw errors.conflict("该案件没有调解协议", "This case has no agreement");
        await audit.record(trx, who, {
          action: "dispute.print",
          entity: "dispute",
          entityId: id,
          communityId: d.communityId,
        });
        const community = await trx.selectFrom("regions").select("name").where("id", "=", d.communityId).executeTakeFirst();
        return { ...d, communityName: community?.name ?? "" };
      });
    },
  };
}

function toEvent(e: SafetyDisputeEventTable) {
  return {
    id: e.id,
    kind: e.kind,
    on: e.on_date,
    at: e.at,
    actor: e.actor,
    fromLevel: e.from_level,
    toLevel: e.to_level,
    reason: e.reason,
    mediators: json<string[]>(e.mediators, []),
    attendees: e.attendees,
    record: e.record,
    performed: e.performed,
  };
}
