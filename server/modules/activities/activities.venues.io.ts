import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { VENUE_KIND_EN, VENUE_KINDS, VENUE_STATE_LABELS, VENUE_STATES, ZRoomCreate, ZVenueCreate, ZVenueQuery } from "../../../contracts/activities.js";
import type { DB } from "../../db/types.js";
import { bad, cell, sheetDate, templateXlsx } from "../../io/import.js";
import { importRoutes, ZCommunityImportQuery } from "../../io/import-routes.js";
import { toXlsx, XLSX_MIME } from "../../io/xlsx.js";
import type { Lang } from "../../platform/errors.js";
import { authed, type Deps, sendFile, withZod } from "../../platform/http.js";
import { orgsInScope } from "../../platform/organisations/organisations.service.js";
import { whoOf } from "../../platform/who.js";
import type { ActivitiesServices } from "./activities.services.js";
import type { TVenue } from "./activities.venues.service.js";

// The venues register as XLSX (a community moving in has a sheet of its venues and rooms): export with
// the list's filters (audited; a venue's record holds no personal data, so nothing is masked), and an
// import through the shared importRoutes — all or nothing, a report line per refused row, the template
// to fill in. A row is one venue with its rooms in one cell (「多功能厅:80、书画室:20」); each is stored
// through the venues service as an entry on the page would be (the same rules, the same audit entries).
// A venue whose name is already the community's is left as it is, so an export or the same file
// imported again changes nothing.

export const VENUE_SHEET = [
  { key: "name", zh: "阵地名称", en: "Venue", example: "狮径公园党群服务驿站", width: 28 },
  { key: "kind", zh: "类型", en: "Kind", example: "党群服务驿站", width: 14 },
  { key: "state", zh: "状态", en: "State", example: "开放", width: 8 },
  { key: "openedOn", zh: "启用日期", en: "Opened on", example: "2024-05-01", width: 12 },
  { key: "address", zh: "地址", en: "Address", example: "狮径公园北门", width: 28 },
  { key: "grid", zh: "网格", en: "Grid", example: "", width: 14 },
  { key: "lng", zh: "经度", en: "Longitude", example: "", width: 12 },
  { key: "lat", zh: "纬度", en: "Latitude", example: "", width: 12 },
  { key: "org", zh: "运营单位", en: "Run by", example: "", width: 24 },
  { key: "hours", zh: "开放时间", en: "Opening hours", example: "周二至周日 09:00-21:00", width: 24 },
  { key: "rooms", zh: "功能室（名称:容纳人数，以、分隔）", en: "Rooms (name:capacity, separated by 、)", example: "多功能厅:80、书画室:20", width: 32 },
  { key: "note", zh: "备注", en: "Note", example: "", width: 20 },
] as const;
type Key = (typeof VENUE_SHEET)[number]["key"];
const col = (key: Key) => VENUE_SHEET.find((c) => c.key === key) as (typeof VENUE_SHEET)[number];
/** A cell under its Chinese or English header (an English export imports too). */
const get = (v: Record<string, string>, key: Key) => cell(v)(col(key).zh, col(key).en, key).trim();

const roomsText = (rooms: Array<{ name: string; capacity: number }>) => rooms.map((r) => `${r.name}:${r.capacity}`).join("、");
/** 「多功能厅:80、书画室:20」 → rooms; a part without a whole capacity ≥ 1 is refused, naming it. */
export function parseRooms(s: string): Array<{ name: string; capacity: number }> {
  const out: Array<{ name: string; capacity: number }> = [];
  for (const part of s
    .split(/[、,，;；\n]/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = /^(.+?)\s*[:：]\s*(\d+)\s*(?:人)?$/.exec(part);
    const room = m && ZRoomCreate.safeParse({ name: m[1].trim(), capacity: Number(m[2]) });
    if (!room?.success)
      throw bad(`功能室「${part}」应写作 名称:容纳人数（人数为正整数）`, `room "${part}" must be written name:capacity (a whole number of at least 1)`);
    if (out.some((r) => r.name === room.data.name)) throw bad(`功能室「${room.data.name}」重复`, `room "${room.data.name}" is listed twice`);
    out.push(room.data);
  }
  return out;
}

const kindOf = (s: string) => VENUE_KINDS.find((k) => k === s || VENUE_KIND_EN[k].toLowerCase() === s.toLowerCase());
const stateOf = (s: string) =>
  VENUE_STATES.find((k) => k === s.toLowerCase() || VENUE_STATE_LABELS[k].zh === s || VENUE_STATE_LABELS[k].en.toLowerCase() === s.toLowerCase());

/** The venues of the list's filters with their rooms, as the sheet's rows. */
export async function venuesXlsx(db: Kysely<DB>, items: TVenue[], lang: Lang) {
  const en = lang === "en";
  const rooms = new Map<string, Array<{ name: string; capacity: number }>>();
  for (let i = 0; i < items.length; i += 500) {
    const got = items.length
      ? await db
          .selectFrom("act_rooms")
          .select(["venue_id", "name", "capacity"])
          .where(
            "venue_id",
            "in",
            items.slice(i, i + 500).map((v) => v.id),
          )
          .where("archived", "=", 0)
          .orderBy("name")
          .execute()
      : [];
    for (const r of got) rooms.set(r.venue_id, [...(rooms.get(r.venue_id) ?? []), { name: r.name, capacity: r.capacity }]);
  }
  return toXlsx<TVenue>(
    en ? "Venues" : "阵地台账",
    VENUE_SHEET.map((c) => ({
      header: en ? c.en : c.zh,
      key: c.key,
      width: c.width,
      value: (v: TVenue) => {
        switch (c.key) {
          case "kind":
            return en ? (VENUE_KIND_EN[v.kind as (typeof VENUE_KINDS)[number]] ?? v.kind) : v.kind;
          case "state":
            return VENUE_STATE_LABELS[v.state as (typeof VENUE_STATES)[number]]?.[lang] ?? v.state;
          case "grid":
            return v.gridName ?? "";
          case "org":
            return v.orgName ?? "";
          case "rooms":
            return roomsText(rooms.get(v.id) ?? []);
          default:
            return v[c.key] ?? "";
        }
      },
    })),
    items,
  );
}

export function registerVenueIoRoutes(app: FastifyInstance, deps: Deps, svc: ActivitiesServices) {
  const r = withZod(app);
  const tags = ["activities: venues"];
  r.get(
    "/api/activities/venues/export",
    {
      config: { permission: "activities.export" },
      schema: {
        operationId: "exportVenues",
        tags,
        summary: "导出阵地台账 XLSX（含功能室）Export venues with their rooms",
        // The list's own query: the sheet holds what the list shows under the same filters.
        querystring: ZVenueQuery,
      },
    },
    async (req, reply) => {
      const ctx = authed(req);
      const items = await svc.venues.list(ctx.scope, req.query);
      const buf = await venuesXlsx(deps.db, items, ctx.lang);
      await deps.audit.record(deps.db, whoOf(req), {
        action: "venue.export",
        entity: "venue",
        entityId: null,
        communityId: req.query.communityId ?? ctx.scope.communityId,
        after: { rows: items.length, filter: req.query },
      });
      return sendFile(reply, ctx.lang === "en" ? "venues.xlsx" : "阵地台账.xlsx", XLSX_MIME, buf);
    },
  );
  importRoutes(app, {
    path: "/api/activities/venues/import",
    permission: "activities.write",
    operationId: "importVenues",
    tags,
    summary: "导入阵地台账 XLSX（含功能室；multipart 字段 file），全部成功或全部不导入，逐行报错 Import venues, all or nothing",
    query: ZCommunityImportQuery,
    template: {
      operationId: "venueImportTemplate",
      summary: "阵地导入模板 Venue import template",
      filename: (lang) => (lang === "en" ? "venues-template.xlsx" : "阵地导入模板.xlsx"),
      build: () =>
        templateXlsx(
          "阵地台账",
          VENUE_SHEET.map((c) => ({ header: c.zh, example: c.example, width: c.width })),
        ),
    },
    db: deps.db,
    row: async ({ who }, c) => {
      const grids = new Map(
        (await deps.db.selectFrom("regions").select(["id", "name"]).where("level", "=", "grid").where("community_id", "=", c.id).execute()).map((g) => [
          g.name,
          g.id,
        ]),
      );
      const seen = new Set<string>();
      return async (trx, row) => {
        const v = row.values;
        const name = get(v, "name");
        if (!name) throw bad("阵地名称必填", "The venue's name is required");
        if (seen.has(name)) throw bad(`阵地「${name}」与前面的行重复`, `venue "${name}" repeats an earlier row`);
        seen.add(name);
        const had = await trx.selectFrom("act_venues").select("id").where("community_id", "=", c.id).where("name", "=", name).executeTakeFirst();
        if (had) return "unchanged";
        const kindText = get(v, "kind");
        const kind = kindOf(kindText);
        if (!kind)
          throw bad(
            `未知的阵地类型「${kindText}」（应为${VENUE_KINDS.join("、")}之一）`,
            `unknown venue kind "${kindText}" (one of ${VENUE_KINDS.map((k) => VENUE_KIND_EN[k]).join(", ")})`,
          );
        const openedText = get(v, "openedOn");
        const openedOn = openedText ? sheetDate(openedText) : null;
        if (openedText && !openedOn) throw bad("启用日期应为日期（YYYY-MM-DD）", "opened on must be a date (YYYY-MM-DD)");
        const stateText = get(v, "state");
        const state = stateText ? stateOf(stateText) : openedOn ? "open" : "planning";
        if (!state)
          throw bad(`未知的阵地状态「${stateText}」（应为筹建、开放、暂停或关闭）`, `unknown venue state "${stateText}" (planned, open, paused or closed)`);
        const gridName = get(v, "grid");
        const gridId = gridName ? grids.get(gridName) : null;
        if (gridName && !gridId) throw bad(`本社区没有网格「${gridName}」`, `the community has no grid "${gridName}"`);
        const orgName = get(v, "org");
        let orgId: string | null = null;
        if (orgName) {
          const o = await orgsInScope(trx, who.scope).select("o.id").where("o.community_id", "=", c.id).where("o.name", "=", orgName).executeTakeFirst();
          if (!o) throw bad(`本社区没有组织「${orgName}」`, `the community has no organisation "${orgName}"`);
          orgId = o.id;
        }
        const [lngText, latText] = [get(v, "lng"), get(v, "lat")];
        if (!lngText !== !latText) throw bad("经度、纬度须同时填写", "give both longitude and latitude, or neither");
        const rooms = parseRooms(get(v, "rooms"));
        const input = ZVenueCreate.safeParse({
          communityId: c.id,
          name,
          kind,
          state,
          openedOn,
          address: get(v, "address") || null,
          gridId,
          lng: lngText ? Number(lngText) : null,
          lat: latText ? Number(latText) : null,
          orgId,
          hours: get(v, "hours") || null,
          note: get(v, "note") || null,
        });
        if (!input.success) {
          const i = input.error.issues[0];
          const f = VENUE_SHEET.find((x) => x.key === String(i?.path[0]));
          throw bad(`${f?.zh ?? String(i?.path[0])}：${i?.message}`, `${f?.en ?? String(i?.path[0])}: ${i?.message}`);
        }
        const made = await svc.venues.create(who, input.data, trx);
        for (const room of rooms) await svc.venues.addRoom(who, made.id, room, trx);
        return "created";
      };
    },
  });
}
