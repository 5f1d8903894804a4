// 案件详情: the case, its timeline (every step with who and when) and the steps the caller may take now.
import { ArrowLeftOutlined, EyeOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Radio, Row, Select, Skeleton, Space, Switch, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { TAppealDetail } from "../../../contracts/appeals";
import { api } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { FormDialog } from "../../shared/form-dialog";
import { fmtDateTime } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { VoidButton, VoidedBanner } from "../../shared/void-control";
import { appealKeys, useAppeal, useCaseDuplicates, useHandlers } from "./appeals-api";
import { DeadlineTag } from "./case-list";
import { actionLabel, channelLabel, kindLabel, satisfactionLabel, statusColor, statusLabel, typeLabel, urgencyColor, urgencyLabel } from "./labels";

type ActionKey = TAppealDetail["actions"][number];

const ACTION_ORDER = ["dispatch", "sign", "contact", "close", "visit", "extension_request", "extension_decide", "assist", "return", "merge"];
const PATH: Record<string, string> = {
  dispatch: "dispatch",
  sign: "sign",
  contact: "contact",
  extension_request: "extension",
  extension_decide: "extension/decide",
  return: "return",
  assist: "assist",
  close: "close",
  visit: "visit",
  merge: "merge",
};

function describe(e: TAppealDetail["timeline"][number], lang: "zh" | "en"): string | null {
  const d = (e.data ?? {}) as Record<string, any>;
  const zh = lang === "zh";
  switch (e.action) {
    case "dispatch":
      return d.toCommunity
        ? zh
          ? "派至社区"
          : "To the community"
        : [d.org, d.user].filter(Boolean).join(" / ") +
            (d.assists?.length ? (zh ? `；协办：${d.assists.join("、")}` : `; assisting: ${d.assists.join(", ")}`) : "");
    case "visit":
      return d.reached
        ? `${zh ? "已联系" : "contacted"}: ${d.contacted ? "✓" : "✗"} · ${zh ? "已解决" : "resolved"}: ${d.resolved ? "✓" : "✗"} · ${satisfactionLabel(d.satisfaction, lang)}`
        : zh
          ? "未能联系到诉求人"
          : "Appellant not reached";
    case "close":
      return d.resolved ? (zh ? "已解决" : "Resolved") : zh ? "未解决（已解释）" : "Not resolved (explained)";
    case "extension_request":
      return zh ? `申请延期 ${d.hours} 小时` : `${d.hours} h requested`;
    case "extension_decide":
      return d.approved ? (zh ? `同意延期 ${d.hours} 小时` : `${d.hours} h approved`) : zh ? "不同意" : "Refused";
    case "reopen":
      return zh ? `第 ${d.reopenCount} 次重办` : `Reopen no. ${d.reopenCount}`;
    case "merge":
      return zh ? `并入 ${d.into}` : `Into ${d.into}`;
    case "merged_in":
      return zh ? `${d.from} 并入本件` : `${d.from} merged in`;
    case "assist":
      return d.org;
    case "sign":
      return d.late ? (zh ? "超时签收" : "Signed late") : null;
    default:
      return null;
  }
}

function ActionModal({ c, action, onClose }: { c: TAppealDetail; action: ActionKey | null; onClose: () => void }) {
  // A new form for each action (nothing typed for the last one stays).
  return action ? <ActionForm c={c} action={action} onClose={onClose} /> : null;
}

function ActionForm({ c, action, onClose }: { c: TAppealDetail; action: ActionKey; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const handlers = useHandlers(c.communityId, action === "dispatch" || action === "assist");
  const dups = useCaseDuplicates(c, action === "merge");
  const target = Form.useWatch("target", form);
  const reached = Form.useWatch("reached", form);
  const bodyOf = (v: Record<string, any>) => {
    let body: Record<string, unknown> = v;
    if (action === "dispatch") {
      body = {
        orgId: v.target === "org" ? v.orgId : null,
        userId: v.target === "user" ? v.userId : null,
        toCommunity: v.target === "community",
        assistOrgIds: v.assistOrgIds ?? [],
        note: v.note ?? null,
      };
    }
    if (action === "visit") body = { ...v, contacted: !!v.contacted, resolved: !!v.resolved };
    if (action === "close") body = { ...v, resolved: v.resolved ?? true };
    return body;
  };
  const orgOptions = (handlers.data?.orgs ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.kind}）` }));
  const reason = (label: string) => (
    <Form.Item name="reason" label={label} rules={[{ required: true, min: 2, message: t("请填写原因", "Give a reason") }]}>
      <Input.TextArea rows={3} maxLength={500} />
    </Form.Item>
  );
  return (
    <FormDialog<Record<string, any>>
      title={actionLabel(action === "extension_decide" ? "extension_approve" : action, lang)}
      onClose={onClose}
      form={form}
      body={bodyOf}
      send={(body) => api.post<TAppealDetail>(`/api/appeals/${c.id}/${PATH[action]}`, body)}
      done={`${actionLabel(action === "extension_decide" ? "extension_approve" : action, lang)} ✓`}
      invalidate={[appealKeys.all]}
      onDone={(next: TAppealDetail) => qc.setQueryData(appealKeys.detail(c.id), next)}
      okText={t("确定", "Confirm")}
      // 不满意 usually means not resolved; the visitor can still say otherwise.
      onValuesChange={(ch) => {
        if (ch.satisfaction === "unsatisfied") form.setFieldsValue({ resolved: false });
      }}
      initialValues={{ target: "org", reached: true, contacted: true, resolved: true, satisfaction: "satisfied", hours: 48, approve: true }}
    >
      {action === "dispatch" && (
        <>
          <Form.Item name="target" label={t("派往", "Send to")}>
            <Radio.Group
              options={[
                { value: "org", label: t("承办单位", "A unit") },
                { value: "user", label: t("承办人", "A person") },
                { value: "community", label: t("社区兜底", "The community") },
              ]}
            />
          </Form.Item>
          {target === "org" && (
            <Form.Item name="orgId" label={t("主办单位", "Lead unit")} rules={[{ required: true, message: t("请选择", "Choose one") }]}>
              <Select showSearch={{ optionFilterProp: "label" }} options={orgOptions} loading={handlers.isPending} />
            </Form.Item>
          )}
          {target === "user" && (
            <Form.Item name="userId" label={t("承办人", "Handler")} rules={[{ required: true, message: t("请选择", "Choose one") }]}>
              <Select
                showSearch={{ optionFilterProp: "label" }}
                options={(handlers.data?.users ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.scope}）` }))}
                loading={handlers.isPending}
              />
            </Form.Item>
          )}
          <Form.Item name="assistOrgIds" label={t("协办单位（联合办理）", "Assisting units (joint handling)")}>
            <Select mode="multiple" showSearch={{ optionFilterProp: "label" }} options={orgOptions} />
          </Form.Item>
          <Form.Item name="note" label={t("派单意见", "Note")}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
      {action === "sign" && <Typography.Paragraph>{t("确认签收该案件，开始办理。", "Sign for this case and start handling it.")}</Typography.Paragraph>}
      {action === "contact" && (
        <Form.Item name="note" label={t("联系情况", "What was said")}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      )}
      {action === "extension_request" && (
        <>
          <Form.Item name="hours" label={t("延长（小时）", "Extend by (hours)")} rules={[{ required: true }]}>
            <InputNumber min={1} max={1440} />
          </Form.Item>
          {reason(t("延期原因", "Reason"))}
        </>
      )}
      {action === "extension_decide" && (
        <>
          {c.pendingExtension && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t(`申请延期 ${c.pendingExtension.hours} 小时`, `${c.pendingExtension.hours} h requested`)}
              description={c.pendingExtension.reason}
            />
          )}
          <Form.Item name="approve" label={t("审批", "Decision")}>
            <Radio.Group
              options={[
                { value: true, label: t("同意", "Approve") },
                { value: false, label: t("不同意", "Refuse") },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label={t("意见", "Note")}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
      {action === "return" && reason(t("退单原因", "Why it is returned"))}
      {action === "assist" && (
        <>
          <Form.Item name="orgId" label={t("协办单位", "Assisting unit")} rules={[{ required: true, message: t("请选择", "Choose one") }]}>
            <Select showSearch={{ optionFilterProp: "label" }} options={orgOptions} />
          </Form.Item>
          <Form.Item name="note" label={t("说明", "Note")}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
      {action === "close" && (
        <>
          <Form.Item name="answer" label={t("答复内容", "Answer")} rules={[{ required: true, min: 2, message: t("请填写答复内容", "Give the answer") }]}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
          <Form.Item name="resolved" label={t("是否解决", "Resolved")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </>
      )}
      {action === "visit" && (
        <>
          <Form.Item name="reached" label={t("联系到诉求人（有效回访）", "Appellant reached (valid visit)")} valuePropName="checked">
            <Switch />
          </Form.Item>
          {reached !== false && (
            <>
              <Form.Item name="contacted" label={t("承办人是否联系过您", "Were you contacted by the handler")} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name="resolved" label={t("问题是否解决", "Was it resolved")} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name="satisfaction" label={t("满意度", "Satisfaction")}>
                <Radio.Group options={(["satisfied", "basic", "unsatisfied"] as const).map((s) => ({ value: s, label: satisfactionLabel(s, lang) }))} />
              </Form.Item>
            </>
          )}
          <Form.Item name="note" label={t("回访记录", "Notes")}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Typography.Text type="secondary">
            {t("评价“不满意”将自动重办；重办后仍不满意转为督办件。", "Unsatisfied reopens the case; unsatisfied again puts it under supervision.")}
          </Typography.Text>
        </>
      )}
      {action === "merge" && (
        <Form.Item name="intoId" label={t("并入案件", "Merge into")} rules={[{ required: true, message: t("请选择", "Choose one") }]}>
          <Select
            loading={dups.isPending}
            options={(dups.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.trackingNo} ${d.title}` }))}
            notFoundContent={t("没有疑似重复的案件", "No possible duplicates")}
          />
        </Form.Item>
      )}
    </FormDialog>
  );
}

function RevealPhone({ c }: { c: TAppealDetail }) {
  const { t } = useI18n();
  const [value, setValue] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  if (value) return <span>{value}</span>;
  return (
    <Space size={4}>
      <span className="masked">{c.appellantPhone}</span>
      <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setOpen(true)} aria-label={t("查看完整电话", "Reveal phone")} />
      {open && (
        <FormDialog<{ reason?: string }>
          title={t("查看完整电话（将记入审计日志）", "Reveal the phone (audited)")}
          onClose={() => setOpen(false)}
          send={(d) => api.post<{ value: string | null }>(`/api/appeals/${c.id}/reveal`, d)}
          done={null}
          onDone={(r: { value: string | null }) => setValue(r.value)}
          okText={t("确定", "OK")}
        >
          <Form.Item name="reason" noStyle rules={[{ required: true, min: 2, whitespace: true, message: t("请填写查看原因", "Give a reason") }]}>
            <Input.TextArea rows={2} placeholder={t("查看原因，如：联系诉求人", "Reason, e.g. to call the appellant")} />
          </Form.Item>
        </FormDialog>
      )}
    </Space>
  );
}

export function CaseDetail() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [action, setAction] = useState<ActionKey | null>(null);
  const q = useAppeal(id);
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const c = q.data;
  const actions = ACTION_ORDER.filter((a) => c.actions.includes(a));
  return (
    <>
      <PageHead
        title={
          <Space wrap>
            <Link to="/appeals/list" aria-label={t("返回列表", "Back to the list")}>
              <ArrowLeftOutlined />
            </Link>
            {c.title}
            <Tag color={statusColor(c.status)} data-testid="case-status">
              {statusLabel(c.status, lang)}
            </Tag>
            <Tag color={urgencyColor(c.urgency)}>{urgencyLabel(c.urgency, lang)}</Tag>
            {c.reopenCount > 0 && <Tag color="magenta">{t(`重办 ${c.reopenCount} 次`, `Reopened ×${c.reopenCount}`)}</Tag>}
          </Space>
        }
        subtitle={`${t("受理编号", "Tracking no.")} ${c.trackingNo}${c.externalNo ? ` · ${t("外部编号", "External no.")} ${c.externalNo}` : ""}`}
        extra={
          <Space wrap>
            {actions.map((a, i) => (
              <Button key={a} type={i === 0 ? "primary" : "default"} danger={a === "return"} onClick={() => setAction(a as ActionKey)}>
                {actionLabel(a === "extension_decide" ? "extension_approve" : a, lang).replace("同意延期", "审批延期")}
              </Button>
            ))}
            {can("appeals.admin") && (
              <VoidButton url={`/api/appeals/${c.id}`} voided={c.voided} what={t("案件", "case")} invalidate={[["appeals"]]} onDone={() => q.refetch()} />
            )}
          </Space>
        }
      />
      <VoidedBanner voided={c.voided} />
      {c.mergedIntoId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={<Link to={`/appeals/${c.mergedIntoId}`}>{t("该案件已合并到另一案件，点击查看", "Merged into another case: open it")}</Link>}
        />
      )}
      {c.pendingExtension && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(`延期申请待审批：${c.pendingExtension.hours} 小时`, `Extension of ${c.pendingExtension.hours} h waiting for approval`)}
          description={c.pendingExtension.reason}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t("案件信息", "Case")}>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label={t("渠道", "Channel")}>{channelLabel(c.channel, lang)}</Descriptions.Item>
              <Descriptions.Item label={t("类型", "Kind")}>
                {kindLabel(c.kind, lang)}
                {c.appealType && ` · ${typeLabel(c.appealType, lang)}`}
              </Descriptions.Item>
              <Descriptions.Item label={t("分类", "Category")}>
                {lang === "en" ? (c.parentCategoryNameEn ?? c.parentCategoryName) : c.parentCategoryName} /{" "}
                {lang === "en" ? (c.categoryNameEn ?? c.categoryName) : c.categoryName}
              </Descriptions.Item>
              <Descriptions.Item label={t("网格", "Grid")}>{c.gridName ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("地址", "Address")}>{c.address ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("诉求人", "Appellant")}>
                {c.appellantName ?? "—"} {c.appellantPhone && (can("appeals.handle") ? <RevealPhone c={c} /> : c.appellantPhone)}
              </Descriptions.Item>
              <Descriptions.Item label={t("登记时间", "Registered")}>{fmtDateTime(c.registeredAt)}</Descriptions.Item>
              <Descriptions.Item label={t("办理时限", "Due")}>
                <Space>
                  {fmtDateTime(c.dueAt)} <DeadlineTag c={c} />
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t("承办", "Handled by")} span={2}>
                {c.assignments.length
                  ? c.assignments.map((s) => (
                      <Tag key={`${s.orgId}${s.userId}`} color={s.lead ? "blue" : "default"}>
                        {s.lead ? t("主办", "Lead") : t("协办", "Assisting")}: {s.userName ?? s.orgName ?? t("社区", "Community")}
                      </Tag>
                    ))
                  : "—"}
              </Descriptions.Item>
              {c.tags.length > 0 && (
                <Descriptions.Item label={t("标签", "Tags")} span={2}>
                  {c.tags.map((x) => (
                    <Tag key={x} color="red">
                      {x}
                    </Tag>
                  ))}
                </Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 8 }}>{c.content}</Typography.Paragraph>
            {c.photos.length > 0 && (
              <Space wrap style={{ marginBottom: 8 }}>
                {c.photos.map((p) => (
                  <a key={p} href={`/api/files/${p}`} target="_blank" rel="noreferrer">
                    <img src={`/api/files/${p}`} alt={t("现场照片", "Photo")} style={{ width: 96, height: 96, objectFit: "cover", borderRadius: 6 }} />
                  </a>
                ))}
              </Space>
            )}
            {c.answer && <Alert type="success" title={t("答复", "Answer")} description={c.answer} />}
            {c.merged.length > 0 && (
              <div style={{ marginTop: 8 }}>
                {t("已并入的重复件：", "Duplicates merged in: ")}
                {c.merged.map((m) => (
                  <Link key={m.id} to={`/appeals/${m.id}`} style={{ marginRight: 8 }}>
                    {m.trackingNo}
                  </Link>
                ))}
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t("办理过程", "Timeline")}>
            <Timeline
              data-testid="timeline"
              items={c.timeline.map((e) => ({
                color: e.action === "reopen" || e.action === "supervise" ? "red" : e.action === "close" || e.action === "visit" ? "green" : "blue",
                content: (
                  <div className="timeline-entry" data-action={e.action}>
                    <Typography.Text strong>{actionLabel(e.action, lang)}</Typography.Text>
                    {e.fromTrackingNo && <Tag style={{ marginLeft: 6 }}>{e.fromTrackingNo}</Tag>}
                    <div className="person-sub">
                      {fmtDateTime(e.at)} · {e.actorName ?? "—"}
                      {e.toStatus && e.toStatus !== e.fromStatus && ` → ${statusLabel(e.toStatus, lang)}`}
                    </div>
                    {describe(e, lang) && <div>{describe(e, lang)}</div>}
                    {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <ActionModal c={c} action={action} onClose={() => setAction(null)} />
    </>
  );
}
