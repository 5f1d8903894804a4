import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, DatePicker, Descriptions, Form, Input, List, Radio, Select, Space, Table, Tabs, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import {
  HAZARD_KINDS,
  HAZARD_STATUS_LABELS,
  PLACE_KIND_LABELS,
  PLACE_KINDS,
  RISK_LABELS,
  RISK_LEVELS,
  type TInspection,
  type TPlace,
} from "../../../contracts/safety";
import { api } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { FormDialog } from "../../shared/form-dialog";
import { ImportDialogButton } from "../../shared/import-dialog";
import { ListTable, QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { useListParams } from "../../shared/use-list-params";
import { kindLabel } from "./hazards";
import {
  type Checklist,
  type PlanItem,
  safetyKeys,
  useAllPlaces,
  useChecklists,
  useInspection,
  useInspectionPlan,
  useInspections,
  usePlaces,
} from "./safety-api";

const FILTERS = ["tab", "placeId", "gridId", "result", "from", "to", "kind"] as const;

export function InspectionsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const tab = list.filters.tab ?? "plan";
  const [inspecting, setInspecting] = useState<string | null | undefined>(undefined);
  return (
    <>
      <PageHead
        title={t("安全检查", "Safety inspections")}
        subtitle={t(
          "场所台账、按场所类型的检查表、每日检查计划；不合格项可一键转为隐患",
          "Places, checklists per place kind and the daily plan; a failed item opens a hazard in one click",
        )}
        extra={
          <>
            {can("safety.export") && tab === "list" && (
              <ExportButton href="/api/safety/inspections/export" params={list.query} fileName={t("安全检查.xlsx", "inspections.xlsx")} />
            )}
            {can("safety.write") && (
              <ImportDialogButton
                url="/api/safety/inspections/import"
                intoCommunity={false}
                template={{ url: "/api/safety/inspections/import/template", fileName: t("安全检查导入模板.xlsx", "inspections-template.xlsx") }}
                buttonLabel={t("导入", "Import")}
                title={t("导入安全检查（每行一个检查项）", "Import inspections (one row per item)")}
                intro={t(
                  "按列名识别：检查日期、场所、场所类型、网格、检查人、检查项、结果、情况说明、隐患类型、风险等级。同一天、同一场所、同一检查人的各行为一次检查；不合格项转为隐患（发现日期为检查日期）；台账中没有的场所按场所类型和网格新增。任一行有误则整份不导入；已登记的检查保持不变。",
                  "Columns: date, place, kind, grid, inspectors, item, result, item note, hazard kind, risk. Rows of one day, place and inspectors are one inspection; a failed item opens a hazard found on that day; a place not on the register is added with its kind and grid. Any bad row stops the whole file; inspections already recorded stay as they are.",
                )}
                accept=".xlsx"
                fileLabel={t("选择文件", "Choose a file")}
                says={{
                  checked: (r) =>
                    t(`检查通过：将新增 ${r.created} 行，${r.unchanged} 行已存在`, `Check passed: ${r.created} new, ${r.unchanged} already there`),
                  imported: (r) => t(`已导入 ${r.created} 行`, `${r.created} rows imported`),
                  toast: (r) => t(`已导入 ${r.created} 行，${r.unchanged} 行已存在未变`, `${r.created} imported, ${r.unchanged} already there`),
                }}
                invalidate={["safety", "figures"]}
              />
            )}
            {can("safety.write") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setInspecting(null)}>
                {t("登记检查", "Record inspection")}
              </Button>
            )}
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => list.setFilters({ tab: k === "plan" ? undefined : k })}
        items={[
          { key: "plan", label: t("今日计划", "Today's plan"), children: <PlanTab onInspect={(id) => setInspecting(id)} /> },
          { key: "list", label: t("检查记录", "Inspections"), children: <ListTab list={list} /> },
          { key: "places", label: t("场所台账", "Places"), children: <PlacesTab list={list} /> },
          { key: "checklists", label: t("检查表", "Checklists"), children: <ChecklistsTab /> },
        ]}
      />
      <InspectModal placeId={inspecting} onClose={() => setInspecting(undefined)} lang={lang} />
    </>
  );
}

function PlanTab({ onInspect }: { onInspect: (placeId: string) => void }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const q = useInspectionPlan();
  if (q.isError) return <QueryError error={q.error} />;
  const items = q.data?.items ?? [];
  const n = (s: string) => items.filter((i) => i.state === s).length;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Tag color="error">{t(`漏检 ${n("missed")}`, `Missed ${n("missed")}`)}</Tag>
        <Tag color="processing">{t(`今日应检 ${n("due")}`, `Due today ${n("due")}`)}</Tag>
        <Tag color="success">{t(`今日已检 ${n("done")}`, `Done today ${n("done")}`)}</Tag>
      </Space>
      <Table<PlanItem>
        rowKey="placeId"
        size="small"
        loading={q.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={[
          { title: t("场所", "Place"), dataIndex: "placeName" },
          { title: t("类型", "Kind"), render: (_, i) => PLACE_KIND_LABELS[i.placeKind][lang] },
          { title: t("网格", "Grid"), dataIndex: "gridName" },
          { title: t("上次检查", "Last"), render: (_, i) => i.lastInspectedOn ?? "—" },
          { title: t("应检日期", "Due"), dataIndex: "dueOn" },
          {
            title: t("状态", "State"),
            render: (_, i) =>
              i.state === "missed" ? (
                <Tag color="error">{t(`漏检 ${i.daysMissed} 天`, `${i.daysMissed} d missed`)}</Tag>
              ) : i.state === "due" ? (
                <Tag color="processing">{t("应检", "Due")}</Tag>
              ) : (
                <Tag color="success">{t("已检", "Done")}</Tag>
              ),
          },
          {
            title: "",
            render: (_, i) =>
              can("safety.write") &&
              i.state !== "done" && (
                <Button size="small" onClick={() => onInspect(i.placeId)}>
                  {t("检查", "Inspect")}
                </Button>
              ),
          },
        ]}
      />
    </>
  );
}

function ListTab({ list }: { list: ReturnType<typeof useListParams<(typeof FILTERS)[number]>> }) {
  const { t, lang } = useI18n();
  const { grids } = useCommunitiesAndGrids();
  const { tab: _t, kind: _k, ...query } = list.query;
  const q = useInspections(query);
  const columns: ColumnsType<TInspection> = [
    { title: t("检查日期", "Date"), render: (_, i) => <Link to={`/safety/inspections/${i.id}`}>{i.inspectedOn}</Link> },
    { title: t("场所", "Place"), dataIndex: "placeName" },
    { title: t("类型", "Kind"), render: (_, i) => PLACE_KIND_LABELS[i.placeKind][lang] },
    { title: t("网格", "Grid"), dataIndex: "gridName" },
    { title: t("检查人", "Inspectors"), render: (_, i) => i.inspectors.join("、") },
    {
      title: t("结果", "Result"),
      render: (_, i) =>
        i.result === "passed" ? (
          <Tag color="success">{t("合格", "Passed")}</Tag>
        ) : (
          <Tag color="error">{t(`不合格 ${i.failedCount} 项`, `${i.failedCount} failed`)}</Tag>
        ),
    },
  ];
  return (
    <>
      <div className="filter-bar">
        <FilterSelect
          list={list}
          name="result"
          placeholder={t("全部结果", "All results")}
          options={[
            { value: "passed", label: t("合格", "Passed") },
            { value: "failed", label: t("不合格", "Failed") },
          ]}
          aria-label={t("结果", "Result")}
        />
        <FilterSelect
          list={list}
          name="gridId"
          placeholder={t("全部网格", "All grids")}
          options={grids.map((g) => ({ value: g.id, label: g.name }))}
          aria-label={t("网格", "Grid")}
        />
        <DatePicker.RangePicker
          value={list.filters.from && list.filters.to ? [dayjs(list.filters.from), dayjs(list.filters.to)] : null}
          onChange={(r) => list.setFilters({ from: r?.[0]?.format("YYYY-MM-DD"), to: r?.[1]?.format("YYYY-MM-DD") })}
        />
      </div>
      <ListTable<TInspection> rowKey="id" query={q} list={list as any} columns={columns} empty={t("没有检查记录", "No inspections")} />
    </>
  );
}

function PlacesTab({ list }: { list: ReturnType<typeof useListParams<(typeof FILTERS)[number]>> }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { grids } = useCommunitiesAndGrids();
  const [adding, setAdding] = useState(false);
  const query = { kind: list.filters.kind, gridId: list.filters.gridId, page: list.page, pageSize: list.pageSize };
  const q = usePlaces(query);
  return (
    <>
      <div className="filter-bar">
        <FilterSelect
          list={list}
          name="kind"
          placeholder={t("全部类型", "All kinds")}
          options={PLACE_KINDS.map((k) => ({ value: k, label: PLACE_KIND_LABELS[k][lang] }))}
          aria-label={t("场所类型", "Place kind")}
        />
        <FilterSelect
          list={list}
          name="gridId"
          placeholder={t("全部网格", "All grids")}
          options={grids.map((g) => ({ value: g.id, label: g.name }))}
          aria-label={t("网格", "Grid")}
        />
        {can("safety.write") && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t("添加场所", "Add place")}
          </Button>
        )}
      </div>
      <ListTable<TPlace>
        rowKey="id"
        query={q}
        list={list as any}
        columns={[
          { title: t("名称", "Name"), dataIndex: "name" },
          { title: t("类型", "Kind"), render: (_, p) => PLACE_KIND_LABELS[p.kind][lang] },
          { title: t("网格", "Grid"), dataIndex: "gridName" },
          { title: t("地址", "Address"), render: (_, p) => p.address ?? "—" },
          { title: t("检查周期", "Every"), render: (_, p) => t(`${p.intervalDays} 天`, `${p.intervalDays} d`) },
          { title: t("上次检查", "Last"), render: (_, p) => p.lastInspectedOn ?? "—" },
          { title: t("下次应检", "Next due"), render: (_, p) => p.nextDueOn ?? "—" },
        ]}
      />
      {adding && (
        <FormDialog<Record<string, any>>
          title={t("添加场所", "Add a place")}
          onClose={() => setAdding(false)}
          raw
          send={(v) => api.post<TPlace>("/api/safety/places", v)}
          done={t("已添加场所", "Place added")}
          invalidate={[safetyKeys.all]}
          initialValues={{ kind: "shop" }}
        >
          <Form.Item name="name" label={t("名称", "Name")} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label={t("类型", "Kind")}>
            <Select options={PLACE_KINDS.map((k) => ({ value: k, label: PLACE_KIND_LABELS[k][lang] }))} />
          </Form.Item>
          <Form.Item name="gridId" label={t("网格", "Grid")} rules={[{ required: true }]}>
            <Select options={grids.map((g) => ({ value: g.id, label: g.name }))} />
          </Form.Item>
          <Form.Item name="address" label={t("地址", "Address")}>
            <Input maxLength={200} />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}

function ChecklistsTab() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const q = useChecklists();
  const [editing, setEditing] = useState<Checklist | null>(null);
  const [text, setText] = useState("");
  return (
    <>
      <List
        grid={{ gutter: 16, xs: 1, sm: 2, lg: 3 }}
        loading={q.isFetching}
        dataSource={q.data ?? []}
        renderItem={(c) => (
          <List.Item>
            <Card
              size="small"
              title={PLACE_KIND_LABELS[c.placeKind][lang]}
              extra={
                can("safety.admin") && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => {
                      setEditing(c);
                      setText(c.items.join("\n"));
                    }}
                  >
                    {t("编辑", "Edit")}
                  </Button>
                )
              }
            >
              <ol style={{ paddingLeft: 18, margin: 0 }}>
                {c.items.map((i) => (
                  <li key={i}>{i}</li>
                ))}
              </ol>
            </Card>
          </List.Item>
        )}
      />
      {editing && (
        <FormDialog<Record<string, never>>
          title={t("编辑检查表（每行一项）", "Edit checklist (one item per line)")}
          onClose={() => setEditing(null)}
          raw
          body={() => ({
            items: text
              .split("\n")
              .map((s) => s.trim())
              .filter(Boolean),
          })}
          send={(d) => api.put<Checklist>(`/api/safety/checklists/${editing.placeKind}`, d)}
          done={t("检查表已保存", "Checklist saved")}
          invalidate={[safetyKeys.checklists]}
        >
          <Input.TextArea rows={8} value={text} onChange={(e) => setText(e.target.value)} />
        </FormDialog>
      )}
    </>
  );
}

function InspectModal({ placeId, onClose }: { placeId: string | null | undefined; onClose: () => void; lang: "zh" | "en" }) {
  return placeId !== undefined ? <InspectForm placeId={placeId} onClose={onClose} /> : null;
}

function InspectForm({ placeId, onClose }: { placeId: string | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const nav = useNavigate();
  const open = true;
  const [place, setPlace] = useState<string | undefined>(undefined);
  const [results, setResults] = useState<Record<number, { passed: boolean; note?: string }>>({});
  const [inspectors, setInspectors] = useState("");
  const [date, setDate] = useState(dayjs());
  useEffect(() => {
    if (open) {
      setPlace(placeId ?? undefined);
      setResults({});
    }
  }, [placeId]);
  const places = useAllPlaces(open);
  const lists = useChecklists(open);
  const p = places.data?.items.find((x) => x.id === place);
  const items = p ? (lists.data?.find((c) => c.placeKind === p.kind)?.items ?? []) : [];
  return (
    <FormDialog<Record<string, never>>
      width={720}
      title={t("登记安全检查", "Record an inspection")}
      onClose={onClose}
      raw
      body={() => ({
        placeId: place,
        inspectedOn: date.format("YYYY-MM-DD"),
        inspectors: inspectors.split(/[、,，\s]+/).filter(Boolean),
        items: items.map((item, k) => ({ item, passed: results[k]?.passed ?? true, note: results[k]?.note || null })),
      })}
      send={(d) => api.post<TInspection>("/api/safety/inspections", d)}
      done={t("检查已登记", "Inspection recorded")}
      invalidate={[safetyKeys.all]}
      onDone={(i: TInspection) => nav(`/safety/inspections/${i.id}`)}
      okDisabled={!place}
      okText={t("提交", "Submit")}
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Select
          showSearch={{ optionFilterProp: "label" }}
          style={{ width: "100%" }}
          placeholder={t("选择场所", "Choose a place")}
          aria-label={t("场所", "Place")}
          value={place}
          onChange={setPlace}
          options={(places.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${PLACE_KIND_LABELS[x.kind][lang]}）` }))}
        />
        <Space wrap>
          <DatePicker
            value={date}
            onChange={(d) => d && setDate(d)}
            disabledDate={(d) => d.isAfter(dayjs(), "day")}
            allowClear={false}
            aria-label={t("检查日期", "Date")}
          />
          <Input
            placeholder={t("检查人（多人用、分隔）", "Inspectors (separate with 、)")}
            value={inspectors}
            onChange={(e) => setInspectors(e.target.value)}
            style={{ width: 300 }}
            aria-label={t("检查人", "Inspectors")}
          />
        </Space>
        {items.map((item, k) => (
          <Card key={item} size="small">
            <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
              <span>{item}</span>
              <Radio.Group
                value={(results[k]?.passed ?? true) ? "pass" : "fail"}
                onChange={(e) => setResults({ ...results, [k]: { ...results[k], passed: e.target.value === "pass" } })}
                optionType="button"
                buttonStyle="solid"
                aria-label={item}
                options={[
                  { value: "pass", label: t("合格", "Pass") },
                  { value: "fail", label: t("不合格", "Fail") },
                ]}
              />
            </Space>
            {results[k]?.passed === false && (
              <Input
                style={{ marginTop: 8 }}
                placeholder={t("不合格情况说明（必填）", "What is wrong (required)")}
                aria-label={t("情况说明", "Note")}
                value={results[k]?.note}
                onChange={(e) => setResults({ ...results, [k]: { ...results[k], passed: false, note: e.target.value } })}
              />
            )}
          </Card>
        ))}
      </Space>
    </FormDialog>
  );
}

export function InspectionDetail() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const [item, setItem] = useState<string | null>(null);
  const q = useInspection(id);
  const [sp] = useSearchParams();
  if (q.isError) return <QueryError error={q.error} />;
  const i = q.data;
  if (!i) return <Card loading />;
  return (
    <>
      <PageHead
        title={t(`检查记录：${i.placeName}`, `Inspection: ${i.placeName}`)}
        subtitle={<Link to={`/safety/inspections?${sp.toString() || "tab=list"}`}>{t("← 返回安全检查", "← Back to inspections")}</Link>}
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t("检查日期", "Date")}>{i.inspectedOn}</Descriptions.Item>
          <Descriptions.Item label={t("场所类型", "Place kind")}>{PLACE_KIND_LABELS[i.placeKind][lang]}</Descriptions.Item>
          <Descriptions.Item label={t("网格", "Grid")}>{i.gridName}</Descriptions.Item>
          <Descriptions.Item label={t("检查人", "Inspectors")}>{i.inspectors.join("、")}</Descriptions.Item>
          <Descriptions.Item label={t("结果", "Result")}>
            {i.result === "passed" ? (
              <Tag color="success">{t("合格", "Passed")}</Tag>
            ) : (
              <Tag color="error">{t(`不合格 ${i.failedCount} 项`, `${i.failedCount} failed`)}</Tag>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={i.items ?? []}
        scroll={{ x: "max-content" }}
        columns={[
          { title: t("检查项", "Item"), dataIndex: "item" },
          {
            title: t("结果", "Result"),
            render: (_, it) => (it.passed ? <Tag color="success">{t("合格", "Pass")}</Tag> : <Tag color="error">{t("不合格", "Fail")}</Tag>),
          },
          { title: t("说明", "Note"), render: (_, it) => it.note ?? "—" },
          {
            title: t("隐患", "Hazard"),
            render: (_, it) =>
              it.hazardId ? (
                <Link to={`/safety/hazards/${it.hazardId}`}>
                  {it.hazardCode} {it.hazardStatus && <Tag>{HAZARD_STATUS_LABELS[it.hazardStatus][lang]}</Tag>}
                </Link>
              ) : (
                !it.passed &&
                can("safety.write") && (
                  <Button size="small" type="primary" danger onClick={() => setItem(it.id)}>
                    {t("转为隐患", "Open hazard")}
                  </Button>
                )
              ),
          },
        ]}
      />
      {item && (
        <FormDialog<Record<string, any>>
          title={t("不合格项转为隐患", "Open a hazard from this item")}
          onClose={() => setItem(null)}
          raw
          send={(v) => api.post<{ id: string; code: string }>(`/api/safety/inspection-items/${item}/hazard`, v)}
          done={(h: { code: string }) => t(`已转为隐患 ${h.code}`, `Hazard ${h.code} opened`)}
          invalidate={[safetyKeys.all]}
          onDone={(h: { id: string }) => nav(`/safety/hazards/${h.id}`)}
          okText={t("转为隐患", "Open hazard")}
          initialValues={{ kind: "消防", risk: "low" }}
        >
          <Form.Item name="kind" label={t("隐患类型", "Kind")}>
            <Select options={HAZARD_KINDS.map((k) => ({ value: k, label: kindLabel(k, lang) }))} />
          </Form.Item>
          <Form.Item name="risk" label={t("风险等级", "Risk")}>
            <Select options={RISK_LEVELS.map((k) => ({ value: k, label: RISK_LABELS[k][lang] }))} />
          </Form.Item>
          <Typography.Text type="secondary">{t("地点、描述和照片取自检查记录。", "Place, description and photos come from the inspection.")}</Typography.Text>
        </FormDialog>
      )}
    </>
  );
}
