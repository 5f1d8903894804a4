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
): Promise<CentralTrainingResult | undefined> {
  if (a.type_code !== CENTRAL_TRAINING_TYPE || !party) return undefined;
  const ids = [...new Set(personIds.filter((x): x is string => !!x))];
  const out: CentralTrainingResult = { recorded: 0, refused: [] };
  if (!ids.length) return out;
  const candidates = (await party.applicantsAmong(who.scope, ids, trx)).filter((x) => x.needsCentralTraining);
  for (const c of candidates) {
    try {
      await party.recordCentralTraining(
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
      out.recorded++;
    } catch (e) {
      // Party's rules are checked before it writes anything, so the transaction goes on clean.
      if (!(e instanceof AppError)) throw e;
      out.refused.push({ personId: c.personId, message: e.msg });
    }
  }
  return out;
}
