// 一张图: the community's grids (or a subdistrict's communities) from their GeoJSON boundaries,
// switchable layers from every module (points coloured by state, counts per area), and an area's
// panel with its grid worker, its layers' counts and its figures. Phone first.
import { ArrowLeftOutlined, DesktopOutlined } from "@ant-design/icons";
import { Button, Card, Checkbox, Descriptions, Drawer, Empty, List, Select, Skeleton, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { fmtFigure } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useIsMobile } from "../../shared/use-mobile";
import { GeoMap, type GeoPoint } from "./geo-map";
import { useMapAreas, useMapLayerData, useMapLayers, useMapPanel, useMapPanelFigures } from "./map-api";

const DEFAULT_ON = ["patrol.points", "appeals.open", "safety.hazards"];

export default function MapPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const nav = useNavigate();
  const [sp, setSp] = useSearchParams();
  const region = sp.get("region") ?? undefined;
  const [open, setOpen] = useState<string | null>(null);

  const layers = useMapLayers(lang);
  const areas = useMapAreas(region);
  const all = layers.data ?? [];
  const onParam = sp.get("layers");
  const on = onParam !== null ? onParam.split(",").filter(Boolean) : all.filter((l) => DEFAULT_ON.includes(l.key)).map((l) => l.key);
  const countKey = sp.get("count") ?? (all.find((l) => l.key === "appeals.open") ?? all[0])?.key;
  const set = (patch: Record<string, string | undefined>) =>
    setSp((prev) => {
      const n = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) v !== undefined ? n.set(k, v) : n.delete(k);
      return n;
    });

  const wanted = [...new Set([...on, ...(countKey ? [countKey] : [])])].filter((k) => all.some((l) => l.key === k));
  const data = useMapLayerData(wanted, region, lang);
  const byKey = new Map(wanted.map((k, i) => [k, data[i]?.data]));

  const points: GeoPoint[] = [];
  for (const key of on) {
    const l = all.find((x) => x.key === key);
    const d = byKey.get(key);
    if (l?.kind !== "points" || !d) continue;
    const color = new Map(l.legend.map((x) => [x.state, x.color]));
    const label = new Map(l.legend.map((x) => [x.state, x.label]));
    for (const p of d.points)
      points.push({
        id: `${key}:${p.id}`,
        lng: p.lng,
        lat: p.lat,
        color: color.get(p.state) ?? "#8c8c8c",
        title: `${l.label} · ${label.get(p.state) ?? p.state}${p.label ? ` · ${p.label}` : ""}`,
        onClick: p.link ? () => nav(p.link as string) : undefined,
      });
  }
  const counts = countKey ? byKey.get(countKey) : undefined;
  const countMap = counts ? new Map(counts.counts.map((c) => [c.areaId, c.value])) : undefined;

  const level = areas.data?.region.level;
  const err = layers.error ?? areas.error;
  return (
    <div className="map-page">
      <PageHead
        title={t("一张图", "Map")}
        subtitle={
          mobile
            ? undefined
            : t(
                "网格边界来自地区的 GeoJSON；点击网格查看其指标与网格员",
                "Grid boundaries from the regions' GeoJSON; click a grid for its figures and grid worker",
              )
        }
        extra={
          <Space wrap>
            {region && (
              <Button icon={<ArrowLeftOutlined />} onClick={() => set({ region: undefined })}>
                {t("返回上级", "Up")}
              </Button>
            )}
            {can("figures.read") && (
              <Button icon={<DesktopOutlined />} href={`/screen${region ? `?region=${region}` : ""}`} target="_blank">
                {t("大屏", "Big screen")}
              </Button>
            )}
          </Space>
        }
      />
      {err ? (
        <QueryError error={err} />
      ) : (
        <div className="map-layout" style={{ display: "flex", flexDirection: mobile ? "column" : "row", gap: 12 }}>
          <Card size="small" style={{ flex: mobile ? undefined : "0 0 280px", order: mobile ? 2 : 0 }} title={t("图层", "Layers")}>
            {layers.isLoading ? (
              <Skeleton active />
            ) : (
              <Space direction="vertical" style={{ width: "100%" }}>
                <Checkbox.Group
                  value={on}
                  onChange={(v) => set({ layers: (v as string[]).join(",") })}
                  style={{ display: "flex", flexDirection: mobile ? "row" : "column", flexWrap: "wrap", gap: 6 }}
                  options={all.filter((l) => l.kind === "points").map((l) => ({ value: l.key, label: <span data-layer={l.key}>{l.label}</span> }))}
                />
                <div>
                  <Typography.Text type="secondary">{t("分区计数", "Counts per area")}</Typography.Text>
                  <Select
                    style={{ width: "100%" }}
                    value={countKey}
                    onChange={(v) => set({ count: v })}
                    options={all.map((l) => ({ value: l.key, label: l.label }))}
                    aria-label={t("分区计数", "Counts per area")}
                    data-testid="count-layer"
                  />
                </div>
                {on.map((key) => {
                  const l = all.find((x) => x.key === key);
                  if (!l?.legend.length) return null;
                  const d = byKey.get(key);
                  return (
                    <div key={key} className="map-legend">
                      <Typography.Text strong>
                        {l.label} {d ? <Tag>{d.points.length}</Tag> : null}
                      </Typography.Text>
                      <div>
                        {l.legend.map((x) => (
                          <span key={x.state} style={{ marginRight: 10, whiteSpace: "nowrap" }}>
                            <span style={{ display: "inline-block", width: 10, height: 10, borderRadius: 5, background: x.color, marginRight: 4 }} />
                            {x.label}
                          </span>
                        ))}
                      </div>
                    </div>
                  );
                })}
              </Space>
            )}
          </Card>
          <Card size="small" style={{ flex: 1, minWidth: 0 }} styles={{ body: { padding: 4 } }}>
            <div style={{ height: mobile ? 330 : "calc(100vh - 230px)", minHeight: 300 }} data-testid="map">
              {areas.isLoading ? (
                <Skeleton active />
              ) : areas.data?.areas.some((a) => a.boundary) ? (
                <GeoMap
                  areas={areas.data.areas}
                  points={points}
                  counts={countMap}
                  selected={open}
                  onSelect={setOpen}
                  labelSize={mobile ? 30 : 22}
                  pointSize={mobile ? 10 : 7}
                  ariaLabel={t("网格地图", "Map of the grids")}
                />
              ) : (
                <Empty description={t("本地区的网格还没有边界（在“地区网格”导入 GeoJSON）", "No boundaries yet (import GeoJSON under Regions & grids)")} />
              )}
            </div>
            {counts && (
              <Typography.Text type="secondary" style={{ padding: 8, display: "block" }}>
                {t(
                  `${all.find((l) => l.key === countKey)?.label ?? ""}：合计 ${counts.total}${counts.unplaced ? `，其中 ${counts.unplaced} 条未落网格` : ""}`,
                  `${all.find((l) => l.key === countKey)?.label ?? ""}: ${counts.total} in all${counts.unplaced ? `, ${counts.unplaced} in no grid` : ""}`,
                )}
                {data.some((d) => d.data?.truncated) && t("（点位过多，只显示最新的一部分）", " (too many points: the newest are shown)")}
              </Typography.Text>
            )}
          </Card>
        </div>
      )}
      <AreaPanel
        id={open}
        level={level}
        mobile={mobile}
        onClose={() => setOpen(null)}
        onEnter={(id) => {
          setOpen(null);
          set({ region: id });
        }}
      />
    </div>
  );
}

function AreaPanel({
  id,
  level,
  mobile,
  onClose,
  onEnter,
}: {
  id: string | null;
  level?: string;
  mobile: boolean;
  onClose: () => void;
  onEnter: (id: string) => void;
}) {
  const { t, lang, pick } = useI18n();
  const panel = useMapPanel(id, lang);
  const figures = useMapPanelFigures(id, lang);
  const p = panel.data;
  // A grid's own figures (records placed in grids), those with something to show first.
  const own = (figures.data?.items ?? []).filter((f) => f.scopeLevel === "grid").sort((a, b) => Number(b.value !== 0) - Number(a.value !== 0));
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      placement={mobile ? "bottom" : "right"}
      size={mobile ? "large" : "default"}
      height={mobile ? "75vh" : undefined}
      title={p?.area.name ?? t("加载中…", "Loading…")}
      extra={
        p && level !== "community" && p.area.level !== "grid" ? (
          <Button type="primary" onClick={() => onEnter(p.area.id)}>
            {t("进入", "Open")}
          </Button>
        ) : null
      }
    >
      {panel.error ? (
        <QueryError error={panel.error} />
      ) : !p ? (
        <Skeleton active />
      ) : (
        <Space direction="vertical" style={{ width: "100%" }} data-testid="area-panel">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("网格员", "Grid workers")}>
              {p.workers.length
                ? p.workers.map((w) => (p.area.level === "grid" ? w.name : `${w.name}（${w.region}）`)).join("、")
                : t("未配置", "None assigned")}
            </Descriptions.Item>
            {p.layers.map((l) => (
              <Descriptions.Item key={l.key} label={l.label}>
                <span data-panel-layer={l.key}>{l.value}</span>
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Typography.Title level={5} style={{ margin: "8px 0 0" }}>
            {t("本年指标", "This year's figures")}
          </Typography.Title>
          {figures.isLoading ? (
            <Skeleton active />
          ) : (
            <List
              size="small"
              dataSource={own}
              locale={{ emptyText: t("无数据", "No data") }}
              renderItem={(f) => {
                const [n, u] = fmtFigure(f.value, f.unit, lang);
                return (
                  <List.Item>
                    <span>{pick(f.label)}</span>
                    <strong>
                      {n}
                      {u}
                    </strong>
                  </List.Item>
                );
              }}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}
