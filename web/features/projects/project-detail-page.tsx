// A project's page: where it stands, the step buttons of its stage (a step the rules refuse shows
// the rule), its timeline, the council's votes, objections, monthly progress with photos,
// payments and the satisfaction survey.
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, Progress, Row, Space, Spin, Table, Tag, Timeline, Tooltip } from "antd";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { type ProjectStage, type ProjectStep, type TProjectDetail, ZObjectionResolve } from "../../../contracts/projects";
import { api } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { FormDialog } from "../../shared/form-dialog";
import { fmtDateTime } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { StepDialog, SurveyEntry } from "./project-forms";
import { projectKeys, useProject } from "./projects-api";
import { kindLabel, pct, stageColor, stageLabel, stepLabel, yuan } from "./projects-labels";

/** The steps a stage offers (the server still checks dates, objections, progress and answers). */
const STAGE_STEPS: Record<ProjectStage, ProjectStep[]> = {
  proposed: ["review", "cancel"],
  reviewed: ["vote", "cancel"],
  voted: ["publicise", "cancel"],
  publicised: ["objection", "approve", "cancel"],
  approved: ["progress", "payment", "cancel"],
  implementing: ["progress", "payment", "accept", "cancel"],
  accepted: ["evaluate"],
  evaluated: [],
  rejected: [],
  cancelled: [],
};
const ADMIN_STEPS: ProjectStep[] = ["review", "vote", "publicise", "approve", "payment", "accept", "evaluate", "cancel"];

function Steps({ p, onStep }: { p: TProjectDetail; onStep: (s: ProjectStep) => void }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const steps = STAGE_STEPS[p.stage].filter((s) => (ADMIN_STEPS.includes(s) ? can("projects.admin") : can("projects.write")));
  if (!steps.length) return null;
  return (
    <Space wrap>
      {steps.map((s) => {
        const open = p.next.includes(s);
        const b = (
          <Button key={s} type={open && s !== "cancel" ? "primary" : "default"} danger={s === "cancel"} onClick={() => onStep(s)} data-testid={`step-${s}`}>
            {stepLabel(s, lang)}
          </Button>
        );
        return open ? (
          b
        ) : (
          <Tooltip key={s} title={t("当前条件尚不满足，提交后将显示所依据的规则", "Not open yet: submitting shows the rule it meets")}>
            {b}
          </Tooltip>
        );
      })}
    </Space>
  );
}

export function ProjectDetailPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const nav = useNavigate();
  const { can } = useAuth();
  const q = useProject(id);
  const [step, setStep] = useState<ProjectStep | null>(null);
  const [resolving, setResolving] = useState<{ id: string } | null>(null);
  const qc = useQueryClient();
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const p = q.data;
  if (!p) return <Spin />;
  return (
    <>
      <PageHead
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => nav("/projects/list")} aria-label={t("返回", "Back")} />
            {p.title}
            <Tag color={stageColor(p.stage)} data-testid="project-stage">
              {stageLabel(p.stage, lang)}
            </Tag>
          </Space>
        }
        subtitle={`${p.code} · ${kindLabel(p.kind, lang)} · ${p.communityName}`}
        extra={<Steps p={p} onStep={setStep} />}
      />
      {p.stage === "publicised" && p.publicityEndsOn && (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          title={t(
            `公示期至 ${p.publicityEndsOn}，期满且异议处理完毕后方可立项`,
            `Publicity runs until ${p.publicityEndsOn}; approval after it ends with every objection answered`,
          )}
        />
      )}
      {p.closeReason && <Alert style={{ marginBottom: 12 }} type="warning" title={`${stageLabel(p.stage, lang)}：${p.closeReason}`} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t("项目信息", "Project")}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t("地点", "Place")}>{p.place}</Descriptions.Item>
              <Descriptions.Item label={t("提议人", "Proposer")}>{`${p.proposerName}（${p.proposedOn}）`}</Descriptions.Item>
              <Descriptions.Item label={t("估算（元）", "Estimate (yuan)")}>{yuan(p.estimatedFen)}</Descriptions.Item>
              <Descriptions.Item label={t("立项预算（元）", "Budget (yuan)")}>{yuan(p.budgetFen)}</Descriptions.Item>
              <Descriptions.Item label={t("实施单位", "Contractor")}>{p.contractor ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("计划工期", "Planned")}>{p.plannedStart ? `${p.plannedStart} ~ ${p.plannedEnd}` : "—"}</Descriptions.Item>
              <Descriptions.Item label={t("已支付（元）", "Paid (yuan)")}>
                <span data-testid="project-spent">{yuan(p.spentFen)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("验收", "Acceptance")}>{p.acceptedOn ? `${p.acceptedOn}（${p.acceptors.join("、")}）` : "—"}</Descriptions.Item>
              <Descriptions.Item label={t("满意度", "Satisfaction")}>
                <span data-testid="project-satisfaction">{pct(p.satisfaction ?? p.survey.rate)}</span>
                {` · ${t(`${p.survey.total} 份答卷`, `${p.survey.total} answers`)}`}
              </Descriptions.Item>
              <Descriptions.Item label={t("理由", "Reason")} span={2}>
                {p.reason}
              </Descriptions.Item>
            </Descriptions>
            <Progress percent={p.progressPct} />
          </Card>
          {p.votes.length > 0 && (
            <Card size="small" title={t("居民议事会评议", "Council votes")} style={{ marginTop: 12 }}>
              <Table
                rowKey="meetingId"
                size="small"
                pagination={false}
                scroll={{ x: "max-content" }}
                dataSource={p.votes}
                columns={[
                  { key: "m", title: t("会议", "Meeting"), render: (_, v) => `${v.title}（${v.heldOn}）` },
                  { key: "n", title: t("到会", "Present"), dataIndex: "membersPresent" },
                  { key: "f", title: t("赞成/反对/弃权", "For/against/abstaining"), render: (_, v) => `${v.votesFor} / ${v.votesAgainst} / ${v.abstentions}` },
                  {
                    key: "r",
                    title: t("结果", "Result"),
                    render: (_, v) => (v.passed ? <Tag color="green">{t("通过", "Passed")}</Tag> : <Tag color="red">{t("未通过", "Not passed")}</Tag>),
                  },
                ]}
              />
            </Card>
          )}
          {p.objections.length > 0 && (
            <Card size="small" title={t("公示异议", "Objections")} style={{ marginTop: 12 }}>
              {p.objections.map((o) => (
                <div key={o.id} style={{ padding: "6px 0", borderBottom: "1px solid #f0f0f0" }}>
                  <b>{o.byName}</b>（{o.receivedOn}）：{o.content}
                  <div>
                    {o.resolution ? (
                      <Tag color="green">{`${t("已处理", "Answered")} ${o.resolvedOn}：${o.resolution}`}</Tag>
                    ) : can("projects.admin") ? (
                      <Button size="small" data-testid="resolve-objection" onClick={() => setResolving({ id: o.id })}>
                        {t("处理异议", "Answer")}
                      </Button>
                    ) : (
                      <Tag>{t("待处理", "Open")}</Tag>
                    )}
                  </div>
                </div>
              ))}
            </Card>
          )}
          {p.progress.length > 0 && (
            <Card size="small" title={t("实施进度", "Progress")} style={{ marginTop: 12 }}>
              {p.progress.map((x) => (
                <div key={x.id} style={{ padding: "6px 0", borderBottom: "1px solid #f0f0f0" }}>
                  <b>{x.month}</b> · {x.percent}% · {x.note}
                  {x.photos.length > 0 && (
                    <Space wrap style={{ display: "flex", marginTop: 4 }}>
                      {x.photos.map((f) => (
                        <a key={f} href={`/api/files/${f}`} target="_blank" rel="noreferrer">
                          <img src={`/api/files/${f}`} alt={t("现场照片", "Photo")} style={{ width: 72, height: 72, objectFit: "cover", borderRadius: 6 }} />
                        </a>
                      ))}
                    </Space>
                  )}
                </div>
              ))}
            </Card>
          )}
          {p.payments.length > 0 && (
            <Card size="small" title={t("支付记录", "Payments")} style={{ marginTop: 12 }}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                scroll={{ x: "max-content" }}
                dataSource={p.payments}
                columns={[
                  { key: "d", title: t("日期", "Date"), dataIndex: "paidOn" },
                  { key: "v", title: t("凭证号", "Voucher"), dataIndex: "voucher" },
                  {
                    key: "a",
                    title: t("金额（元）", "Amount (yuan)"),
                    align: "right",
                    render: (_, x) => (x.voided ? <s>{yuan(x.amountFen)}</s> : yuan(x.amountFen)),
                  },
                  { key: "p", title: t("收款单位", "Payee"), dataIndex: "payee" },
                  { key: "n", title: t("说明", "Note"), render: (_, x) => (x.voided ? `${t("已作废", "Void")}：${x.voidReason}` : x.note) },
                ]}
              />
            </Card>
          )}
          {p.stage === "accepted" && (
            <Card size="small" title={t("满意度调查（进行中）", "Satisfaction survey (open)")} style={{ marginTop: 12 }}>
              <div style={{ marginBottom: 8 }}>
                {t(
                  `满意 ${p.survey.satisfied}、基本满意 ${p.survey.fair}、不满意 ${p.survey.unsatisfied}；居民可在公开页面评价。`,
                  `${p.survey.satisfied} satisfied, ${p.survey.fair} fair, ${p.survey.unsatisfied} not; residents answer on the public page.`,
                )}
              </div>
              <SurveyEntry projectId={p.id} />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t("时间线", "Timeline")}>
            {p.timeline.length ? (
              <Timeline
                items={p.timeline.map((e) => ({
                  key: e.id,
                  content: (
                    <div data-testid="timeline-entry">
                      <b>{stepLabel(e.step, lang)}</b> · {e.on}
                      <div style={{ color: "#555" }}>{e.note}</div>
                      <div style={{ color: "#999", fontSize: 12 }}>
                        {e.actor} · {fmtDateTime(e.at)}
                      </div>
                    </div>
                  ),
                }))}
              />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      </Row>
      <StepDialog project={p} step={step} onClose={() => setStep(null)} />
      {resolving && (
        <FormDialog<{ resolution?: string }, typeof ZObjectionResolve>
          title={t("处理公示异议", "Answer the objection")}
          okText={t("提交", "Submit")}
          onClose={() => setResolving(null)}
          schema={ZObjectionResolve}
          send={(body) => api.post<TProjectDetail>(`/api/projects/${id}/objections/${resolving.id}/resolve`, body)}
          done={t("已保存", "Saved")}
          invalidate={[projectKeys.all]}
          onDone={(d: TProjectDetail) => qc.setQueryData(projectKeys.detail(id ?? ""), d)}
        >
          <Form.Item name="resolution" noStyle rules={[{ required: true, whitespace: true, message: t("请填写处理意见", "Give the answer") }]}>
            <Input.TextArea rows={3} aria-label={t("处理意见", "Answer")} />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}
