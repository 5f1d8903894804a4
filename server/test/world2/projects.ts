import type { Builder, Expectation, World2 } from "./types.js";
import { addDaysTo, at, countBy, inPeriod, MONTH, ok, V, YEAR } from "./util2.js";

// 民生微实事 in the second community: projects through every step with their own dates — proposed,
// reviewed, voted, publicised, approved, started, paid, accepted — around the ends of years (one
// approved on 31 December and paid either side of midnight, one cancelled after a payment, one
// rejected at review), satisfaction surveys after acceptance. Projects are the community's (no grid).

type Project = {
  key: string;
  c: 0 | 1;
  kind: "works" | "service" | "goods";
  approvedOn?: string;
  proposedOn: string;
  budget?: number;
  pays?: Array<[string, number]>;
  startedOn?: string;
  acceptedOn?: string;
  cancelledOn?: string;
  rejectedOn?: string;
  surveys?: { on: string; answers: Array<"satisfied" | "fair" | "unsatisfied"> };
};
const PROJECTS: Project[] = [
  {
    key: "A",
    c: 0,
    kind: "works",
    proposedOn: "2023-01-01",
    approvedOn: "2023-01-31",
    budget: 50_000,
    pays: [
      ["2023-01-31", 10_000],
      ["2023-12-31", 20_000],
    ],
    startedOn: "2023-03-01",
    acceptedOn: "2024-01-01",
    surveys: { on: "2024-01-10", answers: ["satisfied", "fair", "unsatisfied"] },
  },
  {
    key: "B",
    c: 0,
    kind: "service",
    proposedOn: "2024-12-01",
    approvedOn: "2024-12-31",
    budget: 80_000,
    pays: [
      ["2024-12-31", 30_000],
      ["2025-01-01", 10_000],
    ],
    startedOn: "2025-01-02",
  },
  { key: "D", c: 0, kind: "goods", proposedOn: "2024-02-10", approvedOn: "2024-03-11", budget: 20_000, pays: [["2024-03-20", 5_000]], cancelledOn: "2024-03-25" },
  { key: "E", c: 0, kind: "works", proposedOn: "2025-06-01", rejectedOn: "2025-06-03" },
  {
    key: "K",
    c: 1,
    kind: "works",
    proposedOn: "2023-12-01",
    approvedOn: "2023-12-31",
    budget: 100_000,
    pays: [["2024-06-30", 60_000]],
    startedOn: "2024-02-01",
    acceptedOn: "2024-12-31",
    surveys: { on: "2025-01-01", answers: ["satisfied", "satisfied"] },
  },
];
/** Each community's yearly budget (projects.annual_budget_fen's default, 2,000,000 yuan). */
const ANNUAL_BUDGET = 2_000_000;
const leaderOf = (c: 0 | 1) => (c === 0 ? V.leader0 : V.leader1);

/** The stage a project had at the end of a day, from its step dates (the approval's steps before it). */
function stageAt(p: Project, to: string): string {
  if (p.cancelledOn && p.cancelledOn <= to) return "cancelled";
  if (p.rejectedOn && p.rejectedOn <= to) return "rejected";
  if (p.acceptedOn && p.acceptedOn <= to) return "accepted";
  if (p.startedOn && p.startedOn <= to) return "implementing";
  if (p.approvedOn && p.approvedOn <= to) return "approved";
  if (p.approvedOn) {
    if (addDaysTo(p.approvedOn, -24) <= to) return "publicised";
    if (addDaysTo(p.approvedOn, -25) <= to) return "voted";
    if (addDaysTo(p.approvedOn, -28) <= to) return "reviewed";
  }
  return "proposed";
}

export const builder: Builder = {
  module: "projects",
  async build(w: World2): Promise<Expectation[]> {
    const ids: Record<string, string> = {};
    // Each step on its own day, the clock there too; steps of all projects in time order.
    const steps: Array<{ t: string; c: 0 | 1; run: (a: Awaited<ReturnType<typeof at>>) => Promise<unknown> }> = [];
    let n = 0;
    for (const p of PROJECTS) {
      const community = w.communities[p.c].id;
      steps.push({
        t: p.proposedOn,
        c: p.c,
        run: async (a) => {
          ids[p.key] = ok(
            await a.post("/api/projects", {
              communityId: community,
              title: `${p.key} 项目${++n}`,
              kind: p.kind,
              place: "小区广场",
              reason: "居民提议",
              estimatedFen: (p.budget ?? 1000) * 100,
              proposerKind: "staff",
              proposerName: "社区工作人员",
              proposedOn: p.proposedOn,
            }),
          ).id;
        },
      });
      if (p.rejectedOn) steps.push({ t: p.rejectedOn, c: p.c, run: async (a) => ok(await a.post(`/api/projects/${ids[p.key]}/review`, { passed: false, note: "不符合条件", on: p.rejectedOn })) });
      if (p.approvedOn) {
        const d = (k: number) => addDaysTo(p.approvedOn as string, k);
        steps.push({ t: d(-28), c: p.c, run: async (a) => ok(await a.post(`/api/projects/${ids[p.key]}/review`, { passed: true, on: d(-28) })) });
        steps.push({
          t: d(-25),
          c: p.c,
          run: async (a) =>
            ok(await a.post("/api/projects/meetings", { communityId: community, title: "居民议事会", heldOn: d(-25), membersPresent: 9, votes: [{ projectId: ids[p.key], votesFor: 7 }] })),
        });
        steps.push({ t: d(-24), c: p.c, run: async (a) => ok(await a.post(`/api/projects/${ids[p.key]}/publicise`, { on: d(-24) })) });
        steps.push({
          t: d(0),
          c: p.c,
          run: async (a) =>
            ok(
              await a.post(`/api/projects/${ids[p.key]}/approve`, {
                budgetFen: (p.budget as number) * 100,
                contractor: "承接单位",
                plannedStart: d(0),
                plannedEnd: d(300),
                on: d(0),
              }),
            ),
        });
      }
      for (const [on, yuan] of p.pays ?? [])
        steps.push({ t: `${on}~pay`, c: p.c, run: async (a) => ok(await a.post(`/api/projects/${ids[p.key]}/payments`, { paidOn: on, amountFen: yuan * 100, voucher: `${p.key}-${on}` })) });
      if (p.startedOn) {
        const on = p.startedOn;
        steps.push({ t: on, c: p.c, run: async (a) => ok(await a.post(`/api/projects/${ids[p.key]}/progress`, { month: on.slice(0, 7), percent: 30, on })) });
      }
      if (p.cancelledOn) steps.push({ t: p.cancelledOn, c: p.c, run: async (a) => ok(await a.post(`/api/projects/${ids[p.key]}/cancel`, { reason: "选址变更", on: p.cancelledOn })) });
      if (p.acceptedOn) {
        const on = p.acceptedOn;
        // Finished (100%) on the day it is accepted, after that day's payments.
        steps.push({ t: `${on}~~1`, c: p.c, run: async (a) => ok(await a.post(`/api/projects/${ids[p.key]}/progress`, { month: on.slice(0, 7), percent: 100, on })) });
        steps.push({ t: `${on}~~2`, c: p.c, run: async (a) => ok(await a.post(`/api/projects/${ids[p.key]}/accept`, { acceptors: ["验收人"], passed: true, on })) });
      }
      if (p.surveys) {
        const s = p.surveys;
        steps.push({ t: s.on, c: p.c, run: async (a) => Promise.all(s.answers.map(async (answer) => ok(await a.post(`/api/projects/${ids[p.key]}/survey`, { answer })))) });
      }
    }
    steps.sort((x, y) => x.t.localeCompare(y.t));
    for (const s of steps) await s.run(await at(w, `${s.t.slice(0, 10)}T${s.t.includes("~") ? "16" : "10"}:00:00`, leaderOf(s.c)));

    const periods = [YEAR(2023), YEAR(2024), YEAR(2025), MONTH(2024, 1), MONTH(2024, 3), MONTH(2024, 12)];
    const views = [
      { viewer: V.leader0, sees: (c: number) => c === 0, communities: 1 },
      { viewer: V.leader1, sees: (c: number) => c === 1, communities: 1 },
      { viewer: V.supervisor, sees: () => true, communities: 2 },
    ];
    const out: Expectation[] = [];
    for (const v of views)
      for (const per of periods) {
        const base = { from: per.from, to: per.to, viewer: v.viewer };
        const mine = PROJECTS.filter((p) => v.sees(p.c));
        const carried = mine.filter(
          (p) => p.approvedOn && p.approvedOn <= per.to && !(p.acceptedOn && p.acceptedOn < per.from) && !(p.cancelledOn && p.cancelledOn < per.from),
        );
        out.push({ key: "projects.count", ...base, value: carried.length, groups: { by: "stage", values: countBy(carried, (p) => stageAt(p, per.to)) } });
        const pays = carried.flatMap((p) => (p.pays ?? []).filter(([on]) => inPeriod(on, per)).map(([on, yuan]) => ({ p, on, yuan })));
        const spend = pays.reduce((s, x) => s + x.yuan, 0);
        out.push({ key: "projects.spend", ...base, value: spend, groups: { by: "month", values: countBy(pays, (x) => x.on.slice(0, 7), (x) => x.yuan) } });
        const committed = mine.filter((p) => p.approvedOn && inPeriod(p.approvedOn, per) && !p.cancelledOn);
        out.push({
          key: "projects.budget_committed",
          ...base,
          value: committed.reduce((s, p) => s + (p.budget as number), 0),
          groups: { by: "kind", values: countBy(committed, (p) => p.kind, (p) => p.budget as number) },
        });
        const proposed = mine.filter((p) => inPeriod(p.proposedOn, per));
        out.push({ key: "projects.proposals", ...base, value: proposed.length, groups: { by: "stage", values: countBy(proposed, (p) => stageAt(p, per.to)) } });
        const answers = mine.flatMap((p) => (p.surveys && inPeriod(p.surveys.on, per) ? p.surveys.answers.map((a) => ({ p, a })) : []));
        const good = (xs: typeof answers) => xs.filter((x) => x.a !== "unsatisfied").length;
        const byProject: Record<string, number> = {};
        for (const p of mine) {
          const xs = answers.filter((x) => x.p === p);
          if (xs.length) byProject[ids[p.key]] = good(xs) / xs.length;
        }
        out.push({ key: "projects.satisfaction", ...base, value: answers.length ? good(answers) / answers.length : 0, groups: { by: "project", values: byProject } });
        const years = Number(per.to.slice(0, 4)) - Number(per.from.slice(0, 4)) + 1;
        out.push({ key: "projects.budget_used", ...base, value: spend / (ANNUAL_BUDGET * v.communities * years) });
      }
    return out;
  },
};
