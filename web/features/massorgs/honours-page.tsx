// 荣誉推荐: the nominations of a year (a person or an organisation, the award, the level, the result),
// with a form to nominate; 品牌申报: the brand project applications of a year.
import { Button, DatePicker, Form, Radio, Select, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { type TNomination, ZNominationCreate } from "../../../contracts/massorgs";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { FormDialog, ymd } from "../../shared/form-dialog";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { usePeopleSearch } from "../people/people-api";
import { nominate, useAllOrgs, useApplications, useAwards, useNominationResult, useNominations } from "./massorgs-api";
import { MassOrgExportButton, MassOrgImportButton } from "./massorgs-io";
import { applicationResult, levelLabel, levelOptions, nominationResult, resultColor } from "./massorgs-labels";

function useYear() {
  const [sp, setSp] = useSearchParams();
  const year = Number(sp.get("year")) || new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i).map((y) => ({ value: y, label: String(y) }));
  const picker = <Select value={year} options={years} style={{ width: 100 }} onChange={(y) => setSp({ year: String(y) })} aria-label="year" />;
  return { year, picker };
}

function NominateButton() {
  const { t, lang } = useI18n();
  const { communities } = useCommunitiesAndGrids();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const [form] = Form.useForm<Record<string, any>>();
  const kind = Form.useWatch("nomineeKind", form);
  const awards = useAwards(open);
  const people = usePeopleSearch(search, { enabled: open && kind !== "org", pageSize: 50, all: true });
  const orgs = useAllOrgs(open);
  const orgOptions = (orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t("推荐参评", "Nominate")}
      </Button>
      {open && (
        <FormDialog<Record<string, any>, typeof ZNominationCreate>
          title={t("推荐个人或组织参评", "Nominate a person or an organisation")}
          onClose={() => setOpen(false)}
          form={form}
          schema={ZNominationCreate}
          initialValues={{ nomineeKind: "person", level: "district", nominatedOn: dayjs() }}
          body={(v) => ({ ...v, communityId: communities[0]?.id, nominatedOn: ymd(v.nominatedOn) })}
          send={nominate}
          done={(n: TNomination) => t(`已推荐：${n.nomineeName}`, `Nominated: ${n.nomineeName}`)}
          invalidate={[["massorgs"]]}
          okText={t("推荐", "Nominate")}
        >
          <Form.Item name="nomineeKind" label={t("被推荐", "Nominee")}>
            <Radio.Group
              optionType="button"
              options={[
                { value: "person", label: t("个人", "Person") },
                { value: "org", label: t("组织", "Organisation") },
              ]}
            />
          </Form.Item>
          {kind === "org" ? (
            <Form.Item name="orgId" label={t("组织", "Organisation")} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={orgOptions} />
            </Form.Item>
          ) : (
            <Form.Item name="personId" label={t("个人（人口库）", "Person (registry)")} rules={[{ required: true }]}>
              <Select
                showSearch
                filterOption={false}
                onSearch={setSearch}
                options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.gridName ?? "—"}）` }))}
              />
            </Form.Item>
          )}
          <Form.Item name="award" label={t("奖项", "Award")} rules={[{ required: true }]}>
            <Select options={(awards.data?.items ?? []).map((a) => ({ value: a, label: a }))} />
          </Form.Item>
          <Form.Item name="level" label={t("级别", "Level")}>
            <Select options={levelOptions(lang)} />
          </Form.Item>
          <Form.Item name="byOrgId" label={t("推荐单位", "Nominated by")}>
            <Select allowClear showSearch optionFilterProp="label" options={orgOptions} />
          </Form.Item>
          <Form.Item name="nominatedOn" label={t("推荐日期", "Nominated on")} rules={[{ required: true }]}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}

export function HonoursPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { year, picker } = useYear();
  const q = useNominations(year);
  const result = useNominationResult();
  if (q.isError) return <QueryError error={q.error as Error} onRetry={() => q.refetch()} />;
  return (
    <>
      <PageHead
        title={t("荣誉推荐与评选", "Honours and nominations")}
        subtitle={t("两红两优、五星级义工、优秀共产党员等，按推荐年度", "两红两优, five-star volunteers, outstanding party members …, by year of nomination")}
        extra={
          <Space>
            {picker}
            {can("massorgs.write") && <NominateButton />}
            {can("massorgs.write") && <MassOrgImportButton register="nominations" />}
            <MassOrgExportButton register="nominations" params={{ year }} />
          </Space>
        }
      />
      <Table<TNomination>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t(`${year} 年没有推荐记录`, `No nomination in ${year}`) }}
        columns={[
          { key: "on", title: t("推荐日期", "Nominated"), dataIndex: "nominatedOn", width: 110 },
          {
            key: "nominee",
            title: t("被推荐人/组织", "Nominee"),
            render: (_, n) => (
              <>
                {n.nomineeName} <Tag>{n.nomineeKind === "person" ? t("个人", "Person") : t("组织", "Organisation")}</Tag>
              </>
            ),
          },
          { key: "award", title: t("奖项", "Award"), dataIndex: "award" },
          { key: "level", title: t("级别", "Level"), render: (_, n) => levelLabel(n.level, lang) },
          { key: "by", title: t("推荐单位", "By"), dataIndex: "byOrgName", responsive: ["lg"] },
          {
            key: "result",
            title: t("结果", "Result"),
            render: (_, n) =>
              n.result === "pending" && can("massorgs.write") ? (
                <Space size={0}>
                  <Tag color="blue">{nominationResult(n.result, lang)}</Tag>
                  <Button size="small" type="link" onClick={() => result.mutate({ id: n.id, r: "awarded" })}>
                    {t("获评", "Awarded")}
                  </Button>
                  <Button size="small" type="link" onClick={() => result.mutate({ id: n.id, r: "not_awarded" })}>
                    {t("未获评", "Not awarded")}
                  </Button>
                </Space>
              ) : (
                <Tag color={resultColor(n.result)}>
                  {nominationResult(n.result, lang)} {n.resultOn ?? ""}
                </Tag>
              ),
          },
        ]}
      />
    </>
  );
}

export function ApplicationsPage() {
  const { t, lang } = useI18n();
  const { year, picker } = useYear();
  const q = useApplications(year);
  if (q.isError) return <QueryError error={q.error as Error} onRetry={() => q.refetch()} />;
  return (
    <>
      <PageHead title={t("品牌项目申报", "Brand project applications")} extra={picker} />
      <Table
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        pagination={false}
        columns={[
          { key: "on", title: t("申报日期", "Applied"), dataIndex: "appliedOn", width: 110 },
          { key: "title", title: t("申报名称", "Title"), dataIndex: "title" },
          { key: "project", title: t("品牌项目", "Brand project"), dataIndex: "projectName" },
          { key: "org", title: t("组织", "Organisation"), dataIndex: "orgName", responsive: ["md"] },
          { key: "level", title: t("级别", "Level"), render: (_, a) => levelLabel(a.level, lang) },
          { key: "result", title: t("结果", "Result"), render: (_, a) => <Tag color={resultColor(a.result)}>{applicationResult(a.result, lang)}</Tag> },
        ]}
      />
    </>
  );
}
