import { DownOutlined, FileWordOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Dropdown, Space, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { MEMBER_STATUS_LABELS, type TMember } from "../../../contracts/party";
import { download, qs } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import { useIsMobile } from "../../shared/use-mobile";
import { ImportButton } from "./import-button";
import { AddMemberForm, AppraisalForm, appraisalLabel, EditMemberForm, ExtendProbationForm, educationLabel, TransferOutForm } from "./member-forms";
import { useMembers, usePartyOrgs } from "./party-api";

const FILTERS = ["q", "orgId", "status", "flag"] as const;
type Action = "edit" | "appraisal" | "transfer" | "extend";

export function MembersPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const list = useListParams(FILTERS);
  const orgs = usePartyOrgs().data ?? [];
  const write = can("party.write");
  const [adding, setAdding] = useState(false);
  const [action, setAction] = useState<{ kind: Action; member: TMember } | null>(null);
  const q = useMembers(list.query);
  const { page: _p, pageSize: _s, ...filters } = list.query;
  const columns: ColumnsType<TMember> = [
    { key: "name", title: t("姓名", "Name"), render: (_, m) => <Typography.Text strong>{m.name}</Typography.Text> },
    { key: "gender", title: t("性别/年龄", "Gender/age"), render: (_, m) => `${m.gender === "M" ? t("男", "M") : t("女", "F")} · ${m.age ?? "—"}` },
    { key: "id", title: t("身份证号", "ID number"), render: (_, m) => <span className="masked">{m.idNumber ?? "—"}</span> },
    { key: "phone", title: t("手机号", "Phone"), render: (_, m) => <span className="masked">{m.phone ?? "—"}</span> },
    { key: "org", title: t("党支部", "Branch"), dataIndex: "orgName" },
    {
      key: "status",
      title: t("类别", "Status"),
      render: (_, m) => (
        <Tag color={m.status === "full" ? "red" : m.status === "probationary" ? "orange" : undefined}>{MEMBER_STATUS_LABELS[m.status][lang]}</Tag>
      ),
    },
    { key: "joined", title: t("入党日期", "Joined"), dataIndex: "joinedOn" },
    {
      key: "full",
      title: t("转正日期", "Full since"),
      render: (_, m) =>
        m.status === "probationary" && m.probationEnd ? (
          <span>
            {t(`预备期至 ${m.probationEnd}`, `Probation to ${m.probationEnd}`)}
            {m.probationExtendedMonths > 0 && (
              <Tag color="orange" style={{ marginLeft: 4 }}>
                {t(`已延长${m.probationExtendedMonths}个月`, `+${m.probationExtendedMonths} months`)}
              </Tag>
            )}
          </span>
        ) : m.status === "transferred_out" ? (
          <span className="person-sub">{t(`${m.transferOutOn} 转往 ${m.transferOutTo}`, `${m.transferOutOn} to ${m.transferOutTo}`)}</span>
        ) : (
          (m.fullOn ?? "—")
        ),
    },
    { key: "edu", title: t("学历", "Education"), render: (_, m) => (m.education ? educationLabel(m.education, lang) : "—") },
    {
      key: "flags",
      title: t("标记", "Flags"),
      render: (_, m) => (
        <Space size={2}>
          {m.mobile && <Tag color="blue">{t("流动党员", "Mobile")}</Tag>}
          {m.lostContact && <Tag color="red">{t("失联", "Lost contact")}</Tag>}
          {m.transferInFrom && <Tag title={`${m.transferInOn ?? ""} ${m.transferInFrom}`}>{t("转入", "Transferred in")}</Tag>}
        </Space>
      ),
    },
    {
      key: "appraisal",
      title: t("民主评议", "Appraisal"),
      render: (_, m) => (m.appraisalYear ? `${m.appraisalYear} ${appraisalLabel(m.appraisalResult ?? "", lang)}` : "—"),
    },
    ...(write
      ? [
          {
            key: "act",
            title: t("操作", "Actions"),
            fixed: mobile ? undefined : ("right" as const),
            render: (_: unknown, m: TMember) =>
              m.status !== "transferred_out" && (
                <Dropdown
                  trigger={["click"]}
                  menu={{
                    items: [
                      { key: "appraisal", label: t("民主评议", "Appraisal") },
                      { key: "edit", label: t("党小组、学历与标记", "Group, education, flags") },
                      ...(m.status === "probationary" && m.probationEnd && m.probationExtendedMonths === 0
                        ? [{ key: "extend", label: t("延长预备期", "Extend probation") }]
                        : []),
                      { type: "divider" as const },
                      { key: "transfer", label: t("组织关系转出", "Transfer out"), danger: true },
                    ],
                    onClick: ({ key }) => setAction({ kind: key as Action, member: m }),
                  }}
                >
                  <Button size="small" aria-label={t(`${m.name}的操作`, `Actions for ${m.name}`)}>
                    {t("操作", "Actions")} <DownOutlined />
                  </Button>
                </Dropdown>
              ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHead
        title={t("党员名册", "Party members")}
        subtitle={t("与人口库关联；身份证号、手机号脱敏显示", "Linked to the people registry; ID numbers and phones are masked")}
        extra={
          <>
            {write && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t("登记党员", "Add member")}
              </Button>
            )}
            {can("party.export") && (
              <>
                {write && (
                  <ImportButton
                    href="/api/party/members/import"
                    label={t("导入名册", "Import register")}
                    columns="姓名、身份证号、党支部、党员类别、入党日期、转正日期、学历、流动党员、失联"
                    template={{ url: "partyMembersImportTemplate", fileName: t("党员名册导入模板.xlsx", "party-members-template.xlsx") }}
                  />
                )}
                <ExportButton href="/api/party/members/export" params={list.query} fileName={t("党员名册.xlsx", "party-members.xlsx")} />
                <Button
                  icon={<FileWordOutlined />}
                  onClick={() => download(`/api/party/members/roster${qs(filters)}`, "roster.docx").catch((e) => notify.error((e as Error).message))}
                >
                  {t("打印花名册", "Print roster")}
                </Button>
              </>
            )}
          </>
        }
      />
      <div className="filter-bar">
        <SearchBox value={list.filters.q} onSearch={(v) => list.setFilters({ q: v })} placeholder={t("姓名", "Name")} />
        <FilterSelect
          list={list}
          name="orgId"
          placeholder={t("全部党组织", "All organisations")}
          options={orgs.filter((o) => o.level !== "党委").map((o) => ({ value: o.id, label: o.shortName ?? o.name }))}
          style={{ minWidth: 180 }}
          aria-label={t("党组织", "Organisation")}
        />
        <FilterSelect
          list={list}
          name="status"
          placeholder={t("全部类别", "All statuses")}
          options={Object.entries(MEMBER_STATUS_LABELS).map(([k, v]) => ({ value: k, label: v[lang] }))}
          aria-label={t("类别", "Status")}
        />
        <FilterSelect
          list={list}
          name="flag"
          placeholder={t("全部标记", "All flags")}
          options={[
            { value: "mobile", label: t("流动党员", "Mobile") },
            { value: "lost", label: t("失联", "Lost contact") },
          ]}
          aria-label={t("标记", "Flag")}
        />
      </div>
      <ListTable<TMember> rowKey="id" query={q} list={list} columns={columns} />
      {adding && <AddMemberForm onClose={() => setAdding(false)} defaultOrgId={list.filters.orgId} />}
      {action?.kind === "edit" && <EditMemberForm member={action.member} onClose={() => setAction(null)} />}
      {action?.kind === "appraisal" && <AppraisalForm member={action.member} onClose={() => setAction(null)} />}
      {action?.kind === "transfer" && <TransferOutForm member={action.member} onClose={() => setAction(null)} />}
      {action?.kind === "extend" && <ExtendProbationForm member={action.member} onClose={() => setAction(null)} />}
    </>
  );
}
