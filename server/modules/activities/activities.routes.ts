import { createHash, randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  ZActivityCreate,
  ZActivityQuery,
  ZAttend,
  ZBookingCreate,
  ZCancel,
  ZCheckin,
  ZChecklistPut,
  ZHeadCount,
  ZInspectionCreate,
  ZIssueRectify,
  ZIssueVerify,
  ZPartnerCreate,
  ZPublicSignup,
  ZRoomCreate,
  ZSeriesCreate,
  ZSignupCreate,
  ZTeaTalkAppeal,
  ZTypePut,
  ZVenueCreate,
  ZVenueQuery,
  ZVenueState,
  ZVenueUpdate,
} from "../../../contracts/activities.js";
import { ZDate } from "../../../contracts/platform.js";
import { can } from "../../../contracts/roles.js";
import { importRoutes, ZImportQuery } from "../../io/import-routes.js";
import { qrSvg } from "../../io/qr.js";
import { XLSX_MIME } from "../../io/xlsx.js";
import { errors } from "../../platform/errors.js";
import { authed, type Deps, sendFile, withZod } from "../../platform/http.js";
import { scopeOf } from "../../platform/scope.js";
import { whoOf } from "../../platform/who.js";
import { exportActivities, icalFeed, importActivities, importTemplate } from "./activities.io.js";
import { activitiesInScope } from "./activities.repo.js";
import type { ActivitiesServices } from "./activities.services.js";
import { registerVenueIoRoutes } from "./activities.venues.io.js";

const id = z.object({ id: z.string().max(64) });
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? "localhost"}`;
/** The URL a participant's phone opens from the activity's QR code. */
export const checkinUrl = (origin: string, activityId: string, code: string) =>
  `${origin}/public/activities/checkin/${activityId}?k=${encodeURIComponent(code)}`;

export function registerActivityRoutes(app: FastifyInstance, deps: Deps, svc: ActivitiesServices) {
  const r = withZod(app);
  const { venues, inspections, activities, attendance, teaTalks } = svc;
  const tz = deps.config.timeZone;
  const read = { permission: "activities.read" as const };
  const write = { permission: "activities.write" as const };
  const admin = { permission: "activities.admin" as const };

  // ------------------------------------------------------------------ venues
  let tags = ["activities: venues"];
  r.get(
    "/api/activities/venues",
    {
      config: read,
      schema: {
        operationId: "listVenues",
        tags,
        summary: "阵地列表 Venues",
        querystring: ZVenueQuery,
      },
    },
    async (req) => ({ items: await venues.list(authed(req).scope, req.query) }),
  );
  r.post(
    "/api/activities/venues",
    { config: write, schema: { operationId: "createVenue", tags, summary: "新增阵地 Add a venue", body: ZVenueCreate } },
    async (req, reply) => reply.status(201).send(await venues.create(whoOf(req), req.body)),
  );
  registerVenueIoRoutes(app, deps, svc);
  r.get("/api/activities/venues/:id", { config: read, schema: { operationId: "getVenue", tags, params: id } }, async (req) =>
    venues.get(authed(req).scope, req.params.id),
  );
  r.patch("/api/activities/venues/:id", { config: write, schema: { operationId: "updateVenue", tags, params: id, body: ZVenueUpdate } }, async (req) =>
    venues.update(whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/activities/venues/:id/state",
    { config: write, schema: { operationId: "setVenueState", tags, summary: "阵地状态（筹建/开放/暂停/关闭）", params: id, body: ZVenueState } },
    async (req) => venues.setState(whoOf(req), req.params.id, req.body.state, req.body.on),
  );
  r.post(
    "/api/activities/venues/:id/rooms",
    { config: write, schema: { operationId: "addVenueRoom", tags, params: id, body: ZRoomCreate } },
    async (req, reply) => reply.status(201).send(await venues.addRoom(whoOf(req), req.params.id, req.body)),
  );
  r.get(
    "/api/activities/bookings",
    {
      config: read,
      schema: {
        operationId: "listRoomBookings",
        tags,
        querystring: z.object({ venueId: z.string().optional(), from: ZDate.optional(), to: ZDate.optional() }),
      },
    },
    async (req) => ({ items: await venues.bookings(authed(req).scope, req.query) }),
  );
  r.post(
    "/api/activities/bookings",
    { config: write, schema: { operationId: "bookRoom", tags, summary: "预约功能室（冲突时拒绝并说明）Book a room", body: ZBookingCreate } },
    async (req, reply) => reply.status(201).send(await venues.book(whoOf(req), req.body)),
  );
  r.post("/api/activities/bookings/:id/cancel", { config: write, schema: { operationId: "cancelRoomBooking", tags, params: id, body: ZCancel } }, async (req) =>
    venues.cancelBooking(whoOf(req), req.params.id, req.body.reason),
  );
  r.get(
    "/api/activities/checklists/:kind",
    { config: read, schema: { operationId: "getVenueChecklist", tags, params: z.object({ kind: z.string().max(20) }) } },
    async (req) => ({ kind: req.params.kind, items: await inspections.checklist(req.params.kind) }),
  );
  r.put(
    "/api/activities/checklists/:kind",
    { config: admin, schema: { operationId: "putVenueChecklist", tags, params: z.object({ kind: z.string().max(20) }), body: ZChecklistPut } },
    async (req) => inspections.setChecklist(whoOf(req), req.params.kind, req.body.items),
  );
  r.post(
    "/api/activities/venues/:id/inspections",
    { config: write, schema: { operationId: "inspectVenue", tags, summary: "阵地自查 Venue self-inspection", params: id, body: ZInspectionCreate } },
    async (req, reply) => reply.status(201).send(await inspections.inspect(whoOf(req), req.params.id, req.body)),
  );
  r.get(
    "/api/activities/inspections",
    { config: read, schema: { operationId: "listVenueInspections", tags, querystring: z.object({ venueId: z.string().optional() }) } },
    async (req) => ({ items: await inspections.inspections(authed(req).scope, req.query.venueId) }),
  );
  r.get(
    "/api/activities/issues",
    {
      config: read,
      schema: {
        operationId: "listVenueIssues",
        tags,
        querystring: z.object({ venueId: z.string().optional(), status: z.enum(["open", "overdue", "rectified", "verified"]).optional() }),
      },
    },
    async (req) => ({ items: await inspections.issues(authed(req).scope, req.query) }),
  );
  r.post(
    "/api/activities/issues/:id/rectify",
    { config: write, schema: { operationId: "rectifyVenueIssue", tags, params: id, body: ZIssueRectify } },
    async (req) => inspections.rectify(whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/activities/issues/:id/verify",
    { config: write, schema: { operationId: "verifyVenueIssue", tags, summary: "复核（须为他人）", params: id, body: ZIssueVerify } },
    async (req) => inspections.verify(whoOf(req), req.params.id, req.body),
  );
  r.get("/api/activities/partners", { config: read, schema: { operationId: "listPartnerUnits", tags } }, async (req) => ({
    items: await venues.partners(authed(req).scope),
  }));
  r.post("/api/activities/partners", { config: write, schema: { operationId: "addPartnerUnit", tags, body: ZPartnerCreate } }, async (req, reply) =>
    reply.status(201).send(await venues.addPartner(whoOf(req), req.body)),
  );

  // ------------------------------------------------------------------ catalogue and series
  tags = ["activities: catalogue"];
  r.get(
    "/api/activities/types",
    { config: read, schema: { operationId: "listActivityTypes", tags, querystring: z.object({ all: z.enum(["0", "1"]).optional() }) } },
    async (req) => ({
      items: await activities.types(req.query.all === "1"),
    }),
  );
  r.put("/api/activities/types", { config: admin, schema: { operationId: "putActivityType", tags, body: ZTypePut } }, async (req) =>
    activities.putType(whoOf(req), req.body),
  );
  r.get("/api/activities/series", { config: read, schema: { operationId: "listActivitySeries", tags } }, async (req) => ({
    items: await activities.series(authed(req).scope),
  }));
  r.post("/api/activities/series", { config: write, schema: { operationId: "createActivitySeries", tags, body: ZSeriesCreate } }, async (req, reply) =>
    reply.status(201).send(await activities.createSeries(whoOf(req), req.body)),
  );

  // ------------------------------------------------------------------ activities
  tags = ["activities"];
  r.get(
    "/api/activities",
    { config: read, schema: { operationId: "listActivities", tags, summary: "活动列表 Activities", querystring: ZActivityQuery } },
    async (req) => activities.list(authed(req).scope, req.query),
  );
  r.get(
    "/api/activities/export",
    { config: { permission: "activities.export" }, schema: { operationId: "exportActivities", tags, querystring: ZActivityQuery } },
    async (req, reply) => {
      const who = whoOf(req);
      const buf = await exportActivities(svc, deps.db, who, req.query, authed(req).lang === "en", tz);
      await deps.audit.record(deps.db, who, { action: "activity.export", entity: "activity", entityId: null, after: { filter: req.query } });
      return sendFile(reply, `activities-${activities.today()}.xlsx`, XLSX_MIME, buf);
    },
  );
  importRoutes(app, {
    path: "/api/activities/import",
    permission: write.permission,
    operationId: "importActivities",
    tags,
    summary: "导入活动台账（全部成功才写入）Import activities (all or nothing)",
    query: ZImportQuery.extend({ communityId: z.string() }),
    template: {
      operationId: "activityImportTemplate",
      summary: "活动台账导入模板 Import template",
      filename: (lang) => (lang === "en" ? "activities-template.xlsx" : "活动台账导入模板.xlsx"),
      build: () => importTemplate(),
    },
    run: ({ who, query, file, opts }) => importActivities(svc, deps.db, who, query.communityId, file.buf, opts.dryRun, tz),
  });
  r.post(
    "/api/activities",
    { config: write, schema: { operationId: "createActivity", tags, summary: "新建活动 Create an activity", body: ZActivityCreate } },
    async (req, reply) => reply.status(201).send(await activities.create(whoOf(req), req.body)),
  );
  r.get("/api/activities/:id", { config: read, schema: { operationId: "getActivity", tags, params: id } }, async (req) => {
    const a = await activities.get(authed(req).scope, req.params.id);
    const appeals = a.typeClass === "tea_talk" ? await teaTalks.appealsOf(authed(req).scope, [a.id]) : [];
    return { ...a, appeals };
  });
  r.post("/api/activities/:id/cancel", { config: write, schema: { operationId: "cancelActivity", tags, params: id, body: ZCancel } }, async (req) =>
    activities.cancel(whoOf(req), req.params.id, req.body.reason),
  );
  r.get(
    "/api/activities/:id/qr",
    { config: write, schema: { operationId: "activityCheckinQr", tags, summary: "签到二维码 Check-in QR", params: id } },
    async (req) => {
      const a = await activities.raw(authed(req).scope, req.params.id);
      const url = checkinUrl(originOf(req), a.id, a.checkin_code);
      return { url, svg: qrSvg(url) };
    },
  );
  r.get(
    "/api/activities/calendar/feed",
    { config: read, schema: { operationId: "myActivitiesFeed", tags, summary: "我的私人日历订阅（是否已生成）" } },
    async (req) => {
      const f = await deps.db.selectFrom("act_calendar_feeds").select("created_at").where("user_id", "=", authed(req).user.id).executeTakeFirst();
      return { createdAt: f?.created_at ?? null };
    },
  );
  r.post(
    "/api/activities/calendar/feed",
    {
      config: read,
      schema: {
        operationId: "newActivitiesFeed",
        tags,
        summary: "生成私人日历订阅地址（旧地址失效）New private iCalendar address",
        description: "The address is shown once: only its hash is kept. A new one replaces the old.",
      },
    },
    async (req) => {
      const who = whoOf(req);
      const userId = authed(req).user.id;
      const token = randomBytes(24).toString("base64url");
      const at = deps.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        await trx.deleteFrom("act_calendar_feeds").where("user_id", "=", userId).execute();
        await trx
          .insertInto("act_calendar_feeds")
          .values({ user_id: userId, token_hash: createHash("sha256").update(token).digest("hex"), created_at: at })
          .execute();
        await deps.audit.record(trx, who, { action: "activity.calendar_feed", entity: "user", entityId: userId });
      });
      return { url: `${originOf(req)}/api/public/activities/calendar/private/${token}.ics`, createdAt: at };
    },
  );
  r.get(
    "/api/activities/:id/signups",
    { config: read, schema: { operationId: "listActivitySignups", tags, params: id, querystring: z.object({ reveal: z.enum(["0", "1"]).optional() }) } },
    async (req) => {
      const reveal = req.query.reveal === "1" && can(authed(req).user.role, "people.reveal");
      if (reveal) await deps.audit.record(deps.db, whoOf(req), { action: "activity.signups_reveal", entity: "activity", entityId: req.params.id });
      return { items: await attendance.signups(authed(req).scope, req.params.id, reveal) };
    },
  );
  r.post(
    "/api/activities/:id/signups",
    { config: write, schema: { operationId: "signUpForActivity", tags, params: id, body: ZSignupCreate } },
    async (req, reply) => reply.status(201).send(await attendance.signUp(whoOf(req), req.params.id, req.body)),
  );
  r.post("/api/activities/signups/:id/cancel", { config: write, schema: { operationId: "cancelActivitySignup", tags, params: id } }, async (req) =>
    attendance.cancelSignup(whoOf(req), req.params.id),
  );
  r.get("/api/activities/:id/attendance", { config: read, schema: { operationId: "listActivityAttendance", tags, params: id } }, async (req) => ({
    items: await attendance.attendees(authed(req).scope, req.params.id),
  }));
  r.post(
    "/api/activities/:id/attendance",
    { config: write, schema: { operationId: "recordActivityAttendance", tags, summary: "登记签到名单 Tick the attendance list", params: id, body: ZAttend } },
    async (req) => attendance.attend(whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/activities/:id/attendance/:attendanceId/remove",
    {
      config: write,
      schema: {
        operationId: "removeActivityAttendance",
        tags,
        summary: "撤销一条签到记录（须填原因；集中培训记入的发展党员第11步一并撤回）Remove an attendance, with the reason",
        params: z.object({ id: z.string().max(64), attendanceId: z.string().max(64) }),
        body: ZCancel,
      },
    },
    async (req) => attendance.removeAttendance(whoOf(req), req.params.id, req.params.attendanceId, req.body.reason),
  );
  r.post(
    "/api/activities/:id/head-count",
    { config: write, schema: { operationId: "recordActivityHeadCount", tags, summary: "现场清点人数 Head count", params: id, body: ZHeadCount } },
    async (req) => attendance.headCount(whoOf(req), req.params.id, req.body),
  );
  r.post(
    "/api/activities/:id/appeals",
    {
      config: { permission: "appeals.register" },
      schema: {
        operationId: "registerTeaTalkAppeal",
        tags,
        summary: "登记茶话会收集的诉求 Record an appeal from this tea talk",
        params: id,
        body: ZTeaTalkAppeal,
      },
    },
    async (req, reply) => reply.status(201).send(await teaTalks.registerAppeal(whoOf(req), req.params.id, req.body)),
  );

  // ------------------------------------------------------------------ public (no account)
  tags = ["activities-public"];
  const limit = (max: number) => ({ public: true, rateLimit: { max, timeWindow: "1 minute" } });
  const publicList = async (communityId: string) => {
    const now = deps.clock.now();
    const rows = await deps.db
      .selectFrom("act_activities as a")
      .leftJoin("act_venues as v", "v.id", "a.venue_id")
      .innerJoin("act_types as t", "t.code", "a.type_code")
      .select([
        "a.id",
        "a.title",
        "a.starts_at",
        "a.ends_at",
        "a.location",
        "a.description",
        "a.status",
        "a.capacity",
        "a.signed_up",
        "v.name as venue_name",
        "t.name as type_name",
      ])
      .where("a.community_id", "=", communityId)
      .where("a.public", "=", 1)
      .where("a.status", "=", "planned")
      .where("a.ends_at", ">", now.toISOString())
      .orderBy("a.starts_at")
      .limit(200)
      .execute();
    return rows.map((a) => ({
      id: a.id,
      title: a.title,
      typeName: a.type_name,
      startsAt: a.starts_at,
      endsAt: a.ends_at,
      venueName: a.venue_name,
      location: a.location,
      description: a.description,
      status: a.status,
      capacity: a.capacity,
      seatsLeft: a.capacity == null ? null : Math.max(0, a.capacity - a.signed_up),
    }));
  };
  r.get(
    "/api/public/activities",
    {
      config: limit(120),
      schema: {
        operationId: "publicActivities",
        tags,
        summary: "社区近期公开活动 Upcoming public activities",
        querystring: z.object({ communityId: z.string().max(64) }),
      },
    },
    async (req) => ({ items: await publicList(req.query.communityId) }),
  );
  r.get(
    "/api/public/activities/calendar/:communityId",
    {
      config: limit(60),
      schema: { operationId: "publicActivitiesIcal", tags, summary: "iCalendar 订阅 (text/calendar)", params: z.object({ communityId: z.string().max(80) }) },
    },
    async (req, reply) => {
      const cid = req.params.communityId.replace(/\.ics$/, "");
      const c = await deps.db.selectFrom("regions").select(["name", "level"]).where("id", "=", cid).executeTakeFirst();
      if (c?.level !== "community") throw errors.notFound({ zh: "社区", en: "Community" });
      const items = (await publicList(cid)).map((a) => ({ ...a, venueName: a.venueName ?? null }));
      return reply
        .header("content-type", "text/calendar; charset=utf-8")
        .send(icalFeed(`${c.name}活动`, items, deps.clock.now(), req.headers.host?.split(":")[0] ?? "shequ"));
    },
  );
  // An account's private feed: the activities of the account's data scope (public or not) from 30
  // days back to 180 ahead, at a secret address (only its hash is kept) the phone subscribes to.
  r.get(
    "/api/public/activities/calendar/private/:token",
    {
      config: limit(60),
      schema: {
        operationId: "privateActivitiesIcal",
        tags,
        summary: "账号私人 iCalendar 订阅 (text/calendar)",
        params: z.object({ token: z.string().min(16).max(80) }),
      },
    },
    async (req, reply) => {
      const hash = createHash("sha256")
        .update(req.params.token.replace(/\.ics$/, ""))
        .digest("hex");
      const u = await deps.db
        .selectFrom("act_calendar_feeds as f")
        .innerJoin("users as u", "u.id", "f.user_id")
        .select(["u.scope_region_id", "u.disabled", "u.display_name"])
        .where("f.token_hash", "=", hash)
        .executeTakeFirst();
      const scope = u && !u.disabled ? await scopeOf(deps.db, u.scope_region_id) : null;
      if (!u || !scope) throw errors.notFound({ zh: "订阅地址", en: "Feed" });
      const now = deps.clock.now();
      const rows = await activitiesInScope(deps.db, scope)
        .select(["a.id", "a.title", "a.starts_at", "a.ends_at", "a.location", "a.description", "a.status", "v.name as venue_name"])
        .where("a.ends_at", ">=", new Date(now.getTime() - 30 * 86_400_000).toISOString())
        .where("a.starts_at", "<=", new Date(now.getTime() + 180 * 86_400_000).toISOString())
        .orderBy("a.starts_at")
        .limit(2000)
        .execute();
      const items = rows.map((a) => ({
        id: a.id,
        title: a.title,
        startsAt: a.starts_at,
        endsAt: a.ends_at,
        venueName: a.venue_name ?? null,
        location: a.location,
        description: a.description,
        status: a.status as "planned" | "held" | "cancelled",
      }));
      return reply
        .header("content-type", "text/calendar; charset=utf-8")
        .header("cache-control", "private, no-store")
        .send(icalFeed(`${u.display_name}的社区活动`, items, now, req.headers.host?.split(":")[0] ?? "shequ"));
    },
  );
  r.get("/api/public/activities/:id", { config: limit(120), schema: { operationId: "publicActivity", tags, params: id } }, async (req) => {
    const a = await deps.db
      .selectFrom("act_activities as a")
      .leftJoin("act_venues as v", "v.id", "a.venue_id")
      .select([
        "a.id",
        "a.title",
        "a.starts_at",
        "a.ends_at",
        "a.location",
        "a.status",
        "a.capacity",
        "a.signed_up",
        "a.public",
        "a.community_id",
        "v.name as venue_name",
      ])
      .where("a.id", "=", req.params.id)
      .executeTakeFirst();
    if (!a) throw errors.notFound({ zh: "活动", en: "Activity" });
    return {
      id: a.id,
      title: a.title,
      startsAt: a.starts_at,
      endsAt: a.ends_at,
      venueName: a.venue_name,
      location: a.location,
      status: a.status,
      public: !!a.public,
      seatsLeft: a.capacity == null ? null : Math.max(0, a.capacity - a.signed_up),
    };
  });
  r.post(
    "/api/public/activities/:id/signup",
    { config: limit(20), schema: { operationId: "publicActivitySignup", tags, params: id, body: ZPublicSignup } },
    async (req, reply) => reply.status(201).send(await attendance.publicSignUp(req.params.id, req.body, req.ip)),
  );
  r.post(
    "/api/public/activities/:id/checkin",
    { config: limit(600), schema: { operationId: "publicActivityCheckin", tags, summary: "扫码签到 QR check-in", params: id, body: ZCheckin } },
    async (req) => attendance.checkin(req.params.id, req.body, req.ip),
  );
}
