import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Dropdown, Empty, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { BOARD_POST_EN, BOARD_POSTS, ELECTION_KIND_EN, ELECTION_KINDS, PARTY_POST_EN, type TElection } from "../../../contracts/party";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { ListTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useListParams } from "../../shared/use-list-params";
import { BoardMemberForm, ElectionForm, EndBoardMemberDialog } from "./election-forms";
import { ImportButton } from "./import-button";
import { type Board, useBoards, useCompanies, useElections, usePartyOrgs } from "./party-api";

type Kind = (typeof ELECTION_KINDS)[number];
const FILTERS = ["kind", "orgId"] as const;

export function ElectionsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const write = can("party.write");
  const list = useListParams(FILTERS);
  const orgs = usePartyOrgs().data ?? [];
  const companies = useCompanies().data ?? [];
  const [electing, setElecting] = useState<Kind | null>(null);
  const [boarding, setBoarding] = useState<{ companyId?: string } | null>(null);
  const [ending, setEnding] = useState<Board | null>(null);
  const q = useElections(list.query);
  const board = useBoards();
  const boardCompanies = [...new Map((board.data ?? []).map((b) => [b.companyId, b.companyName])).entries()];
  const kindLabel = (k: string) => (lang === "en" ? (ELECTION_KIND_EN as Record<string, string>)[k] : k);
  const postLabel = (p: string | null) => (p && lang === "en" ? ((PARTY_POST_EN as Record<string, string>)[p] ?? p) : (p ?? ""));
  return (
    <>
      <PageHead
        title={t("换届、补选与任免", "Elections and appointments")}
        subtitle={t(
          "记录日期、票数和批准文件；任期已满或3个月内届满的党组织在「党组织」页提示",
          "Recorded with dates, votes and the approving document; expiring terms are flagged on the Organisations page",
        )}
        extra={
          <>
            {can("party.export") && <ExportButton href="/api/party/elections/export" params={list.query} fileName={t("换届补选任免.xlsx", "elections.xlsx")} />}
            {write && (
              <ImportButton
                href="/api/party/elections/import"
                label={t("导入换届记录", "Import elections")}
                columns="日期、组织、类别、任期开始、任期结束、职务、当选/任职、免职、应到、实到、赞成、批准机关、批准文号"
                template={{ url: "/api/party/elections/import/template", fileName: t("换届补选任免导入模板.xlsx", "elections-template.xlsx") }}
              />
            )}
            {write && (
              <Dropdown
                trigger={["click"]}
                menu={{
                  items: ELECTION_KINDS.map((k) => ({ key: k, label: t(`登记${k}`, `Record a ${kindLabel(k).toLowerCase()}`) })),
                  onClick: ({ key }) => setElecting(key as Kind),
                }}
              >
                <Button type="primary" icon={<PlusOutlined />}>
                  {t("登记换届、补选、任免", "Record")}
                </Button>
              </Dropdown>
            )}
          </>
        }
      />
      <div className="filter-bar">
        <FilterSelect
          list={list}
          name="kind"
          placeholder={t("全部类别", "All kinds")}
          options={ELECTION_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          aria-label={t("类别", "Kind")}
        />
        <FilterSelect
          list={list}
          name="orgId"
          placeholder={t("全部组织", "All organisations")}
          showSearch={{ optionFilterProp: "label" }}
          options={[...orgs.map((o) => ({ value: o.id, label: o.shortName ?? o.name })), ...companies.map((c) => ({ value: c.id, label: c.name }))]}
          style={{ minWidth: 200 }}
          aria-label={t("组织", "Organisation")}
        />
      </div>
      <ListTable<TElection>
        rowKey="id"
        query={q}
        list={list}
        empty={t("还没有换届、补选或任免记录", "No elections or appointments recorded")}
        columns={[
          { key: "date", title: t("日期", "Date"), dataIndex: "heldOn" },
          { key: "org", title: t("组织", "Organisation"), dataIndex: "orgName" },
          { key: "kind", title: t("类别", "Kind"), render: (_, e) => <Tag color="red">{kindLabel(e.kind)}</Tag> },
          {
            key: "what",
            title: t("内容", "What"),
            render: (_, e) =>
              e.kind === "换届"
                ? t(`新一届任期 ${e.termStart} 至 ${e.termEnd}`, `New term ${e.termStart} – ${e.termEnd}`)
                : `${postLabel(e.post)} ${e.personName ?? ""}${e.removedPersonName ? t(`（免去 ${e.removedPersonName}）`, ` (replacing ${e.removedPersonName})`) : ""}`,
          },
          {
            key: "votes",
            title: t("应到/实到/赞成", "Due/present/for"),
            render: (_, e) => (e.votesDue != null ? `${e.votesDue}/${e.votesCast}/${e.votesFor}` : "—"),
          },
          { key: "body", title: t("批准机关及文号", "Approved by"), render: (_, e) => `${e.approvingBody} ${e.documentNo ?? ""}` },
        ]}
      />
      <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 8, flexWrap: "wrap", marginTop: 24, marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("股份合作公司董事会与交叉任职", "Cooperative boards and cross-holding of posts")}
        </Typography.Title>
        {write && (
          <Button icon={<PlusOutlined />} onClick={() => setBoarding({})}>
            {t("登记董事会成员", "Add board member")}
          </Button>
        )}
      </div>
      {boardCompanies.length === 0 && !board.isPending && <Empty description={t("还没有登记董事会成员", "No board members recorded")} />}
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(min(320px, 100%), 1fr))", gap: 12 }}>
        {boardCompanies.map(([companyId, name]) => {
          const rows = (board.data ?? [])
            .filter((b) => b.companyId === companyId)
            .sort((a, b) => BOARD_POSTS.indexOf(a.post as (typeof BOARD_POSTS)[number]) - BOARD_POSTS.indexOf(b.post as (typeof BOARD_POSTS)[number]));
          return (
            <Card
              key={companyId}
              size="small"
              title={
                <>
                  {name}
                  {!rows.some((b) => b.post === "董事长") && (
                    <Tooltip title={t("董事长已离任，尚未登记新的董事长", "The chair has left and no new chair is recorded")}>
                      <Tag color="orange" style={{ marginInlineStart: 8 }}>
                        {t("董事长空缺", "No chair")}
                      </Tag>
                    </Tooltip>
                  )}
                </>
              }
              extra={
                write && (
                  <Button size="small" type="link" onClick={() => setBoarding({ companyId })}>
                    {t("添加", "Add")}
                  </Button>
                )
              }
            >
              <Table<Board>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={rows}
                columns={[
                  {
                    key: "p",
                    title: t("职务", "Post"),
                    render: (_, b) => (lang === "en" ? ((BOARD_POST_EN as Record<string, string>)[b.post] ?? b.post) : b.post),
                  },
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
                  ...(write
                    ? [
                        {
                          key: "end",
                          title: "",
                          render: (_: unknown, b: Board) => (
                            <Button
                              size="small"
                              type="link"
                              danger
                              onClick={() => setEnding(b)}
                              aria-label={t(`${b.personName}离任`, `End ${b.personName}'s membership`)}
                            >
                              {t("离任", "End")}
                            </Button>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
          );
        })}
      </div>
      {electing && <ElectionForm kind={electing} onClose={() => setElecting(null)} />}
      {boarding && <BoardMemberForm companyId={boarding.companyId} onClose={() => setBoarding(null)} />}
      {ending && <EndBoardMemberDialog member={ending} onClose={() => setEnding(null)} />}
    </>
  );
}
