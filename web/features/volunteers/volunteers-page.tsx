// 志愿服务: the registry (by star level), service records to confirm, night patrols (record one on a
// phone; each problem found opens a hazard in 平安建设) and the teams, under /volunteers.
import { FileWordOutlined } from "@ant-design/icons";
import { Button, Segmented, Space, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import type { TNightPatrol, TRecord, TVolunteer } from "../../../contracts/volunteers";
import { download } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { fmtDateTime } from "../../shared/format";
import { ImportDialogButton } from "../../shared/import-dialog";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import { NightPatrolDetail, NightPatrolForm } from "./night-patrol";
import { TeamsPage } from "./teams";
import { VolunteerDetail } from "./volunteer-detail";
import { usePatrols, useRecords, useVolunteerPost, useVolunteers } from "./volunteers-api";
import { RECORD_STATE_COLORS, recordStateLabel, stars, stateLabel } from "./volunteers-labels";

function Tabs() {
  const { t } = useI18n();
  const loc = useLocation();
  const nav = useNavigate();
  const tabs = [
    { value: "/volunteers/list", label: t("志愿者", "Volunteers") },
    { value: "/volunteers/records", label: t("服务记录", "Records") },
    { value: "/volunteers/night-patrols", label: t("夜巡", "Night patrols") },
    { value: "/volunteers/teams", label: t("队伍", "Teams") },
  ];
  const current = tabs.find((x) => loc.pathname.startsWith(x.value))?.value;
  if (!current) return null;
  return <Segmented value={current} options={tabs} onChange={(v) => nav(String(v))} style={{ marginBottom: 12 }} />;
}

const importSays = (t: (zh: string, en: string) => string, what: { zh: string; en: string }) => ({
  checked: (r: { created: number; unchanged: number }) =>
    t(`检查通过：将新增 ${r.created} 条，不变 ${r.unchanged} 条`, `Checked: ${r.created} to add, ${r.unchanged} unchanged`),
  imported: (r: { created: number; unchanged: number }) =>
    t(`已导入：新增 ${r.created} 条，不变 ${r.unchanged} 条`, `Imported: ${r.created} added, ${r.unchanged} unchanged`),
  toast: (r: { created: number }) => t(`已导入 ${r.created} 条${what.zh}`, `${r.created} ${what.en} imported`),
});

function VolunteerList() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const list = useListParams(["q", "star", "state"] as const);
  const q = useVolunteers(list.query);
  const columns: ColumnsType<TVolunteer> = [
    {
      key: "name",
      title: t("姓名", "Name"),
      render: (_, v) => (
        <>
          <Link to={`/volunteers/list/${v.id}`}>{v.name}</Link>
          <div className="person-sub">
            {v.code}
            {v.gridName ? ` · ${v.gridName}` : ""}
          </div>
        </>
      ),
    },
    { key: "star", title: t("星级", "Stars"), render: (_, v) => <span style={{ color: "#fa8c16" }}>{stars(v.starLevel)}</span> },
    { key: "hours", title: t("累计时数", "Total hours"), dataIndex: "hoursTotal", align: "right" },
    { key: "joined", title: t("注册日期", "Joined"), dataIndex: "joinedOn", responsive: ["md"] },
    { key: "skills", title: t("技能", "Skills"), render: (_, v) => v.skills.join("、"), responsive: ["lg"] },
    { key: "state", title: t("状态", "State"), render: (_, v) => <Tag>{stateLabel(v.state, lang)}</Tag>, responsive: ["md"] },
    {
      key: "cert",
      title: "",
      render: (_, v) =>
        can("volunteers.export") && (
          <Button
            size="small"
            icon={<FileWordOutlined />}
            onClick={() => download(`/api/volunteers/${v.id}/certificate.docx`, `志愿服务时数证明-${v.code}.docx`)}
          >
            {t("时数证明", "Certificate")}
          </Button>
        ),
      responsive: ["md"],
    },
  ];
  return (
    <>
      <PageHead
        title={t("志愿服务", "Volunteers")}
        subtitle={t(
          "深圳义工星级：累计时数与注册时长（一星100小时半年 … 五星1500小时两年）",
          "Shenzhen stars from hours and tenure (1★ 100 h, half a year … 5★ 1,500 h, two years)",
        )}
        extra={
          <Space wrap>
            {can("volunteers.write") && (
              <ImportDialogButton
                url="importVolunteers"
                template={{ url: "volunteerImportTemplate", fileName: "志愿者导入模板.xlsx" }}
                buttonLabel={t("导入志愿者", "Import volunteers")}
                title={t("导入志愿者", "Import volunteers")}
                intro={t(
                  "每行一名志愿者，按身份证号关联人口库；任何一行有误则整个文件不导入。已登记的保持不变。",
                  "One volunteer a row, matched to the people registry by ID number; any bad row stops the whole file.",
                )}
                accept=".xlsx"
                fileLabel={t("选择 XLSX 文件", "Choose an XLSX file")}
                says={importSays(t, { zh: "志愿者", en: "volunteers" })}
                invalidate={["volunteers"]}
              />
            )}
            {can("volunteers.export") && <ExportButton href="/api/volunteers/export.xlsx" params={list.query} fileName="志愿者名册.xlsx" />}
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchBox value={list.filters.q} onSearch={(v) => list.setFilters({ q: v })} placeholder={t("姓名、编号", "Name, number")} />
        <FilterSelect
          list={list}
          name="star"
          placeholder={t("星级", "Stars")}
          options={[0, 1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: n ? `${n}★` : t("无星级", "None") }))}
          style={{ width: 110 }}
        />
        <FilterSelect
          list={list}
          name="state"
          placeholder={t("状态", "State")}
          options={(["active", "paused", "left"] as const).map((s) => ({ value: s, label: stateLabel(s, lang) }))}
          style={{ width: 110 }}
        />
      </Space>
      <ListTable<TVolunteer> rowKey="id" query={q} list={list} columns={columns} empty={t("没有符合条件的志愿者", "No volunteer matches")} />
    </>
  );
}

function RecordList() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const list = useListParams(["state", "from", "to"] as const);
  const q = useRecords(list.query);
  const post = useVolunteerPost();
  const columns: ColumnsType<TRecord> = [
    { key: "date", title: t("日期", "Date"), dataIndex: "serviceDate" },
    { key: "who", title: t("志愿者", "Volunteer"), dataIndex: "volunteerName" },
    { key: "title", title: t("服务", "Service"), dataIndex: "title" },
    {
      key: "time",
      title: t("签到 — 签退", "Signed in — out"),
      render: (_, r) => `${fmtDateTime(r.signInAt)} — ${r.signOutAt ? fmtDateTime(r.signOutAt).slice(11) : ""}`,
      responsive: ["md"],
    },
    { key: "hours", title: t("时数", "Hours"), dataIndex: "hours", align: "right" },
    {
      key: "state",
      title: t("状态", "State"),
      render: (_, r) => (
        <Space>
          <Tag color={RECORD_STATE_COLORS[r.state]}>{recordStateLabel(r.state, lang)}</Tag>
          {r.corrections > 0 && <Tag>{t(`更正${r.corrections}次`, `${r.corrections} corrections`)}</Tag>}
          {can("volunteers.write") && r.state === "pending" && (
            <Button size="small" type="primary" onClick={() => post.mutate({ path: `/records/${r.id}/confirm` })}>
              {t("确认", "Confirm")}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageHead
        title={t("服务记录", "Service records")}
        subtitle={t("时数为签到至签退的实际服务时间，经组织者确认后计入", "Hours are the time from sign-in to sign-out, counted once the organiser confirms")}
        extra={
          <Space wrap>
            {can("volunteers.write") && (
              <ImportDialogButton
                url="importVolunteerRecords"
                template={{ url: "volunteerRecordImportTemplate", fileName: "服务时数导入模板.xlsx" }}
                buttonLabel={t("导入时数", "Import hours")}
                title={t("导入服务时数", "Import service hours")}
                intro={t(
                  "每行一条服务记录（志愿者编号、服务内容、签到、签退时间），导入即确认；任何一行有误则整个文件不导入。",
                  "One record a row; imported records are confirmed; any bad row stops the whole file.",
                )}
                accept=".xlsx"
                fileLabel={t("选择 XLSX 文件", "Choose an XLSX file")}
                says={importSays(t, { zh: "服务记录", en: "records" })}
                invalidate={["volunteers"]}
              />
            )}
            {can("volunteers.export") && <ExportButton href="/api/volunteers/records/export.xlsx" params={list.query} fileName="服务时数.xlsx" />}
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterSelect
          list={list}
          name="state"
          placeholder={t("状态", "State")}
          options={(["open", "pending", "confirmed"] as const).map((s) => ({ value: s, label: recordStateLabel(s, lang) }))}
          style={{ width: 130 }}
        />
      </Space>
      <ListTable<TRecord> rowKey="id" query={q} list={list} columns={columns} empty={t("没有服务记录", "No service record")} />
    </>
  );
}

function PatrolList() {
  const { t } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const list = useListParams(["from", "to"] as const);
  const q = usePatrols(list.query);
  const columns: ColumnsType<TNightPatrol> = [
    { key: "code", title: t("编号", "No."), render: (_, p) => <Link to={`/volunteers/night-patrols/${p.id}`}>{p.code}</Link> },
    { key: "date", title: t("日期", "Date"), dataIndex: "date" },
    { key: "team", title: t("队伍", "Team"), dataIndex: "teamName", responsive: ["md"] },
    { key: "route", title: t("路线", "Route"), dataIndex: "route", responsive: ["lg"] },
    { key: "people", title: t("人数", "People"), dataIndex: "participants", align: "right" },
    { key: "hours", title: t("时数", "Hours"), dataIndex: "hours", align: "right", responsive: ["md"] },
    { key: "hz", title: t("发现问题", "Problems"), dataIndex: "hazards", align: "right" },
  ];
  return (
    <>
      <PageHead
        title={t("夜巡", "Night patrols")}
        subtitle={t("志愿服务队的夜间巡逻；发现的安全问题即在平安建设中登记为隐患", "Volunteer teams' night patrols; each problem found is a hazard in Safety")}
        extra={
          can("volunteers.write") && (
            <Button type="primary" onClick={() => nav("/volunteers/night-patrols/new")}>
              {t("登记夜巡", "Record a night patrol")}
            </Button>
          )
        }
      />
      <ListTable<TNightPatrol>
        rowKey="id"
        query={q}
        list={list}
        columns={columns}
        empty={t("还没有夜巡记录", "No night patrol yet")}
        onRow={(p) => ({ onDoubleClick: () => nav(`/volunteers/night-patrols/${p.id}`) })}
      />
    </>
  );
}

export default function VolunteersPage() {
  return (
    <>
      <Tabs />
      <Routes>
        <Route index element={<Navigate to="list" replace />} />
        <Route path="list" element={<VolunteerList />} />
        <Route path="list/:id" element={<VolunteerDetail />} />
        <Route path="records" element={<RecordList />} />
        <Route path="night-patrols" element={<PatrolList />} />
        <Route path="night-patrols/new" element={<NightPatrolForm />} />
        <Route path="night-patrols/:id" element={<NightPatrolDetail />} />
        <Route path="teams" element={<TeamsPage />} />
      </Routes>
    </>
  );
}
