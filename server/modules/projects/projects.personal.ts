// 民生微实事's part of what Shequ holds about a person (PIPL): the projects they proposed (by their
// phone in their community: proposals come from the public page with a name and phone, no registry link).
// A proposal still going through review, vote or delivery keeps its proposer's contact.
import type { Kysely } from "kysely";
import type { ProjectStage } from "../../../contracts/projects.js";
import type { DB } from "../../db/types.js";
import { type PersonalDataRegistry, type PersonalSubject, scrubRows, sheet } from "../../platform/personal-data.js";

// Only a person with a phone can have proposed (a phone the callers check: PostgreSQL refuses a NUL
// byte in a text value, so "no phone" cannot be a phone that matches nothing).
const proposed = (db: Kysely<DB>, s: PersonalSubject, phone: string) =>
  db.selectFrom("projects").where("community_id", "=", s.communityId).where("proposer_phone", "=", phone);
/** Stages after which a project has nothing more to ask its proposer. */
const FINISHED: ProjectStage[] = ["accepted", "evaluated", "rejected", "cancelled"];

export function registerProjectsPersonalData(reg: PersonalDataRegistry) {
  reg.register({
    key: "projects.proposals",
    module: "projects",
    label: { zh: "民生微实事", en: "Micro-projects" },
    async collect(db, s) {
      const rows = s.phone
        ? await proposed(db, s, s.phone)
            .select(["code", "title", "place", "reason", "proposer_name", "proposer_phone", "proposed_on", "stage"])
            .orderBy("proposed_on")
            .execute()
        : [];
      return [
        sheet("proposals", { zh: "提出的项目", en: "Proposals" }, rows, [
          ["code", "编号", "No."],
          ["title", "项目", "Project"],
          ["place", "地点", "Place"],
          ["reason", "理由", "Reason"],
          ["name", "提议人", "Proposer", "proposer_name"],
          ["phone", "联系电话", "Phone", "proposer_phone"],
          ["proposedOn", "提出日期", "Proposed"],
          ["stage", "阶段", "Stage"],
        ]),
      ];
    },
    retention: [
      {
        key: "projects.open-proposal",
        label: { zh: "进行中的微实事项目", en: "A micro-project under way" },
        reason: {
          zh: "项目仍在评审、表决或实施中，须能联系提议人；项目结束后方可删除",
          en: "The project is still under review, vote or delivery and its proposer must stay reachable; it can be deleted once the project has ended",
        },
        async holds(db, s) {
          if (!s.phone) return [];
          const rows = await proposed(db, s, s.phone).select(["id", "code", "title"]).where("stage", "not in", FINISHED).execute();
          return rows.map((r) => ({ id: r.id, label: `${r.code} ${r.title}` }));
        },
      },
    ],
    async anonymise(trx, s, alias) {
      const rows = s.phone ? await proposed(trx, s, s.phone).select(["id", "reason"]).execute() : [];
      return [{ table: "projects", rows: await scrubRows(trx, "projects", rows, s, alias, { proposer_name: alias, proposer_phone: null }) }];
    },
  });
}
