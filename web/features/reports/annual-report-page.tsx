// 年度工作报告 /reports/annual/<year>?region=<id>: the report of a community (or the subdistrict)
// written from its records — every number a link to its records — with the editor's tools beside
// it: the template, the findings, the report's life; and the Word document.
import { DownloadOutlined, EditOutlined, ReloadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Result, Row, Select, Space, Switch, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { lazy, Suspense, useMemo, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import type { TFigure } from "../../../contracts/platform";
import { REPORT_STATE_LABELS } from "../../../contracts/reports";
import { download } from "../../api/client";
import { useAuth, useMe } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { fmtDateTime, fmtFigure } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useRegions } from "../../shared/regions";
import { useAfterPaint } from "../../shared/use-after-paint";
import { useIsMobile } from "../../shared/use-mobile";
import { changeText, ReportDocument } from "./report-document";
import { ChangesCard, FindingsCard, LifeCard } from "./report-side";
import { figureQuery, regenerateReport, reportUrl, type TAnnualReport, useExports, useLife, useReport } from "./reports-api";
import { TemplateEditor } from "./template-editor";
import "./reports.css";

// The drill-down (and the charts it draws, ECharts) is loaded when a number is first opened, not with the report.
const FigureDrawer = lazy(() => import("../../shared/figure-drawer").then((m) => ({ default: m.FigureDrawer })));

function FiguresTable({ report, onOpen }: { report: TAnnualReport; onOpen: (key: string) => void }) {
  const { t, lang } = useI18n();
  const exact = (v: number | null, unit: "count" | "yuan" | "ratio") => (v == null ? "—" : fmtFigure(v, unit, lang).join(""));
  return (
    <Table
      size="small"
      rowKey="key"
      dataSource={report.figures}
      pagination={false}
      scroll={{ x: 560 }}
      columns={[
        {
          key: "label",
          title: t("指标", "Figure"),
          render: (_, f) => (
            <Button type="link" size="small" style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }} onClick={() => onOpen(f.key)}>
              {f.label}
            </Button>
          ),
        },
        { key: "value", title: t("精确值", "Exact"), align: "right", render: (_, f) => exact(f.value, f.unit) },
        { key: "printed", title: t("报告中写作", "Printed"), render: (_, f) => f.printed ?? "—" },
        { key: "previous", title: t("上年", "Last year"), align: "right", render: (_, f) => exact(f.previous, f.unit) },
        { key: "change", title: t("同比", "Change"), render: (_, f) => changeText(f, lang) ?? "—" },
      ]}
    />
  );
}

export function AnnualReportPage() {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const me = useMe();
  const mobile = useIsMobile();
  const nav = useNavigate();
  const qc = useQueryClient();
  const params = useParams();
  const [sp] = useSearchParams();
  const year = Number(params.year);
  const region = sp.get("region") || undefined;
  const where = { year, region };
  const report = useReport(where);
  const life = useLife(where);
  const regions = useRegions();
  const [editing, setEditing] = useState(false);
  const [flags, setFlags] = useState(true);
  const [showChange, setShowChange] = useState(!mobile);
  const [open, setOpenState] = useState<TFigure | null>(null);
  // Mounted from the first number opened on (then kept, so it closes with its animation).
  const [drawerUsed, setDrawerUsed] = useState(false);
  const setOpen = (f: TFigure | null) => {
    if (f) setDrawerUsed(true);
    setOpenState(f);
  };
  const [openFilters, setOpenFilters] = useState<Record<string, { key: string; label: string }> | undefined>();
  const [busy, setBusy] = useState(false);
  // The appendix's table of every figure (below the text) cost about as much to render as the text
  // itself: it comes once the text is on screen.
  const appendix = useAfterPaint(!!report.data);

  const regionOptions = useMemo(() => {
    const items = (regions.data ?? []).filter((r) => !r.archived && (r.level === "subdistrict" || r.level === "community" || r.id === me.scope.regionId));
    const list = items.some((r) => r.id === me.scope.regionId)
      ? items
      : [{ id: me.scope.regionId, name: me.scope.name, level: me.scope.level, path: me.scope.path }, ...items];
    return list
      .sort((a, b) => (a.path ?? "").localeCompare(b.path ?? ""))
      .map((r) => ({ value: r.id, label: r.level === "community" ? r.name : `${r.name}（${t("汇总", "all")}）` }));
  }, [regions.data, me.scope, t]);
  const thisYear = dayjs().year();
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  const go = (y: number, r?: string) => nav(`/reports/annual/${y}${r ? `?region=${encodeURIComponent(r)}` : ""}`);

  const r = report.data;
  const period = { from: r?.period?.from ?? `${year}-01-01`, to: r?.period?.to ?? `${year}-12-31`, region: r?.region.id ?? region };
  const openFigure = async (key: string, filters?: Record<string, { key: string; label: string }>) => {
    try {
      const f = await qc.fetchQuery(figureQuery(key, period));
      setOpenFilters(filters);
      setOpen(f);
    } catch (e) {
      notify.error((e as Error).message);
    }
  };
  const exports = useExports();
  // A report answered from the server's cache (no record changed since it was generated): generate it anew on demand.
  const regenerate = async () => {
    setBusy(true);
    try {
      await regenerateReport(qc, where);
    } catch (e) {
      notify.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const docx = async (ext: ".docx" | ".pdf" = ".docx") => {
    setBusy(true);
    try {
      await download(reportUrl({ year, region }, ext), `${r?.title ?? year}${ext}`);
    } catch (e) {
      notify.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return <Result status="404" title={t("年份有误", "Not a year")} />;
  const state = r?.state ?? life.data?.state ?? "draft";
  const editable = state === "draft" && can("reports.write");
  const withFigures = r ? r.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences)).filter((x) => x.runs.some((u) => "key" in u)) : [];
  const empty = withFigures.length > 0 && withFigures.every((x) => x.flagged);

  const controls = (
    <Space wrap>
      <Select
        value={year}
        onChange={(y) => go(y, region)}
        options={years.map((y) => ({ value: y, label: t(`${y}年`, String(y)) }))}
        style={{ width: 100 }}
        aria-label={t("报告年度", "Year")}
      />
      <Select
        value={r?.region.id ?? region ?? me.scope.regionId}
        onChange={(v) => go(year, v)}
        options={regionOptions}
        loading={regions.isPending && regions.fetchStatus !== "idle"}
        style={{ minWidth: 150 }}
        popupMatchSelectWidth={false}
        aria-label={t("社区", "Community")}
      />
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => docx()} disabled={!r}>
        {t("下载 Word", "Word (DOCX)")}
      </Button>
      {exports.data?.pdf ? (
        <Button icon={<DownloadOutlined />} loading={busy} onClick={() => docx(".pdf")} disabled={!r}>
          PDF
        </Button>
      ) : exports.data ? (
        <Typography.Text type="secondary" data-testid="no-pdf">
          {t("未安装 LibreOffice，暂不能导出 PDF", "No PDF export: LibreOffice is not installed")}
        </Typography.Text>
      ) : null}
      {editable && !editing && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          {t("编辑模板", "Edit template")}
        </Button>
      )}
    </Space>
  );

  return (
    <>
      <PageHead
        title={t("年度工作报告", "Annual work report")}
        subtitle={
          r ? (
            <Space size={6} wrap>
              <Tag color={state === "published" ? "green" : state === "draft" ? "default" : "blue"}>{pick(REPORT_STATE_LABELS[state])}</Tag>
              <span>
                {r.frozen
                  ? t(`已发布，数字冻结于${fmtDateTime(r.generatedAt)}`, `Published; figures frozen ${fmtDateTime(r.generatedAt)}`)
                  : t(
                      `由业务记录实时生成于${fmtDateTime(r.generatedAt)}，点击数字查看明细`,
                      `Written from the records ${fmtDateTime(r.generatedAt)}; click a number for its records`,
                    )}
              </span>
              {r.cached && (
                <Button size="small" type="link" icon={<ReloadOutlined />} loading={busy} onClick={regenerate} style={{ padding: 0 }}>
                  {t("重新生成", "Regenerate")}
                </Button>
              )}
            </Space>
          ) : undefined
        }
        extra={controls}
      />
      {report.isError ? (
        <QueryError error={report.error} onRetry={() => report.refetch()} />
      ) : editing ? (
        <TemplateEditor where={where} onDone={() => setEditing(false)} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card className="report-doc-card" loading={report.isPending}>
              {r && (
                <div className="report-doc-bar">
                  <Typography.Text strong>
                    {t(`${r.flaggedCount} 句因缺数据或为0未写入`, `${r.flaggedCount} sentences left out (no data or 0)`)}
                  </Typography.Text>
                  <Space size={12} wrap>
                    <Space size={4}>
                      <Switch size="small" checked={flags} onChange={setFlags} aria-label={t("标出未写入的句子", "Mark sentences left out")} />
                      <Typography.Text type="secondary">{t("标出未写入的句子", "Mark sentences left out")}</Typography.Text>
                    </Space>
                    <Space size={4}>
                      <Switch size="small" checked={showChange} onChange={setShowChange} aria-label={t("显示同比", "Show change")} />
                      <Typography.Text type="secondary">{t("同比", "Change")}</Typography.Text>
                    </Space>
                  </Space>
                </div>
              )}
              {empty && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={t(`${year}年没有业务记录，报告各节均缺数据`, `No records for ${year}; every section lacks data`)}
                />
              )}
              {r && <ReportDocument report={r} flags={flags} showChange={showChange} onOpen={openFigure} />}
            </Card>
          </Col>
          <Col xs={24} xl={8} className="report-side">
            <LifeCard where={where} life={life.data} />
            <ChangesCard where={where} published={state === "published"} ready={!!r} />
            {r && <FindingsCard where={where} report={r} editable={editable} onOpen={openFigure} />}
          </Col>
          <Col xs={24} xl={16}>
            {r && appendix && (
              <Card size="small" title={t("附表：报告所引指标", "Appendix: the figures of the report")}>
                <FiguresTable report={r} onOpen={openFigure} />
              </Card>
            )}
          </Col>
        </Row>
      )}
      {drawerUsed && (
        <Suspense fallback={null}>
          <FigureDrawer figure={open} period={period} filters={openFilters} onClose={() => setOpen(null)} />
        </Suspense>
      )}
    </>
  );
}
