// 巡查计划: which points, how often, in which time windows, by which team or people, in which order.
// The list, the form (new or change), and a plan's page with its rounds of a day and its completion.
import { ArrowLeftOutlined, EditOutlined, PauseCircleOutlined, PlayCircleOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  TimePicker,
  Typography,
} from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import {
  PATROL_FORCE_LABELS,
  PLAN_FREQUENCY_LABELS,
  ROUND_STATUS_LABELS,
  type RoundStatus,
  type TPlan,
  type TPoint,
  type TRound,
  ZPlanCreate,
  ZPlanUpdate,
} from "../../../contracts/patrol";
import { api } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { FormDialog, ymd } from "../../shared/form-dialog";
import { fmtCell } from "../../shared/format";
import { QueryError, RowsTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { useListParams } from "../../shared/use-list-params";
import { useIsMobile } from "../../shared/use-mobile";
import { clean } from "../../shared/zod-form";
import { forceOptions, NameForceStateFilters, useNameForceStateRows } from "./filters";
import { PlanImportExport } from "./import-plans";
import { useActivePoints, useOfficers, usePlan, usePlanFigure, usePlanHistory, usePlanRounds, usePlans, usePlanToggle, useTeams } from "./patrol-api";
import { kindOptions, OrderedList } from "./point-form";

type Lang = "zh" | "en";
const ROUND_COLOR: Record<RoundStatus, string | undefined> = {
  pending: undefined,
  in_progress: "processing",
  completed: "success",
  incomplete: "warning",
  expired: "error",
};

export function frequencyText(p: Pick<TPlan, "frequency" | "everyNDays">, lang: Lang) {
  if (p.frequency === "every_n_days") return lang === "zh" ? `每 ${p.everyNDays ?? "N"} 天` : `Every ${p.everyNDays ?? "N"} days`;
  return PLAN_FREQUENCY_LABELS[p.frequency][lang];
}
const windowsText = (p: Pick<TPlan, "windows" | "frequency">) =>
  (p.frequency === "shift" ? p.windows : p.windows.slice(0, 1)).map((w) => `${w.start}–${w.end}`).join("，");
/** "08:30" as a time of today, for the time pickers. */
const T = (s: string) => {
  const [h, m] = s.split(":").map(Number);
  return dayjs().hour(h).minute(m).second(0).millisecond(0);
};
const orderText = (o: TPlan["order"], lang: Lang) =>
  o === "random" ? (lang === "zh" ? "随机顺序" : "Random order") : lang === "zh" ? "固定顺序" : "Fixed order";

function useStopOrActivate() {
  const { t } = useI18n();
  const m = usePlanToggle(
    (p) => notify.success(p.active ? t(`已启用「${p.name}」`, `${p.name} is active`) : t(`已停止「${p.name}」`, `${p.name} is stopped`)),
    (e) => notify.error(e.message),
  );
  return (p: TPlan) =>
    p.active
      ? Modal.confirm({
          title: t(`停止计划「${p.name}」？`, `Stop ${p.name}?`),
          content: t(
            "停止后不再生成新的巡查轮次；已有的记录保留，可随时重新启用。",
            "No new rounds are made; what was done stays on record; it can be activated again.",
          ),
          okText: t("停止", "Stop"),
          okButtonProps: { danger: true },
          onOk: () => m.mutateAsync({ id: p.id, action: "stop" }),
        })
      : m.mutate({ id: p.id, action: "activate" });
}

const PLAN_FILTERS = ["force", "state", "q"] as const;
const planInUse = (p: TPlan) => p.active;

export function PlansPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const admin = can("patrol.admin");
  const list = useListParams(PLAN_FILTERS);
  const q = usePlans();
  const toggle = useStopOrActivate();
  const [editing, setEditing] = useState<{ plan: TPlan | null } | null>(null);
  const mobile = useIsMobile();
  const rows = useNameForceStateRows(q.data, list, planInUse);
  const columns: ColumnsType<TPlan> = [
    {
      key: "name",
      title: t("计划", "Plan"),
      render: (_, p) => (
        <>
          <Space size={4}>
            <Link to={`/patrol/plans/${p.id}`}>
              <b>{p.name}</b>
            </Link>
            {!p.active && <Tag>{t("已停止", "Stopped")}</Tag>}
          </Space>
          {mobile && (
            <div className="person-sub">
              {`${PATROL_FORCE_LABELS[p.force][lang]} · ${frequencyText(p, lang)} · ${t(`${p.pointIds.length} 个点位`, `${p.pointIds.length} points`)}`}
            </div>
          )}
        </>
      ),
    },
    {
      key: "force",
      title: t("巡查力量 / 队伍", "Force / team"),
      render: (_, p) => (
        <>
          {PATROL_FORCE_LABELS[p.force][lang]}
          {p.teamName && <div className="person-sub">{p.teamName}</div>}
        </>
      ),
    },
    { key: "frequency", title: t("频次", "Frequency"), render: (_, p) => frequencyText(p, lang) },
    // Up to four shifts a day: wrapped, so the table fits a 1366 px office screen.
    { key: "windows", title: t("时段", "Windows"), render: (_, p) => <div style={{ maxWidth: 190 }}>{windowsText(p)}</div> },
    { key: "points", title: t("点位", "Points"), align: "right", render: (_, p) => p.pointIds.length },
    { key: "order", title: t("顺序", "Order"), render: (_, p) => orderText(p.order, lang) },
    { key: "dates", title: t("执行期", "Period"), render: (_, p) => (p.endsOn ? `${p.startsOn} ~ ${p.endsOn}` : t(`${p.startsOn} 起`, `from ${p.startsOn}`)) },
    {
      key: "actions",
      title: t("操作", "Actions"),
      render: (_, p) =>
        admin && (
          <Space size={0}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ plan: p })}>
              {t("编辑", "Edit")}
            </Button>
            <Button type="link" size="small" danger={p.active} icon={p.active ? <PauseCircleOutlined /> : <PlayCircleOutlined />} onClick={() => toggle(p)}>
              {p.active ? t("停止", "Stop") : t("启用", "Activate")}
            </Button>
          </Space>
        ),
    },
  ];
  return (
    <>
      <PageHead
        title={t("巡查计划", "Patrol plans")}
        subtitle={t(
          "巡哪些点、多久一次、在哪些时段、由哪支队伍或哪些人巡；计划按日生成巡查轮次",
          "Which points, how often, in which time windows, by which team or people; plans make the rounds of each day",
        )}
        extra={
          <>
            <PlanImportExport />
            {admin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ plan: null })}>
                {t("新增计划", "New plan")}
              </Button>
            )}
          </>
        }
      />
      <NameForceStateFilters
        list={list}
        search={{ placeholder: t("计划名称", "Plan name"), label: t("搜索计划", "Search plans") }}
        states={{ inUse: t("执行中", "Active"), out: { value: "stopped", label: t("已停止", "Stopped") } }}
      />
      <RowsTable<TPlan>
        rowKey="id"
        query={q}
        rows={rows}
        list={list}
        columns={mobile ? columns.filter((c) => c.key === "name" || c.key === "actions") : columns}
        empty={t("暂无计划", "No plans")}
      />
      <PlanFormDrawer open={!!editing} plan={editing?.plan ?? null} onClose={() => setEditing(null)} />
    </>
  );
}

/** The plan's points: filter the scope's active points by grid, force or kind, pick, and put them in order. */
function PlanPointsInput({ value = [], onChange, points }: { value?: string[]; onChange?: (v: string[]) => void; points: TPoint[] }) {
  const { t, lang } = useI18n();
  const { grids } = useCommunitiesAndGrids();
  const [gridId, setGridId] = useState<string | undefined>();
  const [force, setForce] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const byId = useMemo(() => new Map(points.map((p) => [p.id, p])), [points]);
  const shown = points.filter((p) => (!gridId || p.gridId === gridId) && (!force || p.force === force) && (!kind || p.kind === kind));
  const notYet = shown.filter((p) => !value.includes(p.id));
  const usedGrids = new Set(points.map((p) => p.gridId));
  return (
    <div>
      <Row gutter={8} style={{ marginBottom: 6 }}>
        <Col span={8}>
          <Select
            allowClear
            style={{ width: "100%" }}
            placeholder={t("全部网格", "All grids")}
            value={gridId}
            onChange={setGridId}
            options={grids.filter((g) => usedGrids.has(g.id)).map((g) => ({ value: g.id, label: g.name }))}
            aria-label={t("按网格筛选点位", "Filter points by grid")}
          />
        </Col>
        <Col span={8}>
          <Select
            allowClear
            style={{ width: "100%" }}
            placeholder={t("全部力量", "All forces")}
            value={force}
            onChange={setForce}
            options={forceOptions(lang)}
            aria-label={t("按力量筛选点位", "Filter points by force")}
          />
        </Col>
        <Col span={8}>
          <Select
            allowClear
            style={{ width: "100%" }}
            placeholder={t("全部类型", "All kinds")}
            value={kind}
            onChange={setKind}
            options={kindOptions(lang)}
            aria-label={t("按类型筛选点位", "Filter points by kind")}
          />
        </Col>
      </Row>
      <Space.Compact style={{ width: "100%" }}>
        <Select
          mode="multiple"
          style={{ width: "100%" }}
          value={[]}
          placeholder={t(
            `选择点位加入计划（筛选出 ${shown.length} 个，未加入 ${notYet.length} 个）`,
            `Add points (${shown.length} shown, ${notYet.length} not yet in the plan)`,
          )}
          showSearch={{ optionFilterProp: "label" }}
          options={notYet.map((p) => ({ value: p.id, label: `${p.code} ${p.name}${p.gridName ? ` · ${p.gridName}` : ""}` }))}
          onChange={(ids: string[]) => onChange?.([...value, ...ids.filter((x) => !value.includes(x))])}
          aria-label={t("加入点位", "Add points")}
          data-testid="plan-point-picker"
        />
        <Button disabled={!notYet.length} onClick={() => onChange?.([...value, ...notYet.map((p) => p.id)])}>
          {t(`全部加入（${notYet.length}）`, `Add all (${notYet.length})`)}
        </Button>
      </Space.Compact>
      <div style={{ marginTop: 8, maxHeight: 260, overflow: "auto" }}>
        <OrderedList
          items={value}
          onChange={(v) => onChange?.(v)}
          keyOf={(id) => id}
          empty={t("尚未加入点位", "No points yet")}
          render={(id) => {
            const p = byId.get(id);
            return p ? (
              <span>
                {p.name} <Typography.Text type="secondary">{`${p.code} · ${p.gridName ?? ""} · ${PATROL_FORCE_LABELS[p.force][lang]}`}</Typography.Text>
              </span>
            ) : (
              <Typography.Text type="danger">
                {t("已停用或不在范围内的点位（保存前请移除）", "A retired or out-of-scope point (remove it before saving)")}
              </Typography.Text>
            );
          }}
        />
      </div>
      {value.length > 0 && (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onChange?.([])}>
          {t(`清空（已选 ${value.length} 个）`, `Clear (${value.length} chosen)`)}
        </Button>
      )}
    </div>
  );
}

type Values = {
  communityId?: string;
  name?: string;
  force?: TPlan["force"];
  teamId?: string | null;
  assigneeIds?: string[];
  pointIds?: string[];
  frequency?: TPlan["frequency"];
  everyNDays?: number | null;
  windows?: Array<{ start?: Dayjs | null; end?: Dayjs | null }>;
  order?: TPlan["order"];
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
};

export function PlanFormDrawer({ open, plan, onClose, onSaved }: { open: boolean; plan: TPlan | null; onClose: () => void; onSaved?: (p: TPlan) => void }) {
  return open ? <PlanForm plan={plan} onClose={onClose} onSaved={onSaved} /> : null;
}

function PlanForm({ plan, onClose, onSaved }: { plan: TPlan | null; onClose: () => void; onSaved?: (p: TPlan) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const { communities } = useCommunitiesAndGrids();
  const teams = useTeams();
  const points = useActivePoints(true);
  // preserve: the community is a value of the form even when no field shows it (a scope of one community).
  const communityId = Form.useWatch("communityId", { form, preserve: true });
  const officers = useOfficers(communityId, true);
  const force = Form.useWatch("force", form);
  const frequency = Form.useWatch("frequency", form);

  // The only community of the scope, once the regions are in (without touching what was typed).
  useEffect(() => {
    if (!plan && communities.length === 1 && !form.getFieldValue("communityId")) form.setFieldValue("communityId", communities[0].id);
  }, [plan, form, communities]);

  const communityPoints = (points.data?.items ?? []).filter((p) => !communityId || p.communityId === communityId);
  const bodyOf = (shown: Values) => {
    // getFieldsValue(true): the community is set even when there is only one and no field shows it.
    const raw: Values = { ...(form.getFieldsValue(true) as Values), ...shown };
    const windows = (raw.windows ?? []).map((w) => ({ start: w.start?.format("HH:mm") ?? "", end: w.end?.format("HH:mm") ?? "" }));
    return clean({
      ...raw,
      teamId: raw.teamId ?? null,
      everyNDays: raw.frequency === "every_n_days" ? (raw.everyNDays ?? null) : null,
      windows: raw.frequency === "shift" ? windows : windows.slice(0, 1),
      startsOn: raw.startsOn?.format("YYYY-MM-DD"),
      endsOn: ymd(raw.endsOn),
    });
  };

  const teamOptions = (teams.data ?? [])
    .filter((x) => !x.archived && (!communityId || x.communityId === communityId) && (!force || x.force === force))
    .map((x) => ({ value: x.id, label: x.name }));
  const common = {
    title: plan ? t(`编辑计划 · ${plan.name}`, `Edit plan · ${plan.name}`) : t("新增巡查计划", "New patrol plan"),
    onClose,
    form,
    drawer: true,
    width: 720,
    invalidate: [["patrol"]],
    done: (p: TPlan) =>
      plan
        ? t(`已保存「${p.name}」；尚未开始的轮次已按新计划重排`, `Saved ${p.name}; rounds not yet started follow the change`)
        : t(`已创建计划「${p.name}」`, `Plan ${p.name} created`),
    onDone: (p: TPlan) => onSaved?.(p),
    initialValues: plan
      ? {
          communityId: plan.communityId,
          name: plan.name,
          force: plan.force,
          teamId: plan.teamId,
          assigneeIds: plan.assigneeIds,
          pointIds: plan.pointIds,
          frequency: plan.frequency,
          everyNDays: plan.everyNDays,
          windows: plan.windows.map((w) => ({ start: T(w.start), end: T(w.end) })),
          order: plan.order,
          startsOn: dayjs(plan.startsOn),
          endsOn: plan.endsOn ? dayjs(plan.endsOn) : null,
        }
      : {
          force: "community" as const,
          frequency: "daily" as const,
          windows: [{ start: T("08:00"), end: T("12:00") }],
          order: "fixed" as const,
          startsOn: dayjs(),
          pointIds: [],
          assigneeIds: [],
        },
    top: plan && (
      <Alert
        style={{ marginBottom: 16 }}
        type="info"
        showIcon
        title={t(
          "修改只影响尚未开始的轮次；已开始和已结束的轮次保持原样。",
          "A change affects rounds not yet started; rounds started or over stay as they were.",
        )}
      />
    ),
  };
  const fields = (
    <Row gutter={16}>
      {communities.length > 1 && (
        <Col span={24}>
          <Form.Item name="communityId" label={t("所属社区", "Community")} rules={[{ required: !plan, message: t("请选择社区", "Choose a community") }]}>
            <Select
              disabled={!!plan}
              options={communities.map((c) => ({ value: c.id, label: c.name }))}
              onChange={() => form.setFieldsValue({ teamId: null, pointIds: [], assigneeIds: [] })}
            />
          </Form.Item>
        </Col>
      )}
      <Col span={24}>
        <Form.Item name="name" label={t("计划名称", "Name")} rules={[{ required: true, message: t("请输入计划名称", "Enter the name") }]}>
          <Input maxLength={100} placeholder={t("如：警区夜间巡逻", "e.g. Police night patrol")} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="force" label={t("巡查力量", "Force")} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={forceOptions(lang)} onChange={() => form.setFieldValue("teamId", null)} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="teamId" label={t("执行队伍", "Team")}>
          <Select allowClear placeholder={t("不指定队伍", "No team")} options={teamOptions} notFoundContent={t("该力量下暂无队伍", "No team of this force")} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          name="assigneeIds"
          label={t("指定巡查人员（可选）", "Assigned people (optional)")}
          extra={t("不指定时，由所选队伍的队员执行", "Without people, the team's members do it")}
        >
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            loading={officers.isFetching}
            options={(officers.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.scope}）` }))}
            placeholder={t("选择人员", "Choose people")}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={14}>
        <Form.Item name="frequency" label={t("频次", "Frequency")} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={(Object.keys(PLAN_FREQUENCY_LABELS) as Array<TPlan["frequency"]>).map((k) => ({ value: k, label: PLAN_FREQUENCY_LABELS[k][lang] }))}
          />
        </Form.Item>
      </Col>
      {frequency === "every_n_days" && (
        <Col xs={24} sm={10}>
          <Form.Item name="everyNDays" label={t("间隔天数", "Every N days")} rules={[{ required: true, message: t("请填写间隔天数", "Give N") }]}>
            <InputNumber min={1} max={365} precision={0} addonBefore={t("每", "every")} addonAfter={t("天", "days")} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      )}
      <Col span={24}>
        <Form.Item
          label={frequency === "shift" ? t("班次时段", "Shift windows") : t("巡查时段", "Time window")}
          required
          extra={
            frequency === "shift"
              ? t(
                  "每个班次生成一轮；结束早于开始表示跨夜（如 22:00–06:00）",
                  "One round per shift; an end before the start runs past midnight (e.g. 22:00–06:00)",
                )
              : t("每次在此时段内完成一轮；结束早于开始表示跨夜", "One round within this window each time; an end before the start runs past midnight")
          }
        >
          <Form.List name="windows">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: "100%" }}>
                {fields.map((f, i) =>
                  frequency !== "shift" && i > 0 ? null : (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, "start"]} noStyle rules={[{ required: true, message: t("请选择开始时间", "Choose the start") }]}>
                        <TimePicker
                          format="HH:mm"
                          minuteStep={5}
                          placeholder={t("开始", "Start")}
                          aria-label={t(`时段 ${i + 1} 开始`, `Window ${i + 1} start`)}
                        />
                      </Form.Item>
                      <span>–</span>
                      <Form.Item name={[f.name, "end"]} noStyle rules={[{ required: true, message: t("请选择结束时间", "Choose the end") }]}>
                        <TimePicker format="HH:mm" minuteStep={5} placeholder={t("结束", "End")} aria-label={t(`时段 ${i + 1} 结束`, `Window ${i + 1} end`)} />
                      </Form.Item>
                      {frequency === "shift" && fields.length > 1 && (
                        <Button type="link" danger size="small" onClick={() => remove(f.name)}>
                          {t("删除", "Remove")}
                        </Button>
                      )}
                    </Space>
                  ),
                )}
                {frequency === "shift" && fields.length < 8 && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => add({ start: T("08:00"), end: T("16:00") })}>
                    {t("添加班次", "Add a shift")}
                  </Button>
                )}
              </Space>
            )}
          </Form.List>
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name="order" label={t("巡查顺序", "Order")}>
          <Radio.Group
            optionType="button"
            options={[
              { value: "fixed", label: t("固定", "Fixed") },
              { value: "random", label: t("随机", "Random") },
            ]}
          />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item name="startsOn" label={t("开始日期", "Starts on")} rules={[{ required: true, message: t("请选择开始日期", "Choose the start date") }]}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item name="endsOn" label={t("结束日期（可选）", "Ends on (optional)")}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          name="pointIds"
          label={t("巡查点位", "Points")}
          required
          extra={t("固定顺序时按此顺序巡查；随机顺序时每轮打乱", "Fixed order: visited in this order; random: shuffled for each round")}
        >
          {points.isError ? <QueryError error={points.error} onRetry={() => points.refetch()} /> : <PlanPointsInput points={communityPoints} />}
        </Form.Item>
      </Col>
    </Row>
  );
  return plan ? (
    <FormDialog<Values, typeof ZPlanUpdate>
      {...common}
      schema={ZPlanUpdate}
      body={(v) => {
        const { communityId: _c, ...patch } = bodyOf(v);
        return patch;
      }}
      send={(d) => api.patch<TPlan>(`/api/patrol/plans/${plan.id}`, d)}
    >
      {fields}
    </FormDialog>
  ) : (
    <FormDialog<Values, typeof ZPlanCreate> {...common} schema={ZPlanCreate} body={bodyOf} send={(d) => api.post<TPlan>("/api/patrol/plans", d)}>
      {fields}
    </FormDialog>
  );
}

/** A round's points in order, done in green; folded unless it is the round under way. */
function RoundPoints({ round, numbered, open }: { round: TRound; numbered: boolean; open: boolean }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(open);
  const pts = round.points ?? [];
  const left = pts.filter((x) => !x.visited).length;
  if (!shown)
    return (
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setShown(true)}>
        {t(`查看点位（${pts.length} 个，未巡 ${left} 个）`, `Show the points (${pts.length}, ${left} not visited)`)}
      </Button>
    );
  return (
    <Space size={[4, 4]} wrap>
      {pts.map((x, i) => (
        <Tag key={x.id} color={x.visited ? "green" : undefined}>
          {numbered ? `${i + 1}. ` : ""}
          {x.name}
        </Tag>
      ))}
    </Space>
  );
}

/** A plan's page: what it is, its rounds of a day (points done and left), its completion over the last 30 days. */
export function PlanDetailPage() {
  const { id = "" } = useParams();
  const { t, lang, pick } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const admin = can("patrol.admin");
  const toggle = useStopOrActivate();
  const [editing, setEditing] = useState(false);
  const [date, setDate] = useState(() => dayjs());
  const [page, setPage] = useState(1);
  const plan = usePlan(id);
  const day = date.format("YYYY-MM-DD");
  const rounds = usePlanRounds(id, day);
  const period = { from: dayjs().subtract(29, "day").format("YYYY-MM-DD"), to: dayjs().format("YYYY-MM-DD") };
  const canFigures = can("figures.read");
  const completion = usePlanFigure("patrol.completion_rate", period, canFigures);
  const missed = usePlanFigure("patrol.missed_visits", period, canFigures);
  const history = usePlanHistory(id, period, page, canFigures);
  const points = useActivePoints();
  const officers = useOfficers(plan.data?.communityId, admin);

  if (plan.isError) return <QueryError error={plan.error} onRetry={() => plan.refetch()} />;
  const p = plan.data;
  if (!p) return <Card loading />;
  const names = new Map((points.data?.items ?? []).map((x) => [x.id, x.name]));
  const people = new Map((officers.data ?? []).map((u) => [u.id, u.name]));
  const rate = completion.data?.items.find((g) => g.key === id)?.value;
  const miss = missed.data?.items.find((g) => g.key === id)?.value;
  // The round under way (or the next one) shows its points; the others on demand.
  const openRound = (rounds.data ?? []).find((r) => r.status === "in_progress" || r.status === "pending")?.id ?? rounds.data?.[0]?.id;
  const done = (rounds.data ?? []).reduce((n, r) => n + (r.points ?? []).filter((x) => x.visited).length, 0);
  const expected = (rounds.data ?? []).reduce((n, r) => n + (r.points ?? []).length, 0);

  return (
    <>
      <PageHead
        title={
          <Space size={8} wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => nav("/patrol/plans")} aria-label={t("返回计划列表", "Back to plans")} />
            {p.name}
            <Tag color={p.active ? "green" : undefined}>{p.active ? t("执行中", "Active") : t("已停止", "Stopped")}</Tag>
          </Space>
        }
        extra={
          admin && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t("编辑", "Edit")}
              </Button>
              <Button danger={p.active} icon={p.active ? <PauseCircleOutlined /> : <PlayCircleOutlined />} onClick={() => toggle(p)}>
                {p.active ? t("停止计划", "Stop") : t("启用计划", "Activate")}
              </Button>
            </>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t("巡查力量", "Force")}>{PATROL_FORCE_LABELS[p.force][lang]}</Descriptions.Item>
          <Descriptions.Item label={t("执行队伍", "Team")}>{p.teamName ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("指定人员", "People")}>
            {!p.assigneeIds.length
              ? "—"
              : officers.data
                ? p.assigneeIds.map((u) => people.get(u) ?? t("（已停用账号）", "(disabled account)")).join(lang === "zh" ? "、" : ", ")
                : t(`${p.assigneeIds.length} 人`, `${p.assigneeIds.length} people`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("频次", "Frequency")}>{frequencyText(p, lang)}</Descriptions.Item>
          <Descriptions.Item label={t("时段", "Windows")}>{windowsText(p)}</Descriptions.Item>
          <Descriptions.Item label={t("顺序", "Order")}>{orderText(p.order, lang)}</Descriptions.Item>
          <Descriptions.Item label={t("执行期", "Period")}>
            {p.endsOn ? `${p.startsOn} ~ ${p.endsOn}` : t(`${p.startsOn} 起`, `from ${p.startsOn}`)}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ margin: "8px 0 0" }} ellipsis={{ rows: 2, expandable: true, symbol: t("展开", "more") }}>
          <Typography.Text type="secondary">{t(`点位（${p.pointIds.length} 个）：`, `Points (${p.pointIds.length}): `)}</Typography.Text>
          {p.pointIds.map((x) => names.get(x) ?? t("（已停用）", "(retired)")).join(lang === "zh" ? "、" : ", ")}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t("巡查轮次", "Rounds")}
            extra={<DatePicker size="small" value={date} allowClear={false} onChange={(d) => d && setDate(d)} aria-label={t("日期", "Date")} />}
          >
            {rounds.isError ? (
              <QueryError error={rounds.error} onRetry={() => rounds.refetch()} />
            ) : !rounds.data?.length ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={rounds.isPending ? " " : t("这一天没有该计划的轮次", "No rounds of this plan on that day")}
              />
            ) : (
              <Space orientation="vertical" style={{ width: "100%" }} data-testid="plan-rounds">
                <Typography.Text type="secondary">
                  {t(
                    `当天 ${rounds.data.length} 轮，已巡 ${done} / 应巡 ${expected} 点次`,
                    `${rounds.data.length} round(s), ${done} of ${expected} visits done`,
                  )}
                </Typography.Text>
                {rounds.data.map((r) => (
                  <div key={r.id} className="patrol-round">
                    <Space wrap style={{ justifyContent: "space-between", width: "100%" }}>
                      <b>
                        {dayjs(r.windowStart).format("HH:mm")}–{dayjs(r.windowEnd).add(1, "ms").format("HH:mm")}
                      </b>
                      <Space size={4}>
                        <Tag color={ROUND_COLOR[r.status]}>{ROUND_STATUS_LABELS[r.status][lang]}</Tag>
                        {r.missed > 0 && <Tag color="red">{t(`漏巡 ${r.missed}`, `${r.missed} missed`)}</Tag>}
                      </Space>
                    </Space>
                    <Progress percent={Math.round((r.visited / Math.max(1, r.expected)) * 100)} size="small" format={() => `${r.visited}/${r.expected}`} />
                    <RoundPoints round={r} numbered={p.order === "fixed"} open={r.id === openRound} />
                  </div>
                ))}
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t(`完成情况（近 30 天，${period.from} 至 ${period.to}）`, `Completion (last 30 days)`)}>
            {!canFigures ? (
              <Typography.Text type="secondary">{t("无权查看统计", "You cannot see figures")}</Typography.Text>
            ) : (
              <>
                <Space size="large" wrap style={{ marginBottom: 8 }}>
                  <Statistic title={t("完成率", "Completion")} value={rate == null ? "—" : `${(rate * 100).toFixed(1)}%`} />
                  <Statistic title={t("漏巡点次", "Missed visits")} value={miss ?? 0} valueStyle={miss ? { color: "#c8102e" } : undefined} />
                </Space>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t(
                    "只计已结束的轮次；超出范围或二维码不符的打卡不计入",
                    "Over rounds that have ended; check-ins outside the radius or with a wrong code do not count",
                  )}
                </Typography.Paragraph>
                {history.isError ? (
                  <QueryError error={history.error} onRetry={() => history.refetch()} />
                ) : (
                  <Table
                    size="small"
                    rowKey={(r) => String(r.id)}
                    loading={history.isFetching}
                    dataSource={history.data?.rows ?? []}
                    columns={(history.data?.columns ?? [])
                      .filter((c) => ["date", "start", "expected", "visited"].includes(c.key))
                      .map((c) => ({
                        key: c.key,
                        title: pick(c.label),
                        align: c.key === "expected" || c.key === "visited" ? ("right" as const) : undefined,
                        render: (_: unknown, r: Record<string, unknown>) =>
                          c.key === "start" ? dayjs(String(r.start)).format("HH:mm") : fmtCell(r[c.key], lang),
                      }))}
                    pagination={{ current: page, pageSize: 10, total: history.data?.total ?? 0, onChange: setPage, size: "small", showSizeChanger: false }}
                    locale={{
                      emptyText: (
                        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("近 30 天没有已结束的轮次", "No rounds ended in the last 30 days")} />
                      ),
                    }}
                  />
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
      <PlanFormDrawer open={editing} plan={p} onClose={() => setEditing(false)} />
    </>
  );
}
