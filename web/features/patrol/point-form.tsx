// 巡查点 form (new or edit): name, kind, location (typed or picked on the offline grid map), radius,
// force and team, the checklist (add, remove, reorder) and a note. The grid is worked out by the
// server from the location; the form shows which grid the location falls in before and after saving.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { ScatterChart } from "echarts/charts";
import { GeoComponent } from "echarts/components";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { PATROL_FORCE_LABELS, POINT_KIND_EN, POINT_KINDS, type TPoint, ZPointCreate, ZPointUpdate } from "../../../contracts/patrol";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { echarts } from "../../charts/echarts";
import { FormDialog } from "../../shared/form-dialog";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { clean } from "../../shared/zod-form";
import { useGridGeojson } from "../regions/regions-api";
import { forceOptions } from "./filters";
import { useTeams, useTodayMap } from "./patrol-api";

echarts.use([GeoComponent, ScatterChart]);

export const kindOptions = (lang: "zh" | "en") => POINT_KINDS.map((k) => ({ value: k, label: lang === "zh" ? k : POINT_KIND_EN[k] }));

type GridFeature = { id: string; properties: { id: string; name: string }; geometry: { type: string; coordinates: any } };
type GridCollection = { type: "FeatureCollection"; features: GridFeature[] };

/** The community's grids as GeoJSON (regions' query, the one the map pages use, so it is fetched once). */
const useGridGeo = () => useGridGeojson<GridCollection>({ staleTime: 10 * 60_000 });

function inRing(lng: number, lat: number, ring: number[][]) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
/** Which grid a location falls in, by the same boundaries the server uses (a preview; the server decides). */
export function gridOf(geo: GridCollection | undefined, lng: number | undefined, lat: number | undefined) {
  if (!geo || lng == null || lat == null) return null;
  for (const f of geo.features) {
    const polys: number[][][][] = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.type === "MultiPolygon" ? f.geometry.coordinates : [];
    if (polys.some(([outer, ...holes]) => inRing(lng, lat, outer) && !holes.some((h) => inRing(lng, lat, h)))) return f.properties;
  }
  return null;
}

/** The grid map (no online tiles): other points in grey, this one in red; a click picks the location. */
function MapPicker({ lng, lat, onPick }: { lng?: number; lat?: number; onPick: (lng: number, lat: number) => void }) {
  const { t } = useI18n();
  const geo = useGridGeo();
  const others = useTodayMap({ staleTime: 60_000 });
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const ready = !!geo.data;

  useEffect(() => {
    if (!el.current || !ready) return;
    const c = echarts.init(el.current, undefined, { renderer: "canvas" });
    chart.current = c;
    echarts.registerMap("patrol-grids", geo.data as any);
    // The map once (so zoom and pan stay while picking); the points below follow the form.
    c.setOption({
      geo: {
        map: "patrol-grids",
        roam: true,
        top: 12,
        bottom: 12,
        label: { show: true, fontSize: 10, color: "#666" },
        itemStyle: { areaColor: "#f4f6fa", borderColor: "#99a" },
        emphasis: { disabled: true },
        select: { disabled: true },
      },
      series: [],
    });
    c.getZr().on("click", (e) => {
      const p = c.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
      if (p && Number.isFinite(p[0]) && Number.isFinite(p[1])) pick.current(Number(p[0].toFixed(6)), Number(p[1].toFixed(6)));
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [ready, geo.data]);

  useEffect(() => {
    if (!chart.current || !ready) return;
    const hasPin = lng != null && lat != null;
    chart.current.setOption({
      series: [
        {
          id: "others",
          type: "scatter",
          coordinateSystem: "geo",
          silent: true,
          symbolSize: 5,
          itemStyle: { color: "#b0b0b0" },
          data: (others.data ?? []).map((p) => [p.lng, p.lat]),
        },
        {
          id: "pin",
          type: "scatter",
          coordinateSystem: "geo",
          silent: true,
          symbol: "pin",
          symbolSize: 28,
          itemStyle: { color: "#c8102e" },
          data: hasPin ? [[lng, lat]] : [],
        },
      ],
    });
  }, [ready, others.data, lng, lat]);

  if (geo.isError) return <Alert type="warning" showIcon title={t("网格地图加载失败，请直接填写经纬度", "The grid map did not load; type the coordinates")} />;
  return (
    <div>
      <div
        ref={el}
        style={{ width: "100%", height: 300, border: "1px solid #eee", borderRadius: 6, cursor: "crosshair" }}
        role="img"
        aria-label={t("点击地图选取位置", "Click the map to pick the location")}
        data-testid="point-map"
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("点击地图选取位置（可滚轮缩放、拖动）；灰点为已有巡查点", "Click to pick the location (scroll to zoom, drag to pan); grey dots are existing points")}
      </Typography.Text>
    </div>
  );
}

/** An ordered list with move up/down and remove; used for checklist items and a plan's points. */
export function OrderedList<T>({
  items,
  onChange,
  render,
  keyOf,
  empty,
}: {
  items: T[];
  onChange: (items: T[]) => void;
  render: (item: T, index: number) => ReactNode;
  keyOf: (item: T, index: number) => string;
  empty?: ReactNode;
}) {
  const { t } = useI18n();
  const move = (i: number, d: number) => {
    const next = [...items];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    onChange(next);
  };
  if (!items.length) return empty ? <Typography.Text type="secondary">{empty}</Typography.Text> : null;
  return (
    <ol className="patrol-ordered">
      {items.map((it, i) => (
        <li key={keyOf(it, i)}>
          <span className="patrol-ordered-no">{i + 1}</span>
          <span className="patrol-ordered-body">{render(it, i)}</span>
          <Space size={0}>
            <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("上移", "Move up")} />
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={i === items.length - 1}
              onClick={() => move(i, 1)}
              aria-label={t("下移", "Move down")}
            />
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={() => onChange(items.filter((_, j) => j !== i))}
              aria-label={t("移除", "Remove")}
            />
          </Space>
        </li>
      ))}
    </ol>
  );
}

/** Checklist items as a form control: add by typing, edit in place, reorder, remove. */
function ChecklistInput({ value = [], onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState("");
  const add = () => {
    const items = draft
      .split(/[、；;\n]/)
      .map((s) => s.trim())
      .filter((s) => s && !value.includes(s));
    if (!items.length) return;
    onChange?.([...value, ...items].slice(0, 30));
    setDraft("");
  };
  return (
    <div>
      <OrderedList
        items={value}
        onChange={(v) => onChange?.(v)}
        // by position: an item being edited keeps its input (and the caret) while its text changes
        keyOf={(_, i) => String(i)}
        render={(s, i) => (
          <Input
            variant="borderless"
            size="small"
            value={s}
            maxLength={100}
            onChange={(e) => onChange?.(value.map((x, j) => (j === i ? e.target.value : x)))}
            aria-label={t(`检查项 ${i + 1}`, `Item ${i + 1}`)}
          />
        )}
      />
      <Space.Compact style={{ width: "100%", marginTop: 6 }}>
        <Input
          value={draft}
          maxLength={300}
          onChange={(e) => setDraft(e.target.value)}
          onPressEnter={(e) => {
            e.preventDefault();
            add();
          }}
          placeholder={t("如：通道畅通（回车添加，可用顿号一次添加多项）", "e.g. Lane clear (Enter to add; separate several with 、 or ;)")}
          aria-label={t("新检查项", "New checklist item")}
        />
        <Button icon={<PlusOutlined />} onClick={add} disabled={!draft.trim() || value.length >= 30}>
          {t("添加", "Add")}
        </Button>
      </Space.Compact>
    </div>
  );
}

type Values = {
  communityId?: string;
  name?: string;
  kind?: string;
  lng?: number;
  lat?: number;
  radiusM?: number;
  force?: string;
  teamId?: string | null;
  checklist?: string[];
  note?: string;
  /** 设立日期: when the point was set up (today when left empty). */
  createdOn?: Dayjs | null;
};

/**
 * New point (point = null) or edit. After a new point is saved the drawer stays open on it, showing
 * its code and the grid the server worked out.
 */
export function PointFormDrawer({ open, point, onClose }: { open: boolean; point: TPoint | null; onClose: () => void }) {
  return open ? <PointForm point={point} onClose={onClose} /> : null;
}

function PointForm({ point, onClose }: { point: TPoint | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const { communities } = useCommunitiesAndGrids();
  const teams = useTeams();
  const geo = useGridGeo();
  const [saved, setSaved] = useState<TPoint | null>(null);
  const current = saved ?? point;
  const communityId = Form.useWatch("communityId", form);
  const lng = Form.useWatch("lng", form);
  const lat = Form.useWatch("lat", form);
  const force = Form.useWatch("force", form);

  // The only community of the scope, once the regions are in (without touching what was typed).
  useEffect(() => {
    if (!point && communities.length === 1 && !form.getFieldValue("communityId")) form.setFieldValue("communityId", communities[0].id);
  }, [point, form, communities]);

  const preview = useMemo(() => gridOf(geo.data, lng, lat), [geo.data, lng, lat]);
  const moved = !!current && (lng !== current.lng || lat !== current.lat);
  const teamOptions = (teams.data ?? [])
    .filter((x) => !x.archived && (!communityId || x.communityId === communityId))
    .map((x) => ({ value: x.id, label: `${x.name} · ${PATROL_FORCE_LABELS[x.force][lang]}`, force: x.force }));

  const bodyOf = (shown: Values) => {
    // getFieldsValue(true): the community is set even when there is only one and no field shows it.
    const raw: Values = { ...(form.getFieldsValue(true) as Values), ...shown };
    const { createdOn, ...rest } = raw;
    const v = clean({ ...rest, note: raw.note ?? "" });
    return {
      ...v,
      teamId: raw.teamId ?? null,
      checklist: (raw.checklist ?? []).map((s) => s.trim()).filter(Boolean),
      ...(createdOn ? { createdOn: createdOn.format("YYYY-MM-DD") } : {}),
    };
  };
  const common = {
    title: current ? t(`巡查点 · ${current.code} ${current.name}`, `Point · ${current.code} ${current.name}`) : t("新增巡查点", "New patrol point"),
    onClose,
    form,
    drawer: true,
    width: 640,
    stayOpen: true,
    cancelText: saved ? t("完成", "Done") : undefined,
    invalidate: [["patrol"]],
    done: (p: TPoint) => t(`已保存「${p.name}」，所在网格：${p.gridName ?? "—"}`, `Saved ${p.name}; grid: ${p.gridName ?? "—"}`),
    onDone: (p: TPoint) => {
      setSaved(p);
      form.setFieldsValue({ lng: p.lng, lat: p.lat, checklist: p.checklist });
    },
    initialValues: point
      ? {
          communityId: point.communityId,
          name: point.name,
          kind: point.kind,
          lng: point.lng,
          lat: point.lat,
          radiusM: point.radiusM,
          force: point.force,
          teamId: point.teamId,
          checklist: point.checklist,
          note: point.note ?? undefined,
          createdOn: dayjs(point.createdOn),
        }
      : { radiusM: 50, force: "community", checklist: [] },
    top: (
      <>
        {saved && (
          <Alert
            style={{ marginBottom: 16 }}
            type="success"
            showIcon
            data-testid="point-saved"
            title={t(`已保存：编码 ${saved.code}，所在网格 ${saved.gridName ?? "—"}`, `Saved: code ${saved.code}, grid ${saved.gridName ?? "—"}`)}
            description={t(
              "网格由服务器按位置自动确定；二维码标签可在列表中勾选后打印。",
              "The server worked out the grid from the location; tick the point in the list to print its QR label.",
            )}
          />
        )}
        {current && !current.active && (
          <Alert
            style={{ marginBottom: 16 }}
            type="warning"
            showIcon
            title={t("该巡查点已停用，不再接受打卡", "This point is retired and takes no check-ins")}
          />
        )}
      </>
    ),
  };
  const fields = (
    <Row gutter={16}>
      {communities.length > 1 && (
        <Col span={24}>
          <Form.Item name="communityId" label={t("所属社区", "Community")} rules={[{ required: !current, message: t("请选择社区", "Choose a community") }]}>
            <Select
              disabled={!!current}
              options={communities.map((c) => ({ value: c.id, label: c.name }))}
              onChange={() => form.setFieldValue("teamId", null)}
            />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} sm={14}>
        <Form.Item name="name" label={t("名称", "Name")} rules={[{ required: true, message: t("请输入名称", "Enter the name") }]}>
          <Input maxLength={100} placeholder={t("如：狮径消防通道1号", "e.g. Shijing fire lane 1")} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={10}>
        <Form.Item name="kind" label={t("类型", "Kind")} rules={[{ required: true, message: t("请选择类型", "Choose a kind") }]}>
          <Select options={kindOptions(lang)} placeholder={t("请选择", "Choose")} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item name="lng" label={t("经度", "Longitude")} rules={[{ required: true, message: t("请填写或在地图上点选", "Type it or pick on the map") }]}>
          <InputNumber style={{ width: "100%" }} min={-180} max={180} step={0.0001} precision={6} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item name="lat" label={t("纬度", "Latitude")} rules={[{ required: true, message: t("请填写或在地图上点选", "Type it or pick on the map") }]}>
          <InputNumber style={{ width: "100%" }} min={-90} max={90} step={0.0001} precision={6} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name="radiusM" label={t("打卡半径（米）", "Radius (m)")} rules={[{ required: true, message: t("请填写半径", "Give the radius") }]}>
          <InputNumber style={{ width: "100%" }} min={5} max={2000} step={10} precision={0} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label={t("所在网格", "Grid")} style={{ marginBottom: 8 }}>
          <span data-testid="point-grid">
            {current && !moved ? (
              <b>{current.gridName ?? "—"}</b>
            ) : preview ? (
              <>
                <b>{preview.name}</b>
                <Typography.Text type="secondary">
                  {t("（按位置预估，保存后由服务器确定）", " (from the location; the server decides on saving)")}
                </Typography.Text>
              </>
            ) : (
              <Typography.Text type={lng != null && lat != null ? "danger" : "secondary"}>
                {lng != null && lat != null
                  ? t("该位置不在本社区的任何网格内", "This location is in no grid of the community")
                  : t("按位置自动确定", "Worked out from the location")}
              </Typography.Text>
            )}
          </span>
        </Form.Item>
        <div style={{ marginBottom: 16 }}>
          <MapPicker lng={lng} lat={lat} onPick={(x, y) => form.setFieldsValue({ lng: x, lat: y })} />
        </div>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="force" label={t("巡查力量", "Force")} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={forceOptions(lang)} onChange={() => form.setFieldValue("teamId", null)} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="teamId" label={t("责任队伍（可选）", "Team (optional)")}>
          <Select
            allowClear
            placeholder={t("不指定", "None")}
            loading={teams.isPending}
            options={teamOptions.filter((o) => !force || o.force === force)}
            notFoundContent={t("该力量下暂无队伍", "No team of this force")}
          />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          name="checklist"
          label={t("检查项", "Checklist")}
          extra={t("打卡时逐项确认；可调整顺序，最多 30 项", "Confirmed item by item at check-in; reorder as needed; up to 30")}
        >
          <ChecklistInput />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name="createdOn"
          label={t("设立日期", "Set up on")}
          extra={t(
            "不填为今天；补录老点位时填实际设立日期，往期统计从该日起计入",
            "Today when empty; for an older point, the day it was set up: past periods count it from then",
          )}
        >
          <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="note" label={t("备注", "Note")}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Col>
    </Row>
  );
  return current ? (
    <FormDialog<Values, typeof ZPointUpdate>
      {...common}
      schema={ZPointUpdate}
      body={(v) => {
        const { communityId: _c, ...patch } = bodyOf(v);
        return patch;
      }}
      send={(d) => api.patch<TPoint>(`/api/patrol/points/${current.id}`, d)}
    >
      {fields}
    </FormDialog>
  ) : (
    <FormDialog<Values, typeof ZPointCreate> {...common} schema={ZPointCreate} body={bodyOf} send={(d) => api.post<TPoint>("/api/patrol/points", d)}>
      {fields}
    </FormDialog>
  );
}
