import { PlusOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { AUDIENCE_EN, AUDIENCES, TYPE_CLASSES } from "../../../contracts/activities";
import { api } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { FormDialog } from "../../shared/form-dialog";
import { fmtDateTime } from "../../shared/format";
import { ImportDialogButton } from "../../shared/import-dialog";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import { type Activity, keys, useActivities, useActivityOrgs, useTypes, useVenue, useVenues } from "./activities-api";
import { classLabel, STATUS_COLOR, statusLabel } from "./activities-labels";

const FILTERS = ["q", "typeCode", "typeClass", "status", "venueId", "from", "to"] as const;

export function ActivitiesList() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const q = useActivities(list.query);
  const types = useTypes().data?.items ?? [];
  const venues = useVenues().data?.items ?? [];
  const nav = useNavigate();
  const [creating, setCreating] = useState(false);
  const columns: ColumnsType<Activity> = [
    { key: "title", title: t("活动", "Activity"), render: (_, a) => <Link to={`/activities/list/${a.id}`}>{a.title}</Link> },
    { key: "start", title: t("时间", "When"), render: (_, a) => fmtDateTime(a.startsAt) },
    { key: "type", title: t("类型", "Type"), render: (_, a) => (lang === "zh" ? a.typeName : a.typeNameEn) },
    {
      key: "where",
      title: t("地点", "Where"),
      render: (_, a) => [a.venueName, a.roomName].filter(Boolean).join(" · ") || a.location || (a.online ? t("线上", "Online") : "—"),
    },
    { key: "org", title: t("主办", "Organiser"), dataIndex: "organiserName" },
    { key: "status", title: t("状态", "Status"), render: (_, a) => <Tag color={STATUS_COLOR[a.status]}>{statusLabel(a.status, lang)}</Tag> },
    { key: "signed", title: t("报名", "Signed up"), render: (_, a) => (a.capacity ? `${a.signedUp}/${a.capacity}` : a.signedUp) },
    { key: "att", title: t("参与人次", "Person-times"), dataIndex: "attendance", align: "right" },
  ];
  return (
    <>
      <PageHead
        title={t("活动", "Activities")}
        subtitle={t("报名、扫码签到、参与人次；各统计口径互不重叠", "Sign-up, QR check-in and person-times; each figure counts its own class of activities")}
        extra={
          <>
            {can("activities.export") && <ExportButton href="/api/activities/export" params={list.query} fileName={t("活动台账.xlsx", "activities.xlsx")} />}
            {can("activities.write") && (
              <ImportDialogButton
                url="importActivities"
                template={{ url: "activityImportTemplate", fileName: t("活动台账导入模板.xlsx", "activities-template.xlsx") }}
                buttonLabel={t("导入", "Import")}
                title={t("导入活动台账", "Import activities")}
                intro={t(
                  "每行一场活动：活动名称、类型、开始时间、结束时间（YYYY-MM-DD HH:MM）必填；阵地、主办单位须为本社区已有的；参与人次为清点人数。任何一行有误则整个文件不导入；同名同开始时间的活动保持不变。",
                  "One activity a row: title, type, start and end (YYYY-MM-DD HH:MM) required; the venue and organiser must be the community's; person-times is the head count. Any bad row stops the whole file; an activity with the same title and start stays as it is.",
                )}
                accept=".xlsx"
                fileLabel={t("选择 XLSX 文件", "Choose an XLSX file")}
                says={{
                  checked: (r) =>
                    t(`检查通过：将新增 ${r.created} 场活动，不变 ${r.unchanged} 场`, `Checked: ${r.created} activities to add, ${r.unchanged} unchanged`),
                  imported: (r) =>
                    t(`已导入：新增 ${r.created} 场活动，不变 ${r.unchanged} 场`, `Imported: ${r.created} activities added, ${r.unchanged} unchanged`),
                  toast: (r) => t(`已导入 ${r.created} 场活动`, `${r.created} activities imported`),
                }}
                invalidate={["activities", "figures"]}
              />
            )}
            {can("activities.write") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("新建活动", "New activity")}
              </Button>
            )}
          </>
        }
      />
      <div className="filter-bar">
        <SearchBox value={list.filters.q} onSearch={(v) => list.setFilters({ q: v })} placeholder={t("活动名称", "Title")} />
        <FilterSelect
          list={list}
          name="typeCode"
          placeholder={t("全部类型", "All types")}
          aria-label={t("类型", "Type")}
          options={types.map((x) => ({ value: x.code, label: lang === "zh" ? x.name : x.nameEn }))}
        />
        <FilterSelect
          list={list}
          name="typeClass"
          placeholder={t("全部口径", "All classes")}
          aria-label={t("统计口径", "Class")}
          options={TYPE_CLASSES.map((c) => ({ value: c, label: classLabel(c, lang) }))}
        />
        <FilterSelect
          list={list}
          name="status"
          placeholder={t("全部状态", "All statuses")}
          aria-label={t("状态", "Status")}
          options={(["planned", "held", "cancelled"] as const).map((s) => ({ value: s, label: statusLabel(s, lang) }))}
        />
        <FilterSelect
          list={list}
          name="venueId"
          placeholder={t("全部阵地", "All venues")}
          aria-label={t("阵地", "Venue")}
          options={venues.map((v) => ({ value: v.id, label: v.name }))}
        />
        {Object.values(list.filters).some(Boolean) && (
          <Button type="link" onClick={list.reset}>
            {t("清除筛选", "Clear filters")}
          </Button>
        )}
      </div>
      {(q.data as { totalCapped?: boolean } | undefined)?.totalCapped && (
        <Typography.Paragraph type="secondary">
          {t("超过 10,000 场，只计到 10,000；请缩小筛选范围", "More than 10,000 activities; counting stops there — narrow the filters")}
        </Typography.Paragraph>
      )}
      <ListTable<Activity>
        rowKey="id"
        query={q}
        list={list}
        columns={columns}
        onRow={(a) => ({ onDoubleClick: () => nav(`/activities/list/${a.id}`) })}
        empty={t("没有符合条件的活动", "No activities match")}
      />
      <ActivityCreateModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function ActivityCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  return open ? <ActivityCreateForm onClose={onClose} /> : null;
}

function ActivityCreateForm({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const nav = useNavigate();
  const { communities } = useCommunitiesAndGrids();
  const types = useTypes().data?.items ?? [];
  const venues = useVenues().data?.items ?? [];
  const venueId = Form.useWatch("venueId", form) as string | undefined;
  const typeCode = Form.useWatch("typeCode", form) as string | undefined;
  const isTraining = types.find((x) => x.code === typeCode)?.class === "training";
  const venue = useVenue(venueId, !!venueId);
  const orgs = useActivityOrgs();
  const bodyOf = (v: any) => {
    const s = v.startsAt as Dayjs;
    const e = v.endsAt as Dayjs;
    return {
      communityId: v.communityId ?? communities[0]?.id,
      title: v.title,
      typeCode: v.typeCode,
      venueId: v.venueId ?? null,
      roomId: v.roomId ?? null,
      location: v.location || null,
      organiserId: v.organiserId ?? null,
      capacity: v.capacity ?? null,
      audience: v.audience ?? [],
      trainingHours: isTraining ? (v.trainingHours ?? null) : null,
      startsAt: s.toISOString(),
      endsAt: e.toISOString(),
      public: v.public ?? true,
      description: v.description || null,
    };
  };
  return (
    <FormDialog<Record<string, any>>
      title={t("新建活动", "New activity")}
      onClose={onClose}
      form={form}
      raw
      body={bodyOf}
      send={(body) => api.post<Activity>("/api/activities", body)}
      done={(a: Activity) => t(`已新建活动「${a.title}」`, `Activity "${a.title}" created`)}
      invalidate={[keys.all]}
      onDone={(a: Activity) => nav(`/activities/list/${a.id}`)}
      width={640}
      initialValues={{ public: true }}
    >
      {communities.length > 1 && (
        <Form.Item name="communityId" label={t("社区", "Community")} rules={[{ required: true }]}>
          <Select options={communities.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
      )}
      <Form.Item name="title" label={t("活动名称", "Title")} rules={[{ required: true, message: t("请填写活动名称", "Give a title") }]}>
        <Input maxLength={120} />
      </Form.Item>
      <Space wrap style={{ width: "100%" }}>
        <Form.Item name="typeCode" label={t("活动类型", "Type")} rules={[{ required: true, message: t("请选择类型", "Choose a type") }]}>
          <Select
            style={{ width: 200 }}
            showSearch
            optionFilterProp="label"
            options={types.map((x) => ({ value: x.code, label: lang === "zh" ? x.name : x.nameEn }))}
          />
        </Form.Item>
        <Form.Item name="organiserId" label={t("主办单位", "Organiser")}>
          <Select
            style={{ width: 260 }}
            allowClear
            showSearch
            optionFilterProp="label"
            options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="startsAt" label={t("开始时间", "Starts")} rules={[{ required: true, message: t("请选择开始时间", "Choose the start") }]}>
          <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="endsAt" label={t("结束时间", "Ends")} rules={[{ required: true, message: t("请选择结束时间", "Choose the end") }]}>
          <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Space>
      <Space wrap style={{ width: "100%" }}>
        <Form.Item name="venueId" label={t("阵地", "Venue")}>
          <Select
            style={{ width: 240 }}
            allowClear
            options={venues.map((v) => ({ value: v.id, label: v.name }))}
            onChange={() => form.setFieldValue("roomId", undefined)}
          />
        </Form.Item>
        <Form.Item name="roomId" label={t("功能室（自动预约）", "Room (booked)")}>
          <Select
            style={{ width: 200 }}
            allowClear
            disabled={!venueId}
            options={(venue.data?.rooms ?? []).filter((r) => !r.archived).map((r) => ({ value: r.id, label: `${r.name}（${r.capacity}${t("人", "")}）` }))}
          />
        </Form.Item>
        <Form.Item name="capacity" label={t("人数上限", "Capacity")}>
          <InputNumber min={1} max={100000} />
        </Form.Item>
      </Space>
      <Space wrap style={{ width: "100%" }}>
        <Form.Item name="audience" label={t("服务对象", "Audience")}>
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 240 }}
            options={AUDIENCES.map((a) => ({ value: a, label: lang === "zh" ? a : AUDIENCE_EN[a] }))}
          />
        </Form.Item>
        {isTraining && (
          <Form.Item
            name="trainingHours"
            label={t("学时", "Study hours")}
            tooltip={t(
              "发展对象集中培训：签到的发展对象按此学时记入入党流程第11步（不少于24学时）；不填按活动时长计",
              "Central training of party candidates: each candidate who attends has step 11 recorded with these hours (at least 24); left empty, the activity's length",
            )}
          >
            <InputNumber min={0.5} max={1000} step={0.5} />
          </Form.Item>
        )}
      </Space>
      <Form.Item name="location" label={t("其他地点（无阵地时）", "Other place (no venue)")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t("说明", "Description")}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="public" label={t("公开（居民可在手机上报名）", "Public (residents sign up on their phones)")} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormDialog>
  );
}
