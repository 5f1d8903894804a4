// 个人信息权利请求: a resident's requests to see, copy, correct or delete their personal data
// (个人信息保护法 art. 44–47), open ones first by deadline, each handled in its drawer: the copy as
// XLSX, the correction through the registry, the deletion as anonymisation — refused, with the rule
// and its reason, while a record must be kept.
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Collapse, Descriptions, Drawer, Empty, List, Segmented, Space, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { PIPL_CHANNEL_LABELS, PIPL_KIND_LABELS, PIPL_STATUS_LABELS, type TPiplRequest } from "../../../contracts/pipl";
import { download } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useListParams } from "../../shared/use-list-params";
import { useIsMobile } from "../../shared/use-mobile";
import { usePiplCheck, usePiplRequest, usePiplRequests, usePiplRules } from "./pipl-api";
import { AnonymiseDialog, AnswerDialog, CorrectDialog, NewRequestDialog } from "./pipl-forms";

const FILTERS = ["status", "kind", "open"] as const;
const KIND_COLOR = { access: "blue", copy: "geekblue", correct: "gold", delete: "red" } as const;
const STATUS_COLOR = { open: "processing", done: "success", partial: "warning", refused: "default" } as const;

function Deadline({ r }: { r: TPiplRequest }) {
  const { t } = useI18n();
  if (r.workdaysLeft === null) return <Typography.Text type="secondary">{r.dueOn}</Typography.Text>;
  const n = r.workdaysLeft;
  return (
    <Space size={4} wrap>
      <span>{r.dueOn}</span>
      {n < 0 ? (
        <Tag color="red">{t(`逾期 ${-n} 个工作日`, `${-n} working days overdue`)}</Tag>
      ) : (
        <Tag color={n <= 3 ? "orange" : "default"}>{n === 0 ? t("今天到期", "Due today") : t(`剩 ${n} 个工作日`, `${n} working days left`)}</Tag>
      )}
    </Space>
  );
}

export default function PiplPage() {
  const { t, lang } = useI18n();
  const mobile = useIsMobile();
  const list = useListParams(FILTERS);
  const [, setSp] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const { open: openId, status, ...rest } = list.query;
  const q = usePiplRequests({ ...rest, status: status ?? "open" });
  const rules = usePiplRules();
  const open = (id: string | null) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set("open", id);
      else next.delete("open");
      return next;
    });

  const columns: ColumnsType<TPiplRequest> = [
    {
      key: "person",
      title: t("本人", "Person"),
      render: (_, r) => (
        <Space size={4} wrap>
          {/* the name opens the request too: on a phone the actions column is off to the right */}
          <Typography.Link strong onClick={() => open(r.id)}>
            {r.personName}
          </Typography.Link>
          {r.personAnonymised && <Tag>{t("已匿名化", "Anonymised")}</Tag>}
        </Space>
      ),
    },
    { key: "kind", title: t("类型", "Request"), render: (_, r) => <Tag color={KIND_COLOR[r.kind]}>{PIPL_KIND_LABELS[r.kind][lang]}</Tag> },
    { key: "received", title: t("收到", "Received"), dataIndex: "receivedOn", responsive: ["md"] },
    { key: "due", title: t("答复期限", "Answer by"), render: (_, r) => <Deadline r={r} /> },
    { key: "status", title: t("状态", "Status"), render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{PIPL_STATUS_LABELS[r.status][lang]}</Tag> },
    { key: "who", title: t("负责人", "Responsible"), render: (_, r) => r.responsibleName ?? "—", responsive: ["lg"] },
    {
      key: "op",
      title: t("操作", "Actions"),
      render: (_, r) => (
        <Button size="small" type="link" onClick={() => open(r.id)}>
          {r.status === "open" ? t("办理", "Handle") : t("查看", "View")}
        </Button>
      ),
    },
  ];

  return (
    <div>
      <PageHead
        title={t("个人信息权利请求", "Residents' PIPL requests")}
        subtitle={t(
          "居民查阅、复制、更正、删除本人个人信息的请求，按设置的工作日期限答复；导出、更正和删除均记入审计日志",
          "Residents' requests to see, copy, correct or delete their personal data, answered within the set working days; every export, correction and deletion is audited",
        )}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("登记请求", "New request")}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={status ?? "open"}
          onChange={(v) => list.setFilters({ status: v === "open" ? undefined : String(v) })}
          options={[
            { value: "open", label: t("待答复", "Open") },
            { value: "answered", label: t("已答复", "Answered") },
          ]}
        />
      </Space>
      <Card size="small">
        <ListTable<TPiplRequest>
          rowKey="id"
          size="small"
          query={q}
          list={list}
          columns={columns}
          scroll={mobile ? { x: 520 } : undefined}
          empty={status === "answered" ? t("还没有已答复的请求", "No answered requests yet") : t("没有待答复的请求", "No open requests")}
        />
      </Card>
      <Collapse
        style={{ marginTop: 16 }}
        items={[
          {
            key: "rules",
            label: t("不能删除的情形（各模块的保存规则）", "When a deletion is refused (each module's retention rules)"),
            children: (
              <List
                size="small"
                dataSource={rules.data ?? []}
                renderItem={(r) => (
                  <List.Item>
                    <List.Item.Meta title={r.label} description={r.reason} />
                  </List.Item>
                )}
              />
            ),
          },
        ]}
      />
      {creating && <NewRequestDialog onClose={() => setCreating(false)} onDone={(r) => open(r.id)} />}
      {openId && <RequestDrawer id={String(openId)} onClose={() => open(null)} />}
    </div>
  );
}

function RequestDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const q = usePiplRequest(id);
  const r = q.data;
  const isDelete = r?.kind === "delete";
  const check = usePiplCheck(id, !!r && isDelete && r.status === "open");
  const [dialog, setDialog] = useState<"answer" | "correct" | "anonymise" | null>(null);
  const [busy, setBusy] = useState(false);

  const exportCopy = async () => {
    if (!r) return;
    setBusy(true);
    try {
      await download(`/api/pipl/requests/${r.id}/export`, `${t("个人信息", "personal-data")}-${r.personName}.xlsx`);
      message.success(t("已导出（已记入审计日志）", "Exported (recorded in the audit log)"));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open onClose={onClose} width={mobile ? "100%" : 640} title={r ? `${r.personName} · ${PIPL_KIND_LABELS[r.kind][lang]}` : t("请求", "Request")}>
      {!r ? (
        <Empty />
      ) : (
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("状态", "Status")}>
              <Tag color={STATUS_COLOR[r.status]}>{PIPL_STATUS_LABELS[r.status][lang]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t("请求人", "Asked by")}>
              {r.requester} · {PIPL_CHANNEL_LABELS[r.channel][lang]}
            </Descriptions.Item>
            <Descriptions.Item label={t("收到日期", "Received")}>{r.receivedOn}</Descriptions.Item>
            <Descriptions.Item label={t("答复期限", "Answer by")}>
              <Deadline r={r} />
            </Descriptions.Item>
            {r.detail && <Descriptions.Item label={t("请求内容", "What is asked")}>{r.detail}</Descriptions.Item>}
            <Descriptions.Item label={t("登记人", "Recorded by")}>{r.recordedBy}</Descriptions.Item>
            {r.answeredOn && (
              <Descriptions.Item label={t("答复", "Answer")}>
                {r.answeredOn} · {r.answeredBy}
                <div>{r.result}</div>
              </Descriptions.Item>
            )}
          </Descriptions>

          {r.status === "open" && (r.kind === "access" || r.kind === "copy") && (
            <Card size="small" title={t("本人的全部个人信息", "Everything held about the person")}>
              <Typography.Paragraph type="secondary">
                {t(
                  "人员登记、诉求、活动报名、志愿服务、关爱帮扶、矛盾纠纷、党员信息等各模块所存本人的信息，一个 Excel 文件，记录中他人的信息已脱敏。",
                  "The registry, appeals, activity sign-ups, volunteering, care, disputes, party membership … in one Excel file; others' data in those records is masked.",
                )}
              </Typography.Paragraph>
              <Button icon={<DownloadOutlined />} loading={busy} onClick={exportCopy} data-testid="pipl-export">
                {t("导出个人信息（XLSX）", "Export personal data (XLSX)")}
              </Button>
            </Card>
          )}

          {r.status === "open" && r.kind === "correct" && (
            <Button icon={<EditOutlined />} onClick={() => setDialog("correct")}>
              {t("更正登记信息", "Correct the record")}
            </Button>
          )}

          {r.status === "open" && isDelete && check.data && (
            <Card size="small" title={t("删除前检查", "Before deleting")}>
              <List
                size="small"
                dataSource={check.data.sections.filter((s) => s.rows > 0)}
                renderItem={(s) => (
                  <List.Item extra={t(`${s.rows} 条`, `${s.rows} rows`)}>
                    <span>{s.label}</span>
                  </List.Item>
                )}
              />
              {check.data.holds.length > 0 ? (
                <div data-testid="pipl-holds" style={{ marginTop: 12 }}>
                  <Typography.Text type="danger" strong>
                    {t("以下记录须保存，不能删除：", "These records must be kept and cannot be deleted:")}
                  </Typography.Text>
                  {check.data.holds.map((h) => (
                    <div key={h.key} style={{ marginTop: 8 }}>
                      <Typography.Text strong>{h.label}</Typography.Text>
                      <span>（{h.records.map((x) => x.label).join("、")}）</span>
                      <div>
                        <Typography.Text type="secondary">{h.reason}</Typography.Text>
                      </div>
                    </div>
                  ))}
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                    {t("可答复“部分办理”或“不予办理”，告知本人理由。", "Answer it as granted in part or refused, telling the person why.")}
                  </Typography.Paragraph>
                </div>
              ) : (
                can("pipl.erase") && (
                  <Button danger icon={<DeleteOutlined />} style={{ marginTop: 12 }} onClick={() => setDialog("anonymise")}>
                    {t("删除（匿名化）", "Delete (anonymise)")}
                  </Button>
                )
              )}
              {!check.data.holds.length && !can("pipl.erase") && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                  {t("没有须保存的记录；删除由社区书记/主任执行。", "Nothing must be kept; the community leader carries out the deletion.")}
                </Typography.Paragraph>
              )}
            </Card>
          )}

          {r.status === "open" && (
            <Button type="primary" onClick={() => setDialog("answer")}>
              {t("答复请求", "Answer the request")}
            </Button>
          )}
        </Space>
      )}
      {r && dialog === "answer" && <AnswerDialog request={r} onClose={() => setDialog(null)} />}
      {r && dialog === "correct" && <CorrectDialog request={r} onClose={() => setDialog(null)} />}
      {r && dialog === "anonymise" && <AnonymiseDialog request={r} onClose={() => setDialog(null)} />}
    </Drawer>
  );
}
