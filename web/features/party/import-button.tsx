// XLSX import of a party register on the shared import dialog (check first, then all or nothing).
import type { ComponentProps } from "react";
import { useI18n } from "../../app/i18n";
import { ImportDialogButton } from "../../shared/import-dialog";

export function ImportButton({
  href,
  label,
  columns,
  template,
}: {
  href: ComponentProps<typeof ImportDialogButton>["url"];
  label: string;
  columns: string;
  template?: ComponentProps<typeof ImportDialogButton>["template"];
}) {
  const { t } = useI18n();
  return (
    <ImportDialogButton
      url={href}
      template={template}
      intoCommunity={false}
      buttonLabel={label}
      title={label}
      intro={t(
        `按列名识别：${columns}。任一行有误则整份不导入并逐行说明；已登记的行保持不变。`,
        `Columns: ${columns}. Any bad row stops the whole file, with a report per row; rows already there stay as they are.`,
      )}
      accept=".xlsx"
      fileLabel={t("选择文件", "Choose a file")}
      says={{
        checked: (r) => t(`检查通过：将新增 ${r.created} 行，${r.unchanged} 行已存在`, `Check passed: ${r.created} new, ${r.unchanged} already there`),
        imported: (r) => t(`已导入 ${r.created} 行`, `${r.created} rows imported`),
        toast: (r) => t(`已导入 ${r.created} 行，${r.unchanged} 行已存在未变`, `${r.created} imported, ${r.unchanged} already there`),
      }}
      invalidate={["party", "figures"]}
    />
  );
}
