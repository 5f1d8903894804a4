// 民生微实事 项目列表: filters by stage, kind, year and words in the URL; XLSX export and import.
import { Button, Progress, Space, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link, useNavigate } from "react-router";
import type { TProject } from "../../../contracts/projects";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { ImportDialogButton } from "../../shared/import-dialog";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import { useIsMobile } from "../../shared/use-mobile";
import { ProposeButton } from "./project-forms";
import { useProjects } from "./projects-api";
import { kindLabel, kindOptions, stageColor, stageLabel, stageOptions, yuan } from "./projects-labels";

const FILTERS = ["stage", "kind", "year", "q"] as const;

export function ProjectListPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const mobile = useIsMobile();
  const list = useListParams(FILTERS);
  const q = useProjects(list.query);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: String(y), label: String(y) }));
  const columns: ColumnsType<TProject> = [
    {
      key: "title",
      title: t("项目", "Project"),
      render: (_, p) => (
        <>
          <Link to={`/projects/${p.id}`}>{p.title}</Link>
          <div className="person-sub">
            {p.code} · {kindLabel(p.kind, lang)}
            {mobile ? ` · ${stageLabel(p.stage, lang)}` : ""}
          </div>
        </>
      ),
    },
    { key: "stage", title: t("阶段", "Stage"), render: (_, p) => <Tag color={stageColor(p.stage)}>{stageLabel(p.stage, lang)}</Tag> },
    { key: "year", title: t("年度", "Year"), dataIndex: "year" },
    { key: "place", title: t("地点", "Place"), dataIndex: "place", responsive: ["lg"] },
    { key: "budget", title: t("预算（元）", "Budget (yuan)"), align: "right", render: (_, p) => yuan(p.budgetFen), responsive: ["md"] },
    { key: "spent", title: t("已支付（元）", "Paid (yuan)"), align: "right", render: (_, p) => yuan(p.spentFen), responsive: ["md"] },
    {
      key: "progress",
      title: t("进度", "Progress"),
      render: (_, p) => <Progress percent={p.progressPct} size="small" style={{ width: 100 }} />,
      responsive: ["lg"],
    },
  ];
  return (
    <>
      <PageHead
        title={t("民生微实事", "Micro-projects")}
        subtitle={t(
          "征集 → 初审 → 居民议事会评议 → 公示 → 立项 → 实施 → 验收 → 评价",
          "Proposal → review → council vote → publicity → approval → implementation → acceptance → evaluation",
        )}
        extra={
          <Space wrap>
            {can("projects.write") && <ProposeButton />}
            {can("projects.write") && (
              <ImportDialogButton
                url="/api/projects/import"
                template={{ url: "/api/projects/import/template", fileName: "民生微实事导入模板.xlsx" }}
                buttonLabel={t("导入", "Import")}
                title={t("导入项目征集", "Import proposals")}
                intro={t(
                  "每行一个征集项目；任何一行有误则整个文件不导入。已有的项目（编号相同，或同日同名）保持不变。",
                  "One proposal a row; any bad row stops the whole file. Projects already there (same code, or same title on the same day) stay as they are.",
                )}
                accept=".xlsx"
                fileLabel={t("选择 XLSX 文件", "Choose an XLSX file")}
                says={{
                  checked: (r) => t(`检查通过：将新增 ${r.created} 个，不变 ${r.unchanged} 个`, `Checked: ${r.created} to add, ${r.unchanged} unchanged`),
                  imported: (r) => t(`已导入：新增 ${r.created} 个，不变 ${r.unchanged} 个`, `Imported: ${r.created} added, ${r.unchanged} unchanged`),
                  toast: (r) => t(`已导入 ${r.created} 个项目`, `${r.created} projects imported`),
                }}
                invalidate={["projects"]}
              />
            )}
            {can("projects.export") && <ExportButton href="/api/projects/export.xlsx" params={list.query} fileName="民生微实事项目.xlsx" />}
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchBox value={list.filters.q} onSearch={(v) => list.setFilters({ q: v })} placeholder={t("名称、编号、地点", "Title, code, place")} />
        <FilterSelect list={list} name="stage" placeholder={t("阶段", "Stage")} options={stageOptions(lang)} style={{ width: 140 }} />
        <FilterSelect list={list} name="kind" placeholder={t("类别", "Kind")} options={kindOptions(lang)} style={{ width: 120 }} />
        <FilterSelect list={list} name="year" placeholder={t("年度", "Year")} options={years} style={{ width: 110 }} />
        {(list.filters.stage || list.filters.kind || list.filters.year || list.filters.q) && <Button onClick={list.reset}>{t("清除筛选", "Clear")}</Button>}
      </Space>
      <ListTable<TProject>
        rowKey="id"
        query={q}
        list={list}
        columns={columns}
        empty={t("没有符合条件的项目", "No project matches")}
        onRow={(p) => ({ onDoubleClick: () => nav(`/projects/${p.id}`) })}
      />
    </>
  );
}
