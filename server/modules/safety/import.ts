import type { Kysely } from "kysely";
import { type TImportReport, ZDate } from "../../../contracts/platform.js";
import {
  DISPUTE_SOURCE_LABELS,
  DISPUTE_SOURCES,
  DISPUTE_TYPES,
  OUTCOME_LABELS,
  OUTCOMES,
  type TDisputeClose,
  type TDisputeCreate,
  yuanToFen,
  ZDisputeCreate,
} from "../../../contracts/safety.js";
import type { DB } from "../../db/types.js";
import { templateXlsx } from "../../io/import.js";
import { fromXlsx } from "../../io/xlsx.js";
import { AppError, errors } from "../../platform/errors.js";
import type { Deps } from "../../platform/http.js";
import { inTx } from "../../platform/tx.js";
import type { Who } from "../../platform/who.js";
import type { DisputesService } from "./disputes.service.js";
import { gridsIn } from "./safety.common.js";

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
] as const;

/** An example row under each header (a labour dispute mediated successfully, so every column shows its form). */
const EXAMPLE: Record<(typeof IMPORT_HEADERS)[number], string> = {
  登记日期: "2024-05-06",
  网格: "第1网格",
  类型: "劳资",
  来源: DISPUTE_SOURCE_LABELS.walk_in.zh,
  当事人: "张伟、某某装修公司",
  纠纷概要: "拖欠三名工人四月工资",
  用人单位: "某某装修公司",
  涉及人数: "3",
  "诉求金额（元）": "18000",
  "追回金额（元）": "18000",
  调解结果: OUTCOME_LABELS.success.zh,
  办结日期: "2024-05-20",
  协议内容: "公司于5月25日前一次付清",
};

/**
 * The dispute register's import template: the export's headers (the import reads them in Chinese, so
 * the English template keeps them and says so in its sheet's name) with an example row.
 */
export function disputesTemplate(en: boolean) {
  return templateXlsx(
    en ? "Disputes (headers in Chinese)" : "纠纷台账",
    IMPORT_HEADERS.map((h) => ({ header: h, example: EXAMPLE[h as keyof typeof EXAMPLE], width: h === "纠纷概要" || h === "协议内容" ? 30 : 14 })),
  );
}

class RowError extends Error {}
class Rollback extends Error {}

type Row = { row: number; create: TDisputeCreate; close: TDisputeClose | null };

/**
 * Imports an existing dispute register (ZImportReport): every row is checked, then written through
 * the service in ONE transaction; any bad row rolls everything back and the report lists every
 * row's problem. A row already registered (same grid, date, type, summary and parties) is left as
 * it is, so importing the same register twice adds nothing. A dry run goes through the service too
 * and rolls back, so it finds what the import would.
 */
export async function importDisputes(
  deps: Pick<Deps, "db">,
  svc: DisputesService,
  who: Who,
  buf: Buffer,
  lang: "zh" | "en",
  opts: { dryRun?: boolean } = {},
): Promise<TImportReport> {
  const dryRun = !!opts.dryRun;
  const t = (zh: string, en: string) => (lang === "zh" ? zh : en);
  let rows: Awaited<ReturnType<typeof fromXlsx>>;
  try {
    rows = await fromXlsx(buf);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw errors.badRequest("文件不是有效的 XLSX", "Not a valid XLSX file");
  }
  if (rows.length === 0) throw errors.badRequest("文件中没有数据行", "No data rows in the file");
  const grids = await gridsIn(deps.db, who.scope);
  const gridByName = new Map(grids.map((g) => [g.name, g.id]));
  const sourceByLabel = new Map<string, string>(DISPUTE_SOURCES.map((s) => [DISPUTE_SOURCE_LABELS[s].zh, s]));
  const outcomeByLabel = new Map<string, string>(OUTCOMES.map((o) => [OUTCOME_LABELS[o].zh, o]));
  const errs: TImportReport["errors"] = [];
  const msg = (e: unknown) => (e instanceof AppError ? e.msg[lang] : e instanceof RowError ? e.message : t("数据有误", "Invalid data"));

  const parsed: Row[] = [];
  for (const { row, values: v } of rows) {
    try {
      parsed.push({ row, ...parseRow(v, gridByName, sourceByLabel, outcomeByLabel, t) });
    } catch (e) {
      errs.push({ row, message: msg(e) });
    }
  }

  const keyOf = (r: Row) => JSON.stringify([r.create.gridId, r.create.registeredOn, r.create.type, r.create.summary, r.create.parties.map((p) => p.name)]);
  const firstRow = new Map<string, number>();
  let created = 0;
  let unchanged = 0;
  try {
    await inTx(deps.db, undefined, async (trx) => {
      for (const r of parsed) {
        const key = keyOf(r);
        const twin = firstRow.get(key);
        if (twin !== undefined) {
          errs.push({ row: r.row, message: t(`与第 ${twin} 行重复`, `Same as row ${twin}`) });
          continue;
        }
        firstRow.set(key, r.row);
        try {
          if (await registered(svc, who, r, trx)) {
            unchanged++;
            continue;
          }
          const id = await svc.create(who, r.create, trx);
          if (r.close) await svc.close(who, id, r.close, trx);
          created++;
        } catch (e) {
          errs.push({ row: r.row, message: msg(e) });
        }
      }
      if (errs.length || dryRun) throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  errs.sort((a, b) => a.row - b.row);
  return { created, unchanged, errors: errs, dryRun };
}

const registered = (svc: DisputesService, who: Who, r: Row, trx: Kysely<DB>) =>
  svc.findRegistered(
    who.scope,
    {
      gridId: r.create.gridId,
      registeredOn: r.create.registeredOn as string,
      type: r.create.type,
      summary: r.create.summary,
      parties: r.create.parties.map((p) => p.name),
    },
    trx,
  );

/** One row of the register as the service's inputs, or a RowError saying what is wrong with it. */
function parseRow(
  v: Record<string, string>,
  gridByName: Map<string, string>,
  sourceByLabel: Map<string, string>,
  outcomeByLabel: Map<string, string>,
  t: (zh: string, en: string) => string,
): Omit<Row, "row"> {
  const need = (h: string) => {
    const x = v[h]?.trim();
    if (!x) throw new RowError(t(`缺少「${h}」`, `Missing "${h}"`));
    return x;
  };
  const date = (h: string) => {
    const x = need(h);
    if (!ZDate.safeParse(x).success) throw new RowError(t(`「${h}」不是有效日期（YYYY-MM-DD）`, `"${h}" is not a date (YYYY-MM-DD)`));
    return x;
  };
  const money = (h: string) => {
    if (!v[h]) return undefined;
    const f = yuanToFen(v[h]);
    if (f === null) throw new RowError(t(`「${h}」须为非负金额，最多两位小数`, `"${h}" must be a non-negative amount with at most 2 decimals`));
    return f;
  };
  const gridId = gridByName.get(need("网格"));
  if (!gridId) throw new RowError(t(`网格「${v.网格}」不存在或不在数据范围内`, `Grid "${v.网格}" not found in your scope`));
  const type = need("类型");
  if (!(DISPUTE_TYPES as readonly string[]).includes(type))
    throw new RowError(t(`类型「${type}」无效（${DISPUTE_TYPES.join("、")}）`, `Unknown type "${type}"`));
  const source = v.来源 ? sourceByLabel.get(v.来源) : "walk_in";
  if (!source) throw new RowError(t(`来源「${v.来源}」无效`, `Unknown source "${v.来源}"`));
  const labor =
    type === "劳资"
      ? { employer: need("用人单位"), workers: Number(need("涉及人数")), claimedFen: money("诉求金额（元）") ?? 0, recoveredFen: money("追回金额（元）") ?? 0 }
      : null;
  if (labor && (!Number.isInteger(labor.workers) || labor.workers < 1))
    throw new RowError(t("「涉及人数」须为正整数", '"涉及人数" must be a positive whole number'));
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
  if (!v.调解结果) return { create: parsed.data, close: null };
  const outcome = outcomeByLabel.get(v.调解结果) as TDisputeClose["outcome"] | undefined;
  if (!outcome) throw new RowError(t(`调解结果「${v.调解结果}」无效`, `Unknown outcome "${v.调解结果}"`));
  const closedOn = date("办结日期");
  return {
    create: parsed.data,
    close: {
      outcome,
      closedOn,
      reason: outcome === "success" ? undefined : (v.协议内容 ?? t("据原台账导入", "Imported from the register")),
      referral: outcome === "referred" ? "其他" : undefined,
      // A register records the terms, not the signatures: kept as an oral agreement's record.
      agreement:
        outcome === "success"
          ? {
              form: "oral",
              madeOn: closedOn,
              facts: parsed.data.summary,
              terms: need("协议内容"),
              performance: t("按协议履行", "As agreed"),
              signedPartyIds: [],
              mediatorSigned: true,
            }
          : undefined,
    },
  };
}
