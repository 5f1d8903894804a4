// A community-year's 民生微实事 budget: the annual budget (setting), what 立项 committed and what
// was paid, by kind with each kind's per-project cap.
import { Card, Col, Empty, InputNumber, Progress, Row, Select, Space, Statistic, Table } from "antd";
import { useState } from "react";
import { useI18n } from "../../app/i18n";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { useBudget } from "./projects-api";
import { kindLabel, yuan } from "./projects-labels";

export function BudgetPage() {
  const { t, lang } = useI18n();
  const { communities } = useCommunitiesAndGrids();
  const [communityId, setCommunityId] = useState<string>();
  const [year, setYear] = useState(new Date().getFullYear());
  const cid = communityId ?? communities[0]?.id;
  const q = useBudget(cid, year);
  const b = q.data;
  return (
    <>
      <PageHead
        title={t("民生微实事预算", "Micro-project budget")}
        extra={
          <Space wrap>
            {communities.length > 1 && (
              <Select value={cid} onChange={setCommunityId} options={communities.map((c) => ({ value: c.id, label: c.name }))} style={{ width: 160 }} />
            )}
            <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} addonBefore={t("年度", "Year")} style={{ width: 150 }} />
          </Space>
        }
      />
      {q.isError && <QueryError error={q.error} onRetry={() => q.refetch()} />}
      {!cid && <Empty description={t("没有可选的社区", "No community to show")} />}
      {b && (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t("年度预算（元）", "Annual budget (yuan)")} value={yuan(b.annualFen)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t("已立项（元）", "Committed (yuan)")} value={yuan(b.committedFen)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t("已支付（元）", "Paid (yuan)")} value={yuan(b.paidFen)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t("剩余可立项（元）", "Left to commit (yuan)")} value={yuan(b.leftFen)} />
              </Card>
            </Col>
          </Row>
          <Card size="small" style={{ marginBottom: 12 }}>
            <div>{t("预算使用（已支付 ÷ 年度预算）", "Budget used (paid ÷ annual budget)")}</div>
            <Progress percent={b.annualFen ? Math.round((b.paidFen / b.annualFen) * 1000) / 10 : 0} />
            <div>{t("已立项 ÷ 年度预算", "Committed ÷ annual budget")}</div>
            <Progress percent={b.annualFen ? Math.round((b.committedFen / b.annualFen) * 1000) / 10 : 0} status="normal" strokeColor="#8c8c8c" />
          </Card>
          <Table
            rowKey="kind"
            size="small"
            pagination={false}
            dataSource={b.byKind}
            scroll={{ x: "max-content" }}
            columns={[
              { key: "kind", title: t("类别", "Kind"), render: (_, k) => kindLabel(k.kind, lang) },
              { key: "cap", title: t("单个项目上限（元）", "Cap per project (yuan)"), align: "right", render: (_, k) => yuan(k.capFen) },
              { key: "n", title: t("立项数", "Approved"), align: "right", dataIndex: "projects" },
              { key: "c", title: t("已立项（元）", "Committed (yuan)"), align: "right", render: (_, k) => yuan(k.committedFen) },
              { key: "p", title: t("已支付（元）", "Paid (yuan)"), align: "right", render: (_, k) => yuan(k.paidFen) },
            ]}
          />
        </>
      )}
    </>
  );
}
