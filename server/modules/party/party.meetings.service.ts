import type { MeetingType, TMeeting, TMeetingCreate } from "../../../contracts/party.js";
import type { TVoid } from "../../../contracts/platform.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import { restorePatch, type VoidColumns, voidingOf, voidPatch } from "../../platform/voiding.js";
import type { Who } from "../../platform/who.js";
import { type Ex, notPast, type PartyDeps, rule, todayFn } from "./party.common.js";
import {
  attendanceOf,
  committeeDue,
  filesFound,
  insertMeeting,
  type MeetingFilter,
  type MeetingRow,
  meetingPage,
  meetingRow,
  meetingsOfYear,
  membersOn,
  sameMeeting,
  setMeetingVoiding,
} from "./party.meetings.repo.js";
import { branchCompliance, COMMITTEE_TYPES, type HeldMeeting, mayHold, quorum } from "./party.meetings.rules.js";
import { postTermsOf } from "./party.orgs.repo.js";
import type { PartyOrgsService } from "./party.orgs.service.js";
import { memberNames } from "./party.repo.js";
import { PARTY_SETTINGS } from "./party.settings.js";

// Meetings with their attendance taken against the members due, and the compliance view over them.

export type PartyMeetingsService = ReturnType<typeof createPartyMeetingsService>;

function toMeeting(r: MeetingRow): TMeeting {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    type: r.type,
    heldOn: r.held_on,
    place: r.place,
    topic: r.topic,
    host: r.host,
    due: r.due,
    present: r.present,
    onLeave: r.on_leave,
    absent: r.absent,
    quorumRequired: !!r.quorum_required,
    quorumMet: r.quorum_met === null ? null : !!r.quorum_met,
    minutes: r.minutes,
    resolutions: r.resolutions,
    photoFileIds: JSON.parse(r.photos ?? "[]"),
    voided: voidingOf(r),
  };
}

export function createPartyMeetingsService(deps: PartyDeps & { orgs: PartyOrgsService }) {
  const { db, audit, clock, settings, orgs } = deps;
  const today = todayFn(deps);

  /** Members due at a meeting of an organisation on a date: its committee, or its members (and its groups'). */
  async function membersDue(exec: Ex, orgId: string, type: string, on: string) {
    return new Set(COMMITTEE_TYPES.includes(type as MeetingType) ? await committeeDue(exec, orgId, on) : await membersOn(exec, orgId, on));
  }

  async function create(who: Who, input: TMeetingCreate, exec?: Ex) {
    return inTx(db, exec, async (trx) => {
      const org = await orgs.get(who.scope, input.orgId, trx);
      notPast(input.heldOn, today(), { zh: "会议日期", en: "Meeting date" });
      mayHold(input.type, org);
      if (org.founded_on && input.heldOn < org.founded_on)
        throw errors.badRequest(`会议日期早于${org.name}成立日期（${org.founded_on}）`, `The meeting predates the founding of ${org.name} (${org.founded_on})`);
      const due = await membersDue(trx, org.org_id, input.type, input.heldOn);
      const seen = new Set<string>();
      for (const a of input.attendance) {
        if (seen.has(a.memberId)) throw errors.badRequest("参会名单中有重复人员", "A member appears twice in the attendance");
        seen.add(a.memberId);
        if (!due.has(a.memberId)) {
          const name = (await memberNames(trx, [a.memberId]))[0]?.name ?? a.memberId;
          const committee = COMMITTEE_TYPES.includes(input.type);
          throw rule(
            `${name}不是${org.name}${committee ? "的委员" : "的党员"}，不能登记为${input.type}的参会人员（会议只登记应到人员的出席情况）`,
            `${name} is not a ${committee ? "committee member" : "member"} of ${org.name} and cannot attend its ${input.type} (attendance is taken against the members due)`,
          );
        }
      }
      const status = new Map(input.attendance.map((a) => [a.memberId, a.status]));
      const present = [...due].filter((id) => status.get(id) === "present").length;
      const onLeave = [...due].filter((id) => status.get(id) === "leave").length;
      const q = quorum(input.type, due.size, present);
      if (input.photoFileIds.length && (await filesFound(trx, input.photoFileIds)) !== new Set(input.photoFileIds).size)
        throw errors.badRequest("照片附件不存在", "A photo attachment does not exist");
      const row = {
        id: uuidv7(clock.now().getTime()),
        community_id: org.community_id,
        org_id: org.org_id,
        type: input.type,
        held_on: input.heldOn,
        held_month: input.heldOn.slice(0, 7),
        place: input.place ?? null,
        topic: input.topic,
        host: input.host ?? null,
        due: due.size,
        present,
        on_leave: onLeave,
        absent: due.size - present - onLeave,
        quorum_required: q.required ? 1 : 0,
        quorum_met: q.met === null ? null : q.met ? 1 : 0,
        minutes: input.minutes ?? null,
        resolutions: input.resolutions ?? null,
        photos: JSON.stringify(input.photoFileIds),
        voided_at: null,
        voided_by: null,
        void_reason: null,
        created_at: clock.now().toISOString(),
      };
      await insertMeeting(
        trx,
        row,
        [...due].map((id) => ({ meeting_id: row.id, member_id: id, community_id: row.community_id, status: status.get(id) ?? "absent" })),
      );
      await audit.record(trx, who, {
        action: "party.meeting.create",
        entity: "party_meeting",
        entityId: row.id,
        communityId: row.community_id,
        after: { ...row, minutes: undefined },
      });
      return row.id;
    });
  }

  function setVoiding(who: Who, id: string, patchOf: (r: MeetingRow) => VoidColumns) {
    return inTx(db, null, async (trx) => {
      const r = await meetingRow(trx, who.scope, id);
      if (!r) throw errors.notFound({ zh: "会议", en: "Meeting" });
      const patch = patchOf(r);
      await setMeetingVoiding(trx, id, patch);
      await audit.record(trx, who, {
        action: patch.voided_at ? "party.meeting.void" : "party.meeting.restore",
        entity: "party_meeting",
        entityId: id,
        communityId: r.community_id,
        before: { voided_at: r.voided_at, void_reason: r.void_reason },
        after: patch,
      });
      return toMeeting({ ...r, ...patch });
    });
  }

  async function get(scope: Scope, id: string) {
    const r = await meetingRow(db, scope, id);
    if (!r) throw errors.notFound({ zh: "会议", en: "Meeting" });
    const att = await attendanceOf(db, id);
    return { ...toMeeting(r), attendance: att.map((x) => ({ memberId: x.member_id, name: x.name, status: x.status as "present" | "leave" | "absent" })) };
  }

  /** Per branch, the meetings the rules require in each period of a year, and which are missing or short of quorum. */
  async function compliance(scope: Scope, year: number, asOf = today()) {
    const lessons = await settings.get(PARTY_SETTINGS.lessonsPerYear, scope.path);
    const remind = await settings.get(PARTY_SETTINGS.reminderDays, scope.path);
    const branches = (await orgs.list(scope)).filter((o) => o.level === "党支部");
    const groups = await orgs.groups(scope);
    // A branch's meetings are its own and its groups' (党小组会): each branch is given only those, by
    // organisation, not the whole scope's year (a subdistrict's branches × its year of meetings).
    const byOrg = new Map<string, HeldMeeting[]>();
    for (const m of await meetingsOfYear(db, scope, year)) {
      const list = byOrg.get(m.org_id);
      if (list) list.push(m);
      else byOrg.set(m.org_id, [m]);
    }
    // The committees' history: whether a branch owed a 支委会 in a period is its committee then.
    const terms = await postTermsOf(
      db,
      branches.map((b) => b.id),
    );
    const rows = branches.map((b) => {
      const own = new Set(groups.filter((g) => g.parent_id === b.id).map((g) => g.org_id));
      return {
        orgId: b.id,
        orgName: b.name,
        ...branchCompliance({
          branch: {
            id: b.id,
            foundedOn: b.foundedOn,
            posts: b.posts.length,
            postTerms: terms.filter((t) => t.org_id === b.id).map((t) => ({ termStart: t.term_start, endedOn: t.ended_on })),
          },
          groups: own,
          meetings: [b.id, ...own].flatMap((id) => byOrg.get(id) ?? []),
          year,
          asOf,
          lessonsPerYear: lessons,
          remindDays: remind,
        }),
      };
    });
    return { year, asOf, rows };
  }

  return {
    today,
    membersDue,
    /** The members due at a meeting, by name (an organisation in scope; 404 otherwise). */
    async membersDueNamed(scope: Scope, orgId: string, type: string, on: string, exec: Ex = db) {
      await orgs.get(scope, orgId, exec);
      return (await memberNames(exec, [...(await membersDue(exec, orgId, type, on))])).map((x) => ({ memberId: x.id, name: x.name }));
    },
    create,
    get,
    async list(scope: Scope, f: MeetingFilter & { page: number; pageSize: number }) {
      const { rows, total } = await meetingPage(db, scope, f);
      return { items: rows.map(toMeeting), total, page: f.page, pageSize: f.pageSize };
    },
    compliance,
    /** 作废: a meeting recorded by mistake leaves the figures, the compliance view and the list; audited. */
    voidMeeting: (who: Who, id: string, input: TVoid) => setVoiding(who, id, (r) => voidPatch(r, who, clock.now(), input)),
    restoreMeeting: (who: Who, id: string) => setVoiding(who, id, restorePatch),
    /** Whether a meeting of this organisation, type, day and topic is already recorded. */
    recorded: async (m: { orgId: string; type: string; heldOn: string; topic: string }, exec: Ex = db) => !!(await sameMeeting(exec, m)),
  };
}
