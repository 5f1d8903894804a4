import { FileWordOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs from "dayjs";
import { useState } from "react";
import { MEETING_TYPE_EN, MEETING_TYPES, type TMeeting } from "../../../contracts/party";
import { api, download } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useListParams } from "../../shared/use-list-params";
import { VoidButton, VoidedTag, voidedFilter } from "../../shared/void-control";
import { FormDialog } from "./form-parts";
import { ImportButton } from "./import-button";
import { useMeetings, useMembersDue, usePartyOrgs } from "./party-api";

const FILTERS = ["orgId", "type", "from", "to", "voided"] as const;

export function MeetingsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const orgs = usePartyOrgs().data ?? [];
  const [creating, setCreating] = useState(false);
  const q = useMeetings(list.query);
  const typeLabel = (s: string) => (lang === "en" ? (MEETING_TYPE_EN as Record<string, string>)[s] : s);
  const columns: ColumnsType<TMeeting> = [
    { key: "date", title: t("日期", "Date"), dataIndex: "heldOn" },
    { key: "org", title: t("党组织", "Organisation"), dataIndex: "orgName" },
    { key: "type", title: t("类型", "Type"), render: (_, m) => <Tag color="red">{typeLabel(m.type)}</Tag> },
    {
      key: "topic",
      title: t("主题", "Topic"),
      render: (_, m) => (
        <Space size={4}>
          {m.topic}
          <VoidedTag voided={m.voided} />
        </Space>
      ),
    },
    {
      key: "att",
      title: t("应到/实到/请假/缺席", "Due/present/leave/absent"),
      render: (_, m) => (
        <Space size={4}>
          <span>
            {m.due}/{m.present}/{m.onLeave}/{m.absent}
          </span>
          {m.quorumRequired && (m.quorumMet ? <Tag color="green">{t("过半数", "Quorum")}</Tag> : <Tag color="orange">{t("未达法定人数", "No quorum")}</Tag>)}
        </Space>
      ),
    },
    {
      key: "doc",
      title: t("记录", "Record"),
      render: (_, m) =>
        can("party.export") && (
          <Button
            size="small"
            type="link"
            icon={<FileWordOutlined />}
            onClick={() => download(`/api/party/meetings/${m.id}/record`, "meeting.docx").catch((e) => notify.error((e as Error).message))}
          >
            DOCX
          </Button>
        ),
    },
    ...(can("party.admin")
      ? [
          {
            key: "void",
            title: t("作废", "Void"),
            render: (_: unknown, m: TMeeting) => (
              <VoidButton
                url={`/api/party/meetings/${m.id}`}
                voided={m.voided}
                what={t("会议记录", "meeting record")}
                invalidate={[["party"]]}
                onDone={() => q.refetch()}
              />
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHead
        title={t("党内会议", "Party meetings")}
        subtitle={t(
          "出席情况按应到人员登记；支委会、党委会议和支部党员大会须过半数到会",
          "Attendance is taken against the members due; committee and general meetings need more than half present",
        )}
        extra={
          <>
            {can("party.export") && <ExportButton href="/api/party/meetings/export" params={list.query} fileName={t("会议记录.xlsx", "meetings.xlsx")} />}
            {can("party.write") && (
              <ImportButton
                href="/api/party/meetings/import"
                label={t("导入会议台账", "Import meeting log")}
                columns="日期、党组织、类型、主题、地点、主持人、出席人员、请假人员、会议记录、决议"
                template={{ url: "partyMeetingsImportTemplate", fileName: t("会议台账导入模板.xlsx", "party-meetings-template.xlsx") }}
              />
            )}
            {can("party.write") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("登记会议", "Record meeting")}
              </Button>
            )}
          </>
        }
      />
      <div className="filter-bar">
        <FilterSelect
          list={list}
          name="orgId"
          placeholder={t("全部党组织", "All organisations")}
          options={orgs.map((o) => ({ value: o.id, label: o.shortName ?? o.name }))}
          style={{ minWidth: 180 }}
          aria-label={t("党组织", "Organisation")}
        />
        <FilterSelect
          list={list}
          name="type"
          placeholder={t("全部类型", "All types")}
          options={MEETING_TYPES.map((m) => ({ value: m, label: typeLabel(m) }))}
          style={{ minWidth: 150 }}
          aria-label={t("类型", "Type")}
        />
        {can("party.admin") && <FilterSelect list={list} name="voided" {...voidedFilter(t)} style={{ minWidth: 130 }} aria-label={t("作废", "Voided")} />}
        <DatePicker.RangePicker
          value={list.filters.from && list.filters.to ? [dayjs(list.filters.from), dayjs(list.filters.to)] : null}
          onChange={(v) => list.setFilters({ from: v?.[0]?.format("YYYY-MM-DD"), to: v?.[1]?.format("YYYY-MM-DD") })}
        />
      </div>
      <ListTable<TMeeting> rowKey="id" query={q} list={list} columns={columns} />
      {creating && <MeetingForm onClose={() => setCreating(false)} />}
    </>
  );
}

function MeetingForm({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const orgs = usePartyOrgs().data ?? [];
  const [form] = Form.useForm();
  const orgId = Form.useWatch("orgId", form);
  const type = Form.useWatch("type", form);
  const heldOn = Form.useWatch("heldOn", form);
  const on = heldOn ? dayjs(heldOn).format("YYYY-MM-DD") : null;
  const [status, setStatus] = useState<Record<string, "present" | "leave" | "absent">>({});
  const due = useMembersDue(orgId, type, on);
  return (
    <FormDialog<Record<string, any>>
      title={t("登记会议", "Record a meeting")}
      onClose={onClose}
      form={form}
      raw
      width={720}
      initialValues={{ heldOn: dayjs() }}
      body={(v) => ({
        orgId: v.orgId,
        type: v.type,
        heldOn: dayjs(v.heldOn).format("YYYY-MM-DD"),
        topic: v.topic,
        place: v.place || null,
        host: v.host || null,
        minutes: v.minutes || null,
        resolutions: v.resolutions || null,
        attendance: (due.data ?? []).map((m) => ({ memberId: m.memberId, status: status[m.memberId] ?? "present" })),
      })}
      send={(body) => api.post("/api/party/meetings", body)}
      done={t("已登记", "Recorded")}
    >
      <Space wrap>
        <Form.Item name="orgId" label={t("党组织", "Organisation")} rules={[{ required: true }]}>
          <Select style={{ width: 240 }} options={orgs.map((o) => ({ value: o.id, label: o.shortName ?? o.name }))} />
        </Form.Item>
        <Form.Item name="type" label={t("类型", "Type")} rules={[{ required: true }]}>
          <Select style={{ width: 180 }} options={MEETING_TYPES.map((m) => ({ value: m, label: lang === "en" ? MEETING_TYPE_EN[m] : m }))} />
        </Form.Item>
        <Form.Item name="heldOn" label={t("日期", "Date")} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
        </Form.Item>
      </Space>
      <Form.Item name="topic" label={t("主题", "Topic")} rules={[{ required: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="place" label={t("地点", "Place")}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="host" label={t("主持人", "Host")}>
          <Input style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Form.Item label={t(`出席情况（应到 ${due.data?.length ?? 0} 人）`, `Attendance (${due.data?.length ?? 0} due)`)}>
        <div style={{ maxHeight: 220, overflow: "auto" }}>
          {(due.data ?? []).map((m) => (
            <div key={m.memberId} style={{ display: "flex", gap: 12, alignItems: "center" }}>
              <Typography.Text style={{ width: 90 }}>{m.name}</Typography.Text>
              <Radio.Group
                size="small"
                value={status[m.memberId] ?? "present"}
                onChange={(e) => setStatus((s) => ({ ...s, [m.memberId]: e.target.value }))}
                options={[
                  { value: "present", label: t("出席", "Present") },
                  { value: "leave", label: t("请假", "Leave") },
                  { value: "absent", label: t("缺席", "Absent") },
                ]}
              />
            </div>
          ))}
          {!due.data?.length && (
            <Typography.Text type="secondary">
              {t("选择党组织、类型和日期后列出应到人员", "Choose organisation, type and date to list the members due")}
            </Typography.Text>
          )}
        </div>
      </Form.Item>
      <Form.Item name="minutes" label={t("会议记录", "Minutes")}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="resolutions" label={t("决议", "Resolutions")}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Checkbox checked disabled>
        {t("照片可在附件中上传", "Photos are uploaded as attachments")}
      </Checkbox>
    </FormDialog>
  );
}
