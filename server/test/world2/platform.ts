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
    const archived = new Set([gone.id]);

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

    // One account disabled (no longer counted).
    const staff = made.users.find((u) => u.username === "w2staff0")!;
    const admin = await w.as("admin");
    const dis = await admin.patch(`/api/users/${staff.id}`, { disabled: true });
    if (dis.statusCode !== 200) throw new Error(`disable account: ${dis.statusCode} ${dis.body}`);
    const disabled = new Set([staff.id]);

    const ours = new Set([c0.id, c1.id]);
    const communityOfRegion = new Map<string, { communityId: string; gridId: string | null }>([
      [w.subdistrict.id, { communityId: w.subdistrict.id, gridId: null }],
    ]);
    for (const c of [c0, c1]) {
      communityOfRegion.set(c.id, { communityId: c.id, gridId: null });
      for (const g of c.grids) communityOfRegion.set(g.id, { communityId: c.id, gridId: g.id });
    }
    const people = made.people.filter((p) => ours.has(p.communityId) && !archived.has(p.id));
    const orgs = made.orgs.filter((o) => ours.has(o.communityId));
    const standing = (p: Period) => orgs.filter((o) => o.foundedOn === null || o.foundedOn <= p.to);
    const users = made.users.filter((u) => !disabled.has(u.id));

    const gridKey = (r: { gridId: string | null }) => r.gridId ?? "";
    const out = [
      ...expectAll(w, "platform.people", {
        gridScoped: true,
        value: (_p, holds) => people.filter(holds).length,
        groups: { by: "kind", values: (_p, holds) => countBy(people.filter(holds), (x) => x.kind) },
      }),
      ...expectAll(w, "platform.people", {
        gridScoped: true,
        periods: [{ from: "2024-01-01", to: "2024-12-31" }],
        value: (_p, holds) => people.filter(holds).length,
        groups: { by: "grid", values: (_p, holds) => countBy(people.filter(holds), gridKey) },
      }),
      ...KINDS.flatMap((kind) =>
        expectAll(w, KIND_FIGURES[kind], {
          gridScoped: true,
          value: (_p, holds) => people.filter((x) => x.kind === kind && holds(x)).length,
          groups: {
            by: "grid",
            values: (_p, holds) =>
              countBy(
                people.filter((x) => x.kind === kind && holds(x)),
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
        value: (_p, holds) => users.filter((u) => communityOfRegion.has(u.scopeRegionId) && holds(communityOfRegion.get(u.scopeRegionId)!)).length,
        groups: {
          by: "role",
          values: (_p, holds) =>
            countBy(
              users.filter((u) => communityOfRegion.has(u.scopeRegionId) && holds(communityOfRegion.get(u.scopeRegionId)!)),
              (u) => u.role,
            ),
        },
      }),
      ...expectAll(w, "platform.grids", {
        gridScoped: false,
        value: (_p, holds) => [c0, c1].flatMap((c) => c.grids.map((g) => ({ communityId: c.id, gridId: g.id }))).filter(holds).length,
      }),
    ];
    return out;
  },
};
