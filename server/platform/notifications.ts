// 预警 alerts: the notification centre of each account (read/unread, mark all read, each item opens
// its record) and its live push over SSE. Modules' jobs (`<m>.jobs.ts`, run by the scheduler)
// call `notify` with the record's place (its grid or community) and the permission the alert is
// for; it reaches every active account whose data scope holds that place and whose role has that
// permission — the rule the record's own pages apply. The same alert about the same record reaches
// an account once (`dedupe_key`), so a job that runs again, or on another process, notifies no one
// twice. After the insert the new items are published: in-process on SQLite; on PostgreSQL by
// NOTIFY, every server process LISTENing, so a page connected to any of them gets its own.
import { EventEmitter } from "node:events";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import { can, type Permission } from "../../contracts/roles.js";
import type { Config } from "../config.js";
import type { Database } from "../db/connect.js";
import type { DB } from "../db/types.js";
import { createChannel } from "./channel.js";
import type { Clock } from "./clock.js";
import { errors, type Lang, type Msg } from "./errors.js";
import { type EventStream, openEventStream } from "./event-stream.js";
import { authed, withZod, ZPage } from "./http.js";
import { uuidv7 } from "./ids.js";
import type { TodoSeverity } from "./todos.js";

export type Alert = {
  /** What happened: "appeals.due_soon", "safety.hazard_overdue" … */
  kind: string;
  module: string;
  severity: TodoSeverity;
  /** The record, as its register names it, and what happened to it. */
  title: Msg;
  body?: Msg;
  /** The page where the record is acted on. */
  link: string;
  /** The record's id: with `kind`, what makes the alert once per account. */
  ref: string;
  communityId: string;
  /** The region the record lies in: its grid, else its community. */
  regionId: string;
  /** Who may receive it: accounts whose role has one of these permissions (and whose scope holds the region). */
  permission: Permission | Permission[];
};

export type NotificationItem = {
  id: string;
  kind: string;
  module: string;
  severity: string;
  title: string;
  body: string | null;
  link: string;
  createdAt: string;
  readAt: string | null;
};

type Row = DB["notifications"];
type Pushed = { userId: string; row: Row };

const CHANNEL = "shequ_notifications";

export type Notifications = ReturnType<typeof createNotifications>;

export function itemOf(r: Row, lang: Lang): NotificationItem {
  return {
    id: r.id,
    kind: r.kind,
    module: r.module,
    severity: r.severity,
    title: lang === "zh" ? r.title_zh : r.title_en,
    body: (lang === "zh" ? r.body_zh : r.body_en) ?? null,
    link: r.link,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

export function createNotifications(deps: { db: Kysely<DB>; database: Pick<Database, "dialect">; config: Pick<Config, "databaseUrl">; clock: Clock }) {
  const { db, clock } = deps;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const channel = createChannel<Pushed>(deps, CHANNEL);

  async function publish(rows: Row[]) {
    await channel.publish(rows.map((row) => ({ userId: row.user_id, row })));
  }

  /** The active accounts that may receive an alert about a record in a region (by its path) needing a permission. */
  async function recipients(exec: Kysely<DB>, places: Array<{ regionId: string }>) {
    const regionIds = [...new Set(places.map((p) => p.regionId))];
    const paths = new Map(
      (
        await exec
          .selectFrom("regions")
          .select(["id", "path"])
          .where("id", "in", regionIds.length ? regionIds : [""])
          .execute()
      ).map((r) => [r.id, r.path]),
    );
    const accounts = await exec
      .selectFrom("users as u")
      .innerJoin("regions as r", "r.id", "u.scope_region_id")
      .select(["u.id", "u.role", "r.path"])
      .where("u.disabled", "=", 0)
      .execute();
    return (regionId: string, permission: Permission | Permission[]) => {
      const path = paths.get(regionId);
      if (!path) return [];
      const any = Array.isArray(permission) ? permission : [permission];
      return accounts.filter((a) => path.startsWith(a.path) && any.some((p) => can(a.role, p))).map((a) => a.id);
    };
  }

  return {
    /**
     * Delivers alerts to every account that may see them, once per account and record; answers how
     * many notifications were new. Runs in a transaction of its own and publishes after it commits.
     */
    async notify(alerts: Alert[]): Promise<number> {
      if (!alerts.length) return 0;
      const now = clock.now().toISOString();
      const inserted = await db.transaction().execute(async (trx) => {
        const whoGets = await recipients(trx, alerts);
        const rows: Row[] = [];
        for (const a of alerts)
          for (const userId of whoGets(a.regionId, a.permission))
            rows.push({
              id: uuidv7(),
              user_id: userId,
              kind: a.kind,
              module: a.module,
              severity: a.severity,
              title_zh: a.title.zh,
              title_en: a.title.en,
              body_zh: a.body?.zh ?? null,
              body_en: a.body?.en ?? null,
              link: a.link,
              community_id: a.communityId,
              dedupe_key: `${a.kind}:${a.ref}`,
              created_at: now,
              read_at: null,
            });
        const out: Row[] = [];
        for (let i = 0; i < rows.length; i += 200) {
          const batch = rows.slice(i, i + 200);
          const ids = await trx
            .insertInto("notifications")
            .values(batch)
            .onConflict((oc) => oc.columns(["user_id", "dedupe_key"]).doNothing())
            .returning("id")
            .execute();
          const got = new Set(ids.map((r) => r.id));
          out.push(...batch.filter((r) => got.has(r.id)));
        }
        return out;
      });
      await publish(inserted).catch(() => {});
      return inserted.length;
    },
    async list(userId: string, q: { unread?: boolean; page: number; pageSize: number }, lang: Lang) {
      const base = db
        .selectFrom("notifications")
        .where("user_id", "=", userId)
        .$if(!!q.unread, (b) => b.where("read_at", "is", null));
      const [rows, total, unread] = await Promise.all([
        base
          .selectAll()
          .orderBy("created_at", "desc")
          .orderBy("id", "desc")
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
        this.unread(userId),
      ]);
      return { items: rows.map((r) => itemOf(r, lang)), total: Number(total.n), page: q.page, pageSize: q.pageSize, unread };
    },
    async unread(userId: string): Promise<number> {
      const r = await db
        .selectFrom("notifications")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** An account's notifications made after `since`, oldest first (a stream's replay). */
    since: (userId: string, since: string) =>
      db
        .selectFrom("notifications")
        .selectAll()
        .where("user_id", "=", userId)
        .where("created_at", ">", since)
        .orderBy("created_at")
        .orderBy("id")
        .limit(100)
        .execute(),
    /** Marks one of the caller's own notifications read; another's is not found. */
    async markRead(userId: string, id: string) {
      const row = await db.selectFrom("notifications").select(["id", "read_at"]).where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
      if (!row) throw errors.notFound({ zh: "通知", en: "Notification" });
      if (!row.read_at) await db.updateTable("notifications").set({ read_at: clock.now().toISOString() }).where("id", "=", id).execute();
    },
    async markAllRead(userId: string): Promise<number> {
      const r = await db
        .updateTable("notifications")
        .set({ read_at: clock.now().toISOString() })
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /** Calls `fn` with each new notification of `userId`, from any server process, until the answer is called. */
    async subscribe(userId: string, fn: (row: Row) => void) {
      return channel.subscribe((p) => {
        if (p.userId === userId) fn(p.row);
      });
    },
    /** Open streams, for the memory bench. */
    listeners: () => channel.listeners(),
    /** Calls `fn` when the server closes (open streams end, so closing does not wait for them). */
    onClose(fn: () => void) {
      emitter.once("close", fn);
      return () => emitter.off("close", fn);
    },
    /** Ends every open stream (the server is closing). */
    endStreams() {
      emitter.emit("close");
    },
    async close() {
      emitter.emit("close");
      await channel.close();
    },
  };
}

const ZItem = z.object({
  id: z.string(),
  kind: z.string(),
  module: z.string(),
  severity: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export function registerNotificationRoutes(app: FastifyInstance, notifications: Notifications) {
  const r = withZod(app);
  const tags = ["notifications"];
  r.get(
    "/api/notifications",
    {
      config: { anyRole: true },
      schema: {
        operationId: "listNotifications",
        tags,
        summary: "我的通知（预警），新的在前 The caller's notifications, newest first",
        querystring: ZPage.extend({ unread: z.enum(["0", "1"]).optional() }),
        response: { 200: z.object({ items: z.array(ZItem), total: z.number(), page: z.number(), pageSize: z.number(), unread: z.number() }) },
      },
    },
    async (req) => {
      const ctx = authed(req);
      return notifications.list(ctx.user.id, { unread: req.query.unread === "1", page: req.query.page, pageSize: req.query.pageSize }, ctx.lang);
    },
  );
  r.get(
    "/api/notifications/count",
    {
      config: { anyRole: true },
      schema: { operationId: "countNotifications", tags, summary: "未读通知数 Unread notifications", response: { 200: z.object({ unread: z.number() }) } },
    },
    async (req) => ({ unread: await notifications.unread(authed(req).user.id) }),
  );
  r.post(
    "/api/notifications/:id/read",
    {
      config: { anyRole: true },
      schema: {
        operationId: "readNotification",
        tags,
        summary: "标为已读 Mark one notification read",
        params: z.object({ id: z.string().max(60) }),
        response: { 200: z.object({ unread: z.number() }) },
      },
    },
    async (req) => {
      const id = authed(req).user.id;
      await notifications.markRead(id, req.params.id);
      return { unread: await notifications.unread(id) };
    },
  );
  r.post(
    "/api/notifications/read-all",
    {
      config: { anyRole: true },
      schema: {
        operationId: "readAllNotifications",
        tags,
        summary: "全部标为已读 Mark all read",
        response: { 200: z.object({ updated: z.number(), unread: z.number() }) },
      },
    },
    async (req) => {
      const id = authed(req).user.id;
      const updated = await notifications.markAllRead(id);
      return { updated, unread: await notifications.unread(id) };
    },
  );
  r.get(
    "/api/notifications/stream",
    {
      config: { anyRole: true },
      schema: {
        operationId: "streamNotifications",
        tags,
        summary:
          "新通知实时推送（Server-Sent Events），since 之后的先补发：事件 notification，及未读数 count Live notifications (SSE); those after `since` first",
        querystring: z.object({ since: z.string().datetime({ offset: true }) }),
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      // Listen first, then replay what came after `since` (the page's last look): a notification
      // made in between is neither lost nor sent twice. What arrives before the stream is open waits.
      let stream: EventStream | null = null;
      const held: Row[] = [];
      const sent = new Set<string>();
      const send = (row: Row) => {
        if (sent.has(row.id)) return;
        sent.add(row.id);
        stream?.send("notification", itemOf(row, ctx.lang));
      };
      const count = async () => stream?.send("count", { unread: await notifications.unread(ctx.user.id) });
      const off = await notifications.subscribe(ctx.user.id, (row) => {
        if (!stream) held.push(row);
        else {
          send(row);
          count().catch(() => {});
        }
      });
      let replay: Row[];
      try {
        replay = await notifications.since(ctx.user.id, new Date(req.query.since).toISOString());
      } catch (e) {
        off();
        throw e;
      }
      stream = openEventStream(req, reply, { db: app.deps.db, sessionId: ctx.sessionId });
      stream.onClose(off);
      for (const row of [...replay, ...held]) send(row);
      await count();
      const offClose = notifications.onClose(() => stream?.end());
      stream.onClose(offClose);
    },
  );
}
