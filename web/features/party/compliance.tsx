import { Alert, Progress, Select, Space, Table, Tag, Typography } from "antd";
import { useSearchParams } from "react-router";
import { MEETING_TYPE_EN } from "../../../contracts/party";
import { useI18n } from "../../app/i18n";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { type ComplianceRow, useCompliance } from "./party-api";

export function CompliancePage() {
  const { t, lang } = useI18n();
  const [sp, setSp] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(sp.get("year")) || thisYear;
  const q = useCompliance(year);
  const typeLabel = (s: string) => (lang === "en" ? (MEETING_TYPE_EN as Record<string, string>)[s] : s);
  const reminders = (q.data?.rows ?? []).flatMap((r) => r.reminders.map((i) => ({ ...i, org: r.orgName })));
  return (
    <>
      <PageHead
        title={t("组织生活合规", "Meeting compliance")}
        subtitle={t(
          "按《支部工作条例》：主题党日、支委会、党小组会每月，支部党员大会、党课每季度，组织生活会和民主评议每年；支委会须过半数委员到会",
          "By the branch work regulations: theme days, committee and group meetings monthly; general meetings and lessons quarterly; organisational life and appraisal yearly",
        )}
        extra={
          <Select
            value={year}
            onChange={(v) => setSp({ year: String(v) })}
            options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: t(`${y}年`, String(y)) }))}
            aria-label={t("年度", "Year")}
          />
        }
      />
      {reminders.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            t("本期即将结束，尚未召开：", "Period ending soon, not yet held: ") +
            reminders.map((r) => `${r.org} ${typeLabel(r.type)}（${r.period}）`).join("；")
          }
        />
      )}
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<ComplianceRow>
          rowKey="orgId"
          loading={q.isFetching}
          dataSource={q.data?.rows ?? []}
          pagination={false}
          scroll={{ x: "max-content" }}
          columns={[
            { key: "org", title: t("党支部", "Branch"), render: (_, r) => <Typography.Text strong>{r.orgName}</Typography.Text> },
            {
              key: "rate",
              title: t("已召开 / 应召开", "Held / required"),
              render: (_, r) => (
                <Space>
                  <span>
                    {r.met} / {r.required}
                  </span>
                  <Progress percent={r.required ? Math.round((r.met / r.required) * 100) : 100} size="small" style={{ width: 100 }} />
                </Space>
              ),
            },
            {
              key: "missing",
              title: t("缺会、未达法定人数", "Missing or short of quorum"),
              render: (_, r) =>
                r.missing.length ? (
                  <Space size={[4, 4]} wrap style={{ maxWidth: 560 }}>
                    {r.missing.map((m) => (
                      <Tag key={`${m.type}${m.period}`} color={m.status === "missing" ? "red" : "orange"} className="compliance-missing">
                        {m.period} {typeLabel(m.type)} {m.status === "missing" ? t("未召开", "missing") : t("未达法定人数", "short of quorum")}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  <Tag color="green">{t("无缺会", "None missing")}</Tag>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
