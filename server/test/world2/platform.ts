import { endOfLocalDay } from "../../platform/dates.js";
import { countBy, expectAll, type Period } from "./common.js";
import type { Builder } from "./types.js";

// The platform's registers: residents, organisations, accounts, grids. Runs last (the runner's rule
// for module "platform"), so its figures are expected over everything the builders registered
// through the factories (w.made), its own records included.

const KINDS = ["registered", "migrant", "foreign"] as const;
const KIND_FIGURES = { registered: "platform.people_registered", migrant: "platform.people_migrant", foreign: "platform.people_foreign" } as const;

export const platform: Builder = {
  module: "platform",
  async build(w) {
    const [c0, c1] = w.communities;
    const f = w.env.factories;
    const made = w.made!;
    // Registered now (the community moves in at the end of 2025), with founding dates of their own.
    w.setNow("2025-12-01T10:00:00");
    // Residents: a different mix in every grid, so every figure differs per community and grid.
    const plan: Array<[typeof c0, number, [number, number, number]]> = [
      [c0, 0, [5, 3, 1]],
      [c0, 1, [2, 4, 0]],
      [c0, 2, [0, 2, 1]],
      [c1, 0, [3, 2, 0]],
      [c1, 1, [0, 4, 2]],
    ];
    for (const [c, gi, counts] of plan)
      for (const [ki, n] of counts.entries()) if (n) await f.makePeople(n, c, c.grids[gi], () => ({ kind: KINDS[ki], age: [20, 70] }));
    // One resident without a grid (the community's as a whole) and one who moved away (archived).
    await f.makePerson(c1, null, { kind: "registered" });
    const gone = await f.makePerson(c0, c0.grids[0], { kind: "migrant" });
    const leader0 = await w.as("w2leader0");
    const res = await leader0.patch(`/api/people/${gone.id}`, { archived: true });
    if (res.statusCode !== 200) throw new Error(`archive person: ${res.statusCode} ${res.body}`);
    const now = () => w.env.app.deps.clock.now().toISOString();
    const archived = new Map([[gone.id, now()]]);

    // Organisations founded in each of the three years (or of unknown date), of several kinds.
    const orgPlan: Array<[typeof c0, number | null, string, string | null]> = [
      [c0, 0, "网格妇联", "2023-03-08"],
      [c0, 1, "网格妇联", "2024-06-30"],
      [c0, 2, "网格妇联", "2025-01-01"],
      [c1, 0, "网格妇联", "2024-12-31"],
      [c0, null, "三新妇女组织", "2023-12-31"],
      [c0, null, "三新妇女组织", "2025-03-15"],
      [c1, null, "三新妇女组织", "2024-07-01"],
      [c0, 0, "学校", null],
      [c0, 1, "企业", "2025-03-31"],
      [c1, 1, "社会组织", "2023-01-01"],
      [c1, null, "物业公司", "2025-06-30"],
    ];
    let k = 0;
    for (const [c, gi, kind, foundedOn] of orgPlan)
      await f.makeOrg(c, { name: `${c.name}${kind}${++k}`, kind: kind as any, gridId: gi === null ? null : c.grids[gi].id, foundedOn });

    // Grids with a history: one set up on 2024-07-01 but drawn in Shequ only now (its 设立日期 counts,
    // not the day it was entered), one set up in 2023 and archived on 2025-03-15 (re-gridding).
    const admin0 = await w.as("admin");
    const late = await admin0.post("/api/regions", {
      parentId: c1.id,
      level: "grid",
      name: "樟坑径第3网格",
      code: "44030901000203",
      establishedOn: "2024-07-01",
    });
    if (late.statusCode !== 200 && late.statusCode !== 201) throw new Error(`grid: ${late.statusCode} ${late.body}`);
    w.setNow("2023-06-01T10:00:00");
    const old = await admin0.post("/api/regions", { parentId: c1.id, level: "grid", name: "樟坑径老网格", code: "44030901000209" });
    if (old.statusCode !== 200 && old.statusCode !== 201) throw new Error(`grid: ${old.statusCode} ${old.body}`);
    w.setNow("2025-03-15T10:00:00");
    const admin1 = await w.as("admin");
    const arch = await admin1.patch(`/api/regions/${old.json().id}`, { archived: true });
    if (arch.statusCode !== 200) throw new Error(`archive grid: ${arch.statusCode} ${arch.body}`);
    w.setNow("2025-12-01T10:00:00");
    /** A grid stands at the end of a period: set up by then and not archived by then (local dates). */
    const extraGrids = [
      { communityId: c1.id, gridId: late.json().id as string, from: "2024-07-01", until: null as string | null },
      { communityId: c1.id, gridId: old.json().id as string, from: "2023-06-01", until: "2025-03-15" },
    ];
    const gridStands = (p: Period, g: { from: string; until: string | null }) => g.from <= p.to && (g.until === null || g.until > p.to);

    // One account disabled (no longer counted).
    const staff = made.users.find((u) => u.username === "w2staff0")!;
    const admin = await w.as("admin");
    const dis = await admin.patch(`/api/users/${staff.id}`, { disabled: true });
    if (dis.statusCode !== 200) throw new Error(`disable account: ${dis.statusCode} ${dis.body}`);
    const disabled = new Map([[staff.id, now()]]);

    const ours = new Set([c0.id, c1.id]);
    const communityOfRegion = new Map<string, { communityId: string; gridId: string | null }>([
      [w.subdistrict.id, { communityId: w.subdistrict.id, gridId: null }],
    ]);
    for (const c of [c0, c1]) {
      communityOfRegion.set(c.id, { communityId: c.id, gridId: null });
      for (const g of c.grids) communityOfRegion.set(g.id, { communityId: c.id, gridId: g.id });
    }
    // Stocks at the period's end: registered before local midnight ending its last day, not archived (disabled) by then.
    const endOf = (p: Period) => endOfLocalDay(p.to, w.timeZone ?? "Asia/Shanghai").toISOString();
    const goneBy = (m: Map<string, string>, id: string, p: Period) => (m.get(id) ?? "9999") < endOf(p);
    const peopleAt = (p: Period) => made.people.filter((x) => ours.has(x.communityId) && x.at < endOf(p) && !goneBy(archived, x.id, p));
    const orgs = made.orgs.filter((o) => ours.has(o.communityId));
    const standing = (p: Period) => orgs.filter((o) => o.foundedOn === null || o.foundedOn <= p.to);
    const usersAt = (p: Period) => made.users.filter((u) => u.at < endOf(p) && !goneBy(disabled, u.id, p));

    const gridKey = (r: { gridId: string | null }) => r.gridId ?? "";
    const out = [
      ...expectAll(w, "platform.people", {
        gridScoped: true,
        value: (_p, holds) => peopleAt(_p).filter(holds).length,
        groups: { by: "kind", values: (_p, holds) => countBy(peopleAt(_p).filter(holds), (x) => x.kind) },
      }),
      ...expectAll(w, "platform.people", {
        gridScoped: true,
        periods: [{ from: "2024-01-01", to: "2024-12-31" }],
        value: (_p, holds) => peopleAt(_p).filter(holds).length,
        groups: { by: "grid", values: (_p, holds) => countBy(peopleAt(_p).filter(holds), gridKey) },
      }),
      ...KINDS.flatMap((kind) =>
        expectAll(w, KIND_FIGURES[kind], {
          gridScoped: true,
          value: (_p, holds) => peopleAt(_p).filter((x) => x.kind === kind && holds(x)).length,
          groups: {
            by: "grid",
            values: (_p, holds) =>
              countBy(
                peopleAt(_p).filter((x) => x.kind === kind && holds(x)),
                gridKey,
              ),
          },
        }),
      ),
      ...expectAll(w, "platform.organisations", {
        gridScoped: true,
        value: (p, holds) => standing(p).filter(holds).length,
        groups: { by: "kind", values: (p, holds) => countBy(standing(p).filter(holds), (o) => o.kind) },
      }),
      ...expectAll(w, "orgs.grid_women_federations", {
        gridScoped: true,
        value: (p, holds) => standing(p).filter((o) => o.kind === "网格妇联" && holds(o)).length,
        groups: {
          by: "grid",
          values: (p, holds) =>
            countBy(
              standing(p).filter((o) => o.kind === "网格妇联" && holds(o)),
              gridKey,
            ),
        },
      }),
      ...expectAll(w, "orgs.new_sector_women_orgs", {
        gridScoped: false,
        value: (p, holds) => standing(p).filter((o) => o.kind === "三新妇女组织" && holds(o)).length,
      }),
      ...expectAll(w, "platform.accounts", {
        gridScoped: false,
        value: (_p, holds) => usersAt(_p).filter((u) => communityOfRegion.has(u.scopeRegionId) && holds(communityOfRegion.get(u.scopeRegionId)!)).length,
        groups: {
          by: "role",
          values: (_p, holds) =>
            countBy(
              usersAt(_p).filter((u) => communityOfRegion.has(u.scopeRegionId) && holds(communityOfRegion.get(u.scopeRegionId)!)),
              (u) => u.role,
            ),
        },
      }),
      ...expectAll(w, "platform.grids", {
        gridScoped: false,
        value: (p, holds) =>
          [c0, c1].flatMap((c) => c.grids.map((g) => ({ communityId: c.id, gridId: g.id }))).filter(holds).length +
          extraGrids.filter((g) => gridStands(p, g) && holds(g)).length,
      }),
    ];
    return out;
  },
};
