// 巡查态势: the community's grids (from GeoJSON, no online tiles) with every point coloured by
// today's state, and the live feed of check-ins (server-sent events).
import { useQueryClient } from "@tanstack/react-query";
import { Badge, Card, Col, List, Row, Space, Statistic, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { ScatterChart } from "echarts/charts";
import { GeoComponent, LegendComponent } from "echarts/components";
import { useEffect, useMemo, useState } from "react";
import { PATROL_FORCE_LABELS, type TPointStatus } from "../../../contracts/patrol";
import { useI18n } from "../../app/i18n";
import { EChart } from "../../charts/echart";
import { echarts } from "../../charts/echarts";
import { QueryError } from "../../shared/list-table";
import { useGridGeojson } from "../regions/regions-api";
import { patrolKeys, useTodayMap } from "./patrol-api";

echarts.use([GeoComponent, LegendComponent, ScatterChart]);

const STATUS_COLOR: Record<TPointStatus["status"], string> = { done: "#2f9e72", abnormal: "#c8102e", flagged: "#f5a623", todo: "#8c8c8c" };

type LiveEvent = {
  id: string;
  pointId: string;
  pointName: string;
  userName: string;
  force: keyof typeof PATROL_FORCE_LABELS;
  result: string;
  flags: string[];
  deviceTime: string;
};

export default function MapPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const geo = useGridGeojson<any>({ staleTime: 10 * 60_000 });
  const map = useTodayMap({ refetchInterval: 60_000 });
  const [feed, setFeed] = useState<LiveEvent[]>([]);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const since = new Date(Date.now() - 3 * 3600_000).toISOString();
    const es = new EventSource(`/api/patrol/live?since=${encodeURIComponent(since)}`);
    es.onopen = () => setConnected(true);
    es.onerror = () => setConnected(false);
    let timer: ReturnType<typeof setTimeout> | null = null;
    es.addEventListener("checkin", (m) => {
      const e = JSON.parse((m as MessageEvent).data) as LiveEvent;
      setFeed((f) => (f.some((x) => x.id === e.id) ? f : [e, ...f].slice(0, 30)));
      // Many check-ins at once (a device syncing) refresh the map once.
      if (!timer)
        timer = setTimeout(() => {
          timer = null;
          qc.invalidateQueries({ queryKey: patrolKeys.map });
        }, 800);
    });
    return () => {
      es.close();
      if (timer) clearTimeout(timer);
    };
  }, [qc]);

  const registered = useMemo(() => {
    if (!geo.data) return false;
    echarts.registerMap("patrol-grids", geo.data);
    return true;
  }, [geo.data]);

  const option = useMemo(() => {
    if (!registered || !map.data) return null;
    const byStatus = (s: TPointStatus["status"]) =>
      map.data.filter((p) => p.status === s).map((p) => ({ name: p.name, value: [p.lng, p.lat, p.checkins], id: p.id }));
    const names: Record<TPointStatus["status"], string> = {
      done: t("今日已巡", "Visited today"),
      abnormal: t("发现异常", "Abnormal"),
      flagged: t("打卡待核", "Flagged"),
      todo: t("今日未巡", "Not yet visited"),
    };
    return {
      tooltip: { trigger: "item", formatter: (p: any) => (p.seriesType === "scatter" ? `${p.name}<br/>${t("今日打卡", "Today")}: ${p.value[2]}` : p.name) },
      legend: { bottom: 0 },
      geo: {
        map: "patrol-grids",
        roam: true,
        label: { show: true, fontSize: 10, color: "#666" },
        itemStyle: { areaColor: "#f4f6fa", borderColor: "#99a" },
        emphasis: { itemStyle: { areaColor: "#e6ecf7" } },
      },
      series: (Object.keys(STATUS_COLOR) as Array<TPointStatus["status"]>).map((s) => ({
        type: "scatter",
        coordinateSystem: "geo",
        name: names[s],
        data: byStatus(s),
        symbolSize: s === "todo" ? 7 : 10,
        itemStyle: { color: STATUS_COLOR[s] },
      })),
    };
  }, [registered, map.data, t]);

  if (map.isError) return <QueryError error={map.error} onRetry={() => map.refetch()} />;
  const pts = map.data ?? [];
  const done = pts.filter((p) => p.status !== "todo").length;

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={16}>
        <Card
          size="small"
          title={t("今日巡查态势", "Today's patrol map")}
          extra={<Typography.Text type="secondary">{dayjs().format("YYYY-MM-DD")}</Typography.Text>}
        >
          <Space size="large" wrap style={{ marginBottom: 8 }}>
            <Statistic title={t("巡查点", "Points")} value={pts.length} />
            <Statistic title={t("今日已巡", "Visited today")} value={done} suffix={`/ ${pts.length}`} />
            <Statistic title={t("发现异常", "Abnormal")} value={pts.filter((p) => p.status === "abnormal").length} valueStyle={{ color: "#c8102e" }} />
            <Statistic title={t("打卡待核", "Flagged")} value={pts.filter((p) => p.status === "flagged").length} valueStyle={{ color: "#d48806" }} />
          </Space>
          {option ? <EChart option={option} style={{ height: 460 }} ariaLabel={t("巡查点地图", "Patrol map")} /> : <Card loading bordered={false} />}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card
          size="small"
          title={
            <Space>
              {t("实时打卡", "Live check-ins")}
              <Badge status={connected ? "processing" : "default"} text={connected ? t("已连接", "live") : t("未连接", "offline")} />
            </Space>
          }
        >
          <List
            size="small"
            data-testid="live-feed"
            dataSource={feed}
            locale={{ emptyText: t("暂无新的打卡", "No check-ins yet") }}
            renderItem={(e) => (
              <List.Item>
                <div style={{ width: "100%" }}>
                  <Space size={4} wrap>
                    <b>{e.pointName}</b>
                    {e.result === "abnormal" && <Tag color="red">{t("异常", "Abnormal")}</Tag>}
                    {e.flags.length > 0 && <Tag color="orange">{t("待核", "Flagged")}</Tag>}
                  </Space>
                  <div style={{ color: "#888", fontSize: 12 }}>
                    {dayjs(e.deviceTime).format("HH:mm:ss")} · {e.userName} · {PATROL_FORCE_LABELS[e.force]?.[lang] ?? e.force}
                  </div>
                </div>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
