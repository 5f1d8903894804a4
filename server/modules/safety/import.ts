import { ZDate } from "../../../contracts/platform.js";
import { DISPUTE_SOURCE_LABELS, DISPUTE_SOURCES, DISPUTE_TYPES, OUTCOME_LABELS, OUTCOMES, yuanToFen, ZDisputeCreate } from "../../../contracts/safety.js";
import { fromXlsx } from "../../io/xlsx.js";
import { AppError } from "../../platform/errors.js";
import type { Deps } from "../../platform/http.js";
import type { Who } from "../../platform/who.js";
import type { DisputesService } from "./disputes.service.js";

/** Headers of a dispute register, as the export writes them (Chinese). */
export const IMPORT_HEADERS = [
  "登记日期",
  "网格",
  "类型",
  "来源",
  "当事人",
  "纠纷概要",
  "用人单位",
  "涉及人数",
  "诉求金额（元）",
  "追回金额（元）",
  "调解结果",
  "办结日期",
  "协议内容",
];

class RowError extends Error {}

/**
 * Imports an existing dispute register: every row is checked and written through the service in
 * ONE transaction; any bad row rolls everything back and the report lists every row's problem.
 */
export async function importDisputes(deps: Deps, svc: DisputesService, who: Who, buf: Buffer, lang: "zh" | "en") {
  let rows: Awaited<ReturnType<typeof fromXlsx>>;
  try {
    rows = await fromXlsx(buf);
  } catch {
    return { ok: false, imported: 0, errors: [{ row: 0, message: lang === "zh" ? "文件不是有效的 XLSX" : "Not a valid XLSX file" }] };
  }
  if (rows.length === 0) return { ok: false, imported: 0, errors: [{ row: 0, message: lang === "zh" ? "文件中没有数据行" : "No data rows in the file" }] };
  const grids = await deps.db
    .selectFrom("regions")
    .select(["id", "name", "path"])
    .where("level", "=", "grid")
    .where("path", "like", `${who.scope.path}%`)
    .execute();
  const gridByName = new Map(grids.map((g) => [g.name, g.id]));
  const sourceByLabel = new Map<string, string>(DISPUTE_SOURCES.map((s) => [DISPUTE_SOURCE_LABELS[s].zh, s]));
  const outcomeByLabel = new Map<string, string>(OUTCOMES.map((o) => [OUTCOME_LABELS[o].zh, o]));
  const errs: Array<{ row: number; message: string }> = [];
  let imported = 0;
  const msg = (e: unknown) => (e instanceof AppError ? e.msg[lang] : e instanceof RowError ? e.message : lang === "zh" ? "数据有误" : "Invalid data");
  try {
    await deps.db.transaction().execute(async (trx) => {
      for (const { row, values: v } of rows) {
        try {
          const need = (h: string) => {
            const x = v[h]?.trim();
            if (!x) throw new RowError(lang === "zh" ? `缺少「${h}」` : `Missing "${h}"`);
            return x;
          };
          const date = (h: string) => {
            const x = need(h);
            if (!ZDate.safeParse(x).success) throw new RowError(lang === "zh" ? `「${h}」不是有效日期（YYYY-MM-DD）` : `"${h}" is not a date (YYYY-MM-DD)`);
            return x;
          };
          const money = (h: string) => {
            if (!v[h]) return undefined;
            const f = yuanToFen(v[h]);
            if (f === null)
              throw new RowError(lang === "zh" ? `「${h}」须为非负金额，最多两位小数` : `"${h}" must be a non-negative amount with at most 2 decimals`);
            return f;
          };
          const gridId = gridByName.get(need("网格"));
          if (!gridId) throw new RowError(lang === "zh" ? `网格「${v.网格}」不存在或不在数据范围内` : `Grid "${v.网格}" not found in your scope`);
          const type = need("类型");
          if (!(DISPUTE_TYPES as readonly string[]).includes(type))
            throw new RowError(lang === "zh" ? `类型「${type}」无效（${DISPUTE_TYPES.join("、")}）` : `Unknown type "${type}"`);
          const source = v.来源 ? sourceByLabel.get(v.来源) : "walk_in";
          if (!source) throw new RowError(lang === "zh" ? `来源「${v.来源}」无效` : `Unknown source "${v.来源}"`);
          const labor =
            type === "劳资"
              ? {
                  employer: need("用人单位"),
                  workers: Number(need("涉及人数")),
                  claimedFen: money("诉求金额（元）") ?? 0,
                  recoveredFen: money("追回金额（元）") ?? 0,
                }
              : null;
          if (labor && (!Number.isInteger(labor.workers) || labor.workers < 1))
            throw new RowError(lang === "zh" ? "「涉及人数」须为正整数" : '"涉及人数" must be a positive whole number');
          const parsed = ZDisputeCreate.safeParse({
            gridId,
            type,
            source,
            summary: need("纠纷概要"),
            registeredOn: date("登记日期"),
            parties: need("当事人")
              .split(/[、,，;；]/)
              .map((n) => n.trim())
              .filter(Boolean)
              .map((name, k) => ({ name, role: k === 0 ? "applicant" : "respondent" })),
            labor,
          });
          if (!parsed.success) throw new RowError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
          const id = await svc.create(who, parsed.data, trx);
          if (v.调解结果) {
            const outcome = outcomeByLabel.get(v.调解结果);
            if (!outcome) throw new RowError(lang === "zh" ? `调解结果「${v.调解结果}」无效` : `Unknown outcome "${v.调解结果}"`);
            const closedOn = date("办结日期");
            await svc.close(
              who,
              id,
              {
                outcome: outcome as any,
                closedOn,
                reason: outcome === "success" ? undefined : (v.协议内容 ?? (lang === "zh" ? "据原台账导入" : "Imported from the register")),
                referral: outcome === "referred" ? "其他" : undefined,
                // A register records the terms, not the signatures: kept as an oral agreement's record.
                agreement:
                  outcome === "success"
                    ? {
                        form: "oral",
                        madeOn: closedOn,
                        facts: parsed.data.summary,
                        terms: need("协议内容"),
                        performance: lang === "zh" ? "按协议履行" : "As agreed",
                        signedPartyIds: [],
                        mediatorSigned: true,
                      }
                    : undefined,
              },
              trx,
            );
          }
          imported++;
        } catch (e) {
          errs.push({ row, message: msg(e) });
        }
      }
      if (errs.length) throw new RowError("rollback");
    });
  } catch (e) {
    if (!(e instanceof RowError)) throw e;
    return { ok: false, imported: 0, errors: errs };
  }
  return { ok: true, imported, errors: [] };
}
