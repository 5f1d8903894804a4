// One volunteer: hours and star level on any date (from the records), the date each level was
// first reached, what is left to the next, and their service records.
import { Card, Descriptions, Input, Space, Table, Tag } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { TRecord } from "../../../contracts/volunteers";
import { useI18n } from "../../app/i18n";
import { fmtDateTime } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useRecords, useVolunteer } from "./volunteers-api";
import { RECORD_STATE_COLORS, recordStateLabel, stars } from "./volunteers-labels";

export function VolunteerDetail() {
  const { t, lang } = useI18n();
  const { id } = useParams();
  const [on, setOn] = useState<string>("");
  const q = useVolunteer(id, on || undefined);
  const [page, setPage] = useState(1);
  const recs = useRecords({ volunteerId: id, page, pageSize: 20 });
  if (q.error) return <QueryError error={q.error as Error} onRetry={() => q.refetch()} />;
  const s = q.data;
  if (!s) return <Card loading />;
  const v = s.volunteer;
  return (
    <div style={{ maxWidth: 900 }}>
      <PageHead title={`${v.name} · ${v.code}`} subtitle={<Link to="/volunteers/list">{t("返回志愿者名册", "Back to the registry")}</Link>} />
      <Space style={{ marginBottom: 12 }}>
        {t("查看日期", "As of")}
        <Input type="date" value={on || s.on} onChange={(e) => setOn(e.target.value)} style={{ width: 160 }} aria-label={t("查看日期", "As of")} />
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t("星级", "Stars")}>
          <span style={{ color: "#fa8c16" }}>{stars(s.star.level)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("注册日期", "Joined")}>{v.joinedOn}</Descriptions.Item>
        <Descriptions.Item label={t(`${s.on.slice(0, 4)}年时数`, `Hours in ${s.on.slice(0, 4)}`)}>{s.hoursYear}</Descriptions.Item>
        <Descriptions.Item label={t("累计时数", "Total hours")}>{s.hoursTotal}</Descriptions.Item>
        <Descriptions.Item label={t("各星级达到日期", "Levels reached")}>
          {s.star.reached.map((m) => `${m.level}★ ${m.on}`).join("；") || "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("下一星级", "Next level")}>
          {s.star.next
            ? t(
                `${s.star.next.level}星：还需 ${s.star.next.hoursLeft} 小时，注册满 ${s.star.next.tenureOn}`,
                `${s.star.next.level}★: ${s.star.next.hoursLeft} h more, tenure from ${s.star.next.tenureOn}`,
              )
            : "—"}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t("服务记录", "Service records")} style={{ marginTop: 12 }}>
        <Table<TRecord>
          rowKey="id"
          size="small"
          loading={recs.isLoading}
          dataSource={recs.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: recs.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { key: "d", title: t("日期", "Date"), dataIndex: "serviceDate" },
            { key: "t", title: t("服务", "Service"), dataIndex: "title" },
            { key: "in", title: t("签到", "Signed in"), render: (_, r) => fmtDateTime(r.signInAt), responsive: ["md"] },
            { key: "h", title: t("时数", "Hours"), dataIndex: "hours", align: "right" },
            { key: "s", title: t("状态", "State"), render: (_, r) => <Tag color={RECORD_STATE_COLORS[r.state]}>{recordStateLabel(r.state, lang)}</Tag> },
          ]}
        />
      </Card>
    </div>
  );
}
