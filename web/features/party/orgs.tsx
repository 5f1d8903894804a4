import { CloseOutlined, EditOutlined, PlusOutlined, UserAddOutlined, WarningOutlined } from "@ant-design/icons";
import { Alert, Button, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { PARTY_KIND_EN, PARTY_LEVEL_EN, PARTY_POST_EN, type TPartyOrg } from "../../../contracts/party";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useIsMobile } from "../../shared/use-mobile";
import { ImportButton } from "./import-button";
import { CertifyPostDialog, EndPostDialog, OrgForm, PostForm } from "./org-forms";
import { usePartyOrgs } from "./party-api";

const LEVEL_COLOR: Record<string, string> = { 党委: "red", 党总支: "volcano", 党支部: "orange", 党小组: "gold" };

type Dialog =
  | { kind: "org"; org: TPartyOrg | null }
  | { kind: "post"; org: TPartyOrg }
  | { kind: "end"; org: TPartyOrg; post: TPartyOrg["posts"][number] }
  | { kind: "certify"; org: TPartyOrg; post: TPartyOrg["posts"][number] };

export function OrgsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const write = can("party.write");
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const q = usePartyOrgs();
  const orgs = q.data ?? [];
  // The tree: children under their parent.
  const byParent = new Map<string | null, TPartyOrg[]>();
  for (const o of orgs) {
    const p = orgs.some((x) => x.id === o.parentId) ? o.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), o]);
  }
  type Node = TPartyOrg & { children?: Node[] };
  const build = (p: string | null): Node[] => (byParent.get(p) ?? []).map((o) => ({ ...o, children: byParent.has(o.id) ? build(o.id) : undefined }));
  const tree = build(null);
  const expiring = orgs.filter((o) => o.termFlag === "expiring" || o.termFlag === "expired");

  const columns: ColumnsType<Node> = [
    {
      key: "name",
      title: t("党组织", "Organisation"),
      render: (_, o) => (
        <Space size={6} wrap>
          <Tag color={LEVEL_COLOR[o.level]}>{lang === "en" ? PARTY_LEVEL_EN[o.level as keyof typeof PARTY_LEVEL_EN] : o.level}</Tag>
          <Typography.Text strong>{o.shortName ?? o.name}</Typography.Text>
        </Space>
      ),
    },
    { key: "kind", title: t("类型", "Kind"), render: (_, o) => (lang === "en" ? PARTY_KIND_EN[o.partyKind as keyof typeof PARTY_KIND_EN] : o.partyKind) },
    { key: "host", title: t("所在单位", "Sits in"), render: (_, o) => o.hostOrgName ?? "—" },
    { key: "founded", title: t("成立日期", "Founded"), render: (_, o) => o.foundedOn ?? "—" },
    {
      key: "term",
      title: t("任期", "Term"),
      render: (_, o) =>
        o.termEnd ? (
          <Space size={4}>
            <span>
              {o.termStart} ~ {o.termEnd}
            </span>
            {o.termFlag === "expired" && <Tag color="red">{t("已到期", "Expired")}</Tag>}
            {o.termFlag === "expiring" && <Tag color="orange">{t("3个月内到期", "Ends within 3 months")}</Tag>}
          </Space>
        ) : (
          "—"
        ),
    },
    {
      key: "members",
      title: t("党员（正式/预备）", "Members (full/prob.)"),
      render: (_, o) => (o.level === "党小组" ? "—" : `${o.fullMembers} / ${o.probationaryMembers}`),
    },
    {
      key: "posts",
      title: t("班子成员", "Committee"),
      render: (_, o) => (
        <Space size={[4, 4]} wrap style={{ maxWidth: 380 }}>
          {o.posts.map((p) => (
            <Tooltip
              key={p.id}
              title={`${p.termStart} ~ ${p.termEnd ?? ""} · ${
                p.certified
                  ? t(`持证${p.certifiedOn ? `（${p.certifiedOn}）` : ""}`, `certified${p.certifiedOn ? ` (${p.certifiedOn})` : ""}`)
                  : write
                    ? t("未持证（点击登记持证）", "not certified (click to record the certificate)")
                    : t("未持证", "not certified")
              }`}
            >
              <Tag
                color={p.certified ? "green" : undefined}
                style={write && !p.certified ? { cursor: "pointer" } : undefined}
                onClick={write && !p.certified ? () => setDialog({ kind: "certify", org: o, post: p }) : undefined}
                closable={write}
                closeIcon={write ? <CloseOutlined aria-label={t(`免去${p.personName}的${p.post}职务`, `End ${p.personName}'s post`)} /> : undefined}
                onClose={(e) => {
                  e.preventDefault();
                  setDialog({ kind: "end", org: o, post: p });
                }}
              >
                {lang === "en" ? PARTY_POST_EN[p.post as keyof typeof PARTY_POST_EN] : p.post} {p.personName}
              </Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    {
      key: "warn",
      title: t("提示", "Warnings"),
      render: (_, o) =>
        o.warnings.length ? (
          <Space direction="vertical" size={2}>
            {o.warnings.map((w) => (
              <Typography.Text key={w.code} type="warning">
                <WarningOutlined /> {lang === "en" ? w.en : w.zh}
              </Typography.Text>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    ...(write
      ? [
          {
            key: "act",
            title: t("操作", "Actions"),
            fixed: mobile ? undefined : ("right" as const),
            render: (_: unknown, o: Node) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: "org", org: o })}>
                  {t("编辑", "Edit")}
                </Button>
                {o.level !== "党小组" && (
                  <Button type="link" size="small" icon={<UserAddOutlined />} onClick={() => setDialog({ kind: "post", org: o })}>
                    {t("任职", "Appoint")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHead
        title={t("党组织", "Party organisations")}
        subtitle={t(
          "党委 > 党总支 > 党支部 > 党小组；绿色标签为持证委员；设置规则不符时显示提示",
          "Committee > general branch > branch > group; green posts are certified; set-up rules are checked",
        )}
        extra={
          <>
            {can("party.export") && <ExportButton href="/api/party/orgs/export" params={{}} fileName={t("党组织.xlsx", "party-orgs.xlsx")} />}
            {can("party.export") && (
              <ExportButton
                href="/api/party/posts/export"
                params={{}}
                fileName={t("班子成员.xlsx", "party-posts.xlsx")}
                label={t("导出班子", "Export posts")}
              />
            )}
            {write && (
              <ImportButton
                href="/api/party/orgs/import"
                label={t("导入党组织", "Import organisations")}
                columns="组织名称、简称、上级党组织、层级、类型、成立日期、任期开始、任期结束（上级排在前面）"
                template={{ url: "/api/party/orgs/import/template", fileName: t("党组织导入模板.xlsx", "party-orgs-template.xlsx") }}
              />
            )}
            {write && (
              <ImportButton
                href="/api/party/posts/import"
                label={t("导入班子成员", "Import posts")}
                columns="党组织、姓名、身份证号、职务、任职日期、任期结束、免职日期、持证"
                template={{ url: "/api/party/posts/import/template", fileName: t("班子成员导入模板.xlsx", "party-posts-template.xlsx") }}
              />
            )}
            {write && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: "org", org: null })}>
                {t("新建党组织", "New organisation")}
              </Button>
            )}
          </>
        }
      />
      {expiring.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(
            `${expiring.length} 个党组织任期已到期或将在3个月内到期，请按期换届：${expiring.map((o) => o.shortName ?? o.name).join("、")}`,
            `${expiring.length} organisations' terms have ended or end within 3 months: ${expiring.map((o) => o.shortName ?? o.name).join(", ")}`,
          )}
        />
      )}
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<Node>
          rowKey="id"
          loading={q.isFetching}
          dataSource={tree}
          columns={columns}
          pagination={false}
          scroll={{ x: "max-content" }}
          expandable={{ defaultExpandAllRows: true }}
          key={tree.length}
        />
      )}
      {dialog?.kind === "org" && <OrgForm org={dialog.org} onClose={() => setDialog(null)} />}
      {dialog?.kind === "post" && <PostForm org={dialog.org} onClose={() => setDialog(null)} />}
      {dialog?.kind === "end" && <EndPostDialog org={dialog.org} post={dialog.post} onClose={() => setDialog(null)} />}
      {dialog?.kind === "certify" && <CertifyPostDialog org={dialog.org} post={dialog.post} onClose={() => setDialog(null)} />}
    </>
  );
}
