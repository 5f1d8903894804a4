// 统计分析: the module's figures for a year, charts by month, channel, category and status;
// every card and every bar opens the cases behind it.
import { Card, Col, Row, Select, Skeleton, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { TFigure } from "../../../contracts/platform";
import { useI18n } from "../../app/i18n";
import { EChart } from "../../charts/echart";
import { PALETTE } from "../../charts/palette";
import { FigureDrawer } from "../../shared/figure-drawer";
import { fmtFigure } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { type FigureGroup, useAppealFigures, useFigureGroups } from "./appeals-api";

function BarCard({ title, items, horizontal, onPick }: { title: string; items?: FigureGroup[]; horizontal?: boolean; onPick: (g: FigureGroup) => void }) {
  const sorted = horizontal ? [...(items ?? [])].reverse() : (items ?? []);
  const cat = { type: "category" as const, data: sorted.map((g) => g.label), axisLabel: { interval: 0, rotate: horizontal ? 0 : 30 } };
  const val = { type: "value" as const };
  return (
    <Card size="small" title={title}>
      {!items ? (
        <Skeleton active />
      ) : (
        <EChart
          ariaLabel={title}
          style={{ height: horizontal ? Math.max(220, sorted.length * 26) : 260 }}
          option={{
            color: PALETTE,
            tooltip: { trigger: "axis" },
            grid: { left: horizontal ? 100 : 40, right: 16, top: 16, bottom: horizontal ? 24 : 60 },
            xAxis: horizontal ? val : cat,
            yAxis: horizontal ? cat : val,
            series: [{ type: "bar", data: sorted.map((g) => g.value) }],
          }}
          onClick={(e) => onPick(sorted[e.dataIndex as number])}
        />
      )}
    </Card>
  );
}

export default function FiguresPage() {
  const { t, lang } = useI18n();
  const [sp, setSp] = useSearchParams();
  const year = Number(sp.get("year")) || dayjs().year();
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [open, setOpen] = useState<TFigure | null>(null);
  const figs = useAppealFigures(from, to);
  const month = useFigureGroups("appeals.all_cases", "month", from, to);
  const channel = useFigureGroups("appeals.all_cases", "channel", from, to);
  const category = useFigureGroups("appeals.all_cases", "category", from, to);
  const status = useFigureGroups("appeals.all_cases", "status", from, to);
  const all = figs.data?.find((f) => f.key === "appeals.all_cases") ?? null;
  const pick = () => all && setOpen(all);

  return (
    <>
      <PageHead
        title={t("统计分析", "Figures")}
        subtitle={t("点击任一数字或图表查看对应案件", "Click any number or bar for the cases behind it")}
        extra={
          <Select
            value={year}
            onChange={(y) => setSp({ year: String(y) })}
            options={[0, 1, 2, 3].map((d) => ({ value: dayjs().year() - d, label: `${dayjs().year() - d}` }))}
            aria-label={t("年度", "Year")}
          />
        }
      />
      {figs.isError && <QueryError error={figs.error} onRetry={() => figs.refetch()} />}
      <Row gutter={[12, 12]}>
        {(figs.data ?? []).map((f) => {
          const [num, unit] = fmtFigure(f.value, f.unit, lang);
          return (
            <Col key={f.key} xs={12} sm={8} lg={6} xl={4}>
              <Card
                size="small"
                hoverable
                className="figure-card"
                onClick={() => setOpen(f)}
                data-figure={f.key}
                role="button"
                aria-label={`${f.label} ${num}${unit}`}
              >
                <div className="figure-label" title={String(f.definition)}>
                  {String(f.label)}
                </div>
                <div className="figure-value">
                  {num}
                  <span className="figure-unit">{unit}</span>
                </div>
              </Card>
            </Col>
          );
        })}
        {figs.isPending && <Skeleton active />}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <BarCard title={t("按月份", "By month")} items={month.data?.slice().sort((a, b) => a.key.localeCompare(b.key))} onPick={pick} />
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("按渠道", "By channel")}>
            {channel.data ? (
              <EChart
                ariaLabel={t("按渠道", "By channel")}
                option={{
                  color: PALETTE,
                  tooltip: { trigger: "item" },
                  series: [{ type: "pie", radius: ["35%", "65%"], data: channel.data.map((g) => ({ name: g.label, value: g.value })) }],
                }}
                onClick={pick}
              />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <BarCard title={t("按分类", "By category")} items={category.data} horizontal onPick={pick} />
        </Col>
        <Col xs={24} lg={12}>
          <BarCard title={t("按状态", "By status")} items={status.data} onPick={pick} />
        </Col>
      </Row>
      <Space style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">
          {t(
            "满意率 =（满意 + 基本满意 × 系数）÷ 有效回访；综合评分权重见“设置”。",
            "Satisfaction = (satisfied + fairly satisfied × factor) ÷ valid visits; score weights are in Settings.",
          )}
        </Typography.Text>
      </Space>
      <FigureDrawer figure={open} period={{ from, to }} onClose={() => setOpen(null)} />
    </>
  );
}
