// 党建's part of what Shequ holds about a person (PIPL): their party member record, posts and their
// membership application. None of it is anonymised: 党员档案 and the application file are kept under
// the Party's archive rules (党员档案工作规定), whatever the member's status.
import { MEMBER_STATUS_LABELS } from "../../../contracts/party.js";
import { type PersonalDataRegistry, sheet } from "../../platform/personal-data.js";

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
        sheet("member", { zh: "党员档案", en: "Member record" }, members, [
          ["org", "所在党组织", "Party organisation"],
          ["status", "状态", "Status", (m) => MEMBER_STATUS_LABELS[m.status as keyof typeof MEMBER_STATUS_LABELS]?.zh ?? m.status],
          ["joinedOn", "入党日期", "Joined"],
          ["fullOn", "转正日期", "Full member since"],
          ["education", "学历", "Education"],
          ["transferInOn", "转入日期", "Transferred in"],
          ["transferOutOn", "转出日期", "Transferred out"],
          ["transferOutTo", "转往", "Transferred to"],
          ["appraisal", "民主评议", "Appraisal", (m) => (m.appraisal_year ? `${m.appraisal_year} ${m.appraisal_result ?? ""}` : null)],
        ]),
        sheet("posts", { zh: "党内职务", en: "Posts" }, posts, [
          ["org", "党组织", "Organisation"],
          ["post", "职务", "Post"],
          ["termStart", "任期开始", "Term start"],
          ["termEnd", "任期结束", "Term end"],
          ["endedOn", "卸任日期", "Ended"],
        ]),
        sheet("applicant", { zh: "入党申请", en: "Membership application" }, applicants, [
          ["org", "党组织", "Organisation"],
          ["status", "状态", "Status"],
          ["appliedOn", "申请日期", "Applied"],
          ["lastStep", "已完成步骤", "Last step"],
          ["lastStepOn", "步骤日期", "Step date"],
          ["admittedOn", "接收为预备党员", "Admitted"],
          ["probationEnd", "预备期满", "Probation ends"],
          ["stoppedOn", "终止日期", "Stopped"],
        ]),
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
