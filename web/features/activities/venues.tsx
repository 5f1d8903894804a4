import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Row, Select, Space, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { VENUE_KINDS, VENUE_STATES } from "../../../contracts/activities";
import { api } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { FormDialog } from "../../shared/form-dialog";
import { fmtDateTime } from "../../shared/format";
import { ImportDialogButton } from "../../shared/import-dialog";
import { QueryError, RowsTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import {
  type Booking,
  type Inspection,
  type Issue,
  keys,
  useActivitiesPost,
  useVenue,
  useVenueBookings,
  useVenueChecklist,
  useVenueInspections,
  useVenueIssues,
  useVenues,
  type Venue,
} from "./activities-api";
import { issueStatusLabel, venueKindLabel, venueStateLabel } from "./activities-labels";

const FILTERS = ["q", "kind", "state", "communityId"] as const;
const STATE_COLOR: Record<string, string> = { planning: "default", open: "success", paused: "warning", closed: "error" };

export function VenuesPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const q = useVenues(list.filters);
  const { communities } = useCommunitiesAndGrids();
  const nav = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHead
        title={t("阵地", "Venues")}
        subtitle={t(
          "党群服务中心、驿站、活动室、共建基地：功能室、预约与自查自纠",
          "Service centres, stations, rooms and partner bases: rooms, bookings and self-inspections",
        )}
        extra={
          <Space wrap>
            {can("activities.write") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("新增阵地", "Add venue")}
              </Button>
            )}
            {can("activities.write") && (
              <ImportDialogButton
                url="importVenues"
                template={{ url: "venueImportTemplate", fileName: "阵地导入模板.xlsx" }}
                buttonLabel={t("导入", "Import")}
                title={t("导入阵地台账", "Import venues")}
                intro={t(
                  "每行一个阵地，功能室写在一格内（如「多功能厅:80、书画室:20」）；类型、网格、运营单位须为本社区已有的。任何一行有误则整个文件不导入；名称已有的阵地保持不变。",
                  "One venue a row, its rooms in one cell (e.g. 多功能厅:80、书画室:20); the kind, grid and organisation must be the community's. Any bad row stops the whole file; venues whose name is already there stay as they are.",
                )}
                accept=".xlsx"
                fileLabel={t("选择 XLSX 文件", "Choose an XLSX file")}
                says={{
                  checked: (r) =>
                    t(`检查通过：将新增 ${r.created} 个阵地，不变 ${r.unchanged} 个`, `Checked: ${r.created} venues to add, ${r.unchanged} unchanged`),
                  imported: (r) =>
                    t(`已导入：新增 ${r.created} 个阵地，不变 ${r.unchanged} 个`, `Imported: ${r.created} venues added, ${r.unchanged} unchanged`),
                  toast: (r) => t(`已导入 ${r.created} 个阵地`, `${r.created} venues imported`),
                }}
                invalidate={["activities"]}
              />
            )}
            {can("activities.export") && (
              <ExportButton href="/api/activities/venues/export" params={list.filters} fileName={t("阵地台账.xlsx", "venues.xlsx")} />
            )}
          </Space>
        }
      />
      <div className="filter-bar">
        <SearchBox value={list.filters.q} onSearch={(v) => list.setFilters({ q: v })} placeholder={t("名称或地址", "Name or address")} />
        <FilterSelect
          list={list}
          name="kind"
          placeholder={t("全部类型", "All kinds")}
          aria-label={t("类型", "Kind")}
          options={VENUE_KINDS.map((k) => ({ value: k, label: venueKindLabel(k, lang) }))}
        />
        <FilterSelect
          list={list}
          name="state"
          placeholder={t("全部状态", "All states")}
          aria-label={t("状态", "State")}
          options={VENUE_STATES.map((s) => ({ value: s, label: venueStateLabel(s, lang) }))}
        />
        {communities.length > 1 && (
          <FilterSelect
            list={list}
            name="communityId"
            placeholder={t("全部社区", "All communities")}
            aria-label={t("社区", "Community")}
            options={communities.map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
        {Object.values(list.filters).some(Boolean) && (
          <Button type="link" onClick={list.reset}>
            {t("清除筛选", "Clear filters")}
          </Button>
        )}
      </div>
      <RowsTable<Venue>
        rowKey="id"
        query={q}
        list={list}
        rows={q.data?.items ?? []}
        onRow={(v) => ({ onDoubleClick: () => nav(`/activities/venues/${v.id}`) })}
        columns={[
          { key: "name", title: t("名称", "Name"), render: (_, v) => <Link to={`/activities/venues/${v.id}`}>{v.name}</Link> },
          { key: "kind", title: t("类型", "Kind"), render: (_, v) => venueKindLabel(v.kind, lang) },
          { key: "state", title: t("状态", "State"), render: (_, v) => <Tag color={STATE_COLOR[v.state]}>{venueStateLabel(v.state, lang)}</Tag> },
          { key: "opened", title: t("启用日期", "Opened"), dataIndex: "openedOn" },
          { key: "grid", title: t("网格", "Grid"), dataIndex: "gridName" },
          { key: "org", title: t("运营单位", "Run by"), dataIndex: "orgName" },
          { key: "hours", title: t("开放时间", "Hours"), dataIndex: "hours", responsive: ["lg"] },
          { key: "rooms", title: t("功能室", "Rooms"), dataIndex: "rooms", align: "right" },
        ]}
        empty={t("还没有阵地", "No venues yet")}
      />
      <VenueCreateModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function VenueCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { communities, grids } = useCommunitiesAndGrids();
  if (!open) return null;
  return (
    <FormDialog<Record<string, any>>
      title={t("新增阵地", "Add a venue")}
      onClose={onClose}
      raw
      body={(v) => ({
        ...v,
        communityId: v.communityId ?? communities[0]?.id,
        openedOn: v.openedOn ? (v.openedOn as Dayjs).format("YYYY-MM-DD") : null,
        state: v.openedOn ? "open" : "planning",
      })}
      send={(body) => api.post<Venue>("/api/activities/venues", body)}
      done={t("已新增阵地", "Venue added")}
      invalidate={[keys.venues]}
      initialValues={{ kind: "活动室" }}
    >
      <Form.Item name="name" label={t("名称", "Name")} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="kind" label={t("类型", "Kind")}>
          <Select style={{ width: 180 }} options={VENUE_KINDS.map((k) => ({ value: k, label: venueKindLabel(k, lang) }))} />
        </Form.Item>
        <Form.Item name="gridId" label={t("网格", "Grid")}>
          <Select style={{ width: 180 }} allowClear options={grids.map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
        <Form.Item name="openedOn" label={t("启用日期（空=筹建）", "Opened on (empty = planned)")}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item name="address" label={t("地址", "Address")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="hours" label={t("开放时间", "Opening hours")}>
        <Input maxLength={200} />
      </Form.Item>
    </FormDialog>
  );
}

type Dialog = "room" | "book" | "inspect" | null;

export function VenueDetail() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const q = useVenue(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const w = can("activities.write");
  const from = dayjs().subtract(7, "day").format("YYYY-MM-DD");
  const bookings = useVenueBookings(id, from);
  const inspections = useVenueInspections(id);
  const issues = useVenueIssues(id);
  const checklist = useVenueChecklist(q.data?.kind, !!q.data);
  const m = useActivitiesPost(() => notify.success(t("已保存", "Saved")));
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const v = q.data;
  if (!v) return <Card loading />;
  const today = dayjs().format("YYYY-MM-DD");
  const requestOf = (x: any) => {
    if (dialog === "room") return { path: `/api/activities/venues/${id}/rooms`, body: { name: x.name, capacity: x.capacity } };
    if (dialog === "book") {
      const [s, e] = x.when as [Dayjs, Dayjs];
      return { path: "/api/activities/bookings", body: { roomId: x.roomId, title: x.title, startsAt: s.toISOString(), endsAt: e.toISOString() } };
    }
    if (dialog === "inspect")
      return {
        path: `/api/activities/venues/${id}/inspections`,
        body: {
          inspectedOn: (x.on as Dayjs).format("YYYY-MM-DD"),
          inspector: x.inspector,
          items: (checklist.data?.items ?? []).map((item) => ({ item, passed: !(x.failed ?? []).includes(item) })),
        },
      };
    return undefined;
  };
  return (
    <>
      <PageHead
        title={
          <Space wrap>
            {v.name}
            <Tag color={STATE_COLOR[v.state]}>{venueStateLabel(v.state, lang)}</Tag>
          </Space>
        }
        subtitle={<Link to="/activities/venues">{t("← 返回阵地列表", "← Back to venues")}</Link>}
        extra={
          w && (
            <Space wrap>
              {v.state === "planning" && (
                <Button onClick={() => m.mutate({ path: `/api/activities/venues/${id}/state`, body: { state: "open" } })}>{t("启用", "Open")}</Button>
              )}
              <Button onClick={() => setDialog("room")}>{t("新增功能室", "Add room")}</Button>
              <Button onClick={() => setDialog("book")}>{t("预约功能室", "Book a room")}</Button>
              <Button type="primary" onClick={() => setDialog("inspect")}>
                {t("阵地自查", "Self-inspection")}
              </Button>
            </Space>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("类型", "Kind")}>{venueKindLabel(v.kind, lang)}</Descriptions.Item>
              <Descriptions.Item label={t("地址", "Address")}>{v.address ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("网格", "Grid")}>{v.gridName ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("运营单位", "Run by")}>{v.orgName ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("启用日期", "Opened")}>{v.openedOn ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("开放时间", "Hours")}>{v.hours ?? "—"}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("功能室", "Rooms")}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={v.rooms}
              columns={[
                { key: "n", title: t("名称", "Name"), dataIndex: "name" },
                { key: "c", title: t("容量（人）", "Capacity"), dataIndex: "capacity", align: "right" },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t("预约（近期）", "Bookings (upcoming)")}>
            <Table<Booking>
              rowKey="id"
              size="small"
              scroll={{ x: "max-content" }}
              loading={bookings.isFetching}
              dataSource={bookings.data?.items ?? []}
              pagination={{ pageSize: 10 }}
              columns={[
                { key: "s", title: t("开始", "Starts"), render: (_, b) => fmtDateTime(b.startsAt) },
                { key: "e", title: t("结束", "Ends"), render: (_, b) => fmtDateTime(b.endsAt) },
                { key: "r", title: t("功能室", "Room"), dataIndex: "roomName" },
                {
                  key: "t",
                  title: t("事由", "Title"),
                  render: (_, b) => (b.activityId ? <Link to={`/activities/list/${b.activityId}`}>{b.title}</Link> : b.title),
                },
                { key: "by", title: t("预约人", "Booked by"), dataIndex: "bookedBy" },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t("自查记录", "Self-inspections")}>
            <Table<Inspection>
              rowKey="id"
              size="small"
              dataSource={inspections.data?.items ?? []}
              pagination={{ pageSize: 8 }}
              columns={[
                { key: "d", title: t("日期", "Date"), dataIndex: "inspectedOn" },
                { key: "p", title: t("检查人", "Inspector"), dataIndex: "inspector" },
                { key: "f", title: t("问题/项目", "Failed/items"), render: (_, i) => `${i.failed}/${i.itemsTotal}` },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t("发现的问题", "Issues found")}>
            <Table<Issue>
              rowKey="id"
              size="small"
              scroll={{ x: "max-content" }}
              dataSource={issues.data?.items ?? []}
              pagination={{ pageSize: 8 }}
              columns={[
                { key: "d", title: t("发现", "Found"), dataIndex: "foundOn" },
                { key: "i", title: t("问题", "Issue"), dataIndex: "item" },
                { key: "dl", title: t("期限", "Deadline"), dataIndex: "deadline" },
                {
                  key: "s",
                  title: t("状态", "Status"),
                  render: (_, i) => (
                    <Space size={4}>
                      <Tag color={i.status === "verified" ? "success" : i.status === "rectified" ? "purple" : "orange"}>{issueStatusLabel(i.status, lang)}</Tag>
                      {i.overdue && <Tag color="error">{t("逾期", "Overdue")}</Tag>}
                    </Space>
                  ),
                },
                {
                  key: "x",
                  title: "",
                  render: (_, i) =>
                    !w ? null : i.status === "open" ? (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => m.mutate({ path: `/api/activities/issues/${i.id}/rectify`, body: { on: today, note: t("已整改", "Rectified") } })}
                      >
                        {t("登记整改", "Rectified")}
                      </Button>
                    ) : i.status === "rectified" ? (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => m.mutate({ path: `/api/activities/issues/${i.id}/verify`, body: { on: today, passed: true } })}
                      >
                        {t("复核通过", "Verify")}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {dialog && (
        <FormDialog<Record<string, any>>
          title={dialog === "room" ? t("新增功能室", "Add a room") : dialog === "book" ? t("预约功能室", "Book a room") : t("阵地自查", "Self-inspection")}
          onClose={() => setDialog(null)}
          raw
          body={requestOf}
          send={(data) => {
            const r = data as { path: string; body: unknown } | undefined;
            return r ? api.post(r.path, r.body) : Promise.resolve(null);
          }}
          done={t("已保存", "Saved")}
          invalidate={[keys.all]}
          okText={t("保存", "Save")}
          cancelText={t("关闭", "Close")}
        >
          {dialog === "room" && (
            <Space wrap>
              <Form.Item name="name" label={t("名称", "Name")} rules={[{ required: true }]}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name="capacity" label={t("容量（人）", "Capacity")} rules={[{ required: true }]}>
                <InputNumber min={1} />
              </Form.Item>
            </Space>
          )}
          {dialog === "book" && (
            <>
              <Form.Item name="roomId" label={t("功能室", "Room")} rules={[{ required: true }]}>
                <Select options={v.rooms.map((r) => ({ value: r.id, label: r.name }))} />
              </Form.Item>
              <Form.Item name="title" label={t("事由", "Title")} rules={[{ required: true }]}>
                <Input maxLength={120} />
              </Form.Item>
              <Form.Item name="when" label={t("时间", "When")} rules={[{ required: true }]}>
                <DatePicker.RangePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />
              </Form.Item>
            </>
          )}
          {dialog === "inspect" && (
            <>
              <Space wrap>
                <Form.Item name="on" label={t("检查日期", "Date")} rules={[{ required: true }]} initialValue={dayjs()}>
                  <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
                </Form.Item>
                <Form.Item name="inspector" label={t("检查人", "Inspector")} rules={[{ required: true }]}>
                  <Input maxLength={60} />
                </Form.Item>
              </Space>
              <Form.Item name="failed" label={t("不合格项（其余视为合格）", "Failed items (the rest passed)")}>
                <Select mode="multiple" options={(checklist.data?.items ?? []).map((i) => ({ value: i, label: i }))} />
              </Form.Item>
            </>
          )}
        </FormDialog>
      )}
    </>
  );
}
