import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { AppError, type Msg } from "../../platform/errors.js";
import type { Who } from "../../platform/who.js";
import type { PartyApi } from "../party/party.api.js";
import type { ActActivityTable } from "./activities.tables.js";

// A central training (集中培训, type T02) attended by a party candidate (发展对象) is step 11 of the
// party pipeline: recorded through party's api, in the attendance's own transaction, under the step's
// rules (after the political review, ≥ 24 study hours, the certificate). Who is a candidate awaiting it
// is party's answer (`applicantsAmong … needsCentralTraining`), never read from its tables here. A
// refusal (fewer hours, a step out of order) does not refuse the attendance: it is answered with it.

/** The activity type of a central training of party candidates (migration 033). */
export const CENTRAL_TRAINING_TYPE = "T02";

export type CentralTrainingResult = { recorded: number; refused: Array<{ personId: string; message: Msg }> };

/** A training's study hours: as entered, else its length (to the half hour). */
export const trainingHoursOf = (a: Pick<ActActivityTable, "training_hours" | "starts_at" | "ends_at">) =>
  a.training_hours ?? Math.round(((Date.parse(a.ends_at) - Date.parse(a.starts_at)) / 3_600_000) * 2) / 2;

export async function creditCentralTraining(
  party: Pick<PartyApi, "applicantsAmong" | "recordCentralTraining"> | undefined,
  trx: Kysely<DB>,
  who: Who,
  a: ActActivityTable,
  personIds: Array<string | null>,
  now: string,
): Promise<CentralTrainingResult | undefined> {
  if (a.type_code !== CENTRAL_TRAINING_TYPE || !party) return undefined;
  const ids = [...new Set(personIds.filter((x): x is string => !!x))];
  const out: CentralTrainingResult = { recorded: 0, refused: [] };
  if (!ids.length) return out;
  const candidates = (await party.applicantsAmong(who.scope, ids, trx)).filter((x) => x.needsCentralTraining);
  for (const c of candidates) {
    try {
      const made = await party.recordCentralTraining(
        who,
        c.applicantId,
        {
          doneOn: a.start_date,
          hours: trainingHoursOf(a),
          // The certificate the training issues, kept on paper by the branch.
          documents: [{ name: "培训结业证书", paper: true }],
          note: `参加集中培训「${a.title}」（活动 ${a.code}）`,
        },
        trx,
      );
      // Which record this attendance made, so that removing the attendance withdraws it and no other.
      const at = await trx
        .selectFrom("act_attendance")
        .select("id")
        .where("activity_id", "=", a.id)
        .where("person_id", "=", c.personId)
        .orderBy("at")
        .executeTakeFirst();
      if (at)
        await trx
          .insertInto("act_central_credits")
          .values({ attendance_id: at.id, activity_id: a.id, community_id: a.community_id, party_step_id: made.stepId, created_at: now })
          .execute();
      out.recorded++;
    } catch (e) {
      // Party's rules are checked before it writes anything, so the transaction goes on clean.
      if (!(e instanceof AppError)) throw e;
      out.refused.push({ personId: c.personId, message: e.msg });
    }
  }
  return out;
}

/**
 * An attendance removed: the step 11 record it made (if any) is withdrawn through party's api, in the
 * removal's transaction; party refuses when later steps were recorded after it, and so the removal
 * is refused. A record made otherwise (on the party page, by another attendance) is never touched.
 */
export async function withdrawCentralTraining(
  party: Pick<PartyApi, "withdrawCentralTraining"> | undefined,
  trx: Kysely<DB>,
  who: Who,
  attendanceId: string,
): Promise<boolean> {
  const credit = await trx.selectFrom("act_central_credits").select("party_step_id").where("attendance_id", "=", attendanceId).executeTakeFirst();
  if (!credit) return false;
  if (!party) throw new Error("a central training credit without the party module");
  await party.withdrawCentralTraining(who, credit.party_step_id, trx);
  await trx.deleteFrom("act_central_credits").where("attendance_id", "=", attendanceId).execute();
  return true;
}
