// A household's page: who lives there, its difficulty kinds and needs, the grid worker and paired
// party members; its visits (newest first), the help received and the open needs.
import { Alert, Button, Card, Col, Descriptions, Empty, Input, List, Modal, Row, Space, Statistic, Tag, Timeline } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { HOUSEHOLD_STATE_LABELS, VISIT_KIND_LABELS } from "../../../contracts/care";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useArchiveHousehold, useCloseFollowUp, useHousehold, yuan } from "./care-api";
import { EditHouseholdButton, VisitButton } from "./care-forms";

export function HouseholdDetailPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const q = useHousehold(id);
  const [archiving, setArchiving] = useState(false);
  const [reason, setReason] = useState("");
  const close = useCloseFollowUp();
  const archive = useArchiveHousehold(id, () => setArchiving(false));
  if (q.isError) return <QueryError error={q.error as Error} onRetry={() => q.refetch()} />;
  if (!q.data) return null;
  const { household: h, visits, received, openNeeds } = q.data;
  const active = h.state === "active";
  return (
    <>
      <PageHead
        title={
          <Space>
            {h.name}
            <Tag color={active ? "green" : "default"}>{HOUSEHOLD_STATE_LABELS[h.state][lang]}</Tag>
          </Space>
        }
        subtitle={<Link to="/care/households">{t("← 困难户列表", "← Households")}</Link>}
        extra={
          can("care.write") &&
          active && (
            <Space wrap>
              <VisitButton households={[h]} />
              <EditHouseholdButton household={h} />
              <Button onClick={() => setArchiving(true)}>{t("归档（退出帮扶）", "Archive")}</Button>
            </Space>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t("基本情况", "Household")}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t("网格", "Grid")}>{h.gridName ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("地址", "Address")}>{h.address ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("困难类型", "Difficulty")}>
                {h.kinds.map((k) => (
                  <Tag key={k}>{k}</Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label={t("网格员", "Grid worker")}>{h.gridWorkerName ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("结对党员", "Paired party members")}>{h.paired.map((p) => p.name).join("、") || "—"}</Descriptions.Item>
              <Descriptions.Item label={t("纳入帮扶", "In care since")}>{h.enrolledOn}</Descriptions.Item>
              <Descriptions.Item label={t("家庭成员", "Members")}>
                {h.members.map((m) => `${m.name}${m.head ? t("（户主）", " (head)") : ""}${m.age !== null ? ` ${m.age}${t("岁", "")}` : ""}`).join("、")}
              </Descriptions.Item>
              {!active && (
                <Descriptions.Item label={t("归档", "Archived")}>
                  {h.archivedOn} {h.archiveReason}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t("获得帮扶", "Help received")}>
            <Space size="large" wrap>
              <Statistic title={t("走访次数", "Visits")} value={received.visits} />
              <Statistic title={t("慰问金（元）", "Money (yuan)")} value={yuan(received.moneyFen)} />
            </Space>
            <div className="person-sub" style={{ marginTop: 8 }}>
              {[...received.goods, ...received.services].join("、") || "—"}
            </div>
          </Card>
          <Card size="small" title={t("未解决的需求", "Open needs")} style={{ marginTop: 16 }}>
            {openNeeds.length ? (
              <List
                size="small"
                dataSource={openNeeds}
                renderItem={(n) => (
                  <List.Item
                    actions={
                      n.lineId && can("care.write")
                        ? [
                            <Button key="c" size="small" loading={close.isPending} onClick={() => close.mutate(n.lineId as string)}>
                              {t("已解决", "Met")}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    {n.text}
                    <span className="person-sub">
                      {" "}
                      · {n.source === "household" ? t("登记需求", "need") : t(`${n.since} 走访提出`, `from the visit of ${n.since}`)}
                    </span>
                  </List.Item>
                )}
              />
            ) : (
              <Empty description={t("没有未解决的需求", "No open need")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t("走访记录", "Visits")}>
            {visits.length ? (
              <Timeline
                items={visits.map((v) => ({
                  key: v.lineId,
                  color: v.kind === "campaign" ? "red" : "blue",
                  content: (
                    <div data-testid="visit-line">
                      <b>{v.visitedOn}</b> {v.title} <Tag>{VISIT_KIND_LABELS[v.kind][lang]}</Tag>
                      <div className="person-sub">
                        {[v.visitors.join("、"), v.partners.join("、")].filter(Boolean).join(" · ")}
                        {v.goods && ` · ${v.goods}`}
                        {v.moneyFen > 0 && ` · ${yuan(v.moneyFen)}${t("元", " yuan")}`}
                        {v.services && ` · ${v.services}`}
                        {v.followUp && ` · ${t("后续：", "follow-up: ")}${v.followUp}`}
                      </div>
                    </div>
                  ),
                }))}
              />
            ) : (
              <Empty description={t("尚未走访", "Not visited yet")} />
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={archiving}
        title={t("归档（退出帮扶）", "Archive the household")}
        onCancel={() => setArchiving(false)}
        onOk={() => archive.mutate(reason)}
        confirmLoading={archive.isPending}
      >
        <Input.TextArea
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t("原因，如：已搬离本社区", "Reason, e.g. moved away")}
        />
        {archive.isError && <Alert type="error" style={{ marginTop: 8 }} title={(archive.error as Error).message} />}
      </Modal>
    </>
  );
}
