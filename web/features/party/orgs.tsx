import { WarningOutlined } from "@ant-design/icons";
import { Alert, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { PARTY_KIND_EN, PARTY_LEVEL_EN, PARTY_POST_EN, type TPartyOrg } from "../../../contracts/party";
import { useI18n } from "../../app/i18n";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { usePartyOrgs } from "./shared";

const LEVEL_COLOR: Record<string, string> = { 党委: "red", 党总支: "volcano", 党支部: "orange", 党小组: "gold" };

export function OrgsPage() {
  const { t, lang } = useI18n();
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
            <Tooltip key={p.id} title={`${p.termStart} ~ ${p.termEnd ?? ""} · ${p.certified ? t("持证", "certified") : t("未持证", "not certified")}`}>
              <Tag color={p.certified ? "green" : undefined}>
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
  ];
  return (
    <>
      <PageHead
        title={t("党组织", "Party organisations")}
        subtitle={t(
          "党委 > 党总支 > 党支部 > 党小组；绿色标签为持证委员；设置规则不符时显示提示",
          "Committee > general branch > branch > group; green posts are certified; set-up rules are checked",
        )}
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
    </>
  );
}
