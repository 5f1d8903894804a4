// 导入/导出巡查计划 (XLSX): the shared import dialog — a check first (nothing stored), then the import,
// all or nothing; plans already there stay as they are. A plan begun before today gets the rounds of
// the days it covered, once.
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { ImportDialogButton } from "../../shared/import-dialog";

export function PlanImportExport() {
  const { t } = useI18n();
  const { can } = useAuth();
  return (
    <>
      {can("patrol.export") && <ExportButton href="/api/patrol/plans/export" params={{}} fileName={t("巡查计划.xlsx", "patrol-plans.xlsx")} />}
      {can("patrol.admin") && (
        <ImportDialogButton
          url="/api/patrol/plans/import"
          template={{ url: "/api/patrol/plans/import/template", fileName: t("巡查计划导入模板.xlsx", "patrol-plans-template.xlsx") }}
          buttonLabel={t("导入", "Import")}
          title={t("导入巡查计划", "Import patrol plans")}
          intro={t(
            "按列名识别：计划名称、巡查力量、队伍、巡查点编码、频次、间隔天数、时段（如 20:00-23:00）、顺序、开始日期、结束日期。开始日期早于今天的计划补齐以往各天的巡查轮次（只生成一次）。任一行有误则整份不导入；同名且同一开始日期的计划保持不变。",
            "Columns: name, force, team, point codes, frequency, every N days, windows (e.g. 20:00-23:00), order, starts on, ends on. A plan begun before today gets the rounds of its past days, once. Any bad row stops the whole file; a plan of the same name and start stays as it is.",
          )}
          accept=".xlsx"
          fileLabel={t("选择文件", "Choose a file")}
          says={{
            checked: (r) => t(`检查通过：将新增 ${r.created} 个，${r.unchanged} 个已存在`, `Check passed: ${r.created} new, ${r.unchanged} already there`),
            imported: (r) => t(`已导入 ${r.created} 个，${r.unchanged} 个已存在未变`, `${r.created} imported, ${r.unchanged} unchanged`),
            toast: (r) => t(`已导入 ${r.created} 个巡查计划，${r.unchanged} 个已存在未变`, `${r.created} plans imported, ${r.unchanged} already there`),
          }}
          invalidate={["patrol", "figures"]}
        />
      )}
    </>
  );
}
