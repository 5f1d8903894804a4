// 网格地图: grid boundaries from GET /api/regions/geojson drawn with ECharts' own map series —
// no online tiles, so it works on an intranet.
import { Empty, Skeleton } from "antd";
import { MapChart } from "echarts/charts";
import { useMemo } from "react";
import { useMe } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { EChart } from "../../charts/echart";
import { type EChartsCoreOption, echarts, PALETTE } from "../../charts/echarts";
import { QueryError } from "../../shared/list-table";
import { useGridGeojson } from "./regions-api";

echarts.use([MapChart]);

type Feature = { type: "Feature"; id?: string; properties: { id: string; name: string; code?: string | null }; geometry: unknown };
type Collection = { type: "FeatureCollection"; features: Feature[] };

const SOFT = ["#fde2e4", "#dbe8fb", "#fff1cc", "#d8f3e6", "#e9e0fa", "#fde5d8", "#d3f1f1", "#ececec"];

export function RegionMap({ selectedId, onSelect, height = 360 }: { selectedId?: string; onSelect?: (id: string) => void; height?: number }) {
  const { t } = useI18n();
  const me = useMe();
  const q = useGridGeojson<Collection>();

  const mapName = `shequ-grids-${me.scope.regionId}`;
  const option = useMemo<EChartsCoreOption | null>(() => {
    const fc = q.data;
    if (!fc?.features?.length) return null;
    // ids as feature names: two grids may share a name in different communities
    const withIds = {
      ...fc,
      features: fc.features.map((f) => ({ ...f, properties: { ...f.properties, name: f.properties.id ?? String(f.id) } })),
    };
    echarts.registerMap(mapName, withIds as never);
    const byId = new Map(fc.features.map((f) => [f.properties.id ?? String(f.id), f.properties]));
    return {
      tooltip: {
        trigger: "item",
        formatter: (p: { name: string }) => {
          const r = byId.get(p.name);
          return r ? `${r.name}${r.code ? `<br/><span style="color:#888">${r.code}</span>` : ""}` : p.name;
        },
      },
      series: [
        {
          type: "map",
          map: mapName,
          roam: true,
          selectedMode: "single",
          aspectScale: 0.86,
          label: { show: true, fontSize: 11, color: "#333", formatter: (p: { name: string }) => byId.get(p.name)?.name ?? "" },
          itemStyle: { borderColor: "#ffffff", borderWidth: 1.5 },
          emphasis: { label: { color: "#000", fontWeight: "bold" }, itemStyle: { areaColor: "#ffccc7" } },
          select: { label: { color: "#fff", fontWeight: "bold" }, itemStyle: { areaColor: PALETTE[0] } },
          data: fc.features.map((f, i) => {
            const id = f.properties.id ?? String(f.id);
            return { name: id, itemStyle: { areaColor: SOFT[i % SOFT.length] }, selected: id === selectedId };
          }),
        },
      ],
    };
  }, [q.data, mapName, selectedId]);

  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  if (q.isPending) return <Skeleton.Node active style={{ width: "100%", height }} />;
  if (!option)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t("暂无网格边界。编辑网格时填入 GeoJSON 边界后即可在此显示。", "No grid boundaries yet. Add a GeoJSON boundary to a grid to see it here.")}
      />
    );
  return <EChart option={option} style={{ height }} ariaLabel={t("网格地图", "Grid map")} onClick={(e) => e.name && onSelect?.(String(e.name))} />;
}
