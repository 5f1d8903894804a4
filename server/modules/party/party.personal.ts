// 党建's part of what Shequ holds about a person (PIPL): their party member record, posts and their
// membership application. None of it is anonymised: 党员档案 and the application file are kept under
// the Party's archive rules (党员档案工作规定), whatever the member's status.
import { MEMBER_STATUS_LABELS } from "../../../contracts/party.js";
import type { PersonalDataRegistry } from "../../platform/personal-data.js";

const c = (key: string, zh: string, en: string) => ({ key, label: { zh, en } });

export function registerPartyPersonalData(reg: PersonalDataRegistry) {
  reg.register({
    key: "party.members",
    module: "party",
    label: { zh: "党员信息", en: "Party membership" },
    async collect(db, s) {
      const members = await db
        .selectFrom("party_members as m")
        .innerJoin("organisations as o", "o.id", "m.org_id")
        .select([
          "o.name as org",
          "m.status",
          "m.joined_on",
          "m.full_on",
          "m.education",
          "m.transfer_in_on",
          "m.transfer_out_on",
          "m.transfer_out_to",
          "m.appraisal_year",
          "m.appraisal_result",
        ])
        .where("m.person_id", "=", s.id)
        .execute();
      const posts = await db
        .selectFrom("party_posts as p")
        .innerJoin("organisations as o", "o.id", "p.org_id")
        .select(["o.name as org", "p.post", "p.term_start", "p.term_end", "p.ended_on"])
        .where("p.person_id", "=", s.id)
        .orderBy("p.term_start")
        .execute();
      const applicants = await db
        .selectFrom("party_applicants as a")
        .innerJoin("organisations as o", "o.id", "a.org_id")
        .select(["o.name as org", "a.status", "a.applied_on", "a.last_step", "a.last_step_on", "a.admitted_on", "a.probation_end", "a.stopped_on"])
        .where("a.person_id", "=", s.id)
        .execute();
      return [
        {
          key: "member",
          label: { zh: "党员档案", en: "Member record" },
          columns: [
            c("org", "所在党组织", "Party organisation"),
            c("status", "状态", "Status"),
            c("joinedOn", "入党日期", "Joined"),
            c("fullOn", "转正日期", "Full member since"),
            c("education", "学历", "Education"),
            c("transferInOn", "转入日期", "Transferred in"),
            c("transferOutOn", "转出日期", "Transferred out"),
            c("transferOutTo", "转往", "Transferred to"),
            c("appraisal", "民主评议", "Appraisal"),
          ],
          rows: members.map((m) => ({
            org: m.org,
            status: MEMBER_STATUS_LABELS[m.status as keyof typeof MEMBER_STATUS_LABELS]?.zh ?? m.status,
            joinedOn: m.joined_on,
            fullOn: m.full_on,
            education: m.education,
            transferInOn: m.transfer_in_on,
            transferOutOn: m.transfer_out_on,
            transferOutTo: m.transfer_out_to,
            appraisal: m.appraisal_year ? `${m.appraisal_year} ${m.appraisal_result ?? ""}` : null,
          })),
        },
        {
          key: "posts",
          label: { zh: "党内职务", en: "Posts" },
          columns: [
            c("org", "党组织", "Organisation"),
            c("post", "职务", "Post"),
            c("termStart", "任期开始", "Term start"),
            c("termEnd", "任期结束", "Term end"),
            c("endedOn", "卸任日期", "Ended"),
          ],
          rows: posts.map((p) => ({ org: p.org, post: p.post, termStart: p.term_start, termEnd: p.term_end, endedOn: p.ended_on })),
        },
        {
          key: "applicant",
          label: { zh: "入党申请", en: "Membership application" },
          columns: [
            c("org", "党组织", "Organisation"),
            c("status", "状态", "Status"),
            c("appliedOn", "申请日期", "Applied"),
            c("lastStep", "已完成步骤", "Last step"),
            c("lastStepOn", "步骤日期", "Step date"),
            c("admittedOn", "接收为预备党员", "Admitted"),
            c("probationEnd", "预备期满", "Probation ends"),
            c("stoppedOn", "终止日期", "Stopped"),
          ],
          rows: applicants.map((a) => ({
            org: a.org,
            status: a.status,
            appliedOn: a.applied_on,
            lastStep: a.last_step,
            lastStepOn: a.last_step_on,
            admittedOn: a.admitted_on,
            probationEnd: a.probation_end,
            stoppedOn: a.stopped_on,
          })),
        },
      ];
    },
    retention: [
      {
        key: "party.member-record",
        label: { zh: "党员档案", en: "Party member record" },
        reason: {
          zh: "党员档案依《党员档案工作规定》长期保存，不得删除或匿名化（含已转出的党员）",
          en: "A party member's record is kept permanently under the Party's archive rules and may not be deleted or anonymised (members transferred out included)",
        },
        async holds(db, s) {
          const rows = await db
            .selectFrom("party_members as m")
            .innerJoin("organisations as o", "o.id", "m.org_id")
            .select(["m.id", "o.name"])
            .where("m.person_id", "=", s.id)
            .execute();
          return rows.map((r) => ({ id: r.id, label: r.name }));
        },
      },
      {
        key: "party.application-file",
        label: { zh: "入党申请材料", en: "Membership application file" },
        reason: {
          zh: "发展党员的申请与各步骤材料须归档保存，是党员身份的依据",
          en: "A membership application and its steps are archived: they are what a member's standing rests on",
        },
        async holds(db, s) {
          const rows = await db
            .selectFrom("party_applicants as a")
            .innerJoin("organisations as o", "o.id", "a.org_id")
            .select(["a.id", "o.name", "a.applied_on"])
            .where("a.person_id", "=", s.id)
            .execute();
          return rows.map((r) => ({ id: r.id, label: `${r.name} ${r.applied_on}` }));
        },
      },
    ],
    // Never reached while a rule above holds a record; nothing of a person is copied into party's tables besides the link.
    anonymise: async () => [],
  });
}
