// 三务公开 for everyone (no account; a phone and a PC): /public/disclosure lists the communities,
// /public/disclosure/<community code> shows 党务, 居务, 财务 by column with search, the annual
// reports and the micro-projects; /public/disclosure/<code>/items/<id> (or /public/disclosure/items/<id>)
// is an item's page with its feedback form. Withdrawn and corrected items stay, marked.
import { Alert, Breadcrumb, Button, Card, Empty, Form, Input, List, Pagination, Radio, Result, Segmented, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { PORTAL_SECTION_LABELS, PORTAL_SECTIONS, type PortalSection, type TPublicItem, ZFeedback } from "../../../contracts/portal";
import { useI18n } from "../../app/i18n";
import { ShapedForm } from "../../shared/form-dialog";
import { sendFeedback, usePublicColumns, usePublicCommunities, usePublicItem, usePublicItems, usePublicLatest, usePublicProjects } from "./portal-api";

const yuan = (fen: number | null) => (fen === null ? "—" : `${(fen / 100).toLocaleString("zh-CN")}元`);

function StatusTag({ i }: { i: Pick<TPublicItem, "status"> }) {
  const { t } = useI18n();
  if (i.status === "withdrawn") return <Tag color="red">{t("已撤回", "Withdrawn")}</Tag>;
  if (i.status === "superseded") return <Tag color="purple">{t("已更正", "Corrected")}</Tag>;
  return null;
}

function ItemList({ code, column, q, year }: { code: string; column: string; q?: string; year?: number }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = usePublicItems({ code, column, q, year, page });
  if (list.data && !list.data.items.length) return <Empty description={t("暂无公开事项", "Nothing published yet")} />;
  return (
    <>
      <List
        loading={list.isLoading}
        dataSource={list.data?.items}
        renderItem={(i) => (
          <List.Item data-testid="public-item" extra={<Typography.Text type="secondary">{i.publishedOn}</Typography.Text>}>
            <Space wrap size={4}>
              <Link to={`/public/disclosure/${code}/items/${i.id}`} style={{ textDecoration: i.status === "withdrawn" ? "line-through" : undefined }}>
                {i.title}
              </Link>
              <StatusTag i={i} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.columnName}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {(list.data?.total ?? 0) > 15 && (
        <Pagination size="small" current={page} total={list.data?.total} pageSize={15} onChange={setPage} showSizeChanger={false} style={{ marginTop: 8 }} />
      )}
    </>
  );
}

function Projects({ code }: { code: string }) {
  const { t } = useI18n();
  const q = usePublicProjects(code);
  return (
    <List
      loading={q.isLoading}
      dataSource={q.data}
      renderItem={(p) => (
        <List.Item>
          <List.Item.Meta
            title={
              <Space wrap>
                {p.title}
                <Tag>{p.stage}</Tag>
              </Space>
            }
            description={`${p.code} · ${t("预算", "budget")} ${yuan(p.budgetFen)} · ${t("已支付", "paid")} ${yuan(p.spentFen)} · ${t("进度", "progress")} ${p.progressPct}%`}
          />
        </List.Item>
      )}
    />
  );
}

function Community({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const cols = usePublicColumns();
  const [sp, setSp] = useSearchParams();
  const tab = sp.get("tab") ?? "party";
  const column = sp.get("column") ?? tab;
  const q = sp.get("q") ?? undefined;
  const set = (patch: Record<string, string | null>) => {
    const n = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) v ? n.set(k, v) : n.delete(k);
    setSp(n);
  };
  const section = PORTAL_SECTIONS.includes(tab as PortalSection) ? (tab as PortalSection) : null;
  const children = (cols.data ?? []).filter((c) => c.parentKey === section);
  const colName = (cols.data ?? []).find((c) => c.key === column)?.name;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/public/disclosure">{t("三务公开", "Disclosure")}</Link> },
          ...(section ? [{ title: PORTAL_SECTION_LABELS[section][lang] }] : []),
          ...(colName && column !== section ? [{ title: colName }] : []),
        ]}
      />
      <Input.Search
        allowClear
        placeholder={t("搜索公开事项标题", "Search the titles")}
        defaultValue={q}
        onSearch={(v) => set({ q: v || null })}
        style={{ marginBottom: 12 }}
      />
      <Segmented
        block
        value={tab}
        onChange={(v) => set({ tab: String(v), column: null })}
        options={[
          ...PORTAL_SECTIONS.map((s) => ({ value: s, label: PORTAL_SECTION_LABELS[s][lang] })),
          { value: "reports", label: t("年度报告", "Reports") },
          { value: "projects", label: t("民生微实事", "Projects") },
        ]}
        style={{ marginBottom: 12 }}
      />
      {section && (
        <>
          <Select
            value={column}
            onChange={(v) => set({ column: v === section ? null : v })}
            style={{ width: "100%", marginBottom: 8 }}
            options={[{ value: section, label: t("全部栏目", "All columns") }, ...children.map((c) => ({ value: c.key, label: c.name }))]}
          />
          {column !== section && (
            <a href={`/api/public/disclosure/feed/${code}/${column}.atom`} style={{ fontSize: 12 }}>
              {t("订阅本栏目（Atom）", "Subscribe to this column (Atom)")}
            </a>
          )}
          <ItemList code={code} column={column} q={q} />
        </>
      )}
      {tab === "reports" && <ItemList code={code} column="party.resolutions" q={q ?? "工作报告"} />}
      {tab === "projects" && <Projects code={code} />}
    </>
  );
}

function Feedback({ id }: { id: string }) {
  const { t } = useI18n();
  const [done, setDone] = useState<{ trackingNo: string } | null>(null);
  if (done)
    return <Result status="success" title={t("已收到您的意见", "We have your comment")} subTitle={`${t("诉求编号", "Tracking number")}：${done.trackingNo}`} />;
  return (
    <Card size="small" title={t("对本事项有疑问或异议？", "A question or objection?")}>
      <ShapedForm<Record<string, unknown>>
        schema={ZFeedback}
        initialValues={{ kind: "question" }}
        send={(body) => sendFeedback(id, body)}
        onDone={setDone}
        submitText={t("提交", "Send")}
      >
        <Form.Item name="kind">
          <Radio.Group
            optionType="button"
            options={[
              { value: "question", label: t("疑问", "Question") },
              { value: "objection", label: t("异议", "Objection") },
            ]}
          />
        </Form.Item>
        <Form.Item name="content" rules={[{ required: true, min: 5, message: t("请写下您的意见（至少5个字）", "Write at least 5 characters") }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Space.Compact block style={{ marginBottom: 12 }}>
          <Form.Item name="name" noStyle>
            <Input placeholder={t("称呼（可不填）", "Name (optional)")} maxLength={40} />
          </Form.Item>
          <Form.Item name="phone" noStyle>
            <Input placeholder={t("手机号（可不填，便于回复）", "Mobile (optional)")} maxLength={11} />
          </Form.Item>
        </Space.Compact>
      </ShapedForm>
    </Card>
  );
}

function Item({ id }: { id: string }) {
  const { t } = useI18n();
  const nav = useNavigate();
  const q = usePublicItem(id);
  if (q.isError) return <Result status="404" title={t("公开事项不存在", "No such item")} />;
  const i = q.data;
  if (!i) return <Card loading />;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/public/disclosure">{t("三务公开", "Disclosure")}</Link> },
          { title: <Link to={`/public/disclosure/${i.communityCode}`}>{i.communityName}</Link> },
          { title: <Link to={`/public/disclosure/${i.communityCode}?tab=${i.section}&column=${i.columnKey}`}>{i.columnName}</Link> },
        ]}
      />
      <Typography.Title level={4} data-testid="public-title">
        {i.title} <StatusTag i={i} />
      </Typography.Title>
      <Typography.Text type="secondary">
        {t("发布日期", "Published")} {i.publishedOn} · {t("公开期间", "Period")} {i.periodFrom} ~ {i.periodTo}
        {i.version > 1 ? ` · ${t("第", "version ")}${i.version}${t("版", "")}` : ""}
      </Typography.Text>
      {i.status === "withdrawn" && (
        <Alert
          type="error"
          showIcon
          data-testid="withdrawn"
          style={{ margin: "12px 0" }}
          message={`${t("本事项已于", "Withdrawn on")} ${i.withdrawnOn} ${t("撤回", "")}`}
          description={`${t("撤回原因", "Reason")}：${i.withdrawReason}`}
          action={
            i.supersededBy && (
              <Button onClick={() => nav(`/public/disclosure/${i.communityCode}/items/${i.supersededBy}`)}>{t("查看更正版本", "See the correction")}</Button>
            )
          }
        />
      )}
      {i.status === "superseded" && i.supersededBy && (
        <Alert
          type="info"
          style={{ margin: "12px 0" }}
          message={t("本事项已更正", "This item was corrected")}
          action={
            <Button onClick={() => nav(`/public/disclosure/${i.communityCode}/items/${i.supersededBy}`)}>{t("查看更正版本", "See the correction")}</Button>
          }
        />
      )}
      <div
        className="portal-body"
        style={{ margin: "16px 0", lineHeight: 1.8, overflowX: "auto", opacity: i.status === "published" ? 1 : 0.6 }}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitised the body with an allow-list before storing it
        dangerouslySetInnerHTML={{ __html: i.body }}
      />
      {i.attachments.length > 0 && (
        <Space wrap style={{ marginBottom: 16 }}>
          {i.attachments.map((f, n) => (
            <a key={f} href={`/api/public/disclosure/items/${i.id}/files/${f}`} target="_blank" rel="noreferrer">
              {t("附件", "Attachment")} {n + 1}
            </a>
          ))}
        </Space>
      )}
      {i.feedbackOpen && <Feedback id={i.id} />}
    </>
  );
}

function Home() {
  const { t } = useI18n();
  const q = usePublicCommunities();
  const latest = usePublicLatest();
  return (
    <>
      <List
        header={<strong>{t("社区", "Communities")}</strong>}
        dataSource={q.data}
        renderItem={(c) => (
          <List.Item>
            <Link to={`/public/disclosure/${c.code}`}>{c.name}</Link>
          </List.Item>
        )}
      />
      <List
        header={<strong>{t("最新公开", "Latest")}</strong>}
        dataSource={latest.data?.items}
        renderItem={(i) => (
          <List.Item extra={<Typography.Text type="secondary">{i.publishedOn}</Typography.Text>}>
            <Space wrap size={4}>
              <Link to={`/public/disclosure/${i.communityCode}/items/${i.id}`}>{i.title}</Link>
              <StatusTag i={i} />
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}

export default function PublicDisclosurePage() {
  const { t, lang, setLang } = useI18n();
  const rest = (useParams()["*"] ?? "").split("/").filter(Boolean);
  // /public/disclosure/items/<id>, /public/disclosure/<code>, /public/disclosure/<code>/items/<id>
  const itemId = rest[0] === "items" ? rest[1] : rest[1] === "items" ? rest[2] : undefined;
  const code = rest[0] && rest[0] !== "items" ? rest[0] : undefined;
  return (
    <div style={{ maxWidth: 960, margin: "0 auto", padding: 16 }}>
      <style>
        {
          ".portal-body table{border-collapse:collapse;width:100%}.portal-body td,.portal-body th{border:1px solid #e5e5e5;padding:4px 8px}.portal-body img{max-width:100%}"
        }
      </style>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          <Link to="/public/disclosure" style={{ color: "inherit" }}>
            {t("社区“三务”公开", "Community disclosure")}
          </Link>
        </Typography.Title>
        <Button size="small" type="link" onClick={() => setLang(lang === "zh" ? "en" : "zh")}>
          {lang === "zh" ? "English" : "中文"}
        </Button>
      </Space>
      {itemId ? <Item id={itemId} /> : code ? <Community code={code} /> : <Home />}
    </div>
  );
}
