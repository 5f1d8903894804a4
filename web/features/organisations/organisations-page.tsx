// 组织: party organisations, companies, schools, women's federations, partner units … of the scope.
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import type { TOrg } from "../../../contracts/platform";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { fmtDate } from "../../shared/format";
import { ImportDialogButton } from "../../shared/import-dialog";
import { orgKindLabel, orgKindOptions } from "../../shared/labels";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import { OrgFormDrawer } from "./org-form-drawer";
import { useOrganisations } from "./organisations-api";

const FILTERS = ["q", "kind", "communityId"] as const;

const KIND_COLORS: Record<string, string> = {
  党组织: "red",
  股份合作公司: "gold",
  两新组织: "volcano",
  学校: "blue",
  社康: "green",
  妇联: "magenta",
  网格妇联: "magenta",
  三新妇女组织: "magenta",
  团委: "cyan",
  志愿服务队: "lime",
  共建单位: "geekblue",
};

export default function OrganisationsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const { communities } = useCommunitiesAndGrids();
  const [editing, setEditing] = useState<TOrg | null>(null);
  const [creating, setCreating] = useState(false);
  const canWrite = can("orgs.write");

  const q = useOrganisations(list.query);

  const columns: ColumnsType<TOrg> = [
    {
      key: "name",
      title: t("组织名称", "Name"),
      fixed: "left",
      render: (_, o) => (
        <div>
          <Typography.Text strong delete={o.archived}>
            {o.name}
          </Typography.Text>
          {o.archived && <Tag style={{ marginLeft: 6 }}>{t("已归档", "Archived")}</Tag>}
          {o.shortName && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {o.shortName}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { key: "kind", title: t("类型", "Kind"), render: (_, o) => <Tag color={KIND_COLORS[o.kind] ?? "default"}>{orgKindLabel(o.kind, lang)}</Tag> },
    {
      key: "where",
      title: t("社区 / 网格", "Community / grid"),
      render: (_, o) => (
        <span>
          {o.communityName ?? "—"}
          {o.gridName && <Typography.Text type="secondary"> / {o.gridName}</Typography.Text>}
        </span>
      ),
    },
    { key: "contact", title: t("联系人", "Contact"), render: (_, o) => o.contactName ?? "—" },
    { key: "phone", title: t("联系电话", "Phone"), render: (_, o) => o.contactPhone ?? "—" },
    { key: "foundedOn", title: t("成立日期", "Founded"), render: (_, o) => fmtDate(o.foundedOn) },
    { key: "address", title: t("地址", "Address"), ellipsis: true, width: 220, render: (_, o) => o.address ?? "—" },
    ...(canWrite
      ? [
          {
            key: "actions",
            title: t("操作", "Actions"),
            fixed: "right" as const,
            render: (_: unknown, o: TOrg) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(o)}>
                {t("编辑", "Edit")}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHead
        title={t("组织", "Organisations")}
        subtitle={t(
          "辖区内党组织、股份合作公司、学校、群团组织与共建单位",
          "Party organisations, companies, schools, mass organisations and partner units in scope",
        )}
        extra={
          <>
            <ExportButton href="/api/organisations/export" params={list.query} fileName={t("组织.xlsx", "organisations.xlsx")} />
            {canWrite && (
              <ImportDialogButton
                url="/api/organisations/import"
                template={{ url: "/api/organisations/import/template", fileName: t("组织导入模板.xlsx", "organisations-template.xlsx") }}
                buttonLabel={t("导入", "Import XLSX")}
                title={t("导入组织", "Import XLSX")}
                intro={t(
                  "按模板列名识别；上级组织可写在上方行中；任一行有误则整份不导入；同名组织保持不变。",
                  "Columns as in the template; a parent may be a row above; any bad row stops the whole file; organisations of the same name stay as they are.",
                )}
                accept=".xlsx"
                fileLabel={t("选择文件", "Choose a file")}
                says={{
                  checked: (r) =>
                    t(`检查通过：将新增 ${r.created} 个，${r.unchanged} 个已存在`, `Check passed: ${r.created} new, ${r.unchanged} already there`),
                  imported: (r) => t(`已导入 ${r.created} 个`, `${r.created} imported`),
                  toast: (r) => t(`已导入 ${r.created} 个，${r.unchanged} 个已存在未变`, `${r.created} imported, ${r.unchanged} already there`),
                }}
                invalidate={["organisations", "orgs", "figures"]}
              />
            )}
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("新增组织", "New")}
              </Button>
            )}
          </>
        }
      />
      <div className="filter-bar">
        <SearchBox value={list.filters.q} onSearch={(v) => list.setFilters({ q: v })} placeholder={t("名称 / 简称 / 联系人", "Name / short name / contact")} />
        <FilterSelect
          list={list}
          name="kind"
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("全部类型", "All kinds")}
          options={orgKindOptions(lang)}
          style={{ minWidth: 180 }}
          aria-label={t("组织类型", "Kind")}
        />
        {communities.length > 1 && (
          <FilterSelect
            list={list}
            name="communityId"
            placeholder={t("全部社区", "All communities")}
            options={communities.map((c) => ({ value: c.id, label: c.name }))}
            aria-label={t("社区", "Community")}
          />
        )}
        {Object.values(list.filters).some(Boolean) && (
          <Button type="link" onClick={list.reset}>
            {t("清除筛选", "Clear filters")}
          </Button>
        )}
      </div>
      <ListTable<TOrg>
        rowKey="id"
        query={q}
        list={list}
        columns={columns}
        empty={
          Object.values(list.filters).some(Boolean) ? t("没有符合条件的组织", "No organisations match") : t("还没有登记组织", "No organisations registered yet")
        }
      />
      <OrgFormDrawer
        open={creating || !!editing}
        org={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </>
  );
}
