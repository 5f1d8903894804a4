import { EDUCATIONS, MEETING_TYPES } from "../../../contracts/party.js";
import { fromXlsx } from "../../io/xlsx.js";
import { AppError } from "../../platform/errors.js";
import type { Deps } from "../../platform/http.js";
import { inScope } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { PartyService } from "./party.service.js";

type RowReport = { row: number; ok: boolean; zh: string; en: string };

/**
 * Imports an existing member register: one row per member, people found in the registry by ID number.
 * All or nothing: any bad row rolls the whole file back, and the report says which rows and why.
 */
export async function importMembers(deps: Deps, svc: PartyService, who: Who, buf: Buffer) {
  let rows: Awaited<ReturnType<typeof fromXlsx>>;
  try {
    rows = await fromXlsx(buf);
  } catch {
    return { ok: false, imported: 0, rows: [{ row: 0, ok: false, zh: "文件不是有效的 XLSX", en: "Not a valid XLSX file" }] };
  }
  if (rows.length === 0) return { ok: false, imported: 0, rows: [{ row: 0, ok: false, zh: "文件中没有数据行", en: "The file has no data rows" }] };
  const orgs = await svc.listOrgs(who.scope);
  const report: RowReport[] = [];
  const Rollback = new Error("rollback");
  try {
    await deps.db.transaction().execute(async (trx) => {
      for (const { row, values: v } of rows) {
        const get = (...keys: string[]) => keys.map((k) => v[k]).find((x) => x !== undefined && x !== "") ?? "";
        try {
          const idNo = get("身份证号", "ID number").toUpperCase();
          const person = await trx
            .selectFrom("people as p")
            .select(["p.id", "p.name"])
            .where(inScope(who.scope, { community: "p.community_id", grid: "p.grid_id" }))
            .where("p.id_number", "=", idNo)
            .executeTakeFirst();
          if (!person)
            throw new AppError(400, "BAD_REQUEST", {
              zh: `人口库中没有身份证号为 ${idNo || "（空）"} 的人员`,
              en: `No person with ID number ${idNo || "(empty)"} in the registry`,
            });
          const branch = get("党支部", "Branch");
          const org = orgs.find((o) => o.name === branch || o.shortName === branch);
          if (!org) throw new AppError(400, "BAD_REQUEST", { zh: `没有名为「${branch}」的党组织`, en: `No party organisation named ${branch}` });
          const kind = get("党员类别", "Status");
          const status = kind === "预备党员" || kind.toLowerCase().startsWith("prob") ? "probationary" : "full";
          const joinedOn = get("入党日期", "Joined");
          const fullOn = get("转正日期", "Full member since") || null;
          const edu = get("学历", "Education");
          if (!/^\d{4}-\d{2}-\d{2}$/.test(joinedOn)) throw new AppError(400, "BAD_REQUEST", { zh: "入党日期应为 YYYY-MM-DD", en: "Joined must be YYYY-MM-DD" });
          if (fullOn && !/^\d{4}-\d{2}-\d{2}$/.test(fullOn))
            throw new AppError(400, "BAD_REQUEST", { zh: "转正日期应为 YYYY-MM-DD", en: "Full member since must be YYYY-MM-DD" });
          if (edu && !(EDUCATIONS as readonly string[]).includes(edu))
            throw new AppError(400, "BAD_REQUEST", { zh: `学历应为：${EDUCATIONS.join("、")}`, en: `Education must be one of ${EDUCATIONS.join(", ")}` });
          const yes = (s: string) => ["是", "yes", "y", "1", "true"].includes(s.toLowerCase());
          await svc.createMember(
            who,
            {
              personId: person.id,
              orgId: org.id,
              status,
              joinedOn,
              fullOn: status === "full" ? fullOn : null,
              education: (edu || null) as any,
              mobile: yes(get("流动党员", "Mobile member")),
              lostContact: yes(get("失联", "Lost contact")),
            },
            trx,
          );
          report.push({ row, ok: true, zh: `已导入 ${person.name}`, en: `Imported ${person.name}` });
        } catch (e) {
          if (e instanceof AppError) report.push({ row, ok: false, zh: e.msg.zh, en: e.msg.en });
          else throw e;
        }
      }
      if (report.some((r) => !r.ok)) throw Rollback;
    });
  } catch (e) {
    if (e !== Rollback) throw e;
    return { ok: false, imported: 0, rows: report };
  }
  return { ok: true, imported: report.length, rows: report };
}

/**
 * Imports a meeting log: one row per meeting (date, organisation, type, topic, place, host, the names
 * of those present and on leave). Attendance is matched by name against the members due. All or nothing.
 */
export async function importMeetings(deps: Deps, svc: PartyService, who: Who, buf: Buffer) {
  let rows: Awaited<ReturnType<typeof fromXlsx>>;
  try {
    rows = await fromXlsx(buf);
  } catch {
    return { ok: false, imported: 0, rows: [{ row: 0, ok: false, zh: "文件不是有效的 XLSX", en: "Not a valid XLSX file" }] };
  }
  if (rows.length === 0) return { ok: false, imported: 0, rows: [{ row: 0, ok: false, zh: "文件中没有数据行", en: "The file has no data rows" }] };
  const orgs = await svc.listOrgs(who.scope);
  const report: RowReport[] = [];
  const Rollback = new Error("rollback");
  const bad = (zh: string, en: string) => new AppError(400, "BAD_REQUEST", { zh, en });
  try {
    await deps.db.transaction().execute(async (trx) => {
      for (const { row, values: v } of rows) {
        const get = (...keys: string[]) => keys.map((k) => v[k]).find((x) => x !== undefined && x !== "") ?? "";
        try {
          const orgName = get("党组织", "Organisation");
          const org = orgs.find((o) => o.name === orgName || o.shortName === orgName);
          if (!org) throw bad(`没有名为「${orgName}」的党组织`, `No party organisation named ${orgName}`);
          const type = get("类型", "Type");
          if (!(MEETING_TYPES as readonly string[]).includes(type))
            throw bad(`会议类型应为：${MEETING_TYPES.join("、")}`, `Type must be one of ${MEETING_TYPES.join(", ")}`);
          const heldOn = get("日期", "Date");
          if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn)) throw bad("日期应为 YYYY-MM-DD", "Date must be YYYY-MM-DD");
          const due = [...(await svc.membersDue(trx, org.id, type, heldOn))];
          const names = due.length
            ? await trx
                .selectFrom("party_members as m")
                .innerJoin("people as p", "p.id", "m.person_id")
                .select(["m.id", "p.name"])
                .where("m.id", "in", due)
                .execute()
            : [];
          const split = (s: string) => s.split(/[、,，;；\s]+/).filter(Boolean);
          const attendance: Array<{ memberId: string; status: "present" | "leave" }> = [];
          for (const [col, status] of [
            [get("出席人员", "Present"), "present"],
            [get("请假人员", "On leave"), "leave"],
          ] as const)
            for (const n of split(col)) {
              const m = names.find((x) => x.name === n);
              if (!m) throw bad(`${n}不是${org.name}应参加${type}的人员`, `${n} is not due at this ${type} of ${org.name}`);
              attendance.push({ memberId: m.id, status });
            }
          await svc.createMeeting(
            who,
            {
              orgId: org.id,
              type: type as any,
              heldOn,
              topic: get("主题", "Topic") || type,
              place: get("地点", "Place") || null,
              host: get("主持人", "Host") || null,
              attendance,
              minutes: get("会议记录", "Minutes") || null,
              resolutions: get("决议", "Resolutions") || null,
              photoFileIds: [],
            },
            trx,
          );
          report.push({ row, ok: true, zh: `已导入 ${heldOn} ${type}`, en: `Imported ${heldOn} ${type}` });
        } catch (e) {
          if (e instanceof AppError) report.push({ row, ok: false, zh: e.msg.zh, en: e.msg.en });
          else throw e;
        }
      }
      if (report.some((r) => !r.ok)) throw Rollback;
    });
  } catch (e) {
    if (e !== Rollback) throw e;
    return { ok: false, imported: 0, rows: report };
  }
  return { ok: true, imported: report.length, rows: report };
}
