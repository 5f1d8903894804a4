import { STEPS } from "../../../contracts/party.js";
import { addDays, addMonths } from "../../platform/dates.js";
import { countBy, expectAll, importXlsx, ok, PERIODS, type Period, ratio, ratioBy, within } from "./common.js";
import { type Builder, READ_AT, W2_USERS } from "./types.js";

// 党建: each community's party organisations (imported, one urban-village branch founded in the
// years of the test), members on the register (joined, made full, transferred out at dates of
// their own), meetings of every kind, committee posts (imported, some ended), by-elections,
// appointments and a cooperative's term election (imported), and applicants with the date of
// each step (imported through the pipeline's rules; one admitted, one who left, two overdue).

type Member = {
  communityId: string;
  personId: string;
  orgId: string;
  joinedOn: string;
  fullOn: string | null;
  outOn: string | null;
  education: string | null;
  birth: string;
  gender: "M" | "F";
  probationary: boolean;
};
type Meeting = { communityId: string; orgId: string; type: string; heldOn: string; committee: boolean };
type Post = { communityId: string; orgId: string; personId: string; from: string; endedOn: string | null; certified: boolean; certifiedOn?: string };
type Election = { communityId: string; kind: "换届" | "补选" | "任免"; heldOn: string; company: boolean; post: string | null; orgId: string };
type Applicant = { communityId: string; orgId: string; steps: string[]; leftOn: string | null; birth: string; gender: "M" | "F" };
type VillageBranch = { communityId: string; foundedOn: string };
type BoardSeat = {
  communityId: string;
  companyId: string;
  personId: string;
  post: string;
  from: string;
  endedOn: string | null;
  secretaryId: string;
  secretaryFrom: string;
};

/** The pipeline's dates of a party-history test: steps 1…17 a rule-abiding year and a half apart, shifted by `years`. */
const STEP_DATES = [
  "2023-03-01",
  "2023-03-20",
  "2023-04-10",
  "2023-04-20",
  "2023-04-25",
  "2023-10-25",
  "2024-04-15",
  "2024-04-20",
  "2024-04-25",
  "2024-05-10",
  "2024-05-20",
  "2024-05-25",
  "2024-06-01",
  "2024-06-05",
  "2024-06-20",
  "2024-06-25",
  "2024-07-10",
];
const shifted = (years: number, n: number) => STEP_DATES.slice(0, n).map((d) => addMonths(d, 12 * years));
const col = (n: number) => `${n} ${STEPS[n - 1].zh}`;
const stageOf = (step: number | null) => {
  if (!step) return 1;
  return STEPS[step - 1].stage;
};

export const party: Builder = {
  module: "party",
  async build(w) {
    const f = w.env.factories;
    const today = READ_AT.slice(0, 10);
    w.setNow("2026-01-10T10:00:00");
    const members: Member[] = [];
    const meetings: Meeting[] = [];
    const posts: Post[] = [];
    const elections: Election[] = [];
    const applicants: Applicant[] = [];
    const villages: VillageBranch[] = [];
    const board: BoardSeat[] = [];
    const branches: Array<{ communityId: string; id: string; foundedOn: string }> = [];

    for (const [ci, c] of w.communities.entries()) {
      const leader = await w.as(W2_USERS.leaders[ci]);
      const s = c.name.slice(0, 3);
      const committee = `${s}社区党委`;
      const branch = `${s}第一党支部`;
      const village = `${s}城中村党支部`;
      const villageOn = ci === 0 ? "2024-05-01" : "2025-03-31";
      const orgRows: Array<Record<string, string>> = [
        { 组织名称: committee, 层级: "党委", 类型: "社区", 成立日期: "2010-07-01" },
        { 组织名称: branch, 上级党组织: committee, 层级: "党支部", 类型: "社区", 成立日期: "2012-01-01" },
        { 组织名称: village, 上级党组织: committee, 层级: "党支部", 类型: "城中村", 成立日期: villageOn },
      ];
      await importXlsx(leader, `/api/party/orgs/import?communityId=${c.id}`, orgRows, "party orgs");
      const again = await importXlsx(leader, `/api/party/orgs/import?communityId=${c.id}`, orgRows, "party orgs");
      if (again.created !== 0) throw new Error(`party orgs re-import created ${again.created}`);
      villages.push({ communityId: c.id, foundedOn: villageOn });
      const list = (await ok(leader.get("/api/party/orgs"), "party orgs")) as Array<{ id: string; name: string }>;
      const idOf = (name: string) => list.find((o) => o.name === name)!.id;
      branches.push({ communityId: c.id, id: idOf(branch), foundedOn: "2012-01-01" }, { communityId: c.id, id: idOf(village), foundedOn: villageOn });
      // The party organisations are organisations of the register too (kind 党组织).
      for (const r of orgRows)
        w.made?.orgs.push({ id: idOf(r.组织名称), communityId: c.id, gridId: null, kind: "党组织", foundedOn: r.成立日期, name: r.组织名称 });
      const company = await f.makeOrg(c, { name: `${s}股份合作公司`, kind: "股份合作公司", foundedOn: "1992-01-01" });

      // Members of the first branch.
      const plan: Array<[string, string, "M" | "F", string, string | null, string | null, string, boolean]> =
        ci === 0
          ? [
              ["老党员", "1960-03-03", "M", "1998-07-01", null, null, "大学本科", false],
              ["女党员", "1985-08-08", "F", "2010-07-01", null, null, "高中", false],
              ["新党员", "1995-01-01", "M", "2023-06-01", null, null, "研究生", false],
              ["转正党员", "1998-12-31", "F", "2024-03-01", "2025-03-01", null, "大学专科", false],
              ["转出党员", "1958-05-05", "M", "2005-01-01", null, "2024-09-30", "中专", false],
              ["预备党员", "2000-02-29", "F", "2025-05-01", null, null, "大学本科", true],
            ]
          : [
              ["老党员", "1966-06-06", "M", "2000-07-01", null, null, "大学本科", false],
              ["女党员", "1990-02-28", "F", "2024-02-29", null, null, "大学专科", false],
              ["预备党员", "1999-09-09", "F", "2025-01-01", null, null, "高中", true],
              ["支委", "1980-10-10", "M", "2015-07-01", null, null, "大学本科", false],
            ];
      const personOf: Record<string, string> = {};
      for (const [nm, birth, gender, joinedOn, fullOn, outOn, education, probationary] of plan) {
        const name = `${s}${nm}`;
        const p = await f.makePerson(c, c.grids[0], { name, birthDate: birth, gender, kind: "registered" });
        personOf[nm] = p.id;
        const m = await ok(
          leader.post("/api/party/members", {
            personId: p.id,
            orgId: idOf(branch),
            status: probationary ? "probationary" : "full",
            joinedOn,
            ...(fullOn ? { fullOn } : {}),
            education,
          }),
          `member ${name}`,
        );
        if (outOn) {
          w.setNow(`${outOn}T10:00:00`);
          await ok(
            (await w.as(W2_USERS.leaders[ci])).post(`/api/party/members/${m.id}/transfer-out`, { on: outOn, to: "龙华区观澜街道某党支部" }),
            "transfer out",
          );
          w.setNow("2026-01-10T10:00:00");
        }
        members.push({ communityId: c.id, personId: p.id, orgId: idOf(branch), joinedOn, fullOn, outOn, education, birth, gender, probationary });
      }

      // Meetings of every kind.
      const leaderNow = await w.as(W2_USERS.leaders[ci]);
      const mplan: Array<[string, string, string]> =
        ci === 0
          ? [
              [committee, "党委会议", "2023-03-01"],
              [committee, "党委会议", "2024-01-01"],
              [committee, "党委会议", "2024-12-31"],
              [committee, "党委会议", "2025-03-31"],
              [committee, "党建工作部署总结会", "2024-02-01"],
              [committee, "党建工作部署总结会", "2025-01-15"],
              [branch, "主题党日", "2023-05-10"],
              [branch, "主题党日", "2024-07-01"],
              [branch, "主题党日", "2025-03-01"],
              [branch, "支委会", "2024-06-30"],
              [branch, "支委会", "2025-03-15"],
              [branch, "党课", "2025-06-30"],
              [branch, "组织生活会", "2024-12-20"],
              [village, "主题党日", "2025-03-20"],
            ]
          : [
              [committee, "党委会议", "2025-01-01"],
              [committee, "党建工作部署总结会", "2025-12-31"],
              [branch, "主题党日", "2024-03-01"],
              [branch, "支部党员大会", "2025-03-31"],
              [branch, "党小组会", "2025-07-01"],
            ];
      for (const [org, type, heldOn] of mplan) {
        await ok(
          leaderNow.post("/api/party/meetings", { orgId: idOf(org), type, heldOn, topic: `${type}（${heldOn}）`, attendance: [] }),
          `meeting ${type} ${heldOn}`,
        );
        meetings.push({ communityId: c.id, orgId: idOf(org), type, heldOn, committee: org === committee });
      }

      // Committee posts (imported), then by-elections, appointments and the cooperative's term election.
      const postRows: Array<Record<string, string>> =
        ci === 0
          ? [
              { 党组织: committee, 姓名: `${s}老党员`, 职务: "书记", 任职日期: "2015-06-15", 持证: "否" },
              { 党组织: committee, 姓名: `${s}转出党员`, 职务: "委员", 任职日期: "2015-06-15", 免职日期: "2024-09-30", 持证: "是" },
              { 党组织: branch, 姓名: `${s}老党员`, 职务: "书记", 任职日期: "2018-06-15", 持证: "是" },
            ]
          : [
              { 党组织: branch, 姓名: `${s}老党员`, 职务: "书记", 任职日期: "2021-06-15", 持证: "是" },
              // The branch's third post from June 2025: a committee (支委会 owed monthly) from then on only.
              { 党组织: branch, 姓名: `${s}支委`, 职务: "纪检委员", 任职日期: "2025-06-01", 持证: "是" },
            ];
      await importXlsx(leaderNow, "/api/party/posts/import", postRows, "party posts");
      for (const r of postRows)
        posts.push({
          communityId: c.id,
          orgId: idOf(r.党组织),
          personId: personOf[r.姓名.slice(3)],
          from: r.任职日期,
          endedOn: r.免职日期 ?? null,
          certified: r.持证 === "是",
        });
      const elRows: Array<Record<string, string>> =
        ci === 0
          ? [
              {
                日期: "2023-06-15",
                组织: `${s}股份合作公司`,
                类别: "换届",
                任期开始: "2023-06-15",
                任期结束: "2026-06-14",
                应到: "30",
                实到: "28",
                赞成: "27",
                批准机关: "福城街道党工委",
              },
              {
                日期: "2024-04-10",
                组织: branch,
                类别: "补选",
                职务: "组织委员",
                "当选/任职": `${s}女党员`,
                应到: "5",
                实到: "5",
                赞成: "5",
                批准机关: committee,
                持证: "否",
              },
              { 日期: "2025-02-01", 组织: branch, 类别: "任免", 职务: "书记", "当选/任职": `${s}新党员`, 免职: `${s}老党员`, 批准机关: committee, 持证: "是" },
            ]
          : [
              {
                日期: "2025-03-31",
                组织: `${s}股份合作公司`,
                类别: "换届",
                任期开始: "2025-03-31",
                任期结束: "2030-03-30",
                应到: "20",
                实到: "19",
                赞成: "19",
                批准机关: "观湖街道党工委",
              },
              {
                日期: "2024-12-31",
                组织: branch,
                类别: "补选",
                职务: "宣传委员",
                "当选/任职": `${s}女党员`,
                应到: "2",
                实到: "2",
                赞成: "2",
                批准机关: committee,
                持证: "是",
              },
            ];
      await importXlsx(leaderNow, "/api/party/elections/import", elRows, "party elections");
      for (const r of elRows) {
        const kind = r.类别 as Election["kind"];
        elections.push({
          communityId: c.id,
          kind,
          heldOn: r.日期,
          company: kind === "换届",
          post: r.职务 ?? null,
          orgId: kind === "换届" ? company.id : idOf(branch),
        });
        if (kind === "换届") continue;
        if (r.免职) {
          const held = posts.find(
            (p) => p.communityId === c.id && p.personId === personOf[r.免职.slice(3)] && p.endedOn === null && r.组织 === branch && p.from === "2018-06-15",
          );
          if (held) held.endedOn = r.日期;
        }
        posts.push({
          communityId: c.id,
          orgId: idOf(branch),
          personId: personOf[r["当选/任职"].slice(3)],
          from: r.日期,
          endedOn: null,
          certified: r.持证 === "是",
        });
      }

      // The cooperative: its party branch (hosted by it), whose secretary is a post of its own, and its
      // board and supervisory board, one chair leaving mid-2024 (c0).
      const coBranch = await ok(
        leaderNow.post("/api/party/orgs", {
          name: `${s}股份合作公司党支部`,
          parentId: idOf(committee),
          level: "党支部",
          partyKind: "股份合作公司",
          hostOrgId: company.id,
          foundedOn: "2016-01-01",
        }),
        "company branch",
      );
      w.made?.orgs.push({ id: coBranch.id, communityId: c.id, gridId: null, kind: "党组织", foundedOn: "2016-01-01", name: `${s}股份合作公司党支部` });
      branches.push({ communityId: c.id, id: coBranch.id, foundedOn: "2016-01-01" });
      const secFrom = ci === 0 ? "2019-01-01" : "2022-01-01";
      const sec = await ok(
        leaderNow.post("/api/party/posts", { orgId: coBranch.id, personId: personOf.老党员, post: "书记", termStart: secFrom, certified: ci === 1 }),
        "company secretary",
      );
      // c0's secretary obtained the certificate on 2024-09-30 (recorded later): certified at the end of
      // 2024 and after, not at the end of 2023; c1's was certified when appointed (date unknown).
      if (ci === 0) await ok(leaderNow.post(`/api/party/posts/${sec.id}/certify`, { on: "2024-09-30" }), "certify secretary");
      posts.push({
        communityId: c.id,
        orgId: coBranch.id,
        personId: personOf.老党员,
        from: secFrom,
        endedOn: null,
        certified: true,
        ...(ci === 0 ? { certifiedOn: "2024-09-30" } : {}),
      });
      const outsider = async (nm: string) => (await f.makePerson(c, c.grids[0], { name: `${s}${nm}`, birthDate: "1970-01-01", kind: "registered" })).id;
      const bplan: Array<[string, string, string, string | null]> =
        ci === 0
          ? [
              [personOf.老党员, "董事长", "2019-01-01", "2024-07-01"],
              [await outsider("董事长乙"), "董事长", "2024-07-01", null],
              [personOf.女党员, "董事", "2019-01-01", null],
              [await outsider("监事丙"), "监事", "2019-01-01", null],
            ]
          : [
              [personOf.老党员, "董事长", "2021-01-01", null],
              [await outsider("监事丁"), "监事", "2021-01-01", null],
            ];
      for (const [personId, post, termStart, endOn] of bplan) {
        const b = await ok(leaderNow.post("/api/party/boards", { companyId: company.id, personId, post, termStart }), `board ${post}`);
        if (endOn) await ok(leaderNow.post(`/api/party/boards/${b.id}/end`, { on: endOn }), "board end");
        board.push({
          communityId: c.id,
          companyId: company.id,
          personId,
          post,
          from: termStart,
          endedOn: endOn,
          secretaryId: personOf.老党员,
          secretaryFrom: secFrom,
        });
      }

      // Applicants with the date of each step.
      const aplan: Array<[string, string[], string | null]> =
        ci === 0
          ? [
              ["申请人甲", shifted(0, 17), null],
              ["申请人乙", shifted(0, 4), null],
              ["申请人丙", ["2025-06-01"], null],
              ["申请人丁", shifted(1, 16), null],
              ["申请人戊", ["2024-09-01", "2024-09-20"], "2025-02-01"],
            ]
          : [
              ["申请人甲", shifted(1, 17), null],
              ["申请人乙", ["2025-12-25"], null],
              ["申请人丙", ["2025-11-01"], null],
            ];
      const full = plan.filter(([, , , , , out, , prob]) => !out && !prob).map(([nm]) => `${s}${nm}`);
      const arows: Array<Record<string, string>> = [];
      for (const [k, [nm, steps, leftOn]] of aplan.entries()) {
        const birth = `199${k}-0${k + 1}-15`;
        const gender = k % 2 ? "F" : "M";
        await f.makePerson(c, c.grids[k % c.grids.length], { name: `${s}${nm}`, birthDate: birth, gender, kind: "registered" });
        const voteDue = full.length;
        arows.push({
          姓名: `${s}${nm}`,
          党支部: branch,
          ...Object.fromEntries(steps.map((d, i) => [col(i + 1), d])),
          ...(steps.length >= 5 ? { 培养联系人: full[0] } : {}),
          ...(steps.length >= 9 ? { 入党介绍人: `${full[0]}、${full[1]}` } : {}),
          ...(steps.length >= 10 ? { 政审结论: "政治合格" } : {}),
          ...(steps.length >= 11 ? { 培训学时: "24" } : {}),
          ...(steps.length >= 15 ? { "支部大会表决（应到/实到/赞成/反对/弃权）": `${voteDue}/${voteDue}/${voteDue}/0/0` } : {}),
          ...(leftOn ? { 退出日期: leftOn, 退出原因: "本人撤回申请" } : {}),
        });
        applicants.push({ communityId: c.id, orgId: idOf(branch), steps, leftOn, birth, gender });
      }
      await importXlsx(leaderNow, "/api/party/applicants/import", arows, "party applicants");
      const againA = await importXlsx(leaderNow, "/api/party/applicants/import", arows, "party applicants");
      if (againA.created !== 0) throw new Error(`applicants re-import created ${againA.created}`);
    }

    // Admitted applicants (step 17) are probationary members from the branch vote (step 15).
    for (const a of applicants)
      if (a.steps.length >= 17 && !a.leftOn)
        members.push({
          communityId: a.communityId,
          personId: "",
          orgId: a.orgId,
          joinedOn: a.steps[14],
          fullOn: null,
          outOn: null,
          education: null,
          birth: a.birth,
          gender: a.gender,
          probationary: true,
        });

    // ---- what each figure must say
    const meetingsIn = (p: Period, types: string[], committeeOnly = false) =>
      meetings.filter((m) => within(m.heldOn, p) && types.includes(m.type) && (!committeeOnly || m.committee));
    const onRegister = (p: Period) => members.filter((m) => m.joinedOn <= p.to && (m.outOn === null || m.outOn > p.to));
    const statusAt = (m: Member, p: Period) => (m.probationary || (m.fullOn !== null && m.fullOn > p.to) ? "probationary" : "full");
    const ageAt = (birth: string, on: string) => {
      const [by, bm, bd] = birth.split("-").map(Number);
      const [y, mo, d] = on.split("-").map(Number);
      return y - by - (mo < bm || (mo === bm && d < (bm === 2 && bd === 29 ? 28 : bd)) ? 1 : 0);
    };
    const band = (birth: string, on: string) => {
      const a = ageAt(birth, on);
      return a <= 35 ? "le35" : a <= 45 ? "36_45" : a <= 55 ? "46_55" : a <= 65 ? "56_65" : "gt65";
    };
    const lastBy = (a: Applicant, to: string) => a.steps.filter((d) => d <= to).length;
    const inPipeline = (p: Period) => applicants.filter((a) => a.steps[0] <= p.to && (a.leftOn === null || a.leftOn > p.to) && lastBy(a, p.to) < 24);
    const overdue = applicants.filter((a) => {
      if (a.leftOn || a.steps.length >= 17) return false;
      if (a.steps.length === 1) return a.steps[0] < addMonths(today, -1);
      return a.steps.length === 16 && a.steps[14] < addMonths(today, -3);
    });
    const round4 = (v: number) => Math.round(v * 10000) / 10000;
    const seated = (p: Period) => board.filter((b) => b.from <= p.to && (b.endedOn === null || b.endedOn > p.to));
    const holdsPost = (personId: string, p: Period) => posts.some((x) => x.personId === personId && x.from <= p.to && (x.endedOn === null || x.endedOn > p.to));
    // Compliance: what each branch owes (支委会 monthly where it had a committee of 3 posts at the
    // period's end; no party groups; party lessons quarterly, the setting's default) in each period that ended by the period's end
    // (or today), founded by then; a meeting that needs a quorum and was recorded without attendance
    // does not count.
    const OWED: Array<[string, 1 | 4 | 12]> = [
      ["主题党日", 12],
      ["支部党员大会", 4],
      ["党课", 4],
      ["组织生活会", 1],
      ["民主评议", 1],
    ];
    const QUORUM = ["党委会议", "支委会", "支部党员大会"];
    const periodsOf = (year: number, per: number) =>
      Array.from({ length: per }, (_, i) => {
        const len = 12 / per;
        const m0 = i * len + 1;
        const start = `${year}-${String(m0).padStart(2, "0")}-01`;
        const end = addDays(addMonths(start, len), -1);
        return { start, end };
      });
    const owed = (p: Period) => {
      const asOf = p.to < today ? addDays(p.to, 1) : today;
      const out: Array<{ communityId: string; ok: boolean }> = [];
      for (let y = Number(p.from.slice(0, 4)); y <= Number(p.to.slice(0, 4)); y++)
        for (const b of branches)
          for (const [type, per] of [...OWED, ["支委会", 12] as [string, 12]])
            for (const q of periodsOf(y, per)) {
              if (q.start > asOf || b.foundedOn > q.end || q.end >= asOf || q.end < p.from || q.end > p.to) continue;
              if (type === "支委会" && posts.filter((x) => x.orgId === b.id && x.from <= q.end && (x.endedOn === null || x.endedOn > q.end)).length < 3)
                continue;
              const ok = meetings.some((m) => m.orgId === b.id && m.type === type && m.heldOn >= q.start && m.heldOn <= q.end && !QUORUM.includes(type));
              out.push({ communityId: b.communityId, ok });
            }
      return out;
    };
    const activePosts = (p: Period) => posts.filter((x) => x.from <= p.to && (x.endedOn === null || x.endedOn > p.to));
    const meetingFigure = (key: string, types: string[], committeeOnly = false) =>
      expectAll(w, key, {
        gridScoped: false,
        value: (p, holds) => meetingsIn(p, types, committeeOnly).filter(holds).length,
        groups: { by: "type", values: (p, holds) => countBy(meetingsIn(p, types, committeeOnly).filter(holds), (m) => m.type) },
      });
    const electionFigure = (key: string, pick: (e: Election) => boolean) =>
      expectAll(w, key, {
        gridScoped: false,
        value: (p, holds) => elections.filter((e) => pick(e) && within(e.heldOn, p) && holds(e)).length,
        groups: {
          by: "org",
          values: (p, holds) =>
            countBy(
              elections.filter((e) => pick(e) && within(e.heldOn, p) && holds(e)),
              (e) => e.orgId,
            ),
        },
      });
    const yearEnds = PERIODS.filter((p) => p.to.endsWith("-12-31") || p.to.endsWith("-06-30") || p.to.endsWith("-03-31"));

    return [
      ...meetingFigure("party.committee_meetings", ["党委会议"], true),
      ...meetingFigure("party.planning_meetings", ["党建工作部署总结会"]),
      ...meetingFigure("party.theme_days", ["主题党日"]),
      ...meetingFigure("party.three_meetings_one_lesson", ["支部党员大会", "支委会", "党小组会", "党课"]),
      ...meetingFigure("party.meetings", [
        "党委会议",
        "党建工作部署总结会",
        "主题党日",
        "支部党员大会",
        "支委会",
        "党小组会",
        "党课",
        "组织生活会",
        "民主评议",
      ]),
      ...expectAll(w, "party.new_members", {
        gridScoped: false,
        value: (p, holds) => applicants.filter((a) => a.steps.length >= 17 && within(a.steps[16], p) && holds(a)).length,
      }),
      ...electionFigure("party.company_elections", (e) => e.kind === "换届" && e.company),
      ...electionFigure("party.by_elections", (e) => e.kind === "补选"),
      ...electionFigure("party.secretary_changes", (e) => e.kind === "任免" && e.post === "书记"),
      ...expectAll(w, "party.new_village_branches", {
        gridScoped: false,
        value: (p, holds) => villages.filter((v) => within(v.foundedOn, p) && holds(v)).length,
      }),
      ...expectAll(w, "party.members", {
        gridScoped: false,
        periods: yearEnds,
        value: (p, holds) => onRegister(p).filter(holds).length,
        groups: { by: "status", values: (p, holds) => countBy(onRegister(p).filter(holds), (m) => statusAt(m, p)) },
      }),
      ...expectAll(w, "party.members", {
        gridScoped: false,
        periods: [
          { from: "2024-01-01", to: "2024-12-31" },
          { from: "2025-03-01", to: "2025-03-31" },
        ],
        value: (p, holds) => onRegister(p).filter(holds).length,
        groups: { by: "ageBand", values: (p, holds) => countBy(onRegister(p).filter(holds), (m) => band(m.birth, p.to)) },
      }),
      ...expectAll(w, "party.members", {
        gridScoped: false,
        periods: [{ from: "2025-01-01", to: "2025-12-31" }],
        value: (p, holds) => onRegister(p).filter(holds).length,
        groups: { by: "gender", values: (p, holds) => countBy(onRegister(p).filter(holds), (m) => m.gender) },
      }),
      ...expectAll(w, "party.pipeline", {
        gridScoped: false,
        value: (p, holds) => inPipeline(p).filter(holds).length,
        groups: { by: "stage", values: (p, holds) => countBy(inPipeline(p).filter(holds), (a) => String(stageOf(lastBy(a, p.to)))) },
      }),
      ...expectAll(w, "party.overdue_steps", {
        gridScoped: false,
        value: (_p, holds) => overdue.filter(holds).length,
      }),
      ...expectAll(w, "party.company_dual_role_ratio", {
        gridScoped: false,
        value: (p, holds) => {
          const serving = seated(p).filter(holds);
          const companies = [...new Set(serving.map((b) => b.companyId))];
          const dual = companies.filter((co) =>
            serving.some((b) => b.companyId === co && b.post === "董事长" && b.personId === b.secretaryId && b.secretaryFrom <= p.to),
          );
          return round4(ratio(dual.length, companies.length));
        },
        groups: {
          by: "company",
          values: (p, holds) =>
            Object.fromEntries(
              [
                ...new Set(
                  seated(p)
                    .filter(holds)
                    .map((b) => b.companyId),
                ),
              ].map((co) => [
                co,
                seated(p).some((b) => b.companyId === co && b.post === "董事长" && b.personId === b.secretaryId && b.secretaryFrom <= p.to) ? 1 : 0,
              ]),
            ),
        },
      }),
      ...expectAll(w, "party.company_cross_role_ratio", {
        gridScoped: false,
        value: (p, holds) => {
          const serving = seated(p).filter(holds);
          return round4(ratio(serving.filter((b) => holdsPost(b.personId, p)).length, serving.length));
        },
        groups: {
          by: "company",
          values: (p, holds) =>
            ratioBy(
              seated(p).filter(holds),
              (b) => b.companyId,
              (b) => (holdsPost(b.personId, p) ? 1 : 0),
            ),
        },
      }),
      ...expectAll(w, "party.compliance_rate", {
        gridScoped: false,
        value: (p, holds) => {
          const xs = owed(p).filter(holds);
          return round4(ratio(xs.filter((x) => x.ok).length, xs.length));
        },
      }),
      ...expectAll(w, "party.certified_share", {
        gridScoped: false,
        value: (p, holds) => {
          const xs = activePosts(p).filter(holds);
          const held = (x: Post) => x.certified && (!x.certifiedOn || x.certifiedOn <= p.to);
          return Math.round(ratio(xs.filter(held).length, xs.length) * 10000) / 10000;
        },
      }),
    ];
  },
};
