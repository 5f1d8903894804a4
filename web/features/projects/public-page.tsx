// 民生微实事 for residents (no account, made for a phone): propose a project, see every project of
// the community through its stages (budget, spend, progress photos, acceptance), and answer the
// satisfaction survey of a project just accepted.
import { Alert, Button, Card, Empty, Form, Input, InputNumber, List, Progress, Radio, Result, Segmented, Select, Space, Steps, Tag, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { ZPublicPropose, ZSurveyAnswer } from "../../../contracts/projects";
import { useI18n } from "../../app/i18n";
import { ShapedForm } from "../../shared/form-dialog";
import { answerSurvey, proposeProject, usePublicProject, usePublicProjectOptions, usePublicProjects } from "./projects-api";
import { answerOptions, kindLabel, kindOptions, pct, stageColor, stageLabel, stepLabel, yuan } from "./projects-labels";

function Propose({ communityId, onDone }: { communityId: string | undefined; onDone: (r: { id: string; code: string }) => void }) {
  const { t, lang } = useI18n();
  return (
    <ShapedForm<Record<string, unknown>>
      schema={ZPublicPropose}
      initialValues={{ kind: "service" }}
      body={(v) => ({ ...v, communityId })}
      send={proposeProject}
      onDone={onDone}
      submitText={t("提交项目建议", "Send")}
      block
    >
      <Form.Item name="title" label={t("项目名称", "What should be done?")} rules={[{ required: true, message: t("请填写项目名称", "Name the project") }]}>
        <Input maxLength={80} placeholder={t("如：小区门口增设休息座椅", "e.g. benches at the estate gate")} />
      </Form.Item>
      <Form.Item name="kind" label={t("类别", "Kind")}>
        <Radio.Group options={kindOptions(lang)} optionType="button" size="small" />
      </Form.Item>
      <Form.Item name="place" label={t("地点", "Where")} rules={[{ required: true, message: t("请填写地点", "Say where") }]}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="reason" label={t("理由", "Why")} rules={[{ required: true, message: t("请说明理由", "Say why") }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="estimatedYuan"
        label={t("估算金额（元）", "Rough cost (yuan)")}
        rules={[{ required: true, message: t("请估算金额", "Give a rough cost") }]}
      >
        <InputNumber min={0} max={10_000_000} style={{ width: "100%" }} inputMode="decimal" />
      </Form.Item>
      <Form.Item name="name" label={t("您的姓名", "Your name")} rules={[{ required: true, message: t("请填写姓名", "Your name") }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t("手机号（仅社区工作人员可见）", "Mobile (seen by community staff only)")}
        rules={[{ required: true, pattern: /^1\d{10}$/, message: t("请填写11位手机号", "11-digit mobile number") }]}
      >
        <Input maxLength={11} inputMode="tel" />
      </Form.Item>
    </ShapedForm>
  );
}

function Detail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const q = usePublicProject(id);
  const [answered, setAnswered] = useState(false);
  const p = q.data;
  if (q.isError) return <Alert type="error" title={(q.error as Error).message} />;
  if (!p) return null;
  return (
    <Card
      size="small"
      title={p.title}
      extra={
        <Tag color={stageColor(p.stage)} data-testid="public-stage">
          {stageLabel(p.stage, lang)}
        </Tag>
      }
    >
      <div style={{ marginBottom: 8, color: "#555" }}>
        {p.code} · {kindLabel(p.kind, lang)} · {p.place}
      </div>
      <div style={{ marginBottom: 8 }}>{p.reason}</div>
      {p.budgetFen !== null && (
        <div style={{ marginBottom: 8 }}>
          {t("立项预算", "Budget")} {yuan(p.budgetFen)} {t("元", "yuan")} · {t("已支付", "Paid")} {yuan(p.spentFen)} {t("元", "yuan")}
          {p.contractor ? ` · ${p.contractor}` : ""}
        </div>
      )}
      {p.budgetFen !== null && <Progress percent={p.progressPct} size="small" />}
      <Steps
        orientation="vertical"
        size="small"
        current={p.steps.length - 1}
        items={p.steps.map((s) => ({ title: stepLabel(s.step, lang), content: `${s.on}${s.note ? ` · ${s.note}` : ""}` }))}
      />
      {p.progress.some((x) => x.photos.length) && (
        <Space wrap>
          {p.progress.flatMap((x) =>
            x.photos.map((f) => (
              <img
                key={f}
                src={`/api/public/projects/${p.id}/photos/${f}`}
                alt={x.month}
                style={{ width: 88, height: 88, objectFit: "cover", borderRadius: 6 }}
              />
            )),
          )}
        </Space>
      )}
      {p.acceptance && (
        <Alert
          style={{ marginTop: 8 }}
          type="success"
          title={t(`${p.acceptance.on} 通过验收`, `Accepted on ${p.acceptance.on}`)}
          description={`${t("验收人", "By")}：${p.acceptance.acceptors.join("、")}${p.acceptance.note ? ` · ${p.acceptance.note}` : ""}`}
        />
      )}
      {p.satisfaction !== null && (
        <div style={{ marginTop: 8 }} data-testid="public-satisfaction">
          {t("居民满意度", "Residents' satisfaction")}：{pct(p.satisfaction)}（{t(`${p.survey.total} 份`, `${p.survey.total} answers`)}）
        </div>
      )}
      {p.surveyOpen && (
        <Card size="small" type="inner" title={t("您对这个项目满意吗？", "Are you satisfied with it?")} style={{ marginTop: 12 }}>
          {answered ? (
            <Alert type="success" title={t("感谢您的评价", "Thank you")} />
          ) : (
            // The comment is sent as typed ("" when none: the contract's default), trimmed by the server.
            <ShapedForm<{ answer: string; comment?: string }>
              raw
              schema={ZSurveyAnswer}
              initialValues={{ answer: "satisfied" }}
              body={(v) => ({ answer: v.answer, comment: v.comment ?? "" })}
              send={(body) => answerSurvey(id, body)}
              invalidate={[["public", "project", id]]}
              onDone={() => setAnswered(true)}
              submitText={t("提交评价", "Send")}
              submitTestId="survey-send"
              block
            >
              <Form.Item name="answer">
                <Radio.Group options={answerOptions(lang)} />
              </Form.Item>
              <Form.Item name="comment" label={t("意见（选填）", "Comments (optional)")}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </ShapedForm>
          )}
        </Card>
      )}
    </Card>
  );
}

function ProjectList({ communityId, onOpen }: { communityId: string | undefined; onOpen: (id: string) => void }) {
  const { t, lang } = useI18n();
  const q = usePublicProjects(communityId);
  if (!q.data?.length) return <Empty description={t("暂无项目", "No project yet")} />;
  return (
    <List
      dataSource={q.data}
      renderItem={(p) => (
        <List.Item onClick={() => onOpen(p.id)} style={{ cursor: "pointer" }}>
          <List.Item.Meta
            title={
              <Space wrap>
                <Typography.Text strong style={{ color: "#1677ff" }}>
                  {p.title}
                </Typography.Text>
                <Tag color={stageColor(p.stage)}>{stageLabel(p.stage, lang)}</Tag>
              </Space>
            }
            description={`${kindLabel(p.kind, lang)} · ${p.place}${p.budgetFen !== null ? ` · ${t("预算", "budget")} ${yuan(p.budgetFen)}` : ""}`}
          />
        </List.Item>
      )}
    />
  );
}

export default function PublicProjectsPage() {
  const { t, lang, setLang } = useI18n();
  const [sp, setSp] = useSearchParams();
  const [done, setDone] = useState<{ id: string; code: string } | null>(null);
  const opts = usePublicProjectOptions();
  const communities = opts.data?.communities ?? [];
  const communityId = sp.get("c") ?? communities[0]?.id;
  const id = sp.get("id");
  const tab = id ? "detail" : sp.get("tab") === "list" ? "list" : "propose";
  const go = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSp(next);
  };
  return (
    <div style={{ maxWidth: 560, margin: "0 auto", padding: 16 }}>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("民生微实事", "Community micro-projects")}
        </Typography.Title>
        <Button size="small" type="link" onClick={() => setLang(lang === "zh" ? "en" : "zh")}>
          {lang === "zh" ? "English" : "中文"}
        </Button>
      </Space>
      {communities.length > 1 && (
        <Select
          value={communityId}
          onChange={(v) => go({ c: v, id: null })}
          options={communities.map((c) => ({ value: c.id, label: c.name }))}
          style={{ width: "100%", marginBottom: 12 }}
        />
      )}
      <Segmented
        block
        value={tab === "detail" ? "list" : tab}
        onChange={(v) => {
          setDone(null);
          go({ tab: v === "list" ? "list" : null, id: null });
        }}
        options={[
          { value: "propose", label: t("我有建议", "Propose") },
          { value: "list", label: t("项目公开", "Projects") },
        ]}
        style={{ marginBottom: 16 }}
      />
      {tab === "propose" &&
        (done ? (
          <Result
            status="success"
            title={t("已收到您的项目建议", "We have your proposal")}
            subTitle={
              <span>
                {t("项目编号", "Project code")}：
                <Typography.Text copyable strong data-testid="project-code">
                  {done.code}
                </Typography.Text>
              </span>
            }
            extra={
              <Button type="primary" onClick={() => go({ id: done.id })}>
                {t("查看进展", "Follow it")}
              </Button>
            }
          />
        ) : (
          <Propose communityId={communityId} onDone={setDone} />
        ))}
      {tab === "list" && <ProjectList communityId={communityId} onOpen={(x) => go({ id: x })} />}
      {tab === "detail" && id && (
        <>
          <Button type="link" onClick={() => go({ id: null, tab: "list" })} style={{ padding: 0, marginBottom: 8 }}>
            {t("← 全部项目", "← All projects")}
          </Button>
          <Detail id={id} />
        </>
      )}
    </div>
  );
}
