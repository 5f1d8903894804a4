// 群团组织: the list (platform organisations of kind 妇联, 网格妇联, 三新妇女组织, 团委) and an
// organisation's page: its sub-organisations, members and leaders, brand projects with their
// applications, and a link to its activities (the activities module's list by organiser).
import { useQueryClient } from "@tanstack/react-query";
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ZApplicationCreate, ZBrandProjectCreate, ZMemberCreate } from "../../../contracts/massorgs";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { FormDialog, ymd } from "../../shared/form-dialog";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { usePeopleSearch } from "../people/people-api";
import {
  addMember,
  applyBrandProject,
  createBrandProject,
  type MassOrg,
  type MassOrgDetail,
  massorgsKeys,
  type OrgActivity,
  useApplicationResult,
  useMassOrg,
  useMassOrgs,
  useOrgActivities,
} from "./massorgs-api";
import { MassOrgExportButton, MassOrgImportButton } from "./massorgs-io";
import { applicationResult, levelLabel, levelOptions, resultColor, roleLabel } from "./massorgs-labels";

export function OrgListPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const q = useMassOrgs();
  if (q.isError) return <QueryError error={q.error as Error} onRetry={() => q.refetch()} />;
  return (
    <>
      <PageHead
        title={t("群团组织", "Mass organisations")}
        subtitle={t(
          "妇联、团委及网格妇联、“三新”妇女组织、团支部（组织本身在“组织”名录中维护）",
          "Women's federations, youth league and their sub-organisations (kept on the organisations register)",
        )}
        extra={
          <Space wrap>
            {can("massorgs.write") && <MassOrgImportButton register="members" />}
            {can("massorgs.write") && <MassOrgImportButton register="brandProjects" />}
            <MassOrgExportButton register="members" />
            <MassOrgExportButton register="brandProjects" />
          </Space>
        }
      />
      <Table<MassOrg>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        pagination={false}
        columns={[
          { key: "name", title: t("名称", "Name"), render: (_, o) => <Link to={`/massorgs/orgs/${o.id}`}>{o.name}</Link> },
          { key: "kind", title: t("类型", "Kind"), render: (_, o) => <Tag>{o.kind}</Tag> },
          { key: "parent", title: t("上级组织", "Parent"), dataIndex: "parentName", responsive: ["md"] },
          { key: "founded", title: t("成立日期", "Founded"), dataIndex: "foundedOn", responsive: ["md"] },
          { key: "members", title: t("成员", "Members"), dataIndex: "members" },
          { key: "leaders", title: t("负责人", "Leaders"), render: (_, o) => o.leaders.join("、") || "—" },
          { key: "brand", title: t("品牌项目", "Brand projects"), dataIndex: "brandProjects", responsive: ["lg"] },
        ]}
      />
    </>
  );
}

function AddMember({ orgId }: { orgId: string }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const people = usePeopleSearch(search, { enabled: open, pageSize: 50, all: true });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t("加入成员", "Add member")}
      </Button>
      {open && (
        <FormDialog<Record<string, any>, typeof ZMemberCreate>
          title={t("加入成员", "Add a member")}
          onClose={() => setOpen(false)}
          schema={ZMemberCreate}
          initialValues={{ role: "member", joinedOn: dayjs() }}
          body={(v) => ({ ...v, joinedOn: ymd(v.joinedOn) })}
          send={(d) => addMember(orgId, d)}
          done={t("已加入", "Added")}
          onDone={(d: MassOrgDetail) => {
            qc.setQueryData(massorgsKeys.org(orgId), d);
            qc.invalidateQueries({ queryKey: massorgsKeys.orgs });
          }}
        >
          <Form.Item name="personId" label={t("人员（人口库）", "Person (registry)")} rules={[{ required: true }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.gridName ?? "—"}）` }))}
            />
          </Form.Item>
          <Form.Item name="role" label={t("职务", "Role")}>
            <Select options={["chair", "deputy", "member"].map((r) => ({ value: r, label: roleLabel(r, lang) }))} />
          </Form.Item>
          <Form.Item name="joinedOn" label={t("加入日期", "Joined on")} rules={[{ required: true }]}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}

/** A new brand project of the organisation (`projectId` "new"), or an application of one to a level. */
function BrandProjectForm({ orgId, projectId, onClose }: { orgId: string; projectId: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const isNew = projectId === "new";
  return (
    <FormDialog<Record<string, any>>
      title={isNew ? t("新建品牌项目", "New brand project") : t("申报", "Apply")}
      onClose={onClose}
      initialValues={{ on: dayjs(), level: "district" }}
      body={(v) =>
        isNew ? { orgId, name: v.name, description: v.description ?? "", startedOn: ymd(v.on) } : { title: v.name, level: v.level, appliedOn: ymd(v.on) }
      }
      schema={(isNew ? ZBrandProjectCreate : ZApplicationCreate) as any}
      send={(d) => (isNew ? createBrandProject(d) : applyBrandProject(projectId, d))}
      done={isNew ? t("已新建品牌项目", "Brand project created") : t("已申报", "Applied")}
      invalidate={[["massorgs"]]}
    >
      <Form.Item name="name" label={isNew ? t("项目名称", "Name") : t("申报名称", "Title")} rules={[{ required: true, max: 100 }]}>
        <Input />
      </Form.Item>
      {isNew ? (
        <Form.Item name="description" label={t("简介", "Description")}>
          <Input.TextArea rows={2} />
        </Form.Item>
      ) : (
        <Form.Item name="level" label={t("申报级别", "Level")}>
          <Select options={levelOptions(lang)} />
        </Form.Item>
      )}
      <Form.Item name="on" label={isNew ? t("启动日期", "Started on") : t("申报日期", "Applied on")} rules={[{ required: true }]}>
        <DatePicker style={{ width: "100%" }} />
      </Form.Item>
    </FormDialog>
  );
}

/** The activities the organisation organised (the activities module's list, by organiser), newest first. */
function OrgActivities({ orgId }: { orgId: string }) {
  const { t } = useI18n();
  const q = useOrgActivities(orgId);
  return (
    <Card size="small" title={t(`主办的活动（${q.data?.total ?? 0}）`, `Activities organised (${q.data?.total ?? 0})`)} style={{ marginTop: 16 }}>
      <Table<OrgActivity>
        rowKey="id"
        size="small"
        pagination={false}
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t("还没有主办的活动", "No activity organised yet") }}
        columns={[
          { key: "date", title: t("日期", "Date"), dataIndex: "startDate", width: 110 },
          { key: "title", title: t("活动", "Activity"), render: (_, a) => <Link to={`/activities/list/${a.id}`}>{a.title}</Link> },
          { key: "type", title: t("类型", "Type"), dataIndex: "typeName", responsive: ["md"] },
          { key: "att", title: t("参与人次", "Attendance"), dataIndex: "attendance", align: "right" },
        ]}
      />
    </Card>
  );
}

export function OrgDetailPage() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [form, setForm] = useState<string | null>(null);
  const q = useMassOrg(id);
  const result = useApplicationResult();
  if (q.isError) return <QueryError error={q.error as Error} onRetry={() => q.refetch()} />;
  if (!q.data) return null;
  const { org, children, members, brandProjects } = q.data;
  const write = can("massorgs.write");
  return (
    <>
      <PageHead
        title={
          <Space>
            {org.name}
            <Tag>{org.kind}</Tag>
          </Space>
        }
        subtitle={
          <Space split="·">
            <Link to="/massorgs/orgs">{t("← 群团组织", "← Organisations")}</Link>
            {org.parentName && <span>{t(`上级：${org.parentName}`, `Parent: ${org.parentName}`)}</span>}
            {org.foundedOn && <span>{t(`成立于 ${org.foundedOn}`, `Founded ${org.foundedOn}`)}</span>}
          </Space>
        }
        extra={
          <Space wrap>
            <MassOrgExportButton register="members" params={{ orgId: org.id }} />
            <MassOrgExportButton register="brandProjects" params={{ orgId: org.id }} />
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t(`成员与负责人（${members.filter((m) => !m.leftOn).length}）`, `Members and leaders (${members.filter((m) => !m.leftOn).length})`)}
            extra={write && <AddMember orgId={org.id} />}
          >
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={members}
              columns={[
                { key: "name", title: t("姓名", "Name"), dataIndex: "name" },
                { key: "role", title: t("职务", "Role"), render: (_, m) => roleLabel(m.role, lang) },
                { key: "joined", title: t("加入", "Joined"), dataIndex: "joinedOn" },
                { key: "left", title: t("退出", "Left"), render: (_, m) => m.leftOn ?? "—" },
              ]}
            />
          </Card>
          {can("activities.read") && <OrgActivities orgId={org.id} />}
          {children.length > 0 && (
            <Card size="small" title={t("下属组织", "Sub-organisations")} style={{ marginTop: 16 }}>
              {children.map((c) => (
                <Tag key={c.id}>
                  <Link to={`/massorgs/orgs/${c.id}`}>{c.name}</Link>
                </Tag>
              ))}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t("品牌项目与申报", "Brand projects and applications")}
            extra={
              write && (
                <Button size="small" onClick={() => setForm("new")}>
                  {t("新建品牌项目", "New brand project")}
                </Button>
              )
            }
          >
            {brandProjects.map((p) => (
              <div key={p.id} style={{ marginBottom: 12 }}>
                <b>{p.name}</b> <span className="person-sub">{p.startedOn}</span>
                {write && (
                  <Button size="small" type="link" onClick={() => setForm(p.id)}>
                    {t("申报", "Apply")}
                  </Button>
                )}
                <div className="person-sub">{p.description}</div>
                {p.applications.map((a) => (
                  <div key={a.id}>
                    {a.appliedOn} {a.title} <Tag>{levelLabel(a.level, lang)}</Tag>
                    <Tag color={resultColor(a.result)}>{applicationResult(a.result, lang)}</Tag>
                    {write && a.result === "pending" && (
                      <>
                        <Button size="small" type="link" onClick={() => result.mutate({ appId: a.id, r: "approved" })}>
                          {t("入选", "Selected")}
                        </Button>
                        <Button size="small" type="link" onClick={() => result.mutate({ appId: a.id, r: "rejected" })}>
                          {t("未入选", "Not selected")}
                        </Button>
                      </>
                    )}
                  </div>
                ))}
              </div>
            ))}
            {!brandProjects.length && <span className="person-sub">{t("还没有品牌项目", "No brand project yet")}</span>}
          </Card>
        </Col>
      </Row>
      {form && <BrandProjectForm orgId={org.id} projectId={form} onClose={() => setForm(null)} />}
    </>
  );
}
