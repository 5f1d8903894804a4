// Beside the report: its life (草稿 → 审核 → 定稿 → 发布, versions with who and when), 存在问题 drafted
// from the data (accept, edit, drop, each with its evidence), and what changed since publication.
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Input, List, Popconfirm, Space, Steps, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import { REPORT_STATE_LABELS, REPORT_STATES, type TAnnualReport } from "../../../contracts/reports";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { fmtDateTime, fmtFigure } from "../../shared/format";
import { reportApi, reportKeys, type TReportLife, useChanges, type Where } from "./reports-api";

const STEP_LABELS: Record<string, { zh: string; en: string }> = {
  create: { zh: "新建", en: "Created" },
  template: { zh: "修改模板", en: "Template saved" },
  submit: { zh: "提交审核", en: "Submitted" },
  return: { zh: "退回草稿", en: "Returned" },
  approve: { zh: "审核定稿", en: "Approved" },
  publish: { zh: "发布", en: "Published" },
};

function useRun(where: Where) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (name: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(name);
    try {
      await fn();
      notify.success(done);
      await qc.invalidateQueries({ queryKey: reportKeys.all(where) });
    } catch (e) {
      notify.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

export function LifeCard({ where, life }: { where: Where; life: TReportLife | undefined }) {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const { busy, run } = useRun(where);
  if (!life) return <Card size="small" loading title={t("报告流转", "Report life")} />;
  const step = (s: "submit" | "return" | "approve" | "publish", done: string) => run(s, () => reportApi.step(where, s), done);
  const current = life.versions[0];
  return (
    <Card size="small" title={t(`报告流转 · 第${life.version}版`, `Report life · version ${life.version}`)}>
      <Steps
        size="small"
        current={REPORT_STATES.indexOf(life.state)}
        status={life.state === "published" ? "finish" : "process"}
        items={REPORT_STATES.map((s) => ({ title: pick(REPORT_STATE_LABELS[s]) }))}
        responsive={false}
        className="report-steps"
      />
      <Space wrap style={{ marginTop: 12 }}>
        {life.state === "draft" && can("reports.write") && (
          <Button type="primary" loading={busy === "submit"} onClick={() => step("submit", t("已提交审核", "Submitted for review"))}>
            {t("提交审核", "Submit for review")}
          </Button>
        )}
        {life.state === "review" && can("reports.publish") && (
          <>
            <Button type="primary" loading={busy === "approve"} onClick={() => step("approve", t("已审核定稿", "Approved"))}>
              {t("审核定稿", "Approve")}
            </Button>
            <Button loading={busy === "return"} onClick={() => step("return", t("已退回草稿", "Returned to draft"))}>
              {t("退回修改", "Return")}
            </Button>
          </>
        )}
        {life.state === "final" && can("reports.publish") && (
          <Popconfirm
            title={t("发布后报告及其数字将被冻结，确认发布？", "Publishing freezes the report and its figures. Publish?")}
            onConfirm={() => step("publish", t("已发布", "Published"))}
          >
            <Button type="primary" loading={busy === "publish"}>
              {t("发布", "Publish")}
            </Button>
          </Popconfirm>
        )}
        {life.state === "published" && can("reports.write") && (
          <Button loading={busy === "version"} onClick={() => run("version", () => reportApi.newVersion(where), t("已新建版本", "New version made"))}>
            {t("新建版本", "New version")}
          </Button>
        )}
      </Space>
      {life.state === "review" && current?.authorName && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t(`由${current.authorName}提交，须由他人审核`, `Submitted by ${current.authorName}; reviewed by someone else`)}
        </Typography.Paragraph>
      )}
      {life.versions.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 12 }}
          dataSource={life.versions}
          renderItem={(v) => (
            <List.Item className="report-version">
              <Space size={4} wrap>
                <Tag color={v.state === "published" ? "green" : v.state === "draft" ? "default" : "blue"}>
                  {t(`第${v.version}版`, `v${v.version}`)} {pick(REPORT_STATE_LABELS[v.state])}
                </Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[
                    t(`${v.createdBy}建于${fmtDateTime(v.createdAt)}`, `made by ${v.createdBy} ${fmtDateTime(v.createdAt)}`),
                    v.authorName && t(`作者${v.authorName}`, `author ${v.authorName}`),
                    v.reviewerName && t(`审核${v.reviewerName}`, `reviewed by ${v.reviewerName}`),
                    v.publishedAt && t(`发布于${fmtDateTime(v.publishedAt)}`, `published ${fmtDateTime(v.publishedAt)}`),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {life.events.length > 0 && (
        <Timeline
          style={{ marginTop: 16, marginBottom: -16 }}
          items={life.events.slice(0, 12).map((e) => ({
            color: e.step === "publish" ? "green" : e.step === "return" ? "red" : "blue",
            children: (
              <div>
                <Tag>{t(`第${e.version}版`, `v${e.version}`)}</Tag>
                {pick(STEP_LABELS[e.step]) || e.step} · {e.actorName}
                <div className="report-event-time">
                  {fmtDateTime(e.at)}
                  {e.note ? ` · ${e.note}` : ""}
                </div>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

const evidenceFilters = (f: NonNullable<TAnnualReport["findings"]>[number]) =>
  Object.fromEntries(Object.entries(f.filters).map(([k, key]) => [k, { key, label: f.filterLabels?.[k] ?? key }]));

export function FindingsCard({
  where,
  report,
  editable,
  onOpen,
}: {
  where: Where;
  report: TAnnualReport;
  editable: boolean;
  onOpen: (key: string, filters?: Record<string, { key: string; label: string }>) => void;
}) {
  const { t, lang } = useI18n();
  const { busy, run } = useRun(where);
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const findings = report.findings ?? [];
  const unitOf = (key: string) => report.figures.find((f) => f.key === key)?.unit ?? "count";
  const statusTag = (s: string) =>
    s === "accepted" ? (
      <Tag color="green">{t("已采纳", "Accepted")}</Tag>
    ) : s === "edited" ? (
      <Tag color="blue">{t("已修改", "Edited")}</Tag>
    ) : s === "dropped" ? (
      <Tag>{t("已删除", "Dropped")}</Tag>
    ) : (
      <Tag color="gold">{t("待确认", "Proposed")}</Tag>
    );
  return (
    <Card size="small" title={t("存在问题（据数据起草）", "Findings drawn from the data")}>
      {findings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("数据未反映出问题", "The data shows no findings")} />
      ) : (
        <List
          size="small"
          dataSource={findings}
          renderItem={(f) => (
            <List.Item className={`report-finding report-finding-${f.status}`}>
              <div style={{ width: "100%" }}>
                <Space size={4} wrap style={{ marginBottom: 4 }}>
                  {statusTag(f.status)}
                  {f.kind === "plan" ? (
                    <Tag color="purple">{t(`努力方向 · ${f.label}`, `Plans ahead · ${f.label}`)}</Tag>
                  ) : (
                    <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onOpen(f.key, evidenceFilters(f))}>
                      {t("证据", "Evidence")}：{Object.values(f.filterLabels ?? {}).map((x) => `${x} · `)}
                      {f.label} {fmtFigure(f.value, unitOf(f.key), lang).join("")}
                    </Button>
                  )}
                </Space>
                {editing?.id === f.id ? (
                  <Space orientation="vertical" style={{ width: "100%" }}>
                    <Input.TextArea autoSize value={editing.text} onChange={(e) => setEditing({ id: f.id, text: e.target.value })} />
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        loading={busy === f.id}
                        onClick={() =>
                          run(f.id, () => reportApi.decide(where, f.id, "edited", editing.text), t("已修改", "Edited")).then(() => setEditing(null))
                        }
                      >
                        {t("保存", "Save")}
                      </Button>
                      <Button size="small" onClick={() => setEditing(null)}>
                        {t("取消", "Cancel")}
                      </Button>
                    </Space>
                  </Space>
                ) : (
                  <div className="report-finding-text">{f.text}</div>
                )}
                {editable && editing?.id !== f.id && (
                  <Space size={4} style={{ marginTop: 4 }} wrap>
                    {f.status !== "accepted" && (
                      <Button
                        size="small"
                        loading={busy === f.id}
                        onClick={() => run(f.id, () => reportApi.decide(where, f.id, "accepted"), t("已采纳，写入报告", "Accepted into the report"))}
                      >
                        {t("采纳", "Accept")}
                      </Button>
                    )}
                    <Button size="small" onClick={() => setEditing({ id: f.id, text: f.text })}>
                      {t("修改", "Edit")}
                    </Button>
                    {f.status !== "dropped" && (
                      <Button size="small" danger onClick={() => run(f.id, () => reportApi.decide(where, f.id, "dropped"), t("已删除", "Dropped"))}>
                        {t("删除", "Drop")}
                      </Button>
                    )}
                  </Space>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** `ready`: the report is on screen (what changed is asked for after it, not beside it). */
export function ChangesCard({ where, published, ready }: { where: Where; published: boolean; ready: boolean }) {
  const { t } = useI18n();
  const q = useChanges(where, published && ready);
  if (!published) return null;
  return (
    <Card size="small" title={t("发布以来的变化", "Changed since publication")} loading={q.isPending}>
      {q.data && q.data.items.length === 0 && <Alert type="success" showIcon title={t("所有指标与发布时一致", "Every figure is as published")} />}
      {q.data && q.data.items.length > 0 && (
        <List
          size="small"
          dataSource={q.data.items}
          renderItem={(c) => (
            <List.Item>
              <span>{c.label}</span>
              <span>
                {c.published ?? "—"} → <b>{c.current ?? "—"}</b>
              </span>
            </List.Item>
          )}
        />
      )}
      {q.data && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`报告于${fmtDateTime(q.data.generatedAt)}生成并冻结`, `Generated and frozen ${fmtDateTime(q.data.generatedAt)}`)}
        </Typography.Text>
      )}
    </Card>
  );
}
