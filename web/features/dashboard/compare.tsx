// 社区对比: the subdistrict's (district's) communities side by side for the period — a table, and a
// ranked bar per figure (GET /api/workbench/compare; each value is the figure's own query for that
// community, so it matches the community's workbench). Loaded on demand with the charts.
import { Alert, Card, Col, Empty, Row, Select, Skeleton, Table, Typography } from "antd";
import { useMemo, useState } from "react";
import type { TCompare } from "../../../contracts/alerts";
import type { TFigure } from "../../../contracts/platform";
import { useI18n } from "../../app/i18n";
import { EChart } from "../../charts/echart";
import type { EChartsCoreOption } from "../../charts/echarts";
import { moduleLabel } from "../../shared/figure-modules";
import { fmtFigure } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { useIsMobile } from "../../shared/use-mobile";
import { useCompare } from "../alerts/alerts-api";

type CF = TCompare["figures"][number];

function RankedBar({ f, names }: { f: CF; names: string[] }) {
  const { lang } = useI18n();
  const rows = names.map((n, i) => ({ n, v: f.values[i] })).sort((a, b) => a.v - b.v); // smallest at the bottom → largest on top
  const ratio = f.unit === "ratio";
  const option = useMemo<EChartsCoreOption>(
    () => ({
      color: ["#c8102e"],
      tooltip: { trigger: "item", formatter: (p: { name: string; value: number }) => `${p.name}: ${fmtFigure(p.value, f.unit, lang).join("")}` },
      grid: { left: 8, right: 48, top: 4, bottom: 4, containLabel: true },
      xAxis: { type: "value", show: false, max: ratio ? 1 : undefined },
      yAxis: { type: "category", data: rows.map((r) => r.n), axisTick: { show: false }, axisLabel: { width: 90, overflow: "truncate" } },
      series: [
        {
          type: "bar",
          data: rows.map((r) => r.v),
          barMaxWidth: 14,
          label: { show: true, position: "right", formatter: (p: { value: number }) => fmtFigure(p.value, f.unit, lang).join("") },
        },
      ],
    }),
    [rows, f.unit, lang, ratio],
  );
  return <EChart option={option} ariaLabel={f.label} style={{ height: Math.max(120, rows.length * 22 + 16) }} />;
}

export default function Compare({ from, to, figures }: { from: string; to: string; figures: TFigure[] }) {
  const { t, lang, pick } = useI18n();
  const mobile = useIsMobile();
  const [keys, setKeys] = useState<string[]>([]);
  const q = useCompare(from, to, keys, true);
  const d = q.data;
  const names = d?.communities.map((c) => c.name) ?? [];
  const fmt = (v: number, f: CF) => fmtFigure(v, f.unit, lang).join("");
  const columns = [
    { title: t("社区", "Community"), dataIndex: "name", key: "name", fixed: "left" as const, width: mobile ? 96 : 140 },
    ...(d?.figures ?? []).map((f) => ({
      title: f.label,
      key: f.key,
      align: "right" as const,
      width: 110,
      sorter: (a: { i: number }, b: { i: number }) => (a.i < 0 || b.i < 0 ? 0 : f.values[a.i] - f.values[b.i]),
      render: (_: unknown, r: { i: number }) => (r.i < 0 ? <b>{fmt(f.total, f)}</b> : fmt(f.values[r.i], f)),
    })),
  ];
  const data = [...names.map((name, i) => ({ key: d?.communities[i].id ?? name, name, i })), { key: "_total", name: t("合计（本级）", "Total"), i: -1 }];
  return (
    <>
      <Card
        className="module-section"
        data-testid="compare"
        title={t(`社区对比 · ${d?.region.name ?? ""}`, `Communities side by side · ${d?.region.name ?? ""}`)}
        extra={
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            style={{ minWidth: mobile ? 160 : 320, maxWidth: "70vw" }}
            placeholder={t("默认：年度报告的前几项指标", "Default: the annual report's first figures")}
            value={keys}
            onChange={(v) => setKeys(v.slice(0, 30))}
            optionFilterProp="label"
            aria-label={t("对比的指标", "Figures to compare")}
            options={figures.map((f) => ({ value: f.key, label: `${moduleLabel(f.module, lang)} · ${pick(f.label)}` }))}
          />
        }
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t(
            `${from} 至 ${to}；每个数字都是该社区工作台上的同一指标，点击表头排序。`,
            `${from} to ${to}; each number is the same figure as on that community's workbench; click a heading to sort.`,
          )}
        </Typography.Paragraph>
        {q.isError ? (
          <QueryError error={q.error} onRetry={() => q.refetch()} />
        ) : q.isPending ? (
          <Skeleton active paragraph={{ rows: 4 }} title={false} />
        ) : !d?.communities.length ? (
          <Empty description={t("该范围内没有社区", "No communities in this scope")} />
        ) : (
          <Table size="small" pagination={false} columns={columns} dataSource={data} scroll={{ x: "max-content" }} data-testid="compare-table" />
        )}
      </Card>
      {d && d.communities.length > 0 && (
        <Row gutter={[12, 12]} className="module-section">
          {d.figures.map((f) => (
            <Col key={f.key} xs={24} lg={12}>
              <Card size="small" title={`${moduleLabel(f.module, lang)} · ${f.label}`} data-testid="compare-bar">
                {f.values.every((v) => !v) ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("无数据", "No data")} />
                ) : (
                  <RankedBar f={f} names={names} />
                )}
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {q.isFetching && q.isPlaceholderData && <Alert type="info" title={t("正在更新…", "Updating…")} />}
    </>
  );
}
