import { useQuery } from "@tanstack/react-query";
import { Card, Table, Tag, Typography } from "antd";
import { ELECTION_KIND_EN } from "../../../contracts/party";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";
import { useI18n } from "../../app/i18n";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useListParams } from "../../shared/use-list-params";

type Election = {
  id: string;
  orgName: string;
  orgKind: string;
  kind: keyof typeof ELECTION_KIND_EN;
  heldOn: string;
  termStart: string | null;
  termEnd: string | null;
  approvingBody: string;
  documentNo: string | null;
  post: string | null;
  personName: string | null;
  removedPersonName: string | null;
  votesDue: number | null;
  votesCast: number | null;
  votesFor: number | null;
};
type Board = { id: string; companyName: string; personName: string; post: string; termStart: string; termEnd: string | null; partyPosts: string[] };
const FILTERS = ["kind"] as const;

export function ElectionsPage() {
  const { t, lang } = useI18n();
  const list = useListParams(FILTERS);
  const q = useQuery({
    queryKey: ["party", "elections", list.query],
    queryFn: ({ signal }) => api.get<Paged<Election>>("/api/party/elections", list.query, signal),
  });
  const board = useQuery({ queryKey: ["party", "boards"], queryFn: ({ signal }) => api.get<Board[]>("/api/party/boards", undefined, signal) });
  const companies = [...new Set((board.data ?? []).map((b) => b.companyName))];
  return (
    <>
      <PageHead
        title={t("换届、补选与任免", "Elections and appointments")}
        subtitle={t("记录日期、票数和批准文件", "Recorded with dates, votes and the approving document")}
      />
      <ListTable<Election>
        rowKey="id"
        query={q}
        list={list}
        columns={[
          { key: "date", title: t("日期", "Date"), dataIndex: "heldOn" },
          { key: "org", title: t("组织", "Organisation"), dataIndex: "orgName" },
          { key: "kind", title: t("类别", "Kind"), render: (_, e) => <Tag color="red">{lang === "en" ? ELECTION_KIND_EN[e.kind] : e.kind}</Tag> },
          {
            key: "what",
            title: t("内容", "What"),
            render: (_, e) =>
              e.kind === "换届"
                ? t(`新一届任期 ${e.termStart} ~ ${e.termEnd}`, `New term ${e.termStart} – ${e.termEnd}`)
                : `${e.post ?? ""} ${e.personName ?? ""}${e.removedPersonName ? t(`（免去 ${e.removedPersonName}）`, ` (replacing ${e.removedPersonName})`) : ""}`,
          },
          {
            key: "votes",
            title: t("应到/实到/赞成", "Due/cast/for"),
            render: (_, e) => (e.votesDue != null ? `${e.votesDue}/${e.votesCast}/${e.votesFor}` : "—"),
          },
          { key: "body", title: t("批准机关及文号", "Approved by"), render: (_, e) => `${e.approvingBody} ${e.documentNo ?? ""}` },
        ]}
      />
      <Typography.Title level={4} style={{ marginTop: 24 }}>
        {t("股份合作公司董事会与交叉任职", "Cooperative boards and cross-holding of posts")}
      </Typography.Title>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(320px, 1fr))", gap: 12 }}>
        {companies.map((c) => {
          const rows = (board.data ?? []).filter((b) => b.companyName === c);
          return (
            <Card key={c} size="small" title={c}>
              <Table<Board>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={rows}
                columns={[
                  { key: "p", title: t("职务", "Post"), dataIndex: "post" },
                  { key: "n", title: t("姓名", "Name"), dataIndex: "personName" },
                  {
                    key: "pp",
                    title: t("党内职务", "Party post"),
                    render: (_, b) =>
                      b.partyPosts.length
                        ? b.partyPosts.map((p) => (
                            <Tag key={p} color="red">
                              {p}
                            </Tag>
                          ))
                        : "—",
                  },
                ]}
              />
            </Card>
          );
        })}
      </div>
    </>
  );
}
