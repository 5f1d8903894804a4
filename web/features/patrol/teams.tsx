// 巡查队伍: the teams of the three patrol forces (社区 / 警区 / 股份公司安保) — the list, and the
// drawer that makes or changes a team (name, force, organisation, members from the community's
// patrol officers); archiving takes a team out of the pickers, and it can be brought back.
import { EditOutlined, InboxOutlined, PlusOutlined, UndoOutlined } from "@ant-design/icons";
import { Alert, Button, Col, Form, Input, Modal, Radio, Row, Select, Space, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useEffect, useMemo, useState } from "react";
import { PATROL_FORCE_LABELS, type TTeam, ZTeamCreate, ZTeamUpdate } from "../../../contracts/patrol";
import { api } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { FormDialog } from "../../shared/form-dialog";
import { RowsTable } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { useListParams } from "../../shared/use-list-params";
import { useIsMobile } from "../../shared/use-mobile";
import { clean } from "../../shared/zod-form";
import { forceOptions, NameForceStateFilters, useNameForceStateRows } from "./filters";
import { useOfficers, useOfficersByCommunity, useTeamArchive, useTeamOrgs, useTeams } from "./patrol-api";

function useArchive() {
  const { t } = useI18n();
  const m = useTeamArchive(
    (x) => notify.success(x.archived ? t(`已归档「${x.name}」`, `${x.name} archived`) : t(`已恢复「${x.name}」`, `${x.name} is back`)),
    (e) => notify.error(e.message),
  );
  return (x: TTeam) =>
    x.archived
      ? m.mutate({ id: x.id, action: "unarchive" })
      : Modal.confirm({
          title: t(`归档队伍「${x.name}」？`, `Archive ${x.name}?`),
          content: t(
            "归档后不再出现在计划和点位的队伍选择中，队员的打卡不再记入该队伍；已有记录保留，可随时恢复。仍有执行中计划的队伍不能归档。",
            "It no longer shows when choosing a team for a plan or a point, and its members' check-ins no longer count for it; records stay, and it can be brought back. A team that still runs an active plan cannot be archived.",
          ),
          okText: t("归档", "Archive"),
          okButtonProps: { danger: true },
          onOk: () => m.mutateAsync({ id: x.id, action: "archive" }).catch(() => {}),
        });
}

const TEAM_FILTERS = ["force", "state", "q"] as const;
const teamInUse = (x: TTeam) => !x.archived;

export function TeamsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const admin = can("patrol.admin");
  const canOrgs = can("orgs.read");
  const list = useListParams(TEAM_FILTERS);
  const q = useTeams();
  const { communities, names } = useCommunitiesAndGrids();
  const orgs = useTeamOrgs(canOrgs);
  const orgName = useMemo(() => new Map((orgs.data?.items ?? []).map((o) => [o.id, o.name])), [orgs.data]);
  // Members by name for administrators (the officers route is theirs); a count for everyone else.
  const officerQueries = useOfficersByCommunity(admin ? communities.map((c) => c.id) : []);
  const toggle = useArchive();
  const [editing, setEditing] = useState<{ team: TTeam | null } | null>(null);
  const mobile = useIsMobile();
  const rows = useNameForceStateRows(q.data, list, teamInUse);
  const memberNames = (x: TTeam) => x.memberIds.map((id) => officerQueries.get(id) ?? t("（非巡查账号）", "(not a patrol account)"));
  const columns: ColumnsType<TTeam> = [
    {
      key: "name",
      title: t("队伍", "Team"),
      render: (_, x) => (
        <>
          <Space size={4} wrap>
            <b>{x.name}</b>
            {x.archived && <Tag>{t("已归档", "Archived")}</Tag>}
          </Space>
          {mobile && (
            <div className="person-sub">
              {`${PATROL_FORCE_LABELS[x.force][lang]} · ${t(`${x.memberIds.length} 名队员`, `${x.memberIds.length} members`)}`}
              {communities.length > 1 ? ` · ${names.get(x.communityId) ?? ""}` : ""}
            </div>
          )}
        </>
      ),
    },
    { key: "force", title: t("巡查力量", "Force"), render: (_, x) => PATROL_FORCE_LABELS[x.force][lang] },
    { key: "community", title: t("社区", "Community"), render: (_, x) => names.get(x.communityId) ?? "—" },
    ...(canOrgs
      ? [{ key: "org", title: t("所属组织", "Organisation"), render: (_: unknown, x: TTeam) => (x.orgId ? (orgName.get(x.orgId) ?? "—") : "—") }]
      : []),
    {
      key: "members",
      title: t("队员", "Members"),
      render: (_, x) => {
        if (!x.memberIds.length) return <Typography.Text type="secondary">{t("暂无队员", "None")}</Typography.Text>;
        if (!admin) return t(`${x.memberIds.length} 人`, `${x.memberIds.length}`);
        const all = memberNames(x);
        const shown = all.slice(0, 3).join("、");
        return (
          <Tooltip title={all.join("、")}>
            <span>
              <Tag>{x.memberIds.length}</Tag>
              {shown}
              {all.length > 3 ? t(" 等", " …") : ""}
            </span>
          </Tooltip>
        );
      },
    },
    {
      key: "actions",
      title: t("操作", "Actions"),
      render: (_, x) =>
        admin && (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              disabled={x.archived}
              onClick={() => setEditing({ team: x })}
              aria-label={t("编辑", "Edit")}
            >
              {!mobile && t("编辑", "Edit")}
            </Button>
            <Button
              type="link"
              size="small"
              danger={!x.archived}
              icon={x.archived ? <UndoOutlined /> : <InboxOutlined />}
              onClick={() => toggle(x)}
              aria-label={x.archived ? t("恢复", "Restore") : t("归档", "Archive")}
            >
              {!mobile && (x.archived ? t("恢复", "Restore") : t("归档", "Archive"))}
            </Button>
          </Space>
        ),
    },
  ];
  return (
    <>
      <PageHead
        title={t("巡查队伍", "Patrol teams")}
        subtitle={t(
          "社区、警区、股份公司安保三支巡查力量的队伍与队员；计划和点位可指定由哪支队伍负责",
          "The teams and members of the three patrol forces — community, police district, company security; plans and points name the team in charge",
        )}
        extra={
          admin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ team: null })}>
              {t("新增队伍", "New team")}
            </Button>
          )
        }
      />
      <NameForceStateFilters
        list={list}
        search={{ placeholder: t("队伍名称", "Team name"), label: t("搜索队伍", "Search teams") }}
        states={{ inUse: t("在用", "In use"), out: { value: "archived", label: t("已归档", "Archived") } }}
      />
      <RowsTable<TTeam>
        rowKey="id"
        query={q}
        rows={rows}
        list={list}
        columns={mobile ? columns.filter((c) => c.key === "name" || c.key === "actions") : columns}
        empty={t("暂无队伍", "No teams")}
        data-testid="patrol-teams"
      />
      <TeamFormDrawer open={!!editing} team={editing?.team ?? null} onClose={() => setEditing(null)} />
    </>
  );
}

type Values = { communityId?: string; name?: string; force?: TTeam["force"]; orgId?: string | null; memberIds?: string[] };

export function TeamFormDrawer({ open, team, onClose }: { open: boolean; team: TTeam | null; onClose: () => void }) {
  return open ? <TeamForm team={team} onClose={onClose} /> : null;
}

function TeamForm({ team, onClose }: { team: TTeam | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [form] = Form.useForm<Values>();
  const { communities } = useCommunitiesAndGrids();
  // preserve: the community is a value of the form even when no field shows it (a scope of one community).
  const communityId = Form.useWatch("communityId", { form, preserve: true });
  const officers = useOfficers(communityId, true);
  const orgs = useTeamOrgs(can("orgs.read"));

  // The only community of the scope, once the regions are in (without touching what was typed).
  useEffect(() => {
    if (!team && communities.length === 1 && !form.getFieldValue("communityId")) form.setFieldValue("communityId", communities[0].id);
  }, [team, form, communities]);

  const bodyOf = (shown: Values) => {
    // getFieldsValue(true): the community is set even when there is only one and no field shows it.
    const raw: Values = { ...(form.getFieldsValue(true) as Values), ...shown };
    return clean({ ...raw, orgId: raw.orgId ?? null, memberIds: raw.memberIds ?? [] });
  };

  const known = new Set((officers.data ?? []).map((o) => o.id));
  // Members no longer among the officers (role or scope changed) stay listed, so they can be removed.
  const memberOptions = [
    ...(officers.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.scope}）` })),
    ...(team?.memberIds ?? [])
      .filter((id) => officers.data && !known.has(id))
      .map((id) => ({ value: id, label: t("（非巡查账号）", "(not a patrol account)") })),
  ];
  const orgOptions = (orgs.data?.items ?? []).filter((o) => !communityId || o.communityId === communityId).map((o) => ({ value: o.id, label: o.name }));
  const common = {
    title: team ? t(`编辑队伍 · ${team.name}`, `Edit team · ${team.name}`) : t("新增巡查队伍", "New patrol team"),
    onClose,
    form,
    drawer: true,
    width: 560,
    invalidate: [["patrol"]],
    done: (x: TTeam) => (team ? t(`已保存「${x.name}」`, `Saved ${x.name}`) : t(`已创建队伍「${x.name}」`, `Team ${x.name} created`)),
    initialValues: team
      ? { communityId: team.communityId, name: team.name, force: team.force, orgId: team.orgId, memberIds: team.memberIds }
      : { force: "community" as const, memberIds: [] },
  };
  const fields = (
    <>
      <Row gutter={16}>
        {communities.length > 1 && (
          <Col span={24}>
            <Form.Item name="communityId" label={t("所属社区", "Community")} rules={[{ required: !team, message: t("请选择社区", "Choose a community") }]}>
              <Select
                disabled={!!team}
                options={communities.map((c) => ({ value: c.id, label: c.name }))}
                onChange={() => form.setFieldsValue({ orgId: null, memberIds: [] })}
              />
            </Form.Item>
          </Col>
        )}
        <Col span={24}>
          <Form.Item name="name" label={t("队伍名称", "Name")} rules={[{ required: true, message: t("请输入队伍名称", "Enter the name") }]}>
            <Input maxLength={80} placeholder={t("如：福民警务室巡逻队", "e.g. Fumin police patrol")} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="force" label={t("巡查力量", "Force")} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={forceOptions(lang)} />
          </Form.Item>
        </Col>
        {can("orgs.read") && (
          <Col span={24}>
            <Form.Item
              name="orgId"
              label={t("所属组织（可选）", "Organisation (optional)")}
              extra={t("如警务室、股份公司安保队", "e.g. the police office, a company's security team")}
            >
              <Select allowClear showSearch={{ optionFilterProp: "label" }} loading={orgs.isFetching} options={orgOptions} placeholder={t("不指定", "None")} />
            </Form.Item>
          </Col>
        )}
        <Col span={24}>
          <Form.Item
            name="memberIds"
            label={t("队员", "Members")}
            extra={t("本社区可巡查打卡的账号（巡查员、网格员等）", "Accounts of the community that may check in (patrol officers, grid workers …)")}
          >
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              loading={officers.isFetching}
              options={memberOptions}
              placeholder={t("选择队员", "Choose members")}
              aria-label={t("队员", "Members")}
              data-testid="team-members"
            />
          </Form.Item>
        </Col>
      </Row>
      {team && team.memberIds.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t(
            "队员的打卡按其所在队伍的巡查力量统计；移出的队员今后的打卡不再记入该队伍。",
            "A member's check-ins count for their team's force; a member taken out no longer counts for it from now on.",
          )}
        />
      )}
    </>
  );
  return team ? (
    <FormDialog<Values, typeof ZTeamUpdate>
      {...common}
      schema={ZTeamUpdate}
      body={(v) => {
        const { communityId: _c, ...patch } = bodyOf(v);
        return patch;
      }}
      send={(d) => api.patch<TTeam>(`/api/patrol/teams/${team.id}`, d)}
    >
      {fields}
    </FormDialog>
  ) : (
    <FormDialog<Values, typeof ZTeamCreate> {...common} schema={ZTeamCreate} body={bodyOf} send={(d) => api.post<TTeam>("/api/patrol/teams", d)}>
      {fields}
    </FormDialog>
  );
}
