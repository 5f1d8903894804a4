// 导入巡查点 from XLSX (the template, or an earlier export) or GeoJSON: the shared import dialog —
// a check first (nothing stored), then the import, all or nothing; points already there stay as they are.
import { useI18n } from "../../app/i18n";
import { ImportDialogButton } from "../../shared/import-dialog";

export function ImportPointsButton() {
  const { t } = useI18n();
  return (
    <ImportDialogButton
      url="/api/patrol/points/import"
      template={{ url: "/api/patrol/points/import/template", fileName: t("巡查点导入模板.xlsx", "patrol-points-template.xlsx") }}
      buttonLabel={t("导入", "Import")}
      title={t("导入巡查点（Excel 或 GeoJSON）", "Import points (XLSX or GeoJSON)")}
      intro={t(
        "按模板的列名识别（导出的 Excel 也可直接导入）；网格按经纬度自动确定。任一行有误则整份不导入，并逐行说明原因；编码已存在、或同名且位置相同的点位保持不变，重复导入不会产生重复点位。",
        "Columns are read by the template's headers (an earlier export imports as it is); the grid is worked out from the location. Any bad row stops the whole file, with a reason per row; points whose code exists, or with the same name at the same place, stay as they are, so importing again makes no duplicates.",
      )}
      accept=".xlsx,.geojson,.json"
      fileLabel={t("选择文件（.xlsx / .geojson）", "Choose a file (.xlsx / .geojson)")}
      says={{
        checked: (r) => t(`检查通过：将新增 ${r.created} 个，${r.unchanged} 个已存在`, `Check passed: ${r.created} new, ${r.unchanged} already there`),
        imported: (r) => t(`已导入 ${r.created} 个，${r.unchanged} 个已存在未变`, `${r.created} imported, ${r.unchanged} unchanged`),
        toast: (r) => t(`已导入 ${r.created} 个巡查点，${r.unchanged} 个已存在未变`, `${r.created} points imported, ${r.unchanged} already there`),
      }}
      rowLabel={(row, fileName) => (/\.(geo)?json$/i.test(fileName) ? t(`第 ${row} 个要素：`, `Feature ${row}: `) : t(`第 ${row} 行：`, `Row ${row}: `))}
      invalidate={["patrol"]}
    />
  );
}
