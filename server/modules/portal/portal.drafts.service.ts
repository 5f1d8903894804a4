// Items drafted from the records, through the other modules' read APIs: the published annual work
// report, each micro-project's 立项 / 公示 / 验收 with budget and spend, party elections' results,
// the year's new party members' 公示 (names masked), monthly statements of the recorded payments.
// A draft is only a draft: a person proposes it, a second person reviews it, the leader approves.
// Drafting twice makes nothing new (each draft keeps its source record).
import type { Kysely } from "kysely";
import { maskName } from "../../../contracts/mask.js";
import type { DB } from "../../db/types.js";
import { monthEnd } from "../../platform/dates.js";
import { errors } from "../../platform/errors.js";
import { communityInScope, communityScope } from "../../platform/scope.js";
import type { Who } from "../../platform/who.js";
import type { PortalCollaborators } from "./portal.api.js";
import type { ItemsService } from "./portal.items.service.js";
import { itemBySource } from "./portal.repo.js";

export const DRAFT_KINDS = ["annual_report", "projects", "elections", "new_members", "finance"] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const yuan = (fen: number | null) => (fen === null ? "—" : `${(fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`);
const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;

type Draft = { columnKey: string; title: string; body: string; periodFrom: string; periodTo: string; source: { module: string; kind: string; id: string } };

const STEP_NAMES: Record<string, string> = { publicise: "公示", approve: "立项", accept: "验收" };

export function createDraftsService(deps: { db: Kysely<DB>; items: ItemsService } & PortalCollaborators) {
  const { db, items } = deps;

  async function draftsFor(who: Who, communityId: string, kind: DraftKind, year: number, month?: string): Promise<Draft[]> {
    const c = await communityInScope(db, who.scope, communityId);
    const scope = communityScope(c);
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    if (kind === "annual_report") {
      const r = await deps.reports.published(who.scope, year, c.id);
      const body = r.sections.map((s) => `<h3>${esc(s.heading)}</h3>${s.paragraphs.map((p) => `<p>${esc(p.text)}</p>`).join("")}`).join("");
      return [
        {
          columnKey: "party.resolutions",
          title: r.title || `${c.name}${year}年工作报告`,
          body,
          periodFrom: from,
          periodTo: to,
          source: { module: "reports", kind: "annual_report", id: `${c.id}:${year}` },
        },
      ];
    }
    if (kind === "projects") {
      const out: Draft[] = [];
      for (const p of await deps.projects.publicList(c.id)) {
        const d = await deps.projects.publicDetail(p.id);
        for (const s of d.steps) {
          const name = STEP_NAMES[s.step];
          if (!name || s.on < from || s.on > to) continue;
          const rows: string[][] = [
            ["项目编号", d.code],
            ["项目名称", d.title],
            ["实施地点", d.place],
            ["项目阶段", name],
            ["预算", yuan(d.budgetFen)],
            ["已支付", yuan(d.spentFen)],
            ["承接单位", d.contractor ?? "—"],
          ];
          if (s.step === "publicise" && d.publicityEndsOn) rows.push(["公示截止", d.publicityEndsOn]);
          if (s.step === "accept" && d.acceptance) rows.push(["验收意见", d.acceptance.note || "验收合格"]);
          out.push({
            columnKey: "residents.projects",
            title: `民生微实事项目${name}：${d.title}`,
            body: `<p>${esc(s.note || `${d.title}${name}情况公开如下，如有疑问或异议，请通过本页反馈。`)}</p>${table(["事项", "内容"], rows)}`,
            periodFrom: s.on,
            periodTo: s.step === "publicise" && d.publicityEndsOn ? d.publicityEndsOn : s.on,
            source: { module: "projects", kind: `project-${s.step}`, id: p.id },
          });
        }
      }
      return out;
    }
    if (kind === "elections") {
      const { items: rows } = await deps.party.elections(scope, { from, to, page: 1, pageSize: 1000 });
      const by = new Map<string, typeof rows>();
      for (const e of rows) {
        const k = `${e.orgId}:${e.heldOn}:${e.kind}`;
        by.set(k, [...(by.get(k) ?? []), e]);
      }
      return [...by.entries()].map(([k, es]) => {
        const e = es[0];
        const kindName = e.kind === "补选" ? "补选" : e.kind === "任免" ? "任免" : "换届选举";
        return {
          columnKey: "party.elections",
          title: `${e.orgName}${kindName}结果`,
          body:
            `<p>${esc(e.orgName)}于${e.heldOn}召开党员大会进行${kindName}${e.approvingBody ? `，经${esc(e.approvingBody)}批复${e.documentNo ? `（${esc(e.documentNo)}）` : ""}` : ""}。结果如下：</p>` +
            table(
              ["职务", "当选人", "应到", "实到", "得票"],
              es.map((x) => [x.post ?? "—", maskName(x.personName) ?? "—", String(x.votesDue ?? "—"), String(x.votesCast ?? "—"), String(x.votesFor ?? "—")]),
            ) +
            (e.termStart ? `<p>任期：${e.termStart} 至 ${e.termEnd ?? "—"}</p>` : ""),
          periodFrom: e.heldOn,
          periodTo: e.heldOn,
          source: { module: "party", kind: "election", id: k },
        };
      });
    }
    if (kind === "new_members") {
      const { items: members } = await deps.party.members(scope, { page: 1, pageSize: 5000 });
      const joined = members.filter((m) => m.joinedOn >= from && m.joinedOn <= to).sort((a, b) => a.joinedOn.localeCompare(b.joinedOn));
      if (!joined.length) return [];
      return [
        {
          columnKey: "party.development",
          title: `${c.name}党委${year}年发展党员公示`,
          body:
            `<p>根据发展党员工作有关规定，现将${year}年接收的预备党员情况公示如下（姓名按规定隐去部分信息）。如有意见，请通过本页反馈。</p>` +
            table(
              ["姓名", "性别", "所在党组织", "接收日期"],
              joined.map((m) => [maskName(m.name) ?? "", m.gender === "F" ? "女" : "男", m.orgName, m.joinedOn]),
            ),
          periodFrom: from,
          periodTo: to,
          source: { module: "party", kind: "new_members", id: `${c.id}:${year}` },
        },
      ];
    }
    // finance: one month's statement of the recorded payments
    if (!month || !/^\d{4}-\d{2}$/.test(month)) throw errors.badRequest("请给出月份（YYYY-MM）", "Give the month (YYYY-MM)");
    const mFrom = `${month}-01`;
    const mTo = monthEnd(month);
    const pays = await deps.projects.publicPayments(c.id, mFrom, mTo);
    const total = pays.reduce((s, p) => s + p.amountFen, 0);
    return [
      {
        columnKey: "finance.statements",
        title: `${c.name}${Number(month.slice(0, 4))}年${Number(month.slice(5))}月收支情况`,
        body:
          `<p>本月民生微实事等专项支出共${pays.length}笔，合计${yuan(total)}。</p>` +
          table(
            ["日期", "项目", "收款单位", "金额"],
            pays.map((p) => [p.paidOn, `${p.projectCode} ${p.projectTitle}`, p.payee, yuan(p.amountFen)]),
          ),
        periodFrom: mFrom,
        periodTo: mTo,
        source: { module: "projects", kind: "payments-month", id: `${c.id}:${month}` },
      },
    ];
  }

  return {
    /** Drafts of one kind for a community and year (a month for finance); those drafted before are skipped. */
    async draft(who: Who, input: { communityId: string; kind: DraftKind; year: number; month?: string }) {
      const drafts = await draftsFor(who, input.communityId, input.kind, input.year, input.month);
      const ids: string[] = [];
      let skipped = 0;
      for (const d of drafts) {
        if (await itemBySource(db, input.communityId, d.source.module, d.source.kind, d.source.id, d.columnKey)) {
          skipped++;
          continue;
        }
        ids.push(await items.create(who, { ...d, communityId: input.communityId, attachments: [], submit: false }));
      }
      return { created: ids.length, skipped, ids };
    },
  };
}
export type DraftsService = ReturnType<typeof createDraftsService>;
