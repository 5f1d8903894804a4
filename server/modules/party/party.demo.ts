import type { Kysely } from "kysely";
import { APPRAISAL_RESULTS, EDUCATIONS, type MeetingType, STEPS, type TStepRecord } from "../../../contracts/party.js";
import type { DB } from "../../db/types.js";
import { birthDate, idNumber, personName, phone, rng } from "../../demo/random.js";
import type { DemoWorld } from "../../demo/world.js";
import { addDays, addMonths, localDate, monthEnd } from "../../platform/dates.js";
import type { Deps } from "../../platform/http.js";
import { createPeopleService } from "../../platform/people/people.service.js";
import { type Scope, scopeOf } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { DemoContext } from "../types.js";
import type { PartyServices } from "./party.services.js";

// The seed's 2024 report for 福民社区 (PRODUCT.md): these come out exactly from the records made here.
export const SEED_2024 = {
  committee_meetings: 46,
  planning_meetings: 5,
  theme_days: 148,
  three_meetings_one_lesson: 192,
  new_members: 33,
  company_elections: 6,
  new_village_branches: 3,
  by_elections: 2,
  secretary_changes: 2,
};

const OLD_BRANCHES = [
  { key: "鸿发", kind: "股份合作公司", company: "深圳市鸿发股份合作公司", members: 28, group: true },
  { key: "阳基御龙山", kind: "小区", company: null, members: 18, group: false },
  { key: "富康", kind: "股份合作公司", company: "深圳市富康股份合作公司", members: 30, group: true },
  { key: "悦兴二", kind: "股份合作公司", company: "深圳市悦兴股份合作公司", members: 22, group: false },
  { key: "狮径", kind: "股份合作公司", company: "深圳市狮径股份合作公司", members: 16, group: false },
  { key: "丹坑", kind: "股份合作公司", company: "深圳市丹坑股份合作公司", members: 12, group: false },
] as const;
// The 3 城中村 branches founded in 2024.
const NEW_BRANCHES = [
  { key: "新围", grid: 7, founded: "2024-03-18", company: "深圳市新围股份合作公司", members: 6 },
  { key: "福民新村", grid: 8, founded: "2024-04-22", company: null, members: 5 },
  { key: "凤凰岭", grid: 11, founded: "2024-05-20", company: null, members: 4 },
] as const;

const docs = (n: number) => STEPS[n - 1].docs.map((name) => ({ name, paper: true }));

/**
 * The demo community's party records, made through the module's own services (built over the
 * demo's movable clock, `clock`, which is set before each action): 2024 as the seed reports it,
 * then every year up to today's date (`now`, the deployment's clock — the movable clock starts in 2024).
 */
export async function seedPartyDemo(
  deps: Deps,
  { orgs, members, meetings, elections, boards, pipeline }: PartyServices,
  { world, clock, now, log }: DemoContext,
) {
  const tz = deps.config.timeZone;
  const realToday = localDate(now, tz);
  const at = (d: string) => clock.set(`${d}T02:00:00Z`);
  const people = createPeopleService({ ...deps, clock, timeZone: tz });
  const db = deps.db;
  const r = rng(20240701);
  const regionScope = async (id: string): Promise<Scope> => {
    const scope = await scopeOf(db, id);
    if (!scope) throw new Error(`no region ${id}`);
    return scope;
  };
  const who: Who = { user: null, scope: await regionScope(world.communityId) };
  // The 街道党工委 approves 预备党员 and their full membership.
  const subdistrict: Who = { user: null, scope: await regionScope(world.subdistrictId) };
  const o = world.orgs;

  // ---------- organisations ----------
  at("2024-01-02");
  const committee = o["中共福民社区委员会"];
  await orgs.create(who, { orgId: committee, level: "党委", partyKind: "社区", foundedOn: "2005-06-18", termStart: "2021-12-10" });
  const branchIds: Record<string, string> = {};
  for (const [i, b] of OLD_BRANCHES.entries()) {
    const id = o[`中共福民社区${b.key}党支部`];
    branchIds[b.key] = id;
    await orgs.create(who, {
      orgId: id,
      parentId: committee,
      level: "党支部",
      partyKind: b.kind,
      hostOrgId: b.company ? o[b.company] : null,
      foundedOn: `${2008 + i}-07-01`,
      termStart: "2021-12-20",
    });
  }
  const groupIds: Record<string, string> = {};
  for (const b of OLD_BRANCHES.filter((x) => x.group)) {
    groupIds[b.key] = await orgs.create(who, {
      name: `中共福民社区${b.key}党支部第一党小组`,
      parentId: branchIds[b.key],
      level: "党小组",
      partyKind: b.kind,
      foundedOn: "2015-03-01",
    });
  }
  for (const b of NEW_BRANCHES) {
    at(b.founded);
    branchIds[b.key] = await orgs.create(who, {
      name: `中共福民社区${b.key}党支部`,
      gridId: world.grids[b.grid].id,
      parentId: committee,
      level: "党支部",
      partyKind: "城中村",
      hostOrgId: b.company ? o[b.company] : null,
      foundedOn: b.founded,
      termStart: b.founded,
    });
  }

  // ---------- members (people tagged 党员 where the registry has them, else new residents) ----------
  at("2024-01-02");
  // Members, applicants and board members are residents already on the registry (so the registry's
  // head count stays the seed's); only when a grid runs out of adults are new residents registered.
  const usedPeople = new Set<string>();
  const candidates = await db
    .selectFrom("people")
    .select(["id", "grid_id", "birth_date", "tags"])
    .where("community_id", "=", world.communityId)
    .where("kind", "!=", "foreign")
    .where("archived", "=", 0)
    .where("birth_date", "<", "2002-01-01")
    .where("birth_date", ">", "1946-01-01")
    .orderBy("id")
    .execute();
  const tagged = (c: { tags: string }) => c.tags.includes('"党员"');
  const usedIds = new Set<string>();
  const newPerson = async (trx: Kysely<DB>, gridIdx: number, minAge: number, maxAge: number, tags: any[] = ["党员"]) => {
    const gender = r.chance(0.55) ? "M" : "F";
    const birth = birthDate(r, minAge, maxAge);
    let id = "";
    do id = idNumber(r, birth, gender, r.chance(0.6));
    while (usedIds.has(id));
    usedIds.add(id);
    const exists = await trx.selectFrom("people").select("id").where("community_id", "=", world.communityId).where("id_number", "=", id).executeTakeFirst();
    if (exists) return newPerson(trx, gridIdx, minAge, maxAge, tags);
    return people.create(
      who,
      {
        communityId: world.communityId,
        gridId: world.grids[gridIdx].id,
        name: personName(r),
        gender,
        birthDate: birth,
        idNumber: id,
        phone: phone(r),
        address: `龙华区福城街道${Object.keys(world.estates)[gridIdx]}${r.int(1, 30)}栋${r.int(1, 12)}0${r.int(1, 6)}室`,
        kind: "registered",
        tags,
      },
      trx,
    );
  };
  /** An unused adult of the grid (party-tagged first for members, untagged for others), else anywhere, else a new resident. */
  const takePerson = async (trx: Kysely<DB>, gridIdx: number, member: boolean, young = false) => {
    const gid = world.grids[gridIdx].id;
    const ok = (c: (typeof candidates)[number]) => !usedPeople.has(c.id) && (member ? true : !tagged(c)) && (!young || (c.birth_date ?? "") > "1982-01-01");
    const pick =
      candidates.find((c) => ok(c) && c.grid_id === gid && (!member || tagged(c))) ??
      candidates.find((c) => ok(c) && c.grid_id === gid) ??
      candidates.find((c) => ok(c));
    const id = pick ? pick.id : await newPerson(trx, gridIdx, 25, 60, member ? ["党员"] : []);
    usedPeople.add(id);
    return id;
  };
  const gridOf: Record<string, number> = { 鸿发: 5, 阳基御龙山: 6, 富康: 3, 悦兴二: 4, 狮径: 0, 丹坑: 2, 新围: 7, 福民新村: 8, 凤凰岭: 11 };
  const membersOf: Record<string, Array<{ id: string; personId: string; status: string }>> = {};
  await db.transaction().execute(async (trx) => {
    const all = [
      ...OLD_BRANCHES.map((b) => ({ key: b.key, n: b.members, since: "1985" })),
      ...NEW_BRANCHES.map((b) => ({ key: b.key, n: b.members, since: "2000" })),
    ];
    for (const b of all) {
      membersOf[b.key] = [];
      const gi = gridOf[b.key];
      for (let k = 0; k < b.n; k++) {
        const personId = await takePerson(trx, gi, true);
        const y = r.int(Number(b.since), 2021);
        const joined = `${y}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`;
        const isGroup = groupIds[b.key] && k % 2 === 0;
        const id = await members.create(
          who,
          {
            personId,
            orgId: branchIds[b.key],
            groupId: isGroup ? groupIds[b.key] : null,
            status: "full",
            joinedOn: NEW_BRANCHES.some((x) => x.key === b.key) ? joined : joined,
            fullOn: addMonths(joined, 12),
            education: r.pick(EDUCATIONS),
            mobile: r.chance(0.06),
            lostContact: r.chance(0.02),
            transferInOn: NEW_BRANCHES.some((x) => x.key === b.key) ? NEW_BRANCHES.find((x) => x.key === b.key)?.founded : null,
            transferInFrom: NEW_BRANCHES.some((x) => x.key === b.key) ? "原居住地党组织" : null,
          },
          trx,
        );
        membersOf[b.key].push({ id, personId, status: "full" });
      }
    }
  });
  const personOf = (key: string, i: number) => membersOf[key][i].personId;

  // ---------- committees (posts with terms and certificates) ----------
  await db.transaction().execute(async (trx) => {
    const cm = [
      ["书记", "富康", 0],
      ["副书记", "鸿发", 1],
      ["组织委员", "悦兴二", 1],
      ["宣传委员", "阳基御龙山", 1],
      ["纪检委员", "狮径", 1],
      ["青年委员", "丹坑", 1],
      ["委员", "鸿发", 2],
    ] as const;
    for (const [post, key, i] of cm)
      await orgs.addPost(who, { orgId: committee, personId: personOf(key, i), post, termStart: "2021-12-10", certified: r.chance(0.85) }, trx);
    for (const b of OLD_BRANCHES) {
      const posts: Array<(typeof cm)[number][0]> =
        b.key === "阳基御龙山" ? ["书记", "组织委员"] : b.key === "鸿发" ? ["书记", "组织委员", "宣传委员"] : ["书记", "组织委员", "宣传委员", "纪检委员"];
      for (const [i, post] of posts.entries())
        await orgs.addPost(
          who,
          { orgId: branchIds[b.key], personId: personOf(b.key, i === 0 ? 0 : i + 2), post, termStart: "2021-12-20", certified: i === 0 || r.chance(0.7) },
          trx,
        );
    }
  });
  for (const b of NEW_BRANCHES) {
    at(b.founded);
    await orgs.addPost(who, { orgId: branchIds[b.key], personId: personOf(b.key, 0), post: "书记", termStart: b.founded, certified: true });
  }

  // ---------- elections and appointments of 2024 ----------
  const boardPeople: Record<string, string[]> = {};
  at("2024-04-10");
  // 富康: the new secretary is the person who will chair the company after its 换届.
  await elections.create(who, {
    orgId: branchIds.富康,
    kind: "任免",
    heldOn: "2024-04-10",
    post: "书记",
    personId: personOf("富康", 1),
    removedPersonId: personOf("富康", 0),
    approvingBody: "中共福民社区委员会",
    documentNo: "福民党〔2024〕12号",
    certified: true,
  });
  at("2024-05-16");
  await elections.create(who, {
    orgId: branchIds.悦兴二,
    kind: "任免",
    heldOn: "2024-05-16",
    post: "书记",
    personId: personOf("悦兴二", 2),
    removedPersonId: personOf("悦兴二", 0),
    approvingBody: "中共福民社区委员会",
    documentNo: "福民党〔2024〕15号",
    certified: false,
  });
  at("2024-06-20");
  await elections.create(who, {
    orgId: branchIds.鸿发,
    kind: "补选",
    heldOn: "2024-06-20",
    post: "纪检委员",
    personId: personOf("鸿发", 6),
    approvingBody: "中共福民社区委员会",
    documentNo: "福民党〔2024〕18号",
    votesDue: 28,
    votesCast: 25,
    votesFor: 24,
    certified: true,
  });
  at("2024-07-11");
  await elections.create(who, {
    orgId: branchIds.阳基御龙山,
    kind: "补选",
    heldOn: "2024-07-11",
    post: "宣传委员",
    personId: personOf("阳基御龙山", 5),
    approvingBody: "中共福民社区委员会",
    documentNo: "福民党〔2024〕21号",
    votesDue: 18,
    votesCast: 16,
    votesFor: 16,
    certified: true,
  });
  // The 6 股份合作公司 换届 of 2024, each with its new board.
  const companies = ["富康", "悦兴", "鸿发", "狮径", "丹坑", "新围"];
  const branchOfCompany: Record<string, string> = { 富康: "富康", 悦兴: "悦兴二", 鸿发: "鸿发", 狮径: "狮径", 丹坑: "丹坑", 新围: "新围" };
  // Whose chair is also the party secretary (一肩挑): 富康 (new secretary), 鸿发, 狮径, 新围.
  const chairIsSecretary: Record<string, number | null> = { 富康: 1, 悦兴: null, 鸿发: 0, 狮径: 0, 丹坑: null, 新围: 0 };
  for (const [i, c] of companies.entries()) {
    const held = `2024-0${5 + Math.floor(i / 2)}-${String(8 + (i % 2) * 10).padStart(2, "0")}`;
    at(held);
    const companyId = o[`深圳市${c}股份合作公司`];
    await db.transaction().execute(async (trx) => {
      await elections.create(
        who,
        {
          orgId: companyId,
          kind: "换届",
          heldOn: held,
          termStart: held,
          termEnd: addMonths(held, 36),
          approvingBody: "福城街道办事处",
          documentNo: `福城办〔2024〕${30 + i}号`,
          votesDue: 120 + i * 7,
          votesCast: 110 + i * 6,
          votesFor: 100 + i * 5,
          certified: false,
        },
        trx,
      );
      const bk = branchOfCompany[c];
      const chairIdx = chairIsSecretary[c];
      const chair = chairIdx !== null ? personOf(bk, chairIdx) : await takePerson(trx, gridOf[bk], false);
      const members: Array<[string, any]> = [[chair, "董事长"]];
      // Cross-role: one more board member from the branch committee; the rest are not party post holders.
      members.push([personOf(bk, bk === "新围" ? 1 : 3), "副董事长"]);
      for (let k = 0; k < 3; k++) members.push([await takePerson(trx, gridOf[bk], false), "董事"]);
      members.push([await takePerson(trx, gridOf[bk], false), "监事长"]);
      boardPeople[c] = members.map((m) => m[0]);
      for (const [personId, post] of members) await boards.add(who, { companyId, personId, post, termStart: held, termEnd: addMonths(held, 36) }, trx);
    });
  }

  // ---------- meetings ----------
  const meetingCount: Record<string, number> = {};
  async function meeting(trx: Kysely<DB>, orgKey: string | "committee", type: MeetingType, heldOn: string, opts: { short?: boolean } = {}) {
    const orgId = orgKey === "committee" ? committee : (branchIds[orgKey] ?? groupIds[orgKey.replace("#group", "")]);
    const due = [...(await meetings.membersDue(trx, orgId, type, heldOn))];
    const attendance = due.map((memberId, i) => ({
      memberId,
      status: (opts.short
        ? i < Math.floor(due.length / 2)
          ? "present"
          : "absent"
        : r.chance(0.88) || i === 0
          ? "present"
          : r.chance(0.6)
            ? "leave"
            : "absent") as "present" | "leave" | "absent",
    }));
    if (!opts.short && attendance.filter((a) => a.status === "present").length * 2 <= due.length) for (const a of attendance) a.status = "present";
    at(heldOn);
    await meetings.create(
      who,
      {
        orgId,
        type,
        heldOn,
        place: orgKey === "committee" ? "福民社区党群服务中心" : `${orgKey.replace("#group", "")}党群服务站`,
        topic: `${type}：${TOPICS[r.int(0, TOPICS.length - 1)]}`,
        host: "书记",
        attendance,
        minutes: "一、传达学习上级精神；二、研究部署近期工作；三、党员发言讨论。",
        resolutions: "会议同意按计划推进各项工作。",
        photoFileIds: [],
      },
      trx,
    );
    meetingCount[`${heldOn.slice(0, 4)}:${type}`] = (meetingCount[`${heldOn.slice(0, 4)}:${type}`] ?? 0) + 1;
  }
  const day = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

  /** One year of the rules' meetings, up to `until`; `extras` tops up 主题党日 and 三会一课 to the seed's numbers. */
  async function year(
    y: number,
    until: string,
    plan: { committee: number; planning: number; extraTheme: number; extraGeneral: number; skip: string[]; short: string[] },
  ) {
    const ok = (d: string) => d <= until;
    await db.transaction().execute(async (trx) => {
      for (let k = 0; k < plan.committee; k++) {
        const m = 1 + Math.floor((k * 12) / plan.committee);
        const d = day(y, m, 4 + ((k * 7) % 20));
        if (ok(d)) await meeting(trx, "committee", "党委会议", d);
      }
      for (const [k, m] of [1, 4, 7, 10, 12].slice(0, plan.planning).entries())
        if (ok(day(y, m, 26 - k))) await meeting(trx, "committee", "党建工作部署总结会", day(y, m, 26 - k));
      for (let m = 1; m <= 12; m++) if (ok(day(y, m, 1))) await meeting(trx, "committee", "主题党日", day(y, m, 1));
    });
    const branches = [
      ...OLD_BRANCHES.map((b) => ({ key: b.key, founded: "2000-01-01", group: b.group, committee: true })),
      ...NEW_BRANCHES.map((b) => ({ key: b.key, founded: b.founded, group: false, committee: false })),
    ];
    for (const b of branches) {
      await db.transaction().execute(async (trx) => {
        for (let m = 1; m <= 12; m++) {
          const mEnd = monthEnd(day(y, m, 1).slice(0, 7));
          if (b.founded > mEnd) continue;
          const first = b.founded > day(y, m, 1) ? b.founded : null;
          const dd = (d: number) => (first && first > day(y, m, d) ? first : day(y, m, d));
          if (!plan.skip.includes(`${b.key}:主题党日:${m}`) && ok(dd(10))) await meeting(trx, b.key, "主题党日", dd(10));
          if (b.committee && !plan.skip.includes(`${b.key}:支委会:${m}`) && ok(dd(6)))
            await meeting(trx, b.key, "支委会", dd(6), { short: plan.short.includes(`${b.key}:支委会:${m}`) });
          if (b.group && ok(dd(15))) await meeting(trx, `${b.key}#group`, "党小组会", dd(15));
          if (m % 3 === 0) {
            const q0 = day(y, m - 2, 1);
            const qd = b.founded > q0 ? (b.founded > day(y, m, 20) ? b.founded : day(y, m, 20)) : day(y, m, 20);
            if (ok(qd) && qd <= mEnd) {
              await meeting(trx, b.key, "支部党员大会", qd);
              await meeting(trx, b.key, "党课", qd > day(y, m, 22) ? qd : day(y, m, 22));
            }
          }
          if (m === 12 && ok(day(y, 12, 24))) {
            await meeting(trx, b.key, "组织生活会", day(y, 12, 24));
            await meeting(trx, b.key, "民主评议", day(y, 12, 24));
          }
        }
      });
    }
    // Extra sessions (second 主题党日 for 在职/流动党员, extra branch general meetings) in the large branches.
    const big = ["鸿发", "富康", "悦兴二", "阳基御龙山"];
    await db.transaction().execute(async (trx) => {
      for (let k = 0; k < plan.extraTheme; k++) {
        const d = day(y, 1 + (k % 12), 25);
        if (ok(d)) await meeting(trx, big[Math.floor(k / 12) % big.length], "主题党日", d);
      }
      for (let k = 0; k < plan.extraGeneral; k++) {
        const d = day(y, 1 + (k % 12), 27);
        if (ok(d)) await meeting(trx, big[k % big.length], "支部党员大会", d);
      }
    });
  }
  // 2024: 党委 12 主题党日 + branches; 丹坑 skips August's 主题党日, 阳基御龙山 November's 支委会, 狮径's May 支委会 is short of quorum.
  const skip2024 = ["丹坑:主题党日:8", "阳基御龙山:支委会:11"];
  const base2024 = await countPlanned(2024);
  await year(2024, "2024-12-31", {
    committee: SEED_2024.committee_meetings,
    planning: SEED_2024.planning_meetings,
    extraTheme: SEED_2024.theme_days - base2024.theme,
    extraGeneral: SEED_2024.three_meetings_one_lesson - base2024.tmol,
    skip: skip2024,
    short: ["狮径:支委会:5"],
  });
  if (realToday >= "2025-01-01")
    await year(2025, "2025-12-31" < realToday ? "2025-12-31" : realToday, { committee: 40, planning: 4, extraTheme: 0, extraGeneral: 0, skip: [], short: [] });
  if (realToday >= "2026-01-01") {
    // This year: 丹坑 missed last month's 主题党日, so the compliance view has something to show.
    const last = addMonths(realToday, -1);
    await year(Number(realToday.slice(0, 4)), realToday, {
      committee: 30,
      planning: 3,
      extraTheme: 0,
      extraGeneral: 0,
      skip: [`丹坑:主题党日:${Number(last.slice(5, 7))}`],
      short: [],
    });
  }
  log(`party meetings: ${JSON.stringify(Object.fromEntries(Object.entries(meetingCount).filter(([k]) => k.startsWith("2024"))))}`);

  /** Meetings the branch rules alone produce in a year (without the extras), to size the extras. */
  async function countPlanned(y: number) {
    let theme = 12;
    let tmol = 0;
    for (const b of OLD_BRANCHES) {
      theme += 12 - (skip2024.includes(`${b.key}:主题党日:8`) ? 1 : 0);
      tmol += 12 - (skip2024.includes(`${b.key}:支委会:11`) ? 1 : 0) + 4 + 4 + (b.group ? 12 : 0);
    }
    for (const b of NEW_BRANCHES) {
      const fm = Number(b.founded.slice(5, 7));
      theme += 13 - fm;
      const quarters = 4 - Math.floor((fm - 1) / 3);
      tmol += quarters * 2;
    }
    void y;
    return { theme, tmol };
  }

  // ---------- the development pipeline ----------
  const oldKeys = OLD_BRANCHES.map((b) => b.key);
  const GAP: Record<number, number> = {
    2: 15,
    3: 60,
    4: 10,
    5: 5,
    6: 30,
    8: 7,
    9: 7,
    10: 20,
    11: 15,
    12: 10,
    13: 7,
    14: 3,
    15: 14,
    16: 10,
    17: 15,
    18: 20,
    19: 2,
    20: 10,
    21: 30,
    24: 20,
    25: 15,
  };
  const schedule = (s1: string, jitter: number[]) => {
    const d: Record<number, string> = { 1: s1 };
    for (let n = 2; n <= 25; n++) {
      if (n === 7) d[7] = addDays(addMonths(d[3], 12), 20 + jitter[7]);
      else if (n === 22) d[22] = addDays(addMonths(d[15], 12), -10);
      else if (n === 23) d[23] = addDays(addMonths(d[15], 12), 5);
      else d[n] = addDays(d[n - 1], GAP[n] + (jitter[n] ?? 0));
    }
    return d;
  };
  async function advance(id: string, key: string, d: Record<number, string>, upTo: number, failAt15 = false) {
    const full = membersOf[key].filter((m) => m.status === "full");
    for (let n = 2; n <= upTo; n++) {
      if (d[n] > realToday) return n - 1;
      at(d[n]);
      const input: TStepRecord = { step: n, doneOn: d[n], memberIds: [], documents: docs(n), extended: false };
      if (n === 5) input.memberIds = [full[3 + r.int(0, 3)].id];
      if (n === 9) input.memberIds = [full[1].id, full[2].id];
      if (n === 10) input.conclusion = "政治立场坚定，历史清白，经审查合格。";
      if (n === 11) input.trainingHours = r.pick([24, 32, 40]);
      if (n === 15 || n === 23) {
        const due = full.length;
        const present = due - r.int(0, 3);
        input.vote = { due, present, yes: present, no: 0, abstain: 0, writtenYes: 0, writtenNo: 0 };
        if (failAt15 && n === 15) {
          await pipeline.recordStep(who, id, {
            ...input,
            vote: { due, present: Math.floor(due / 2), yes: Math.floor(due / 2) - 1, no: 1, abstain: 0, writtenYes: 0, writtenNo: 0 },
          });
          return 14;
        }
      }
      if (n === 17 || n === 24) await pipeline.approve(subdistrict, id, input);
      else await pipeline.recordStep(who, id, input);
    }
    return upTo;
  }
  const applicant = async (key: string, s1: string) => {
    at(s1);
    const personId = await db.transaction().execute((trx) => takePerson(trx, gridOf[key], false, true));
    return pipeline.createApplicant(who, { personId, orgId: branchIds[key], appliedOn: s1, documents: docs(1) });
  };
  // 33 admitted in 2024 (step 17 approved between February and December), each through every earlier step.
  for (let i = 0; i < SEED_2024.new_members; i++) {
    const key = oldKeys[i % oldKeys.length];
    const jitter = Array.from({ length: 26 }, () => r.int(0, 4));
    const target = addDays("2024-02-05", Math.floor((i * 300) / SEED_2024.new_members));
    let d = schedule("2022-09-01", jitter);
    const delta = Math.round((new Date(target).getTime() - new Date(d[17]).getTime()) / 86400000);
    d = schedule(addDays("2022-09-01", delta), jitter);
    const id = await applicant(key, d[1]);
    await advance(id, key, d, 25);
  }
  // Others at every stage now: applied at different times, stopped where today is.
  const starts = [-1, -2, -4, -7, -10, -13, -15, -16, -17, -18, -19, -20, -21, -22, -24, -27];
  for (const [k, back] of starts.entries()) {
    const key = oldKeys[k % oldKeys.length];
    const jitter = Array.from({ length: 26 }, () => r.int(0, 3));
    const s1 = addMonths(realToday, back);
    if (s1 < "2023-01-01") continue;
    const d = schedule(s1, jitter);
    const id = await applicant(key, s1);
    // One applicant waits for the talk past a month (overdue), one had a failed vote before.
    await advance(id, key, d, k === 1 ? 1 : 25, k === 9);
  }

  // ---------- 民主评议 2024, transfers ----------
  at("2024-12-28");
  await db.transaction().execute(async (trx) => {
    for (const key of Object.keys(membersOf))
      for (const m of membersOf[key])
        await members.appraise(who, m.id, { year: 2024, result: r.chance(0.15) ? "优秀" : r.chance(0.97) ? "合格" : APPRAISAL_RESULTS[2] }, trx);
  });
  at("2024-09-12");
  await members.transferOut(who, membersOf.悦兴二[21].id, { on: "2024-09-12", to: "中共龙华区观澜街道某社区委员会" });
  log(`party: ${Object.values(membersOf).reduce((s, m) => s + m.length, 0)} members, ${SEED_2024.new_members} admitted in 2024`);
}

const TOPICS = [
  "学习贯彻党的二十届三中全会精神",
  "党纪学习教育",
  "城中村消防安全整治",
  "民生微实事项目评议",
  "志愿服务进网格",
  "基层治理“民意速办”",
  "重温入党誓词",
  "主题党日红色教育",
];
