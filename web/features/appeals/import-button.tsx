// 导入 XLSX from the 民意速办 platform: the shared import dialog (template, check, all-or-nothing import).
import { useI18n } from "../../app/i18n";
import { ImportDialogButton } from "../../shared/import-dialog";

export function ImportButton() {
  const { t } = useI18n();
  return (
    <ImportDialogButton
      url="/api/appeals/import"
      template={{ url: "/api/appeals/import/template", fileName: "民意速办导入模板.xlsx" }}
      buttonLabel={t("导入 Excel", "Import XLSX")}
      title={t("从民意速办平台导入", "Import from the Minyi Suban platform")}
      intro={t(
        "按模板的列名（或平台导出的常见列名）识别；任一行有误则整份不导入并逐行说明；工单编号已存在的行保持不变。",
        "Columns are recognised by the template's headers (or the platform's usual ones); any bad row stops the whole file, with a report per row; rows already imported stay as they are.",
      )}
      accept=".xlsx"
      fileLabel={t("选择文件", "Choose a file")}
      says={{
        checked: (r) => t(`检查通过：将新增 ${r.created} 件，${r.unchanged} 件已存在`, `Check passed: ${r.created} new, ${r.unchanged} already there`),
        imported: (r) => t(`已导入 ${r.created} 件`, `${r.created} imported`),
        toast: (r) => t(`已导入 ${r.created} 件，${r.unchanged} 件已存在未变`, `${r.created} imported, ${r.unchanged} already there`),
      }}
      invalidate={["appeals", "figures"]}
    />
  );
}
