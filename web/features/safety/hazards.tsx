import { PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, Steps, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import {
  HAZARD_KIND_EN,
  HAZARD_KINDS,
  HAZARD_SOURCE_LABELS,
  HAZARD_SOURCES,
  HAZARD_STATUS_LABELS,
  RISK_LABELS,
  RISK_LEVELS,
  type THazard,
  ZHazardCreate,
} from "../../../contracts/safety";
import { api } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { FormDialog, ymd } from "../../shared/form-dialog";
import { ImportDialogButton } from "../../shared/import-dialog";
import { ListTable, QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import { safetyKeys, useHazard, useHazards } from "./safety-api";

const FILTERS = ["q", "status", "kind", "source", "gridId", "from", "to"] as const;
const STATUS_COLOR: Record<string, string> = {
  found: "orange",
  assigned: "processing",
  rectified: "purple",
  verified: "cyan",
  closed: "success",
  cancelled: "default",
};

export const kindLabel = (k: string, lang: "zh" | "en") => (lang === "zh" ? k : ((HAZARD_KIND_EN as Record<string, string>)[k] ?? k));

export function HazardStatus({ h }: { h: Pick<THazard, "status" | "overdue" | "escalated"> }) {
  const { t, lang } = useI18n();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOR[h.status]}>{HAZARD_STATUS_LABELS[h.status][lang]}</Tag>
      {h.overdue && h.status === "assigned" && <Tag color="error">{t("逾期", "Overdue")}</Tag>}
      {h.escalated && <Tag color="volcano">{t("已升级", "Escalated")}</Tag>}
    </Space>
  );
}

export function HazardsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const { grids } = useCommunitiesAndGrids();
  const nav = useNavigate();
  const [creating, setCreating] = useState(false);
  const q = useHazards(list.query);
  const columns: ColumnsType<THazard> = [
    { key: "code", title: t("编号", "No."), render: (_, h) => <Link to={`/safety/hazards/${h.id}`}>{h.code}</Link> },
    { key: "foundOn", title: t("发现日期", "Found"), dataIndex: "foundOn" },
    { key: "kind", title: t("类型", "Kind"), render: (_, h) => kindLabel(h.kind, lang) },
    {
      key: "place",
      title: t("地点 / 描述", "Place / description"),
      render: (_, h) => (
        <div style={{ maxWidth: 320 }}>
          <div>{h.place}</div>
          <Typography.Text type="secondary">{h.description}</Typography.Text>
        </div>
      ),
    },
    { key: "grid", title: t("网格", "Grid"), dataIndex: "gridName" },
    { key: "source", title: t("来源", "Source"), render: (_, h) => HAZARD_SOURCE_LABELS[h.source][lang] },
    {
      key: "risk",
      title: t("风险", "Risk"),
      render: (_, h) => <Tag color={h.risk === "low" ? "default" : h.risk === "medium" ? "gold" : "red"}>{RISK_LABELS[h.risk][lang]}</Tag>,
    },
    { key: "status", title: t("状态", "Status"), render: (_, h) => <HazardStatus h={h} /> },
    {
      key: "deadline",
      title: t("整改期限", "Deadline"),
      render: (_, h) =>
        h.deadline ? (
          <span>
            {h.deadline}
            {h.daysLeft != null && (
              <Typography.Text type={h.daysLeft < 0 ? "danger" : "secondary"}>
                {" "}
                ({h.daysLeft < 0 ? t(`逾期 ${-h.daysLeft} 天`, `${-h.daysLeft} d late`) : t(`剩 ${h.daysLeft} 天`, `${h.daysLeft} d left`)})
              </Typography.Text>
            )}
          </span>
        ) : (
          "—"
        ),
    },
  ];
  return (
    <>
      <PageHead
        title={t("隐患整改", "Hazards")}
        subtitle={t(
          "发现 → 交办（限期）→ 整改（附佐证）→ 他人核查 → 销号；逾期自动升级",
          "Found → assigned with a deadline → rectified with evidence → verified by another person → closed; overdue ones are escalated",
        )}
        extra={
          <>
            {can("safety.export") && <ExportButton href="/api/safety/hazards/export" params={list.query} fileName={t("隐患台账.xlsx", "hazards.xlsx")} />}
            {can("safety.admin") && (
              <ImportDialogButton
                url="/api/safety/hazards/import"
                template={{ url: "/api/safety/hazards/import/template", fileName: t("隐患台账导入模板.xlsx", "safety-template.xlsx") }}
                buttonLabel={t("导入台账", "Import XLSX")}
                title={t("导入隐患台账（含整改过程）", "Import XLSX")}
                intro={t(
                  "发现、交办、整改、核查、销号各按其日期导入，并按流程顺序校验；任一行有误则整份不导入；编号已存在的隐患保持不变。",
                  "Each step with its own date, checked in the flow's order; any bad row stops the whole file; hazards whose number is there already stay as they are.",
                )}
                accept=".xlsx"
                fileLabel={t("选择文件", "Choose a file")}
                says={{
                  checked: (r) =>
                    t(`检查通过：将新增 ${r.created} 条，${r.unchanged} 条已存在`, `Check passed: ${r.created} new, ${r.unchanged} already there`),
                  imported: (r) => t(`已导入 ${r.created} 条`, `${r.created} imported`),
                  toast: (r) => t(`已导入 ${r.created} 条，${r.unchanged} 条已存在未变`, `${r.created} imported, ${r.unchanged} already there`),
                }}
                invalidate={["safety", "figures"]}
              />
            )}
            {can("safety.write") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("登记隐患", "Report hazard")}
              </Button>
            )}
          </>
        }
      />
      <div className="filter-bar">
        <SearchBox value={list.filters.q} onSearch={(v) => list.setFilters({ q: v })} placeholder={t("编号 / 地点 / 描述", "No. / place / description")} />
        <FilterSelect
          list={list}
          name="status"
          placeholder={t("全部状态", "All statuses")}
          aria-label={t("状态", "Status")}
          options={[
            { value: "open", label: t("未销号", "Open") },
            { value: "overdue", label: t("逾期未整改", "Overdue") },
            ...Object.entries(HAZARD_STATUS_LABELS).map(([k, v]) => ({ value: k, label: v[lang] })),
          ]}
        />
        <FilterSelect
          list={list}
          name="kind"
          placeholder={t("全部类型", "All kinds")}
          options={HAZARD_KINDS.map((k) => ({ value: k, label: kindLabel(k, lang) }))}
          aria-label={t("类型", "Kind")}
        />
        <FilterSelect
          list={list}
          name="source"
          placeholder={t("全部来源", "All sources")}
          options={HAZARD_SOURCES.map((k) => ({ value: k, label: HAZARD_SOURCE_LABELS[k][lang] }))}
          aria-label={t("来源", "Source")}
        />
        <FilterSelect
          list={list}
          name="gridId"
          placeholder={t("全部网格", "All grids")}
          options={grids.map((g) => ({ value: g.id, label: g.name }))}
          aria-label={t("网格", "Grid")}
        />
        {Object.values(list.filters).some(Boolean) && (
          <Button type="link" onClick={list.reset}>
            {t("清除筛选", "Clear filters")}
          </Button>
        )}
      </div>
      <ListTable<THazard>
        rowKey="id"
        query={q}
        list={list}
        columns={columns}
        onRow={(h) => ({ onDoubleClick: () => nav(`/safety/hazards/${h.id}`) })}
        empty={t("没有符合条件的隐患", "No hazards match")}
      />
      <HazardCreateModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function HazardCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { grids } = useCommunitiesAndGrids();
  const nav = useNavigate();
  if (!open) return null;
  return (
    <FormDialog<Record<string, any>, typeof ZHazardCreate>
      title={t("登记隐患", "Report a hazard")}
      onClose={onClose}
      schema={ZHazardCreate}
      body={(v) => ({ ...v, foundOn: ymd(v.foundOn) ?? undefined })}
      send={(d) => api.post<THazard>("/api/safety/hazards", d)}
      done={(h: THazard) => t(`已登记隐患 ${h.code}`, `Hazard ${h.code} reported`)}
      invalidate={[safetyKeys.all]}
      onDone={(h: THazard) => nav(`/safety/hazards/${h.id}`)}
      okText={t("登记", "Report")}
      initialValues={{ source: "report", risk: "low", kind: "消防" }}
    >
      <Form.Item name="gridId" label={t("网格", "Grid")} rules={[{ required: true, message: t("请选择网格", "Choose a grid") }]}>
        <Select options={grids.map((g) => ({ value: g.id, label: g.name }))} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="source" label={t("来源", "Source")}>
          <Select style={{ width: 140 }} options={HAZARD_SOURCES.map((k) => ({ value: k, label: HAZARD_SOURCE_LABELS[k][lang] }))} />
        </Form.Item>
        <Form.Item name="kind" label={t("类型", "Kind")}>
          <Select style={{ width: 140 }} options={HAZARD_KINDS.map((k) => ({ value: k, label: kindLabel(k, lang) }))} />
        </Form.Item>
        <Form.Item name="risk" label={t("风险等级", "Risk")}>
          <Select style={{ width: 120 }} options={RISK_LEVELS.map((k) => ({ value: k, label: RISK_LABELS[k][lang] }))} />
        </Form.Item>
        <Form.Item name="foundOn" label={t("发现日期", "Found on")}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
        </Form.Item>
      </Space>
      <Form.Item name="place" label={t("地点", "Place")} rules={[{ required: true, message: t("请填写地点", "Give the place") }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t("隐患描述", "Description")} rules={[{ required: true, message: t("请描述隐患", "Describe the hazard") }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

type Action = "assign" | "rectify" | "verify" | "reject" | "close" | "cancel";

export function HazardDetail() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const q = useHazard(id);
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const h = q.data;
  if (!h) return <Card loading />;
  const stepIdx = { found: 0, assigned: 1, rectified: 2, verified: 3, closed: 4, cancelled: 0 }[h.status];
  const bodyOf = (action: Action, v: any) =>
    action === "assign"
      ? { assigneeName: v.assigneeName, deadline: v.deadline ? v.deadline.format("YYYY-MM-DD") : undefined }
      : action === "rectify"
        ? { note: v.note, rectifiedOn: v.rectifiedOn ? v.rectifiedOn.format("YYYY-MM-DD") : undefined }
        : action === "verify"
          ? { passed: true, note: v.note || undefined }
          : action === "reject"
            ? { passed: false, note: v.note }
            : action === "cancel"
              ? { reason: v.note }
              : { note: v.note || undefined };
  const titles: Record<Action, string> = {
    assign: t("交办整改", "Assign"),
    rectify: t("登记整改", "Record rectification"),
    verify: t("核查通过", "Verify: passed"),
    reject: t("核查不通过", "Verify: not passed"),
    close: t("销号", "Close"),
    cancel: t("撤销", "Cancel hazard"),
  };
  const w = can("safety.write");
  return (
    <>
      <PageHead
        title={
          <Space>
            {t("隐患", "Hazard")} {h.code} <HazardStatus h={h} />
          </Space>
        }
        subtitle={<Link to="/safety/hazards">{t("← 返回隐患列表", "← Back to hazards")}</Link>}
        extra={
          w && (
            <Space wrap>
              {(h.status === "found" || h.status === "assigned") && (
                <Button type={h.status === "found" ? "primary" : "default"} onClick={() => setAction("assign")}>
                  {h.status === "found" ? t("交办整改", "Assign") : t("重新交办", "Reassign")}
                </Button>
              )}
              {h.status === "assigned" && (
                <Button type="primary" onClick={() => setAction("rectify")}>
                  {t("登记整改", "Record rectification")}
                </Button>
              )}
              {h.status === "rectified" && (
                <>
                  <Button type="primary" onClick={() => setAction("verify")}>
                    {t("核查通过", "Verify: passed")}
                  </Button>
                  <Button danger onClick={() => setAction("reject")}>
                    {t("核查不通过", "Not passed")}
                  </Button>
                </>
              )}
              {h.status === "verified" && (
                <Button type="primary" onClick={() => setAction("close")}>
                  {t("销号", "Close")}
                </Button>
              )}
              {!["closed", "cancelled"].includes(h.status) && (
                <Button type="link" danger onClick={() => setAction("cancel")}>
                  {t("撤销", "Cancel")}
                </Button>
              )}
            </Space>
          )
        }
      />
      {h.overdue && h.status === "assigned" && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(
            `已超过整改期限 ${-(h.daysLeft ?? 0)} 天${h.escalated ? "，已升级督办" : ""}`,
            `Past its deadline by ${-(h.daysLeft ?? 0)} days${h.escalated ? "; escalated" : ""}`,
          )}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={stepIdx}
          status={h.status === "cancelled" ? "error" : h.status === "closed" ? "finish" : "process"}
          items={[
            { title: t("发现", "Found"), description: h.foundOn },
            { title: t("交办", "Assigned"), description: h.deadline ? t(`期限 ${h.deadline}`, `due ${h.deadline}`) : undefined },
            { title: t("整改", "Rectified"), description: h.rectifiedOn ?? undefined },
            { title: t("核查", "Verified"), description: h.verifiedBy ?? undefined },
            { title: t("销号", "Closed"), description: h.closedOn ?? undefined },
          ]}
        />
      </Card>
      <Card>
        <Descriptions column={{ xs: 1, sm: 2 }} bordered size="small">
          <Descriptions.Item label={t("类型", "Kind")}>{kindLabel(h.kind, lang)}</Descriptions.Item>
          <Descriptions.Item label={t("风险等级", "Risk")}>{RISK_LABELS[h.risk][lang]}</Descriptions.Item>
          <Descriptions.Item label={t("地点", "Place")}>{h.place}</Descriptions.Item>
          <Descriptions.Item label={t("网格", "Grid")}>{h.gridName}</Descriptions.Item>
          <Descriptions.Item label={t("来源", "Source")}>
            {HAZARD_SOURCE_LABELS[h.source][lang]}
            {h.sourceRef && h.source === "inspection" ? (
              <Link to={`/safety/inspections/${h.sourceRef}`}> {t("查看检查记录", "see inspection")}</Link>
            ) : (
              h.sourceRef && <Typography.Text type="secondary"> {h.sourceRef}</Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t("发现人", "Found by")}>{h.foundBy}</Descriptions.Item>
          <Descriptions.Item label={t("隐患描述", "Description")} span={2}>
            {h.description}
          </Descriptions.Item>
          <Descriptions.Item label={t("责任人", "Assignee")}>{h.assigneeName ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("整改期限", "Deadline")}>{h.deadline ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("整改情况", "Rectification")}>{h.rectificationNote ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("整改人", "Rectified by")}>{h.rectifiedBy ? `${h.rectifiedBy}（${h.rectifiedOn}）` : "—"}</Descriptions.Item>
          <Descriptions.Item label={t("核查人", "Verified by")}>{h.verifiedBy ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("核查意见", "Check note")}>{h.verifyNote ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("按期整改", "On time")}>
            {h.onTime == null ? "—" : h.onTime ? t("是", "Yes") : t("否（逾期）", "No (late)")}
          </Descriptions.Item>
          <Descriptions.Item label={t("销号", "Closed")}>{h.closedOn ? `${h.closedBy}（${h.closedOn}）` : "—"}</Descriptions.Item>
        </Descriptions>
      </Card>
      {action && (
        <FormDialog<Record<string, any>>
          title={titles[action]}
          onClose={() => setAction(null)}
          raw
          body={(v) => bodyOf(action, v)}
          send={(body) => api.post<THazard>(`/api/safety/hazards/${id}/${action === "reject" ? "verify" : action}`, body)}
          done={t("已保存", "Saved")}
          invalidate={[safetyKeys.hazards()]}
          onDone={(next: THazard) => qc.setQueryData(safetyKeys.hazard(id), next)}
          okText={t("确定", "OK")}
        >
          {action === "assign" && (
            <>
              <Form.Item
                name="assigneeName"
                label={t("整改责任人", "Responsible person")}
                rules={[{ required: true, message: t("请填写责任人", "Name the responsible person") }]}
              >
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name="deadline" label={t("整改期限（留空按风险等级默认）", "Deadline (empty: default for the risk level)")}>
                <DatePicker disabledDate={(d) => d.isBefore(dayjs(), "day")} />
              </Form.Item>
            </>
          )}
          {action === "rectify" && (
            <>
              <Form.Item
                name="note"
                label={t("整改情况", "What was done")}
                rules={[{ required: true, message: t("请填写整改情况", "Describe the rectification") }]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item name="rectifiedOn" label={t("整改日期", "Rectified on")}>
                <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
              </Form.Item>
            </>
          )}
          {action && ["verify", "close"].includes(action) && (
            <Form.Item name="note" label={t("意见", "Note")}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
          {action && ["reject", "cancel"].includes(action) && (
            <Form.Item name="note" label={t("原因", "Reason")} rules={[{ required: true, message: t("请填写原因", "Give the reason") }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
          {action && ["verify", "reject", "close"].includes(action) && (
            <Typography.Text type="secondary">
              {t("核查与销号须由整改人以外的人员进行。", "Verification and closing must be done by someone other than the person who rectified.")}
            </Typography.Text>
          )}
        </FormDialog>
      )}
    </>
  );
}
