import { PlusOutlined, PrinterOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Tag, Timeline, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useParams } from "react-router";
import {
  DISPUTE_SOURCE_LABELS,
  DISPUTE_SOURCES,
  DISPUTE_TYPE_EN,
  DISPUTE_TYPES,
  LEVEL_LABELS,
  LEVELS,
  OUTCOME_LABELS,
  OUTCOMES,
  REFERRALS,
  type TDispute,
  yuanToFen,
} from "../../../contracts/safety";
import { api, download } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { FormDialog } from "../../shared/form-dialog";
import { ImportDialogButton } from "../../shared/import-dialog";
import { ListTable, QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import { VoidButton, VoidedBanner, voidedFilter } from "../../shared/void-control";
import { safetyKeys, useDispute, useDisputes } from "./safety-api";

const FILTERS = ["q", "type", "level", "status", "outcome", "gridId", "labor", "from", "to", "voided"] as const;
const typeLabel = (k: string, lang: "zh" | "en") => (lang === "zh" ? k : ((DISPUTE_TYPE_EN as Record<string, string>)[k] ?? k));
const yuan = (fen: number) => (fen / 100).toLocaleString("zh-CN", { maximumFractionDigits: 2 });
const wan = (fen: number) => (fen / 1_000_000).toLocaleString("zh-CN", { maximumFractionDigits: 2 });

function Outcome({ d }: { d: TDispute }) {
  const { t, lang } = useI18n();
  if (!d.outcome) return <Tag color="processing">{t("调解中", "In mediation")}</Tag>;
  return <Tag color={d.outcome === "success" ? "success" : d.outcome === "referred" ? "blue" : "default"}>{OUTCOME_LABELS[d.outcome][lang]}</Tag>;
}

export function DisputesPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const labor = list.filters.labor === "1";
  const { grids } = useCommunitiesAndGrids();
  const [creating, setCreating] = useState(false);
  const q = useDisputes(list.query);
  const columns: ColumnsType<TDispute> = [
    { title: t("编号", "No."), render: (_, d) => <Link to={`/safety/disputes/${d.id}`}>{d.code}</Link> },
    { title: t("登记日期", "Registered"), dataIndex: "registeredOn" },
    ...(labor
      ? [
          { title: t("用人单位", "Employer"), render: (_: unknown, d: TDispute) => d.labor?.employer },
          { title: t("人数", "Workers"), render: (_: unknown, d: TDispute) => d.labor?.workers },
          { title: t("诉求（元）", "Claimed (¥)"), render: (_: unknown, d: TDispute) => yuan(d.labor?.claimedFen ?? 0) },
          { title: t("追回（元）", "Recovered (¥)"), render: (_: unknown, d: TDispute) => yuan(d.labor?.recoveredFen ?? 0) },
        ]
      : [
          { title: t("类型", "Type"), render: (_: unknown, d: TDispute) => typeLabel(d.type, lang) },
          { title: t("当事人", "Parties"), render: (_: unknown, d: TDispute) => d.parties.map((p) => p.name).join("、") },
        ]),
    { title: t("网格", "Grid"), dataIndex: "gridName" },
    { title: t("层级", "Level"), render: (_, d) => <Tag>{LEVEL_LABELS[d.level][lang]}</Tag> },
    { title: t("结果", "Outcome"), render: (_, d) => <Outcome d={d} /> },
    {
      title: labor ? t("15日调解期限", "15-day limit") : t("办结目标", "Target"),
      render: (_, d) =>
        d.daysLeft == null ? (
          (d.closedOn ?? "—")
        ) : (
          <Typography.Text type={d.daysLeft < 0 ? "danger" : undefined}>
            {d.daysLeft < 0 ? t(`超期 ${-d.daysLeft} 天`, `${-d.daysLeft} d over`) : t(`剩 ${d.daysLeft} 天`, `${d.daysLeft} d left`)}
          </Typography.Text>
        ),
    },
  ];
  return (
    <>
      <PageHead
        title={labor ? t("劳资纠纷", "Labor disputes") : t("矛盾纠纷", "Disputes")}
        subtitle={
          labor
            ? t(
                "劳资纠纷自申请之日起 15 日内未达成协议的，劳动者可申请仲裁；追回金额按万元统计",
                "If no agreement within 15 days of the application the worker may go to arbitration",
              )
            : t(
                "定格化：案件先归网格调解，逐级上报 网格 → 社区 → 街道（→ 区）并保留全部记录",
                "Each case belongs to its grid first, and goes up grid → community → subdistrict (→ district) with its history",
              )
        }
        extra={
          <>
            {can("safety.export") && <ExportButton href="/api/safety/disputes/export" params={list.query} fileName={t("矛盾纠纷台账.xlsx", "disputes.xlsx")} />}
            {can("safety.admin") && (
              <ImportDialogButton
                url="/api/safety/disputes/import"
                intoCommunity={false}
                buttonLabel={t("导入台账", "Import register")}
                title={t("导入纠纷台账", "Import a dispute register")}
                intro={t(
                  "按导出的列名识别（登记日期、网格、类型、来源、当事人、纠纷概要、用人单位、涉及人数、诉求金额、追回金额、调解结果、办结日期、协议内容）；任一行有误则整份不导入；已登记的行保持不变。",
                  "Columns as the export writes them; any bad row stops the whole file, with a report per row; rows already there stay as they are.",
                )}
                accept=".xlsx"
                fileLabel={t("选择文件", "Choose a file")}
                says={{
                  checked: (r) =>
                    t(`检查通过：将新增 ${r.created} 件，${r.unchanged} 件已存在`, `Check passed: ${r.created} new, ${r.unchanged} already there`),
                  imported: (r) => t(`已导入 ${r.created} 件`, `${r.created} imported`),
                  toast: (r) => t(`已导入 ${r.created} 件，${r.unchanged} 件已存在未变`, `${r.created} imported, ${r.unchanged} already there`),
                }}
                invalidate={["safety", "figures"]}
              />
            )}
            {can("safety.mediate") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("登记纠纷", "Register dispute")}
              </Button>
            )}
          </>
        }
      />
      <div className="filter-bar">
        <SearchBox
          value={list.filters.q}
          onSearch={(v) => list.setFilters({ q: v })}
          placeholder={t("编号 / 概要 / 当事人 / 用人单位", "No. / summary / party / employer")}
        />
        {!labor && (
          <FilterSelect
            list={list}
            name="type"
            placeholder={t("全部类型", "All types")}
            options={DISPUTE_TYPES.map((k) => ({ value: k, label: typeLabel(k, lang) }))}
            aria-label={t("类型", "Type")}
          />
        )}
        <FilterSelect
          list={list}
          name="level"
          placeholder={t("全部层级", "All levels")}
          options={LEVELS.map((k) => ({ value: k, label: LEVEL_LABELS[k][lang] }))}
          aria-label={t("层级", "Level")}
        />
        {can("safety.admin") && <FilterSelect list={list} name="voided" {...voidedFilter(t)} aria-label={t("作废", "Voided")} />}
        <FilterSelect
          list={list}
          name="status"
          placeholder={t("全部状态", "All")}
          options={[
            { value: "open", label: t("调解中", "Open") },
            { value: "closed", label: t("已办结", "Closed") },
          ]}
          aria-label={t("状态", "Status")}
        />
        <FilterSelect
          list={list}
          name="outcome"
          placeholder={t("全部结果", "All outcomes")}
          options={OUTCOMES.map((k) => ({ value: k, label: OUTCOME_LABELS[k][lang] }))}
          aria-label={t("结果", "Outcome")}
        />
        <FilterSelect
          list={list}
          name="gridId"
          placeholder={t("全部网格", "All grids")}
          options={grids.map((g) => ({ value: g.id, label: g.name }))}
          aria-label={t("网格", "Grid")}
        />
        <DatePicker.RangePicker
          value={list.filters.from && list.filters.to ? [dayjs(list.filters.from), dayjs(list.filters.to)] : null}
          onChange={(r) => list.setFilters({ from: r?.[0]?.format("YYYY-MM-DD"), to: r?.[1]?.format("YYYY-MM-DD") })}
        />
      </div>
      {labor && q.data && (
        <Typography.Paragraph type="secondary">
          {t(
            `本页 ${q.data.items.length} 宗，追回 ${wan(q.data.items.reduce((s, d) => s + (d.labor?.recoveredFen ?? 0), 0))} 万元；全年合计见工作台指标。`,
            `This page: ${q.data.items.length} cases; year totals are on the dashboard.`,
          )}
        </Typography.Paragraph>
      )}
      <ListTable<TDispute> rowKey="id" query={q} list={list} columns={columns} empty={t("没有符合条件的纠纷", "No disputes match")} />
      <DisputeCreateModal open={creating} labor={labor} onClose={() => setCreating(false)} />
    </>
  );
}

function DisputeCreateModal({ open, labor, onClose }: { open: boolean; labor: boolean; onClose: () => void }) {
  return open ? <DisputeCreateForm labor={labor} onClose={onClose} /> : null;
}

function DisputeCreateForm({ labor, onClose }: { labor: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { grids } = useCommunitiesAndGrids();
  const [form] = Form.useForm();
  const type = Form.useWatch("type", form);
  const bodyOf = (v: any) => {
    const fen = (x: unknown) => (x == null || x === "" ? undefined : yuanToFen(String(x)));
    const isLabor = v.type === "劳资";
    const claimed = fen(v.claimed);
    if (isLabor && (claimed == null || claimed === null))
      throw new Error(t("诉求金额须为非负数，最多两位小数", "The amount claimed must be non-negative with at most 2 decimals"));
    return {
      gridId: v.gridId,
      type: v.type,
      source: v.source,
      summary: v.summary,
      registeredOn: v.registeredOn?.format("YYYY-MM-DD"),
      parties: [
        { name: v.applicant, role: "applicant", phone: v.applicantPhone || null },
        { name: v.respondent, role: "respondent", phone: v.respondentPhone || null },
      ],
      labor: isLabor ? { employer: v.employer, workers: v.workers, claimedFen: claimed } : null,
    };
  };
  return (
    <FormDialog<Record<string, any>>
      width={640}
      title={t("登记纠纷", "Register a dispute")}
      onClose={onClose}
      form={form}
      raw
      body={bodyOf}
      send={(body) => api.post<TDispute>("/api/safety/disputes", body)}
      done={(d: TDispute) => t(`已登记 ${d.code}，归属${d.gridName}`, `Registered ${d.code} in ${d.gridName}`)}
      invalidate={[safetyKeys.all]}
      okText={t("登记", "Register")}
      initialValues={{ type: labor ? "劳资" : "邻里", source: "walk_in", registeredOn: dayjs() }}
    >
      <Space wrap>
        <Form.Item name="gridId" label={t("网格（定格）", "Grid")} rules={[{ required: true, message: t("请选择网格", "Choose a grid") }]}>
          <Select style={{ width: 160 }} options={grids.map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
        <Form.Item name="type" label={t("类型", "Type")}>
          <Select style={{ width: 130 }} options={DISPUTE_TYPES.map((k) => ({ value: k, label: typeLabel(k, lang) }))} />
        </Form.Item>
        <Form.Item name="source" label={t("来源", "Source")}>
          <Select style={{ width: 150 }} options={DISPUTE_SOURCES.map((k) => ({ value: k, label: DISPUTE_SOURCE_LABELS[k][lang] }))} />
        </Form.Item>
        <Form.Item name="registeredOn" label={t("登记日期", "Registered on")}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} allowClear={false} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="applicant" label={t("申请人", "Applicant")} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="applicantPhone" label={t("申请人电话", "Phone")}>
          <Input maxLength={20} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item
          name="respondent"
          label={type === "劳资" ? t("被申请人（用人单位/负责人）", "Respondent (employer)") : t("被申请人", "Respondent")}
          rules={[{ required: true }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="respondentPhone" label={t("被申请人电话", "Phone")}>
          <Input maxLength={20} />
        </Form.Item>
      </Space>
      {type === "劳资" && (
        <Space wrap>
          <Form.Item name="employer" label={t("用人单位", "Employer")} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="workers" label={t("涉及人数", "Workers")} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="claimed" label={t("诉求金额（元）", "Claimed (yuan)")} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} style={{ width: 160 }} />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="summary" label={t("纠纷概要", "Summary")} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

type DAction = "escalate" | "sessions" | "close" | "followups";

export function DisputeDetail() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [action, setAction] = useState<DAction | null>(null);
  const q = useDispute(id);
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  if (!d) return <Card loading />;
  const nextLevels = LEVELS.slice(LEVELS.indexOf(d.level) + 1);
  const open = (a: DAction) => setAction(a);
  const med = can("safety.mediate");
  const printDocx = async () => {
    try {
      await download(`/api/safety/disputes/${d.id}/agreement.docx`, `调解协议书-${d.code}.docx`);
    } catch (e) {
      notify.error((e as Error).message);
    }
  };
  const EVENT: Record<string, string> = {
    registered: t("登记", "Registered"),
    escalated: t("上报", "Escalated"),
    session: t("调解", "Session"),
    closed: t("办结", "Closed"),
    followup: t("回访", "Follow-up"),
    voided: t("作废", "Voided"),
    restored: t("恢复", "Restored"),
  };
  return (
    <>
      <PageHead
        title={
          <Space wrap>
            {d.code} <Tag>{LEVEL_LABELS[d.level][lang]}</Tag> <Outcome d={d} />
          </Space>
        }
        subtitle={<Link to={d.labor ? "/safety/disputes?labor=1" : "/safety/disputes"}>{t("← 返回列表", "← Back to list")}</Link>}
        extra={
          <Space wrap>
            {med && d.status === "open" && !d.voided && nextLevels.length > 0 && <Button onClick={() => open("escalate")}>{t("上报", "Escalate")}</Button>}
            {med && d.status === "open" && !d.voided && <Button onClick={() => open("sessions")}>{t("记录调解", "Add session")}</Button>}
            {med && d.status === "open" && !d.voided && (
              <Button type="primary" onClick={() => open("close")}>
                {t("办结", "Close case")}
              </Button>
            )}
            {med && d.outcome === "success" && <Button onClick={() => open("followups")}>{t("履行回访", "Follow-up")}</Button>}
            {med && d.agreement && (
              <Button icon={<PrinterOutlined />} onClick={printDocx}>
                {t("打印调解协议书", "Print agreement")}
              </Button>
            )}
            {can("safety.admin") && (
              <VoidButton
                url={`/api/safety/disputes/${d.id}`}
                voided={d.voided}
                what={t("纠纷", "dispute")}
                invalidate={[["safety"]]}
                onDone={() => q.refetch()}
              />
            )}
          </Space>
        }
      />
      <VoidedBanner voided={d.voided} />
      {d.status === "open" && !d.voided && d.daysLeft != null && (
        <Alert
          style={{ marginBottom: 16 }}
          type={d.daysLeft < 0 ? "error" : d.daysLeft <= 3 ? "warning" : "info"}
          showIcon
          title={
            d.labor
              ? t(
                  `劳资纠纷调解期限 ${d.labor.mediationDeadline}（${d.daysLeft < 0 ? `已超 ${-d.daysLeft} 天，劳动者可申请仲裁` : `剩 ${d.daysLeft} 天`}）`,
                  `15-day mediation limit ${d.labor.mediationDeadline} (${d.daysLeft} days left)`,
                )
              : t(
                  `办结目标 ${d.settleBy}（${d.daysLeft < 0 ? `已超 ${-d.daysLeft} 天` : `剩 ${d.daysLeft} 天`}）`,
                  `Settle by ${d.settleBy} (${d.daysLeft} days left)`,
                )
          }
        />
      )}
      {d.agreement && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          title={t(
            `司法确认须在 ${d.agreement.confirmBy} 前由双方共同向人民法院申请`,
            `Judicial confirmation must be applied for jointly by ${d.agreement.confirmBy}`,
          )}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2 }} bordered size="small">
          <Descriptions.Item label={t("类型", "Type")}>{typeLabel(d.type, lang)}</Descriptions.Item>
          <Descriptions.Item label={t("网格", "Grid")}>{d.gridName}</Descriptions.Item>
          <Descriptions.Item label={t("来源", "Source")}>{(DISPUTE_SOURCE_LABELS as any)[d.source]?.[lang] ?? d.source}</Descriptions.Item>
          <Descriptions.Item label={t("登记日期", "Registered")}>{d.registeredOn}</Descriptions.Item>
          <Descriptions.Item label={t("当事人", "Parties")} span={2}>
            {d.parties.map((p) => (
              <div key={p.id}>
                {p.role === "applicant" ? t("申请人", "Applicant") : t("被申请人", "Respondent")}：{p.name} <span className="masked">{p.phone ?? ""}</span>
              </div>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t("纠纷概要", "Summary")} span={2}>
            {d.summary}
          </Descriptions.Item>
          {d.labor && (
            <>
              <Descriptions.Item label={t("用人单位", "Employer")}>{d.labor.employer}</Descriptions.Item>
              <Descriptions.Item label={t("涉及人数", "Workers")}>{d.labor.workers}</Descriptions.Item>
              <Descriptions.Item label={t("诉求金额", "Claimed")}>
                {yuan(d.labor.claimedFen)} {t("元", "yuan")}
              </Descriptions.Item>
              <Descriptions.Item label={t("追回金额", "Recovered")}>
                {yuan(d.labor.recoveredFen)} {t("元", "yuan")}
              </Descriptions.Item>
              <Descriptions.Item label={t("欠薪垫付", "Wage advance")}>
                {yuan(d.labor.advanceFen)} {t("元", "yuan")}
              </Descriptions.Item>
            </>
          )}
          {d.agreement && (
            <>
              <Descriptions.Item label={t("协议", "Agreement")}>
                {d.agreement.form === "written" ? t("书面协议", "Written") : t("口头协议", "Oral")}（{d.agreement.madeOn}）
              </Descriptions.Item>
              <Descriptions.Item label={t("履行方式", "Performance")}>{d.agreement.performance}</Descriptions.Item>
              <Descriptions.Item label={t("协议内容", "Terms")} span={2}>
                {d.agreement.terms}
              </Descriptions.Item>
            </>
          )}
          {d.referral && <Descriptions.Item label={t("转介", "Referred to")}>{d.referral}</Descriptions.Item>}
          {d.closeReason && <Descriptions.Item label={t("原因", "Reason")}>{d.closeReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t("办理经过", "History")}>
        <Timeline
          items={(d.events ?? []).map((e) => ({
            color: e.kind === "escalated" ? "orange" : e.kind === "closed" ? "green" : "blue",
            content: (
              <div>
                <Typography.Text strong>
                  {e.on} {EVENT[e.kind] ?? e.kind}
                </Typography.Text>
                {e.fromLevel && e.toLevel && ` ${LEVEL_LABELS[e.fromLevel as "grid"][lang]} → ${LEVEL_LABELS[e.toLevel as "grid"][lang]}`}
                <Typography.Text type="secondary"> · {e.actor}</Typography.Text>
                {e.reason && <div>{e.reason}</div>}
                {e.mediators.length > 0 && (
                  <div>
                    {t("调解员：", "Mediators: ")}
                    {e.mediators.join("、")}；{t("参加：", "Attended: ")}
                    {e.attendees}
                  </div>
                )}
                {e.record && <div>{e.record}</div>}
              </div>
            ),
          }))}
        />
      </Card>
      {action && <DisputeActionForm d={d} action={action} onClose={() => setAction(null)} />}
    </>
  );
}

/** One step of a dispute (escalate, a session, close, a follow-up) in the shared form dialog. */
function DisputeActionForm({ d, action, onClose }: { d: TDispute; action: DAction; onClose: () => void }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const outcome = Form.useWatch("outcome", form);
  const form_ = Form.useWatch("form", form);
  const nextLevels = LEVELS.slice(LEVELS.indexOf(d.level) + 1);
  const day = (x: any) => (x ? x.format("YYYY-MM-DD") : undefined);
  const bodyOf = (v: any) => {
    let body: unknown = v;
    if (action === "escalate") body = { toLevel: v.toLevel, reason: v.reason, skipReason: v.skipReason || undefined };
    if (action === "sessions")
      body = {
        heldOn: day(v.heldOn),
        mediators: String(v.mediators)
          .split(/[、,，\s]+/)
          .filter(Boolean),
        attendees: v.attendees,
        record: v.record,
      };
    if (action === "followups") body = { visitedOn: day(v.visitedOn), performed: v.performed, note: v.note };
    if (action === "close") {
      const recovered = v.recovered == null || v.recovered === "" ? undefined : yuanToFen(String(v.recovered));
      const advance = v.advance == null || v.advance === "" ? undefined : yuanToFen(String(v.advance));
      body = {
        outcome: v.outcome,
        closedOn: day(v.closedOn),
        reason: v.reason || undefined,
        referral: v.referral,
        agreement:
          v.outcome === "success"
            ? {
                form: v.form,
                madeOn: day(v.closedOn) ?? dayjs().format("YYYY-MM-DD"),
                facts: v.facts,
                terms: v.terms,
                performance: v.performance,
                signedPartyIds: v.signed ?? [],
                mediatorSigned: !!v.mediatorSigned,
              }
            : undefined,
        labor:
          d.labor && (recovered != null || advance != null)
            ? { ...(recovered != null ? { recoveredFen: recovered } : {}), ...(advance != null ? { advanceFen: advance } : {}) }
            : undefined,
      };
    }
    return body;
  };
  return (
    <FormDialog<Record<string, any>>
      width={640}
      title={
        action === "escalate"
          ? t("逐级上报", "Escalate")
          : action === "sessions"
            ? t("调解记录", "Mediation session")
            : action === "close"
              ? t("办结", "Close case")
              : t("履行回访", "Follow-up")
      }
      onClose={onClose}
      form={form}
      raw
      body={bodyOf}
      send={(body) => api.post<TDispute>(`/api/safety/disputes/${d.id}/${action}`, body)}
      done={t("已保存", "Saved")}
      invalidate={[safetyKeys.disputes()]}
      onDone={(next: TDispute) => qc.setQueryData(safetyKeys.dispute(d.id), next)}
      okText={t("确定", "OK")}
      initialValues={{
        toLevel: nextLevels[0],
        heldOn: dayjs(),
        closedOn: dayjs(),
        visitedOn: dayjs(),
        outcome: "success",
        form: "written",
        performed: "full",
        signed: [],
      }}
    >
      {action === "escalate" && (
        <>
          <Form.Item name="toLevel" label={t("上报至", "To level")}>
            <Select options={nextLevels.map((k) => ({ value: k, label: LEVEL_LABELS[k][lang] }))} />
          </Form.Item>
          <Form.Item name="reason" label={t("上报理由", "Reason")} rules={[{ required: true, message: t("请填写上报理由", "Give the reason") }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="skipReason" label={t("越级理由（越级上报时必填）", "Reason for skipping a level (if skipping)")}>
            <Input />
          </Form.Item>
        </>
      )}
      {action === "sessions" && (
        <>
          <Form.Item name="heldOn" label={t("调解日期", "Date")}>
            <DatePicker disabledDate={(x) => x.isAfter(dayjs(), "day")} allowClear={false} />
          </Form.Item>
          <Form.Item name="mediators" label={t("调解员（、分隔）", "Mediators")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="attendees" label={t("参加人员", "Attendees")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="record" label={t("调解记录", "Record")} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      )}
      {action === "close" && (
        <>
          <Space wrap>
            <Form.Item name="outcome" label={t("结果", "Outcome")}>
              <Select style={{ width: 140 }} options={OUTCOMES.map((k) => ({ value: k, label: OUTCOME_LABELS[k][lang] }))} />
            </Form.Item>
            <Form.Item name="closedOn" label={t("办结日期", "Closed on")}>
              <DatePicker disabledDate={(x) => x.isAfter(dayjs(), "day")} allowClear={false} />
            </Form.Item>
            {d.labor && (
              <Form.Item name="recovered" label={t("追回金额（元）", "Recovered (yuan)")}>
                <InputNumber min={0} precision={2} style={{ width: 160 }} />
              </Form.Item>
            )}
            {d.labor && (
              <Form.Item name="advance" label={t("欠薪垫付（元）", "Wage advance (yuan)")}>
                <InputNumber min={0} precision={2} style={{ width: 160 }} />
              </Form.Item>
            )}
          </Space>
          {outcome === "success" ? (
            <>
              <Form.Item name="form" label={t("协议形式", "Form")}>
                <Select
                  options={[
                    { value: "written", label: t("书面协议", "Written") },
                    { value: "oral", label: t("口头协议", "Oral") },
                  ]}
                />
              </Form.Item>
              <Form.Item name="facts" label={t("纠纷事实与争议事项", "Facts and issues")} rules={[{ required: true }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="terms" label={t("协议内容", "Terms")} rules={[{ required: true }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item name="performance" label={t("履行方式和期限", "How and when performed")} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              {form_ === "written" && (
                <>
                  <Form.Item name="signed" label={t("已签名的当事人", "Parties who signed")}>
                    <Checkbox.Group options={d.parties.map((p) => ({ value: p.id, label: p.name }))} />
                  </Form.Item>
                  <Form.Item name="mediatorSigned" valuePropName="checked">
                    <Checkbox>{t("调解员已签名", "Mediator signed")}</Checkbox>
                  </Form.Item>
                </>
              )}
            </>
          ) : (
            <>
              {outcome === "referred" && (
                <Form.Item name="referral" label={t("转介去向", "Referred to")} rules={[{ required: true }]}>
                  <Select options={REFERRALS.map((k) => ({ value: k, label: k }))} />
                </Form.Item>
              )}
              <Form.Item name="reason" label={t("原因", "Reason")} rules={[{ required: outcome !== "referred" }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
        </>
      )}
      {action === "followups" && (
        <>
          <Form.Item name="visitedOn" label={t("回访日期", "Date")}>
            <DatePicker disabledDate={(x) => x.isAfter(dayjs(), "day")} allowClear={false} />
          </Form.Item>
          <Form.Item name="performed" label={t("履行情况", "Performed")}>
            <Select
              options={[
                { value: "full", label: t("已全部履行", "Fully") },
                { value: "partial", label: t("部分履行", "Partly") },
                { value: "none", label: t("未履行", "Not") },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label={t("回访记录", "Note")} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
