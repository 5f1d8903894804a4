// Edit mode: the report's template — sections (heading, level) and their paragraphs of sentences
// with {figure.key:form} placeholders. Add, remove, reorder; save as a new version. The server
// checks every placeholder and names each wrong sentence; the error is shown at that sentence.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Input, Select, Space, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { ApiError } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { fmtDateTime } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { reportApi, reportKeys, type TReportTemplate, type TTemplateProblem, useTemplate, type Where } from "./reports-api";

type Section = TReportTemplate["sections"][number];
const move = <T,>(xs: T[], i: number, d: -1 | 1): T[] => {
  const j = i + d;
  if (j < 0 || j >= xs.length) return xs;
  const out = [...xs];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
};
const without = <T,>(xs: T[], i: number) => xs.filter((_, k) => k !== i);
const at = <T,>(xs: T[], i: number, v: T) => xs.map((x, k) => (k === i ? v : x));

function Moves({ onUp, onDown, onDelete, what }: { onUp: () => void; onDown: () => void; onDelete: () => void; what: string }) {
  const { t } = useI18n();
  return (
    <Space.Compact size="small">
      <Tooltip title={t(`上移${what}`, `Move ${what} up`)}>
        <Button icon={<ArrowUpOutlined />} onClick={onUp} aria-label={t(`上移${what}`, `Move ${what} up`)} />
      </Tooltip>
      <Tooltip title={t(`下移${what}`, `Move ${what} down`)}>
        <Button icon={<ArrowDownOutlined />} onClick={onDown} aria-label={t(`下移${what}`, `Move ${what} down`)} />
      </Tooltip>
      <Tooltip title={t(`删除${what}`, `Delete ${what}`)}>
        <Button danger icon={<DeleteOutlined />} onClick={onDelete} aria-label={t(`删除${what}`, `Delete ${what}`)} />
      </Tooltip>
    </Space.Compact>
  );
}

function ProblemList({ list }: { list: TTemplateProblem[] }) {
  const { lang } = useI18n();
  if (!list.length) return null;
  return <Alert type="error" showIcon className="report-problem" title={list.map((x) => (lang === "zh" ? x.zh : x.en)).join("；")} />;
}

export function TemplateEditor({ where, onDone }: { where: Where; onDone: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const q = useTemplate(where, true);
  const [body, setBody] = useState<TReportTemplate | null>(null);
  const [problems, setProblems] = useState<TTemplateProblem[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (q.data && !body) setBody(q.data.body);
  }, [q.data, body]);
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  if (!body || !q.data) return <Card loading />;

  const problemAt = (s: number | null, p: number | null, i: number | null) => problems.filter((x) => x.section === s && x.paragraph === p && x.sentence === i);
  const setSection = (si: number, patch: Partial<Section>) => setBody({ ...body, sections: at(body.sections, si, { ...body.sections[si], ...patch }) });
  const setParas = (si: number, paragraphs: string[][]) => setSection(si, { paragraphs });
  const save = async () => {
    setSaving(true);
    setProblems([]);
    try {
      await reportApi.saveTemplate(where, body);
      notify.success(t("模板已保存为新版本，报告已按新模板重新生成", "Saved as a new version; the report is regenerated"));
      await qc.invalidateQueries({ queryKey: reportKeys.all(where) });
      onDone();
    } catch (e) {
      const details = e instanceof ApiError ? (e.details as { problems?: TTemplateProblem[] } | undefined) : undefined;
      if (details?.problems) setProblems(details.problems);
      notify.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={12}>
      <Alert
        type="info"
        showIcon
        title={t("编辑报告模板", "Editing the report's template")}
        description={t(
          "数字写作 {指标编码} 或 {指标编码:写法}，写法有 余、逾、近、超、万元、%、百分百；{region} {year} {nextYear} 为社区名称和年份。保存后形成新版本。",
          "Numbers are {figure.key} or {figure.key:form}, forms 余 逾 近 超 万元 % 百分百; {region} {year} {nextYear} name the community and years. Saving makes a new version.",
        )}
      />
      <Card size="small" title={t("标题", "Title")}>
        <Input value={body.title} onChange={(e) => setBody({ ...body, title: e.target.value })} aria-label={t("报告标题", "Report title")} />
        <ProblemList list={problemAt(null, null, null)} />
      </Card>
      {body.sections.map((s, si) => (
        <Card
          // biome-ignore lint/suspicious/noArrayIndexKey: sections are edited in place by position
          key={si}
          size="small"
          className="report-editor-section"
          title={
            <div className="report-editor-head">
              <Select
                size="small"
                value={s.level}
                onChange={(level) => setSection(si, { level })}
                options={[
                  { value: 1, label: t("一级标题", "Level 1") },
                  { value: 2, label: t("二级标题", "Level 2") },
                ]}
                style={{ width: 100 }}
              />
              <Input
                size="small"
                value={s.heading}
                placeholder={t("（无标题）", "(no heading)")}
                onChange={(e) => setSection(si, { heading: e.target.value })}
                aria-label={t(`第${si + 1}节标题`, `Heading of section ${si + 1}`)}
              />
            </div>
          }
          extra={
            <Moves
              what={t("章节", "section")}
              onUp={() => setBody({ ...body, sections: move(body.sections, si, -1) })}
              onDown={() => setBody({ ...body, sections: move(body.sections, si, 1) })}
              onDelete={() => setBody({ ...body, sections: without(body.sections, si) })}
            />
          }
        >
          {s.paragraphs.map((p, pi) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs are edited in place by position
            <div key={pi} className="report-editor-para">
              <Space style={{ marginBottom: 4 }} wrap>
                <Typography.Text type="secondary">{t(`第${pi + 1}段`, `Paragraph ${pi + 1}`)}</Typography.Text>
                <Moves
                  what={t("段落", "paragraph")}
                  onUp={() => setParas(si, move(s.paragraphs, pi, -1))}
                  onDown={() => setParas(si, move(s.paragraphs, pi, 1))}
                  onDelete={() => setParas(si, without(s.paragraphs, pi))}
                />
              </Space>
              {p.map((sentence, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: sentences are edited in place by position
                <div key={i}>
                  <div className="report-editor-sentence">
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 6 }}
                      value={sentence}
                      status={problemAt(si, pi, i).length ? "error" : undefined}
                      onChange={(e) => setParas(si, at(s.paragraphs, pi, at(p, i, e.target.value)))}
                      aria-label={t(`第${si + 1}节第${pi + 1}段第${i + 1}句`, `Section ${si + 1}, paragraph ${pi + 1}, sentence ${i + 1}`)}
                    />
                    <Moves
                      what={t("句子", "sentence")}
                      onUp={() => setParas(si, at(s.paragraphs, pi, move(p, i, -1)))}
                      onDown={() => setParas(si, at(s.paragraphs, pi, move(p, i, 1)))}
                      onDelete={() => setParas(si, at(s.paragraphs, pi, without(p, i)))}
                    />
                  </div>
                  <ProblemList list={problemAt(si, pi, i)} />
                </div>
              ))}
              <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setParas(si, at(s.paragraphs, pi, [...p, ""]))}>
                {t("添加句子", "Add a sentence")}
              </Button>
            </div>
          ))}
          <Space wrap style={{ marginTop: 8 }}>
            <Button size="small" icon={<PlusOutlined />} onClick={() => setParas(si, [...s.paragraphs, [""]])}>
              {t("添加段落", "Add a paragraph")}
            </Button>
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() =>
                setBody({
                  ...body,
                  sections: [...body.sections.slice(0, si + 1), { heading: "", level: 2, paragraphs: [[""]] }, ...body.sections.slice(si + 1)],
                })
              }
            >
              {t("在此后添加章节", "Add a section after")}
            </Button>
          </Space>
        </Card>
      ))}
      <div className="report-editor-bar">
        <Space wrap>
          <Button type="primary" loading={saving} onClick={save}>
            {t("保存为新版本", "Save as a new version")}
          </Button>
          <Button onClick={onDone}>{t("取消", "Cancel")}</Button>
          <Typography.Text type="secondary">
            {q.data.version
              ? t(
                  `当前第${q.data.version}版，${q.data.savedBy}保存于${fmtDateTime(q.data.savedAt)}`,
                  `Version ${q.data.version}, saved by ${q.data.savedBy} ${fmtDateTime(q.data.savedAt)}`,
                )
              : q.data.inheritedFrom
                ? t(
                    `本年尚未保存模板，沿用${q.data.inheritedFrom.year}年第${q.data.inheritedFrom.version}版（${q.data.inheritedFrom.savedBy}保存）`,
                    `Nothing saved for this year: carried over from ${q.data.inheritedFrom.year}, version ${q.data.inheritedFrom.version} (saved by ${q.data.inheritedFrom.savedBy})`,
                  )
                : t("当前为默认模板（据2024年报告）", "The default template (after the 2024 report)")}
          </Typography.Text>
        </Space>
      </div>
    </Space>
  );
}
