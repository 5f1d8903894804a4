import type { Kysely } from "kysely";
import type { TVisitCreate } from "../../../contracts/care.js";
import type { DB } from "../../db/types.js";
import { rng } from "../../demo/random.js";
import { addDays, localDate } from "../../platform/dates.js";
import type { Deps } from "../../platform/http.js";
import { scopeOf } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { DemoContext } from "../types.js";
import type { CareServices } from "./care.services.js";

// The demo community's 关爱帮扶 through the module's own services, over the demo's movable clock.
// 60 households of the registry taken into care in 2023, each with a grid worker and (where the
// registry has party members) a paired party member; in 2024, 23 visits — four 慰问活动 with the
// partner units the report names (市台办, 区工务署, 企业党支部) covering 110 households, and 19 home
// visits covering 40 — so care.visits 23 and care.households 150 (户次); two households archived
// late in 2024; and a few visits in the last weeks before today, so that the "not visited for N
// months" list holds some households and not others.
export const SEED_2024 = { visits: 23, householdVisits: 150, households: 60, archived: 2 };

const CAMPAIGNS = [
  { on: "2024-02-02", title: "2024年春节暖心慰问活动", size: 35, partners: ["深圳市台湾事务办公室", "龙华区建筑工务署"], goods: "米、油、春联", fen: 50_000 },
  { on: "2024-06-07", title: "端午节关爱慰问", size: 25, partners: ["福民科技园联合党支部"], goods: "粽子、牛奶", fen: 0 },
  { on: "2024-09-13", title: "中秋节暖心慰问活动", size: 30, partners: ["深圳市台湾事务办公室", "福民科技园联合党支部"], goods: "月饼、水果", fen: 30_000 },
  { on: "2024-10-11", title: "重阳节敬老慰问", size: 20, partners: ["龙华区建筑工务署"], goods: "保暖衣物", fen: 20_000 },
];
const KIND_BY_TAG: Array<[string, string]> = [
  ["独居老人", "独居老人"],
  ["残疾人", "残疾"],
  ["低保", "低保"],
  ["困境儿童", "困境儿童"],
];
const OTHER_KINDS = ["特困", "失业", "重病", "低保"];

async function whoFor(db: Kysely<DB>, username: string): Promise<Who> {
  const u = await db
    .selectFrom("users")
    .select(["id", "username", "display_name", "role", "scope_region_id"])
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  const scope = await scopeOf(db, u.scope_region_id);
  if (!scope) throw new Error(`no scope for ${username}`);
  return { user: { id: u.id, username: u.username, displayName: u.display_name, role: u.role, scopeRegionId: u.scope_region_id }, scope };
}

export async function seedCare(svc: CareServices, deps: Pick<Deps, "db" | "config">, ctx: DemoContext) {
  const { world, clock, now, log } = ctx;
  const { db } = deps;
  const r = rng(1313);
  const staff = await whoFor(db, "staff");
  const communityId = world.communityId;
  const at = (date: string) => clock.set(`${date}T02:00:00.000Z`);

  // Heads: the registry's people in difficulty first (by tag), then other adults, spread over the grids.
  const people = await db
    .selectFrom("people")
    .select(["id", "grid_id", "tags", "birth_date"])
    .where("community_id", "=", communityId)
    .where("archived", "=", 0)
    .orderBy("id")
    .execute();
  const tagsOf = (p: { tags: string }) => JSON.parse(p.tags) as string[];
  const party = people.filter((p) => tagsOf(p).includes("党员"));
  const adults = people.filter((p) => p.birth_date && p.birth_date <= "2005-01-01" && !tagsOf(p).includes("党员"));
  const tagged = adults.filter((p) => KIND_BY_TAG.some(([t]) => tagsOf(p).includes(t)));
  const rest = adults.filter((p) => !tagged.includes(p));
  const heads = [...tagged, ...rest.filter((_, i) => i % 3 === 0), ...rest.filter((_, i) => i % 3 !== 0)].slice(0, SEED_2024.households);
  if (heads.length < SEED_2024.households) throw new Error(`care demo: ${heads.length} adults, ${SEED_2024.households} households needed`);
  const workers = await db.selectFrom("users").select(["id", "scope_region_id"]).where("role", "=", "grid").execute();
  const workerOf = (gridId: string | null) => workers.find((w) => w.scope_region_id === gridId)?.id ?? null;

  const ids: string[] = [];
  for (const [i, p] of heads.entries()) {
    const tags = tagsOf(p);
    const kinds = KIND_BY_TAG.filter(([t]) => tags.includes(t)).map(([, k]) => k);
    if (!kinds.length) kinds.push(OTHER_KINDS[i % OTHER_KINDS.length]);
    const enrolledOn = `2023-${String(1 + (i % 12)).padStart(2, "0")}-${String(5 + (i % 20)).padStart(2, "0")}`;
    at(enrolledOn);
    ids.push(
      await svc.households.create(staff, {
        headPersonId: p.id,
        memberIds: [],
        kinds,
        needs: i % 4 === 0 ? [r.pick(["上门助餐", "陪同就医", "子女课业辅导", "就业岗位推荐", "房屋维修"])] : [],
        gridWorkerId: workerOf(p.grid_id),
        pairedIds: party.length ? [party[i % party.length].id] : [],
        enrolledOn,
        note: null,
      }),
    );
  }

  const visit = async (on: string, input: Omit<TVisitCreate, "communityId" | "visitedOn">) => {
    at(on);
    await svc.visits.record(staff, { communityId, visitedOn: on, ...input });
  };
  const orgId = (name: string) => {
    const id = world.orgs[name];
    if (!id) throw new Error(`care demo: no organisation ${name}`);
    return id;
  };
  // The campaigns and the home visits of 2024, in date order.
  type Planned = { on: string; make: () => Promise<void> };
  const plan: Planned[] = [];
  let offset = 0;
  for (const c of CAMPAIGNS) {
    const start = offset;
    plan.push({
      on: c.on,
      make: () =>
        visit(c.on, {
          title: c.title,
          kind: "campaign",
          visitorUserIds: [staff.user?.id ?? ""],
          visitorPersonIds: party.slice(0, 2).map((p) => p.id),
          partnerOrgIds: c.partners.map(orgId),
          households: Array.from({ length: c.size }, (_, k) => ({
            householdId: ids[(start + k) % ids.length],
            goods: c.goods,
            moneyFen: c.fen,
            services: "",
            followUp: k % 9 === 0 ? "需协助申请临时救助" : "",
          })),
          note: "",
        }),
    });
    offset += c.size;
  }
  // 19 home visits: 17 of two households, 2 of three (40 household-visits), a grid worker and the paired member.
  for (let v = 0; v < 19; v++) {
    const size = v < 17 ? 2 : 3;
    const on = addDays("2024-01-10", Math.floor((v * 340) / 19));
    const first = (v * 3) % ids.length;
    plan.push({
      on,
      make: () =>
        visit(on, {
          title: `困难户入户走访（第${v + 1}次）`,
          kind: "visit",
          visitorUserIds: [staff.user?.id ?? ""],
          visitorPersonIds: party.length ? [party[v % party.length].id] : [],
          partnerOrgIds: [],
          households: Array.from({ length: size }, (_, k) => ({
            householdId: ids[(first + k) % ids.length],
            goods: "",
            moneyFen: 0,
            services: r.pick(["健康随访", "政策宣讲", "家电维修", "心理疏导"]),
            followUp: k === 0 && v % 4 === 1 ? "申请居家适老化改造" : "",
          })),
          note: "",
        }),
    });
  }
  plan.sort((a, b) => a.on.localeCompare(b.on));
  for (const p of plan) await p.make();
  // Two households leave care at the end of November 2024 (moved away; no longer eligible).
  at("2024-11-29");
  await svc.households.archive(staff, ids[ids.length - 1], { on: "2024-11-29", reason: "已搬离本社区" });
  await svc.households.archive(staff, ids[ids.length - 2], { on: "2024-11-29", reason: "家庭收入已超过低保标准" });

  // The last weeks: home visits to a third of the households, so the others are "not visited for months".
  const today = localDate(now, deps.config.timeZone);
  for (let k = 0; k < 4; k++) {
    const on = addDays(today, -7 - k * 9);
    await visit(on, {
      title: "困难户入户走访",
      kind: "visit",
      visitorUserIds: [staff.user?.id ?? ""],
      visitorPersonIds: [],
      partnerOrgIds: [],
      households: ids.slice(k * 5, k * 5 + 5).map((householdId) => ({ householdId, goods: "", moneyFen: 0, services: "健康随访", followUp: "" })),
      note: "",
    });
  }
  log(`care: ${ids.length} households, ${plan.length} visits in 2024 (${CAMPAIGNS.reduce((s, c) => s + c.size, 0) + 40} 户次), 4 in the last weeks`);
}
