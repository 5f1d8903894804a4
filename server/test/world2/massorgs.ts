import type { Builder, Expectation, World2 } from "./types.js";
import { at, countBy, inPeriod, MONTH, ok, orgOf, personOf, V, YEAR } from "./util2.js";

// 群团 in the second community: women's federations (one under another, in a grid), a youth league,
// members joining and leaving on the first and last days of years, brand projects applied for with
// results, nominations of people and organisations with results given later. All are the
// community's figures (scopeLevel "community"): the grid worker is not asked.

type Org = { key: string; c: 0 | 1; kind: string; parent?: string; grid?: number };
const ORGS: Org[] = [
  { key: "F0", c: 0, kind: "妇联" },
  { key: "FG", c: 0, kind: "网格妇联", parent: "F0", grid: 0 },
  { key: "L0", c: 0, kind: "团委" },
  { key: "F1", c: 1, kind: "妇联" },
];
type Member = { org: string; joinedOn: string; leftOn?: string; chair?: true };
const MEMBERS: Member[] = [
  { org: "F0", joinedOn: "2020-03-08", chair: true },
  { org: "FG", joinedOn: "2023-12-31" },
  { org: "FG", joinedOn: "2024-01-01", leftOn: "2024-12-31" },
  { org: "L0", joinedOn: "2025-01-01" },
  { org: "F0", joinedOn: "2024-06-30", leftOn: "2025-06-15" },
  { org: "F1", joinedOn: "2023-05-01", chair: true },
];
type App = { org: string; level: string; appliedOn: string; result?: "approved" | "rejected"; resultOn?: string };
const APPS: App[] = [
  { org: "F0", level: "district", appliedOn: "2023-12-31", result: "approved", resultOn: "2024-01-20" },
  { org: "F0", level: "city", appliedOn: "2024-01-01", result: "rejected", resultOn: "2024-03-01" },
  { org: "F0", level: "subdistrict", appliedOn: "2025-11-30" },
  { org: "F1", level: "district", appliedOn: "2024-06-30" },
];
/** A nomination of a member (by index) or an organisation, with its result and the result's date. */
type Nom = { c: 0 | 1; member?: number; org?: string; award: string; level: string; on: string; result?: "awarded" | "not_awarded"; resultOn?: string };
const NOMS: Nom[] = [
  { c: 0, member: 0, award: "两红两优", level: "district", on: "2023-12-31", result: "awarded", resultOn: "2024-01-05" },
  { c: 0, org: "L0", award: "五四红旗团支部", level: "city", on: "2024-01-01", result: "not_awarded", resultOn: "2024-02-01" },
  { c: 0, member: 1, award: "三八红旗手", level: "district", on: "2025-03-01" },
  { c: 1, member: 5, award: "最美家庭", level: "district", on: "2024-12-31", result: "awarded", resultOn: "2025-01-01" },
];
const leaderOf = (c: 0 | 1) => (c === 0 ? V.leader0 : V.leader1);
const org = (k: string) => ORGS.find((o) => o.key === k) as Org;

export const builder: Builder = {
  module: "massorgs",
  async build(w: World2): Promise<Expectation[]> {
    const ids: Record<string, string> = {};
    for (const o of ORGS)
      ids[o.key] = await orgOf(w, o.c, o.kind, `${w.communities[o.c].name}${o.kind === "妇联" ? "妇女联合会" : o.kind === "团委" ? "团委" : "第1网格妇联"}`, "2020-03-08", {
        ...(o.parent ? { parentId: ids[o.parent] } : {}),
        ...(o.grid !== undefined ? { gridId: w.communities[o.c].grids[o.grid].id } : {}),
      });
    const persons: string[] = [];
    for (const [i, m] of MEMBERS.entries()) {
      const o = org(m.org);
      const p = await personOf(w, o.c, o.grid ?? i % 2);
      persons.push(p.id);
      const a = await at(w, `${m.joinedOn < "2023-01-01" ? "2023-01-03" : m.joinedOn}T10:00:00`, leaderOf(o.c));
      const d = ok(await a.post(`/api/massorgs/orgs/${ids[m.org]}/members`, { personId: p.id, joinedOn: m.joinedOn, ...(m.chair ? { role: "chair" } : {}) }));
      if (m.leftOn) {
        const id = d.members.find((x: { personId: string }) => x.personId === p.id).id;
        ok(await (await at(w, `${m.leftOn}T16:00:00`, leaderOf(o.c))).post(`/api/massorgs/orgs/${ids[m.org]}/members/${id}/leave`, { on: m.leftOn }));
      }
    }
    const projects: Record<string, string> = {};
    for (const x of APPS) {
      const o = org(x.org);
      let a = await at(w, `${x.appliedOn}T10:00:00`, leaderOf(o.c));
      if (!projects[x.org]) {
        const d = ok(await a.post("/api/massorgs/brand-projects", { orgId: ids[x.org], name: `${w.communities[o.c].name}巾帼品牌`, startedOn: "2023-03-01" }));
        projects[x.org] = d.brandProjects[0].id;
      }
      const made = ok(await a.post(`/api/massorgs/brand-projects/${projects[x.org]}/applications`, { title: `${x.level}品牌项目`, level: x.level, appliedOn: x.appliedOn }));
      if (x.result) {
        a = await at(w, `${x.resultOn}T10:00:00`, leaderOf(o.c));
        ok(await a.post(`/api/massorgs/applications/${made.id}/result`, { result: x.result, on: x.resultOn }));
      }
    }
    for (const n of NOMS) {
      let a = await at(w, `${n.on}T10:00:00`, leaderOf(n.c));
      const made = ok(
        await a.post("/api/massorgs/nominations", {
          communityId: w.communities[n.c].id,
          nomineeKind: n.org ? "org" : "person",
          ...(n.org ? { orgId: ids[n.org] } : { personId: persons[n.member as number] }),
          award: n.award,
          level: n.level,
          nominatedOn: n.on,
        }),
      );
      if (n.result) {
        a = await at(w, `${n.resultOn}T10:00:00`, leaderOf(n.c));
        ok(await a.post(`/api/massorgs/nominations/${made.id}/result`, { result: n.result, on: n.resultOn }));
      }
    }

    const periods = [YEAR(2023), YEAR(2024), YEAR(2025), MONTH(2023, 12), MONTH(2024, 1), MONTH(2025, 6)];
    const views = [
      { viewer: V.leader0, sees: (c: number) => c === 0 },
      { viewer: V.leader1, sees: (c: number) => c === 1 },
      { viewer: V.supervisor, sees: () => true },
    ];
    const out: Expectation[] = [];
    for (const v of views)
      for (const per of periods) {
        const base = { from: per.from, to: per.to, viewer: v.viewer };
        const noms = NOMS.filter((n) => v.sees(n.c) && inPeriod(n.on, per));
        // The result breakdown is each nomination's result as it stands (read after every result is in).
        out.push({ key: "massorgs.nominations", ...base, value: noms.length, groups: { by: "nominee", values: countBy(noms, (n) => (n.org ? "org" : "person")) } });
        const honours = NOMS.filter((n) => v.sees(n.c) && n.result === "awarded" && inPeriod(n.resultOn as string, per));
        out.push({ key: "massorgs.honours", ...base, value: honours.length, groups: { by: "level", values: countBy(honours, (n) => n.level) } });
        const apps = APPS.filter((x) => v.sees(org(x.org).c) && inPeriod(x.appliedOn, per));
        out.push({ key: "massorgs.brand_applications", ...base, value: apps.length, groups: { by: "result", values: countBy(apps, (x) => x.result ?? "pending") } });
        const members = MEMBERS.filter((m) => v.sees(org(m.org).c) && m.joinedOn <= per.to && !(m.leftOn && m.leftOn <= per.to));
        out.push({ key: "massorgs.members", ...base, value: members.length, groups: { by: "kind", values: countBy(members, (m) => org(m.org).kind) } });
      }
    return out;
  },
};
