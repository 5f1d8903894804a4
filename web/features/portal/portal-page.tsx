// 三务公开 for staff, under /portal: the items in every state with their flow (提出 → 保密审核 →
// 审批 → 发布, withdrawal, correction as a new version), drafts from the records, the overdue
// columns (监督) and the catalogue of columns.
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Timeline, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Navigate, Route, Routes, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import {
  FINDING_LABELS,
  ITEM_STATUS_LABELS,
  ITEM_STATUSES,
  PORTAL_PERIOD_LABELS,
  PORTAL_PERIODS,
  type TColumn,
  type TFinding,
  type TItem,
  type TItemDetail,
  type TOverdue,
  ZColumnSave,
  ZItemCreate,
} from "../../../contracts/portal";
import { ApiError } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { FormDialog } from "../../shared/form-dialog";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { createItem, makeDrafts, saveColumn, useColumns, useItemStep, useOverdue, usePortalItem, usePortalItems } from "./portal-api";

const STATUS_COLOR: Record<string, string> = {
  draft: "default",
  proposed: "orange",
  reviewed: "gold",
  published: "green",
  withdrawn: "red",
  superseded: "purple",
};
const STEP_ZH: Record<string, [string, string]> = {
  draft: ["起草", "Drafted"],
  submit: ["提出", "Proposed"],
  edit: ["修改", "Edited"],
  return: ["退回", "Returned"],
  review: ["保密审核通过", "Passed the confidentiality review"],
  approve: ["审批通过", "Approved"],
  publish: ["发布", "Published"],
  withdraw: ["撤回", "Withdrawn"],
  correct: ["更正（新版本）", "Corrected (new version)"],
  superseded: ["被更正", "Superseded"],
};

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The body with what 保密审核 found marked (the body is sanitised by the server). */
function markFindings(html: string, findings: TFinding[]) {
  let out = html;
  for (const f of findings) out = out.split(escapeHtml(f.text)).join(`<mark data-finding="${f.kind}">${escapeHtml(f.text)}</mark>`);
  return out;
}

function Tabs() {
  const { t } = useI18n();
  const loc = useLocation();
  const nav = useNavigate();
  const tabs = [
    { value: "/portal/items", label: t("公开事项", "Items") },
    { value: "/portal/overdue", label: t("逾期未公开", "Overdue") },
    { value: "/portal/columns", label: t("栏目目录", "Columns") },
  ];
  const current = tabs.find((x) => loc.pathname.startsWith(x.value))?.value;
  return (
    <Space style={{ marginBottom: 12 }}>
      <Segmented value={current ?? "/portal/items"} options={tabs} onChange={(v) => nav(String(v))} />
      <a href="/public/disclosure" target="_blank" rel="noreferrer">
        {t("查看公开门户", "Open the public portal")}
      </a>
    </Space>
  );
}

function ItemForm({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const nav = useNavigate();
  const cols = useColumns();
  const { communities } = useCommunitiesAndGrids();
  return (
    <FormDialog<Record<string, any>>
      title={t("提出公开事项", "Propose an item")}
      onClose={onClose}
      okText={t("提出（送保密审核）", "Propose")}
      width={720}
      schema={ZItemCreate}
      initialValues={{ communityId: communities[0]?.id }}
      body={(v) => ({
        ...v,
        periodFrom: v.period?.[0]?.format("YYYY-MM-DD"),
        periodTo: v.period?.[1]?.format("YYYY-MM-DD"),
        period: undefined,
        submit: true,
      })}
      send={createItem}
      done={null}
      invalidate={[["portal"]]}
      onDone={(d: TItemDetail) => nav(`/portal/items/${d.id}`)}
    >
      <Form.Item name="communityId" label={t("社区", "Community")} rules={[{ required: true }]}>
        <Select options={communities.map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
      <Form.Item name="columnKey" label={t("栏目", "Column")} rules={[{ required: true }]}>
        <Select
          data-testid="item-column"
          showSearch
          optionFilterProp="label"
          options={(cols.data ?? [])
            .filter((c) => c.parentKey && c.active)
            .map((c) => ({ value: c.key, label: `${(cols.data ?? []).find((p) => p.key === c.parentKey)?.name ?? ""} > ${c.name}` }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t("标题", "Title")} rules={[{ required: true, min: 2 }]}>
        <Input maxLength={120} data-testid="item-title" />
      </Form.Item>
      <Form.Item name="period" label={t("公开所涉期间", "Period covered")} rules={[{ required: true }]}>
        <DatePicker.RangePicker />
      </Form.Item>
      <Form.Item
        name="body"
        label={t("正文（可用 HTML：段落、列表、表格、链接、图片）", "Body (HTML: paragraphs, lists, tables, links, images)")}
        rules={[{ required: true }]}
      >
        <Input.TextArea rows={8} data-testid="item-body" />
      </Form.Item>
    </FormDialog>
  );
}

function DraftButton() {
  const { t } = useI18n();
  const { communities } = useCommunitiesAndGrids();
  const [open, setOpen] = useState(false);
  const kinds = [
    ["annual_report", t("年度工作报告（已发布）", "The published annual report")],
    ["projects", t("民生微实事立项/公示/验收", "Micro-projects' stages")],
    ["elections", t("党组织换届选举结果", "Party election results")],
    ["new_members", t("发展党员公示", "New party members")],
    ["finance", t("月度收支情况", "Monthly statement")],
  ];
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("从业务记录生成草稿", "Draft from the records")}</Button>
      {open && (
        <FormDialog<Record<string, any>>
          title={t("从业务记录生成草稿", "Draft from the records")}
          onClose={() => setOpen(false)}
          initialValues={{ communityId: communities[0]?.id, kind: "projects", year: dayjs().year() }}
          // An empty month is no month (the route's month is optional, not nullable).
          body={(v) => ({ ...v, year: Number(v.year), month: v.month || undefined })}
          send={makeDrafts}
          done={null}
          invalidate={[["portal"]]}
          onDone={(r: { created: number; skipped: number }) =>
            Modal.info({ title: t(`生成草稿 ${r.created} 条（已有 ${r.skipped} 条）`, `${r.created} drafts made (${r.skipped} there already)`) })
          }
        >
          <Form.Item name="communityId" label={t("社区", "Community")}>
            <Select options={communities.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="kind" label={t("来源", "From")}>
            <Select options={kinds.map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="year" label={t("年度", "Year")}>
            <Input type="number" />
          </Form.Item>
          <Form.Item name="month" label={t("月份（月度收支，YYYY-MM）", "Month (statements, YYYY-MM)")}>
            <Input placeholder="2024-03" />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}

function ItemList() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const [sp, setSp] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const page = Number(sp.get("page") ?? 1);
  const status = sp.get("status") ?? undefined;
  const q = sp.get("q") ?? undefined;
  const list = usePortalItems(page, status, q);
  const set = (k: string, v: string | undefined) => {
    const n = new URLSearchParams(sp);
    if (v) n.set(k, v);
    else n.delete(k);
    if (k !== "page") n.delete("page");
    setSp(n);
  };
  return (
    <Card
      title={t("三务公开事项", "Disclosure items")}
      extra={
        <Space>
          <Input.Search allowClear placeholder={t("标题", "Title")} defaultValue={q} onSearch={(v) => set("q", v || undefined)} style={{ width: 200 }} />
          <Select
            allowClear
            placeholder={t("状态", "State")}
            value={status}
            onChange={(v) => set("status", v)}
            style={{ width: 150 }}
            options={ITEM_STATUSES.map((s) => ({ value: s, label: ITEM_STATUS_LABELS[s][lang] }))}
          />
          {can("portal.propose") && <DraftButton />}
          {can("portal.propose") && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="new-item">
              {t("提出公开事项", "Propose an item")}
            </Button>
          )}
        </Space>
      }
    >
      <Table<TItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items}
        onRow={(r) => ({ onClick: () => nav(`/portal/items/${r.id}`), style: { cursor: "pointer" } })}
        pagination={{ current: page, total: list.data?.total, pageSize: 20, onChange: (p) => set("page", String(p)), showSizeChanger: false }}
        columns={[
          {
            title: t("标题", "Title"),
            dataIndex: "title",
            render: (v, r) => <Typography.Link>{r.version > 1 ? `${v}（第${r.version}版）` : v}</Typography.Link>,
          },
          { title: t("栏目", "Column"), dataIndex: "columnName", width: 200 },
          { title: t("社区", "Community"), dataIndex: "communityName", width: 110 },
          { title: t("期间", "Period"), render: (_, r) => `${r.periodFrom} ~ ${r.periodTo}`, width: 200 },
          {
            title: t("状态", "State"),
            dataIndex: "status",
            width: 120,
            render: (s) => <Tag color={STATUS_COLOR[s]}>{ITEM_STATUS_LABELS[s as TItem["status"]][lang]}</Tag>,
          },
          { title: t("发布日期", "Published"), dataIndex: "publishedOn", width: 110, render: (v) => v ?? "—" },
        ]}
      />
      {creating && <ItemForm onClose={() => setCreating(false)} />}
    </Card>
  );
}

function ItemDetail() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [reason, setReason] = useState("");
  const d = usePortalItem(id);
  const step = useItemStep(id, (r) => {
    if (r.id !== id) nav(`/portal/items/${r.id}`);
  });
  if (!d.data) return <Card loading />;
  const i = d.data;
  const key = (f: TFinding) => `${f.kind}:${f.text}`;
  const err = step.error instanceof ApiError ? step.error : null;
  return (
    <Card
      title={
        <Space>
          <Button type="link" onClick={() => nav("/portal/items")} style={{ padding: 0 }}>
            ← {t("返回", "Back")}
          </Button>
          {i.title}
          <Tag color={STATUS_COLOR[i.status]} data-testid="item-status">
            {ITEM_STATUS_LABELS[i.status][lang]}
          </Tag>
        </Space>
      }
    >
      <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t("栏目", "Column")}>{i.columnName}</Descriptions.Item>
        <Descriptions.Item label={t("期间", "Period")}>{`${i.periodFrom} ~ ${i.periodTo}`}</Descriptions.Item>
        <Descriptions.Item label={t("版本", "Version")}>{i.version}</Descriptions.Item>
        <Descriptions.Item label={t("来源记录", "Source")}>{i.source ? `${i.source.module} / ${i.source.kind}` : "—"}</Descriptions.Item>
        <Descriptions.Item label={t("提出", "Proposed by")}>{i.proposedBy ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("发布", "Published")}>{i.publishedOn ?? "—"}</Descriptions.Item>
        {i.withdrawReason && <Descriptions.Item label={t("撤回原因", "Withdrawn because")}>{i.withdrawReason}</Descriptions.Item>}
        {i.returnReason && <Descriptions.Item label={t("退回原因", "Returned because")}>{i.returnReason}</Descriptions.Item>}
      </Descriptions>
      {i.findings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="findings"
          message={t("保密审核：发现疑似个人信息（已在正文中标出）", "Confidentiality review: possible personal data (marked in the body)")}
          description={
            <Space direction="vertical" style={{ width: "100%" }}>
              {i.findings.map((f) => (
                <Space key={key(f)} wrap>
                  <Tag color="red">{FINDING_LABELS[f.kind][lang]}</Tag>
                  <Typography.Text code>{f.text}</Typography.Text>
                  <span>×{f.count}</span>
                  {i.status === "proposed" && can("portal.review") && (
                    <Input
                      size="small"
                      style={{ width: 320 }}
                      data-testid={`confirm-${f.kind}`}
                      placeholder={t("如确认不属于个人信息，请说明（如：社区办公电话）", "If it is not personal data, say why")}
                      value={notes[key(f)] ?? ""}
                      onChange={(e) => setNotes({ ...notes, [key(f)]: e.target.value })}
                    />
                  )}
                </Space>
              ))}
            </Space>
          }
        />
      )}
      <div
        className="portal-body"
        style={{ border: "1px solid #f0f0f0", padding: 16, borderRadius: 6, marginBottom: 16, background: "#fff" }}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitised the body with an allow-list
        dangerouslySetInnerHTML={{ __html: markFindings(i.body, i.findings) }}
      />
      {err && <Alert type="error" showIcon message={err.message} style={{ marginBottom: 12 }} data-testid="step-error" />}
      <Space wrap style={{ marginBottom: 16 }}>
        {i.status === "draft" && can("portal.propose") && <Button onClick={() => step.mutate({ path: "submit" })}>{t("提出（送保密审核）", "Propose")}</Button>}
        {i.status === "proposed" && can("portal.review") && (
          <>
            <Button
              type="primary"
              data-testid="review-pass"
              onClick={() =>
                step.mutate({
                  path: "review",
                  body: {
                    passed: true,
                    confirmations: i.findings
                      .filter((f) => (notes[key(f)] ?? "").trim().length >= 2)
                      .map((f) => ({ kind: f.kind, text: f.text, note: notes[key(f)].trim() })),
                  },
                })
              }
            >
              {t("保密审核通过", "Pass the review")}
            </Button>
            <Input placeholder={t("退回原因", "Reason to return")} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 220 }} />
            <Button danger onClick={() => step.mutate({ path: "review", body: { passed: false, reason } })}>
              {t("退回修改", "Return")}
            </Button>
          </>
        )}
        {i.status === "reviewed" && can("portal.approve") && (
          <>
            <Button type="primary" data-testid="approve" onClick={() => step.mutate({ path: "approve", body: { approved: true } })}>
              {t("审批通过并发布", "Approve and publish")}
            </Button>
            <Input placeholder={t("不予批准的原因", "Reason")} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 220 }} />
            <Button danger onClick={() => step.mutate({ path: "approve", body: { approved: false, reason } })}>
              {t("不予批准", "Refuse")}
            </Button>
          </>
        )}
        {i.status === "published" && can("portal.approve") && (
          <>
            <Input
              placeholder={t("撤回原因（必填）", "Reason to withdraw")}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              style={{ width: 260 }}
              data-testid="withdraw-reason"
            />
            <Button danger data-testid="withdraw" onClick={() => step.mutate({ path: "withdraw", body: { reason } })}>
              {t("撤回", "Withdraw")}
            </Button>
          </>
        )}
        {(i.status === "published" || i.status === "withdrawn") && can("portal.propose") && (
          <Button onClick={() => step.mutate({ path: "correct", body: {} })}>{t("更正（生成新版本）", "Correct (new version)")}</Button>
        )}
        {i.status === "published" && (
          <a href={`/public/disclosure/items/${i.id}`} target="_blank" rel="noreferrer">
            {t("在公开门户查看", "See it on the portal")}
          </a>
        )}
      </Space>
      <Timeline
        items={i.events.map((e) => ({
          children: `${dayjs(e.at).format("YYYY-MM-DD HH:mm")} ${STEP_ZH[e.step]?.[lang === "zh" ? 0 : 1] ?? e.step} · ${e.actor}${e.note ? ` · ${e.note}` : ""}`,
        }))}
      />
    </Card>
  );
}

function Overdue() {
  const { t, lang } = useI18n();
  const [on, setOn] = useState(dayjs());
  const q = useOverdue(on.format("YYYY-MM-DD"));
  return (
    <Card
      title={t("逾期未公开的栏目（监督）", "Columns overdue (supervision)")}
      extra={
        <Space>
          {t("截至", "As of")}
          <DatePicker value={on} onChange={(v) => v && setOn(v)} allowClear={false} />
        </Space>
      }
    >
      <Table<TOverdue>
        rowKey={(r) => `${r.communityId}:${r.columnKey}:${r.slotFrom}`}
        size="middle"
        loading={q.isLoading}
        dataSource={q.data}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t("社区", "Community"), dataIndex: "communityName" },
          { title: t("栏目", "Column"), dataIndex: "columnName" },
          { title: t("公开周期", "Period"), dataIndex: "period", render: (p) => PORTAL_PERIOD_LABELS[p as keyof typeof PORTAL_PERIOD_LABELS][lang] },
          { title: t("应公开期间", "Period due"), render: (_, r) => `${r.slotFrom} ~ ${r.slotTo}` },
          { title: t("到期日", "Due on"), dataIndex: "dueOn", render: (v) => <Typography.Text type="danger">{v}</Typography.Text> },
        ]}
      />
    </Card>
  );
}

function Columns() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const cols = useColumns();
  const [edit, setEdit] = useState<Partial<TColumn> | null>(null);
  const headings = (cols.data ?? []).filter((c) => !c.parentKey);
  return (
    <Card
      title={t("栏目目录", "Columns")}
      extra={
        can("portal.admin") && (
          <Button onClick={() => setEdit({ section: "residents", period: "quarterly", proposerRoles: ["leader", "staff"] })}>
            {t("新增栏目", "Add a column")}
          </Button>
        )
      }
    >
      <Table<TColumn>
        rowKey="key"
        size="small"
        pagination={false}
        loading={cols.isLoading}
        dataSource={cols.data}
        columns={[
          { title: t("栏目", "Column"), render: (_, c) => (c.parentKey ? <span style={{ paddingLeft: 24 }}>{c.name}</span> : <strong>{c.name}</strong>) },
          { title: t("代码", "Key"), dataIndex: "key" },
          { title: t("公开周期", "Period"), dataIndex: "period", render: (p: TColumn["period"]) => PORTAL_PERIOD_LABELS[p][lang] },
          { title: t("可提出的角色", "May propose"), dataIndex: "proposerRoles", render: (r: string[]) => r.join("、") },
          { title: t("启用", "Active"), dataIndex: "active", render: (a) => (a ? "✓" : "—") },
          {
            title: "",
            render: (_, c) =>
              can("portal.admin") && (
                <Button size="small" onClick={() => setEdit(c)}>
                  {t("修改", "Edit")}
                </Button>
              ),
          },
        ]}
      />
      {edit && (
        <FormDialog<Record<string, any>>
          title={t("栏目", "Column")}
          onClose={() => setEdit(null)}
          schema={ZColumnSave}
          initialValues={edit}
          body={(v) => ({ ...edit, ...v })}
          send={saveColumn}
          done={null}
          invalidate={[["portal", "columns"]]}
        >
          <Form.Item name="key" label={t("代码", "Key")} rules={[{ required: true }]}>
            <Input disabled={!!edit?.name} />
          </Form.Item>
          <Form.Item name="name" label={t("名称", "Name")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="parentKey" label={t("上级", "Under")}>
            <Select allowClear options={headings.map((h) => ({ value: h.key, label: h.name }))} />
          </Form.Item>
          <Form.Item name="section" label={t("类别", "Section")}>
            <Select options={headings.map((h) => ({ value: h.section, label: h.name }))} />
          </Form.Item>
          <Form.Item name="period" label={t("公开周期", "Period")}>
            <Select options={PORTAL_PERIODS.map((p) => ({ value: p, label: PORTAL_PERIOD_LABELS[p][lang] }))} />
          </Form.Item>
          <Form.Item name="proposerRoles" label={t("可提出的角色", "Roles that may propose")}>
            <Select mode="tags" />
          </Form.Item>
        </FormDialog>
      )}
    </Card>
  );
}

export default function PortalPage() {
  return (
    <>
      <Tabs />
      <Routes>
        <Route index element={<Navigate to="items" replace />} />
        <Route path="items" element={<ItemList />} />
        <Route path="items/:id" element={<ItemDetail />} />
        <Route path="overdue" element={<Overdue />} />
        <Route path="columns" element={<Columns />} />
      </Routes>
    </>
  );
}
