// Drill-down from a figure to the records behind it: definition, breakdown by each dimension
// (click a bar or a row to filter), and the paged records. Same registry as the value, so the
// number and its records cannot disagree.
import { CloseOutlined, FilterOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Descriptions, Drawer, Empty, Segmented, Skeleton, Space, Table, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import type { TFigure } from "../../contracts/platform";
import { api } from "../api/client";
import type { TFigureGroup, TFigureRecords } from "../api/types";
import { useI18n } from "../app/i18n";
import type { ECElementEvent, EChartsCoreOption } from "../charts/echarts";
import { LazyEChart } from "../charts/lazy-echart";
import { PALETTE } from "../charts/palette";
import { moduleLabel } from "./figure-modules";
import { fmtCell, fmtFigure, fmtNumber } from "./format";
import { QueryError } from "./list-table";
import { useIsMobile } from "./use-mobile";

type Period = { from: string; to: string; region?: string };
type Filter = { key: string; label: string; dimLabel: string };

export function FigureDrawer({
  figure,
  period,
  onClose,
  filters: initial,
}: {
  figure: TFigure | null;
  period: Period;
  onClose: () => void;
  /** Drill-down filters to open with: dimension → the group's key and label (a finding's evidence). */
  filters?: Record<string, { key: string; label: string }>;
}) {
  const { t, lang, pick } = useI18n();
  const mobile = useIsMobile();
  const [dim, setDim] = useState<string | undefined>();
  const [filters, setFilters] = useState<Record<string, Filter>>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);

  const initialKey = JSON.stringify(initial ?? {});
  // biome-ignore lint/correctness/useExhaustiveDependencies: start afresh for each figure (and filters) opened
  useEffect(() => {
    setDim(figure?.dimensions[0]?.key);
    const dimName = (k: string) => pick(figure?.dimensions.find((d) => d.key === k)?.label) || k;
    setFilters(Object.fromEntries(Object.entries(initial ?? {}).map(([k, f]) => [k, { ...f, dimLabel: dimName(k) }])));
    setPage(1);
  }, [figure?.key, initialKey]);

  const base = { region: period.region, from: period.from, to: period.to };
  const filterParams = Object.fromEntries(Object.entries(filters).map(([k, f]) => [`f.${k}`, f.key]));
  const key = figure?.key ?? "";

  // a breakdown by one dimension keeps the filters on the others, not its own (so all its groups stay visible)
  const groupParams = Object.fromEntries(Object.entries(filterParams).filter(([k]) => k !== `f.${dim}`));
  const groups = useQuery({
    queryKey: ["figure-groups", key, dim, base, groupParams],
    queryFn: ({ signal }) => api.get<{ items: TFigureGroup[] }>(`/api/figures/${key}/groups`, { by: dim, ...base, ...groupParams }, signal),
    enabled: !!figure && !!dim,
    placeholderData: keepPreviousData,
  });
  const records = useQuery({
    queryKey: ["figure-records", key, base, filterParams, page, pageSize],
    queryFn: ({ signal }) => api.get<TFigureRecords>(`/api/figures/${key}/records`, { ...base, ...filterParams, page, pageSize }, signal),
    enabled: !!figure,
    placeholderData: keepPreviousData,
  });

  const dimLabel = (k: string) => pick(figure?.dimensions.find((d) => d.key === k)?.label) || k;
  const choose = (g: TFigureGroup) => {
    if (!dim) return;
    const k = g.key ?? "";
    // clicking the group that is already the filter removes it
    setFilters(({ [dim]: cur, ...rest }) => (cur?.key === k ? rest : { ...rest, [dim]: { key: k, label: pick(g.label) || "—", dimLabel: dimLabel(dim) } }));
    setPage(1);
  };
  const items = groups.data?.items ?? [];

  const activeKey = dim ? filters[dim]?.key : undefined;
  const option = useMemo<EChartsCoreOption>(() => {
    const top = items.slice(0, 20);
    const dimmed = (g: TFigureGroup) => activeKey !== undefined && (g.key ?? "") !== activeKey;
    const usePie = top.length > 1 && top.length <= 6 && top.every((g) => g.value > 0);
    if (usePie)
      return {
        color: PALETTE,
        tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
        series: [
          {
            type: "pie",
            radius: ["42%", "70%"],
            center: ["50%", "52%"],
            label: { formatter: "{b}\n{c}", fontSize: 12 },
            data: top.map((g) => ({ name: pick(g.label) || "—", value: g.value, itemStyle: dimmed(g) ? { opacity: 0.35 } : undefined })),
          },
        ],
      };
    const rows = [...top].reverse();
    return {
      color: PALETTE,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#f0f0f0" } } },
      yAxis: {
        type: "category",
        data: rows.map((g) => pick(g.label) || "—"),
        axisLabel: { width: 110, overflow: "truncate" },
        axisTick: { show: false },
      },
      series: [
        {
          type: "bar",
          data: rows.map((g) => ({ value: g.value, itemStyle: dimmed(g) ? { opacity: 0.35 } : undefined })),
          barMaxWidth: 18,
          label: { show: true, position: "right" },
          itemStyle: { borderRadius: [0, 3, 3, 0] },
        },
      ],
    };
  }, [items, pick, activeKey]);

  const onChartClick = (e: ECElementEvent) => {
    const top = items.slice(0, 20);
    const usePie = top.length > 1 && top.length <= 6 && top.every((g) => g.value > 0);
    const g = usePie ? top[e.dataIndex] : [...top].reverse()[e.dataIndex];
    if (g) choose(g);
  };

  const [num, unit] = figure ? fmtFigure(figure.value, figure.unit, lang) : ["", ""];
  const columns = (records.data?.columns ?? []).map((c) => ({
    key: c.key,
    dataIndex: c.key,
    title: pick(c.label),
    render: (v: unknown) =>
      // record ids are long UUIDs: the tail is enough to tell rows apart, the whole is in the tooltip
      c.key === "id" && typeof v === "string" && v.length > 16 ? (
        <Typography.Text type="secondary" title={v} className="masked" style={{ fontSize: 12 }}>
          …{v.slice(-8)}
        </Typography.Text>
      ) : (
        fmtCell(v, lang)
      ),
  }));
  const chartHeight = Math.max(160, Math.min(20, items.length) * 28 + 24);

  return (
    <Drawer
      open={!!figure}
      onClose={onClose}
      size={mobile ? "100%" : 760}
      title={figure ? pick(figure.label) : ""}
      destroyOnHidden
      extra={figure && <Tag>{moduleLabel(figure.module, lang)}</Tag>}
    >
      {figure && (
        <Space orientation="vertical" size={20} style={{ width: "100%" }}>
          <div>
            <div className="drawer-figure-value">
              {num}
              <span className="figure-unit">{unit}</span>
            </div>
            <Descriptions
              size="small"
              column={1}
              style={{ marginTop: 8 }}
              items={[
                { key: "def", label: t("口径", "Definition"), children: pick(figure.definition) || "—" },
                { key: "period", label: t("统计期间", "Period"), children: `${period.from} ~ ${period.to}` },
                { key: "key", label: t("指标编码", "Figure key"), children: <Typography.Text code>{figure.key}</Typography.Text> },
              ]}
            />
          </div>

          {figure.dimensions.length > 0 && (
            <div>
              <Space wrap style={{ marginBottom: 8 }}>
                <Typography.Text strong>{t("分组统计", "Breakdown")}</Typography.Text>
                <Segmented
                  size="small"
                  value={dim}
                  onChange={(v) => setDim(String(v))}
                  options={figure.dimensions.map((d) => ({ value: d.key, label: pick(d.label) }))}
                />
              </Space>
              {groups.isError ? (
                <QueryError error={groups.error} onRetry={() => groups.refetch()} />
              ) : groups.isPending ? (
                <Skeleton active paragraph={{ rows: 4 }} />
              ) : items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("该期间没有记录", "No records in this period")} />
              ) : (
                <>
                  <LazyEChart option={option} onClick={onChartClick} style={{ height: chartHeight }} ariaLabel={t("分组统计图", "Breakdown chart")} />
                  <Table<TFigureGroup>
                    size="small"
                    rowKey={(g) => String(g.key ?? "")}
                    dataSource={items}
                    pagination={false}
                    scroll={{ y: 200 }}
                    onRow={(g) => ({ onClick: () => choose(g), className: "group-row" })}
                    rowClassName={(g) => (dim && filters[dim]?.key === (g.key ?? "") ? "group-row-active" : "")}
                    columns={[
                      { key: "label", title: dimLabel(dim ?? ""), render: (_, g) => pick(g.label) || "—" },
                      { key: "value", title: t("数量", "Count"), align: "right", width: 100, render: (_, g) => fmtNumber(g.value, lang) },
                    ]}
                  />
                </>
              )}
            </div>
          )}

          <div>
            <Space wrap style={{ marginBottom: 8 }}>
              <Typography.Text strong>{t("明细记录", "Records")}</Typography.Text>
              {records.data && <Typography.Text type="secondary">{t(`共 ${records.data.total} 条`, `${records.data.total} in total`)}</Typography.Text>}
              {Object.entries(filters).map(([k, f]) => (
                <Tag
                  key={k}
                  color="red"
                  icon={<FilterOutlined />}
                  closable
                  closeIcon={<CloseOutlined />}
                  onClose={() => {
                    setFilters(({ [k]: _, ...rest }) => rest);
                    setPage(1);
                  }}
                >
                  {f.dimLabel}: {f.label}
                </Tag>
              ))}
            </Space>
            {records.isError ? (
              <Alert type="warning" showIcon title={t("无法查看明细", "Records not available")} description={records.error.message} />
            ) : (
              <Table<Record<string, unknown>>
                size="small"
                rowKey={(r) => String(r.id ?? JSON.stringify(r))}
                loading={records.isFetching}
                dataSource={records.data?.rows ?? []}
                columns={columns}
                scroll={{ x: "max-content" }}
                locale={{ emptyText: records.isPending ? " " : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("没有记录", "No records")} /> }}
                pagination={{
                  current: page,
                  pageSize,
                  total: records.data?.total ?? 0,
                  size: "small",
                  showSizeChanger: true,
                  pageSizeOptions: [10, 20, 50],
                  showTotal: (n) => t(`共 ${n} 条`, `${n} in total`),
                  onChange: (p, ps) => {
                    setPage(ps !== pageSize ? 1 : p);
                    setPageSize(ps);
                  },
                }}
              />
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
