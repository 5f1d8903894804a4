// The report as a document: title, headings by level, paragraphs of sentences. Every number is a
// link to its figure's records, its exact value and last year's on hover; the sentences left out
// (a figure not recorded, or 0) are shown marked for the editor, never printed in the text.
import { Tag, Tooltip } from "antd";
import type { TAnnualReport } from "../../../contracts/reports";
import { useI18n } from "../../app/i18n";
import { fmtFigure } from "../../shared/format";

type Figure = TAnnualReport["figures"][number];
type Sentence = TAnnualReport["sections"][number]["paragraphs"][number]["sentences"][number];

export function changeText(f: Figure, lang: "zh" | "en") {
  if (f.changePct == null) return null;
  if (f.changePct === 0) return lang === "zh" ? "与上年持平" : "same as last year";
  const up = f.changePct > 0;
  return lang === "zh" ? `较上年${up ? "增长" : "下降"}${Math.abs(f.changePct)}%` : `${up ? "up" : "down"} ${Math.abs(f.changePct)}% on last year`;
}

function NumberLink({ text, f, showChange, onOpen }: { text: string; f?: Figure; showChange: boolean; onOpen: () => void }) {
  const { t, lang } = useI18n();
  if (!f) return <span>{text}</span>;
  const exact = (v: number | null) => (v == null ? "—" : fmtFigure(v, f.unit, lang).join(""));
  const change = changeText(f, lang);
  const tip = (
    <div className="report-tip">
      <div className="report-tip-label">{f.label}</div>
      <div>
        {t("精确值", "Exact")}：{exact(f.value)}
      </div>
      <div>
        {t("上年", "Last year")}：{exact(f.previous)}
        {change ? `（${change}）` : ""}
      </div>
      <div className="report-tip-more">{t("点击查看明细记录", "Click for the records")}</div>
    </div>
  );
  return (
    <Tooltip title={tip}>
      <a
        className="report-num"
        href={`#${f.key}`}
        data-figure={f.key}
        onClick={(e) => {
          e.preventDefault();
          onOpen();
        }}
      >
        {text}
      </a>
      {showChange && f.changePct != null && f.changePct !== 0 && (
        <sup className={f.changePct > 0 ? "report-up" : "report-down"}>
          {f.changePct > 0 ? "↑" : "↓"}
          {Math.abs(f.changePct)}%
        </sup>
      )}
    </Tooltip>
  );
}

function SentenceView({
  s,
  figures,
  flags,
  showChange,
  onOpen,
}: {
  s: Sentence;
  figures: Map<string, Figure>;
  flags: boolean;
  showChange: boolean;
  onOpen: (key: string) => void;
}) {
  const { t } = useI18n();
  if (s.flagged && !flags) return null;
  const body = s.runs.map((r, i) =>
    "key" in r ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: runs never reorder
      <NumberLink key={i} text={r.text} f={figures.get(r.key)} showChange={showChange && !s.flagged} onOpen={() => onOpen(r.key)} />
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: runs never reorder
      <span key={i}>{r.text}</span>
    ),
  );
  if (!s.flagged) return <>{body}</>;
  const why =
    s.flagged === "missing"
      ? t(`未记录：${s.missing.join("、")}`, `not recorded: ${s.missing.join(", ")}`)
      : t("数值为0，未写入报告", "the value is 0; left out of the report");
  return (
    <Tooltip title={why}>
      <span className={`report-flagged report-flagged-${s.flagged}`} data-flagged={s.flagged}>
        <Tag color={s.flagged === "missing" ? "default" : "orange"} className="report-flag-tag">
          {s.flagged === "missing" ? t("缺数据", "No data") : t("为0", "Zero")}
        </Tag>
        {body}
      </span>
    </Tooltip>
  );
}

export function ReportDocument({
  report,
  flags,
  showChange,
  onOpen,
}: {
  report: TAnnualReport;
  flags: boolean;
  showChange: boolean;
  onOpen: (key: string) => void;
}) {
  const figures = new Map(report.figures.map((f) => [f.key, f]));
  return (
    <article className="report-doc" lang="zh-CN">
      <h1 className="report-title">{report.title}</h1>
      {report.sections.map((s, si) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: sections are the report's order
        <section key={si}>
          {s.heading && <h2 className={`report-h${s.level}`}>{s.heading}</h2>}
          {s.paragraphs.map((p, pi) =>
            !p.text && !flags ? null : (
              // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs are the report's order
              <p key={pi} className="report-p">
                {p.sentences.map((x, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: sentences are the report's order
                  <SentenceView key={i} s={x} figures={figures} flags={flags} showChange={showChange} onOpen={onOpen} />
                ))}
              </p>
            ),
          )}
        </section>
      ))}
    </article>
  );
}
