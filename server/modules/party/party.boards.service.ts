import type { TBoardCreate, TBoardEnd } from "../../../contracts/party.js";
import { errors } from "../../platform/errors.js";
import { uuidv7 } from "../../platform/ids.js";
import type { OrganisationsService } from "../../platform/organisations/organisations.service.js";
import type { Scope } from "../../platform/scope.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import { type Ex, notPast, type PartyDeps, rule, termOrder, todayFn } from "./party.common.js";
import { clashingSeats, endSeat, insertSeat, partyPostsOf, seatIn, servingBoards } from "./party.elections.repo.js";
import { termsOverlap } from "./party.orgs.rules.js";
import { personIn } from "./party.repo.js";

// The boards and supervisory boards of joint-stock cooperatives (股份合作公司), beside the party
// posts of their members: what 一肩挑 and 交叉任职 are counted from.

export type PartyBoardsService = ReturnType<typeof createPartyBoardsService>;

export function createPartyBoardsService(deps: PartyDeps & { organisations: OrganisationsService }) {
  const { db, audit, clock, organisations } = deps;
  const today = todayFn(deps);

  async function add(who: Who, input: TBoardCreate, exec?: Ex) {
    return inTx(db, exec, async (trx) => {
      const c = await organisations.get(who.scope, input.companyId, trx);
      if (c.kind !== "股份合作公司") throw errors.badRequest("董事会只登记股份合作公司", "Boards are recorded for joint-stock cooperatives");
      const p = await personIn(trx, who.scope, input.personId);
      termOrder(input.termStart, input.termEnd);
      for (const o of await clashingSeats(trx, c.id, p.id, input.post, input.termStart)) {
        // An ended membership holds until the day before ended_on; else until its term ends.
        if (termsOverlap(o.term_start, o.ended_on ?? o.term_end, input.termStart, input.termEnd ?? null))
          throw rule(
            `${c.name}的${o.post}任期重叠：${o.name}任期${o.term_start}至${o.ended_on ?? o.term_end ?? "今"}`,
            `Overlapping board terms at ${c.name}: ${o.name} is ${o.post} from ${o.term_start} to ${o.ended_on ?? o.term_end ?? "now"}`,
          );
      }
      const row = {
        id: uuidv7(clock.now().getTime()),
        community_id: c.communityId,
        company_id: c.id,
        person_id: p.id,
        post: input.post,
        term_start: input.termStart,
        term_end: input.termEnd ?? null,
        ended_on: null,
        created_at: clock.now().toISOString(),
      };
      await insertSeat(trx, row);
      await audit.record(trx, who, { action: "party.board.create", entity: "company_board", entityId: row.id, communityId: row.community_id, after: row });
      return row.id;
    });
  }

  /**
   * Ends a board or supervisory-board membership on `on` (the first day it is no longer held). The
   * chair too: the company then has no chair until one is added. Ended members leave the board list
   * and, from that day, the 一肩挑 and 交叉任职 figures.
   */
  async function end(who: Who, id: string, input: TBoardEnd, exec?: Ex) {
    return inTx(db, exec, async (trx) => {
      const b = await seatIn(trx, who.scope, id);
      if (!b) throw errors.notFound({ zh: "董事会成员", en: "Board member" });
      if (b.ended_on) throw errors.conflict(`${b.name}的${b.post}职务已于${b.ended_on}终止`, `${b.name} left the post of ${b.post} on ${b.ended_on}`);
      notPast(input.on, today(), { zh: "离任日期", en: "End date" });
      if (input.on <= b.term_start) throw errors.badRequest(`离任日期须晚于任期开始（${b.term_start}）`, `A membership ends after it starts (${b.term_start})`);
      await endSeat(trx, id, input.on);
      const { company_name, name, ...before } = b;
      await audit.record(trx, who, {
        action: "party.board.end",
        entity: "company_board",
        entityId: id,
        communityId: b.community_id,
        after: { ended_on: input.on, company: company_name, person: name },
        before,
      });
    });
  }

  /** The serving boards in scope, each member with the party posts they hold today. */
  async function list(scope: Scope) {
    const rows = await servingBoards(db, scope);
    const posts = await partyPostsOf(
      db,
      rows.map((r) => r.person_id),
      today(),
    );
    return rows.map((r) => ({
      id: r.id,
      companyId: r.company_id,
      companyName: r.company_name,
      personId: r.person_id,
      personName: r.name,
      post: r.post,
      termStart: r.term_start,
      termEnd: r.term_end,
      partyPosts: posts.filter((p) => p.person_id === r.person_id).map((p) => `${p.short_name ?? p.name}${p.post}`),
    }));
  }

  return { add, end, list };
}
