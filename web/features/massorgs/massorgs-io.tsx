// The import dialog and the export button of each 群团 register (members, brand projects, honours):
// a template, a check first, all or nothing with a line per bad row; the same file again changes
// nothing. Exports are masked unless the caller may reveal personal data and asks to.
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { ImportDialogButton } from "../../shared/import-dialog";
import { MASSORG_REGISTERS } from "./massorgs-api";

type Register = keyof typeof MASSORG_REGISTERS;

const TEXTS: Record<Register, { button: [string, string]; intro: [string, string]; noun: [string, string]; export: [string, string] }> = {
  members: {
    button: ["导入成员", "Import members"],
    intro: [
      "每行一名成员：组织按名称、人员按身份证号关联本社区人口库；职务为主席/书记、副主席/副书记或成员，填写退出日期的登记为已退出。任何一行有误则整个文件不导入；已登记的（同一组织、同一人、同一加入日期）保持不变。",
      "One member a row: the organisation by its name, the person by ID number on this community's people registry; the role is chair, deputy or member, and a leaving date records the member as left. Any bad row stops the whole file; a membership already recorded (same organisation, person and joining date) is left unchanged.",
    ],
    noun: ["名成员", "members"],
    export: ["导出成员", "Export members"],
  },
  brandProjects: {
    button: ["导入品牌项目", "Import brand projects"],
    intro: [
      "每行一个品牌项目，组织按名称关联。任何一行有误则整个文件不导入；同一组织已有同名项目的保持不变。",
      "One brand project a row, the organisation by its name. Any bad row stops the whole file; a project its organisation already has by that name is left unchanged.",
    ],
    noun: ["个品牌项目", "brand projects"],
    export: ["导出品牌项目", "Export brand projects"],
  },
  nominations: {
    button: ["导入荣誉推荐", "Import nominations"],
    intro: [
      "每行一项推荐：个人按身份证号关联本社区人口库，组织按名称关联组织名录；奖项须在设置的奖项列表中。任何一行有误则整个文件不导入；已登记的（同一被推荐人、奖项和推荐日期）保持不变。",
      "One nomination a row: a person by ID number on this community's people registry, an organisation by its name on the register; the award must be on the settings' list. Any bad row stops the whole file; a nomination already recorded (same nominee, award and date) is left unchanged.",
    ],
    noun: ["项推荐", "nominations"],
    export: ["导出荣誉推荐", "Export honours"],
  },
};

export function MassOrgImportButton({ register }: { register: Register }) {
  const { t } = useI18n();
  const r = MASSORG_REGISTERS[register];
  const x = TEXTS[register];
  return (
    <ImportDialogButton
      url={r.import}
      template={{ url: r.template, fileName: r.templateFile }}
      buttonLabel={t(...x.button)}
      title={t(...x.button)}
      intro={t(...x.intro)}
      accept=".xlsx"
      fileLabel={t("选择 XLSX 文件", "Choose an XLSX file")}
      says={{
        checked: (rep) => t(`检查通过：将新增 ${rep.created} 条，不变 ${rep.unchanged} 条`, `Checked: ${rep.created} to add, ${rep.unchanged} unchanged`),
        imported: (rep) => t(`已导入：新增 ${rep.created} 条，不变 ${rep.unchanged} 条`, `Imported: ${rep.created} added, ${rep.unchanged} unchanged`),
        toast: (rep) => t(`已导入 ${rep.created} ${x.noun[0]}`, `${rep.created} ${x.noun[1]} imported`),
      }}
      invalidate={["massorgs"]}
    />
  );
}

export function MassOrgExportButton({ register, params = {} }: { register: Register; params?: Record<string, string | number | undefined> }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const r = MASSORG_REGISTERS[register];
  if (!can("massorgs.export")) return null;
  return (
    <ExportButton
      href={r.export}
      params={params}
      fileName={t(r.exportFile.zh, r.exportFile.en)}
      label={t(...TEXTS[register].export)}
      allowReveal={register !== "brandProjects" && can("people.reveal")}
    />
  );
}
