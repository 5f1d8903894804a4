// 实有人口: the people registry of the scope. Personal data arrives masked; a full value is one
// audited reveal away, for roles allowed to see it.
import { EditOutlined, ManOutlined, PlusOutlined, WomanOutlined } from "@ant-design/icons";
import { Button, Checkbox, Space, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs from "dayjs";
import { useState } from "react";
import type { TPerson } from "../../../contracts/platform";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { ImportDialogButton } from "../../shared/import-dialog";
import { genderLabel, personKindColor, personKindLabel, personKindOptions, tagColor, tagLabel, tagOptions } from "../../shared/labels";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { RevealButton, type RevealField } from "../../shared/reveal-button";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import { useIsMobile } from "../../shared/use-mobile";
import { usePeople } from "./people-api";
import { PersonFormDrawer } from "./person-form-drawer";

const FILTERS = ["q", "gridId", "kind", "tag", "archived"] as const;

export default function PeoplePage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const { grids, communities } = useCommunitiesAndGrids();
  const manyCommunities = communities.length > 1;
  const [editing, setEditing] = useState<TPerson | null>(null);
  const [creating, setCreating] = useState(false);
  const canReveal = can("people.reveal");
  const canWrite = can("people.write");
  const mobile = useIsMobile();

  const q = usePeople(list.query);

  const masked = (p: TPerson, field: RevealField, value: string | null) =>
    value ? (
      <Space size={2}>
        <span className="masked">{value}</span>
        {canReveal && <RevealButton icon personId={p.id} personName={p.name} field={field} />}
      </Space>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  const columns: ColumnsType<TPerson> = [
    {
      key: "name",
      title: t("姓名", "Name"),
      fixed: mobile ? undefined : "left",
      render: (_, p) => {
        const age = p.age ?? (p.birthDate ? dayjs().diff(dayjs(p.birthDate), "year") : null);
        return (
          <div style={{ lineHeight: 1.35 }}>
            <Space size={6}>
              <Typography.Text strong delete={p.archived}>
                {p.name}
              </Typography.Text>
              {p.archived && <Tag>{t("已归档", "Archived")}</Tag>}
            </Space>
            <div className="person-sub">
              {p.gender === "M" ? <ManOutlined style={{ color: "#1f5fbf" }} /> : <WomanOutlined style={{ color: "#c41d7f" }} />} {genderLabel(p.gender, lang)}
              {age != null && <> · {t(`${age} 岁`, `${age} y`)}</>}
            </div>
          </div>
        );
      },
    },
    { key: "idNumber", title: t("身份证号", "ID number"), render: (_, p) => masked(p, "idNumber", p.idNumber) },
    { key: "phone", title: t("手机号", "Phone"), render: (_, p) => masked(p, "phone", p.phone) },
    { key: "address", title: t("住址", "Address"), render: (_, p) => masked(p, "address", p.address) },
    {
      key: "where",
      title: manyCommunities ? t("社区 / 网格", "Community / grid") : t("网格", "Grid"),
      render: (_, p) =>
        manyCommunities ? (
          <span>
            {p.communityName ?? "—"}
            {p.gridName && <Typography.Text type="secondary"> / {p.gridName}</Typography.Text>}
          </span>
        ) : (
          (p.gridName ?? "—")
        ),
    },
    {
      key: "kind",
      title: t("类型", "Kind"),
      render: (_, p) => <Tag color={personKindColor(p.kind)}>{personKindLabel(p.kind, lang)}</Tag>,
    },
    {
      key: "tags",
      title: t("标签", "Tags"),
      render: (_, p) =>
        p.tags.length ? (
          <Space size={[0, 4]} wrap style={{ maxWidth: 200 }}>
            {p.tags.map((tg) => (
              <Tag key={tg} color={tagColor(tg)}>
                {tagLabel(tg, lang)}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: "actions",
      title: t("操作", "Actions"),
      // on a phone a fixed column would cover half the table
      fixed: mobile ? undefined : "right",
      render: (_, p) => (
        <Space size={0}>
          {canWrite && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label={t("编辑", "Edit")}>
              {!mobile && t("编辑", "Edit")}
            </Button>
          )}
          {canReveal && <RevealButton personId={p.id} personName={p.name} />}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHead
        title={t("实有人口", "People")}
        subtitle={t(
          "身份证号、手机号和住址默认脱敏显示；查看完整信息需填写原因并记入审计日志",
          "ID numbers, phones and addresses are masked; a full value needs a reason and is audited",
        )}
        extra={
          <>
            {can("people.export") && (
              <ExportButton href="/api/people/export" params={list.query} fileName={t("实有人口.xlsx", "people.xlsx")} allowReveal={canReveal} />
            )}
            {canWrite && (
              <ImportDialogButton
                url="/api/people/import"
                template={{ url: "/api/people/import/template", fileName: t("实有人口导入模板.xlsx", "people-template.xlsx") }}
                buttonLabel={t("导入", "Import XLSX")}
                title={t("导入实有人口", "Import XLSX")}
                intro={t(
                  "按模板列名识别；任一行有误则整份不导入并逐行说明；身份证号（或姓名与手机号）已登记的人员保持不变。",
                  "Columns as in the template; any bad row stops the whole file; people already registered (same ID number, or name and phone) stay as they are.",
                )}
                accept=".xlsx"
                fileLabel={t("选择文件", "Choose a file")}
                says={{
                  checked: (r) =>
                    t(`检查通过：将新增 ${r.created} 人，${r.unchanged} 人已存在`, `Check passed: ${r.created} new, ${r.unchanged} already there`),
                  imported: (r) => t(`已导入 ${r.created} 人`, `${r.created} imported`),
                  toast: (r) => t(`已导入 ${r.created} 人，${r.unchanged} 人已存在未变`, `${r.created} imported, ${r.unchanged} already there`),
                }}
                invalidate={["people", "figures"]}
              />
            )}
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("登记居民", "Register")}
              </Button>
            )}
          </>
        }
      />
      <div className="filter-bar">
        <SearchBox
          value={list.filters.q}
          onSearch={(v) => list.setFilters({ q: v })}
          placeholder={t("姓名 / 证件号后四位 / 手机号", "Name / last 4 of ID / phone")}
        />
        <FilterSelect
          list={list}
          name="gridId"
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("全部网格", "All grids")}
          options={grids.map((g) => ({ value: g.id, label: g.name }))}
          aria-label={t("网格", "Grid")}
        />
        <FilterSelect list={list} name="kind" placeholder={t("全部类型", "All kinds")} options={personKindOptions(lang)} aria-label={t("人口类型", "Kind")} />
        <FilterSelect list={list} name="tag" placeholder={t("全部标签", "All tags")} options={tagOptions(lang)} aria-label={t("标签", "Tag")} />
        <Checkbox checked={list.filters.archived === "1"} onChange={(e) => list.setFilters({ archived: e.target.checked ? "1" : undefined })}>
          {t("已归档", "Archived")}
        </Checkbox>
        {Object.values(list.filters).some(Boolean) && (
          <Button type="link" onClick={list.reset}>
            {t("清除筛选", "Clear filters")}
          </Button>
        )}
      </div>
      <ListTable<TPerson>
        rowKey="id"
        query={q}
        list={list}
        columns={columns}
        empty={
          Object.values(list.filters).some(Boolean)
            ? t("没有符合条件的居民，试试放宽筛选条件", "No residents match; try fewer filters")
            : t("还没有登记居民", "No residents registered yet")
        }
      />
      <PersonFormDrawer
        open={creating || !!editing}
        person={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </>
  );
}
