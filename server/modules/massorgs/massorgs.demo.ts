import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import type { Deps } from "../../platform/http.js";
import { createPeopleService } from "../../platform/people/people.service.js";
import { scopeOf } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { DemoContext } from "../types.js";
import type { MassOrgsService } from "./massorgs.service.js";

// The demo community's 群团 through the module's service, over the demo's movable clock. The
// organisations are the platform's (the seed made 福民社区妇女联合会, its 6 网格妇联 and 3 "三新"
// 妇女组织 founded in 2024, 共青团福民社区委员会 and 鹏城驾校团支部); here their members and leaders,
// the brand projects the report names with the district-level 妇女儿童特色项目 application, and the
// 2024 nominations it names: 陈苗叶 and 鹏城驾校团支部 for 两红两优.
export const SEED_2024 = { nominations: 3, applications: 1 };

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

export async function seedMassOrgs(svc: MassOrgsService, deps: Pick<Deps, "db" | "config" | "audit" | "clock">, ctx: DemoContext) {
  const { world, clock, log } = ctx;
  const { db } = deps;
  const staff = await whoFor(db, "staff");
  const at = (date: string) => clock.set(`${date}T02:00:00.000Z`);
  const org = (name: string) => {
    const id = world.orgs[name];
    if (!id) throw new Error(`massorgs demo: no organisation ${name}`);
    return id;
  };
  const women = await db
    .selectFrom("people")
    .select(["id", "grid_id", "name"])
    .where("community_id", "=", world.communityId)
    .where("gender", "=", "F")
    .where("archived", "=", 0)
    .where("birth_date", "<=", "2000-01-01")
    .where("birth_date", ">=", "1960-01-01")
    .orderBy("id")
    .execute();
  const used = new Set<string>();
  const take = (gridId?: string) => {
    const p = women.find((w) => !used.has(w.id) && (!gridId || w.grid_id === gridId)) ?? women.find((w) => !used.has(w.id));
    if (!p) throw new Error("massorgs demo: not enough women on the registry");
    used.add(p.id);
    return p.id;
  };
  let members = 0;
  const add = async (orgName: string, role: "chair" | "deputy" | "member", joinedOn: string, gridId?: string) => {
    at(joinedOn);
    await svc.addMember(staff, org(orgName), { personId: take(gridId), role, joinedOn });
    members++;
  };
  await add("福民社区妇女联合会", "chair", "2021-03-08");
  await add("福民社区妇女联合会", "deputy", "2021-03-08");
  for (let i = 0; i < 6; i++) {
    const founded = `2024-0${3 + (i % 3)}-08`;
    await add(`第${i + 1}网格妇联`, "chair", founded, world.grids[i].id);
    for (let k = 0; k < 3; k++) await add(`第${i + 1}网格妇联`, "member", founded, world.grids[i].id);
  }
  for (const name of ["福城快递小哥妇女联合会", "福民新业态女性联盟", "观澜湖园区企业妇联"]) {
    await add(name, "chair", "2024-06-01");
    await add(name, "member", "2024-06-01");
  }
  await add("共青团福民社区委员会", "chair", "2022-05-04");
  await add("鹏城驾校团支部", "chair", "2023-05-04", world.grids[8].id);

  // Brand projects and the district-level 妇女儿童特色项目 application.
  at("2024-03-01");
  await svc.addBrandProject(staff, {
    orgId: org("福民社区妇女联合会"),
    name: "亲子自然教育",
    description: "带领社区家庭走进公园与河道，开展自然观察与环保教育",
    startedOn: "2024-03-01",
  });
  await svc.addBrandProject(staff, {
    orgId: org("福民社区妇女联合会"),
    name: "家长教育工坊",
    description: "面向社区家长的家庭教育课程与交流",
    startedOn: "2024-03-01",
  });
  at("2024-07-01");
  await svc.addBrandProject(staff, {
    orgId: org("共青团福民社区委员会"),
    name: "FUN飞童想暑期夏令营",
    description: "暑期青少年夏令营",
    startedOn: "2024-07-01",
  });
  const nature = (await svc.detail(staff.scope, org("福民社区妇女联合会"))).brandProjects.find((p) => p.name === "亲子自然教育");
  at("2024-06-20");
  if (nature)
    await svc.apply(staff, nature.id, { title: "龙华区妇女儿童特色项目品牌申报：亲子自然教育", level: "district", appliedOn: "2024-06-20", note: "" });

  // 2024 honours: 陈苗叶 (registered as a resident if not on the registry) and 鹏城驾校团支部 for 两红两优.
  let chen = await db.selectFrom("people").select("id").where("community_id", "=", world.communityId).where("name", "=", "陈苗叶").executeTakeFirst();
  if (!chen) {
    at("2024-04-01");
    const people = createPeopleService({ db, audit: deps.audit, clock, timeZone: deps.config.timeZone });
    const id = await people.create(staff, {
      communityId: world.communityId,
      gridId: world.grids[1].id,
      estateId: world.estates.福悦花园 ?? null,
      name: "陈苗叶",
      gender: "F",
      birthDate: "1986-05-12",
      idNumber: null,
      phone: null,
      address: "龙华区福城街道福悦花园8栋1203室",
      kind: "registered",
      tags: ["志愿者"],
      note: null,
    });
    chen = { id };
  }
  at("2024-04-15");
  const byCommittee = org("中共福民社区委员会");
  const n1 = await svc.nominate(staff, {
    communityId: world.communityId,
    nomineeKind: "person",
    personId: chen.id,
    award: "两红两优",
    level: "district",
    nominatedOn: "2024-04-15",
    byOrgId: byCommittee,
    note: "",
  });
  const n2 = await svc.nominate(staff, {
    communityId: world.communityId,
    nomineeKind: "org",
    orgId: org("鹏城驾校团支部"),
    award: "两红两优",
    level: "city",
    nominatedOn: "2024-04-15",
    byOrgId: org("共青团福民社区委员会"),
    note: "",
  });
  await svc.nominate(staff, {
    communityId: world.communityId,
    nomineeKind: "person",
    personId: chen.id,
    award: "两红两优",
    level: "province",
    nominatedOn: "2024-04-15",
    byOrgId: byCommittee,
    note: "",
  });
  at("2024-06-28");
  await svc.nominationResult(staff, n1, { result: "awarded", on: "2024-06-28" });
  await svc.nominationResult(staff, n2, { result: "awarded", on: "2024-06-28" });
  log(`massorgs: ${members} members, 3 brand projects, 1 application, 3 nominations (2024)`);
}
