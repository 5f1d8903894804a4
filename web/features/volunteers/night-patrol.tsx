// 夜巡: record a session on a phone (team, time, route, participants, problems found — each opens a
// hazard in 平安建设), and a session's page with its participants and its hazards' states.
import { Button, Card, Checkbox, Descriptions, Form, Input, List, Select, Space, Tag } from "antd";
import dayjs from "dayjs";
import { Link, useNavigate, useParams } from "react-router";
import { HAZARD_KINDS } from "../../../contracts/safety";
import { type TNightPatrolDetail, ZNightPatrolCreate } from "../../../contracts/volunteers";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { ShapedForm } from "../../shared/form-dialog";
import { fmtDateTime } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { usePatrol, useTeams } from "./volunteers-api";
import { HAZARD_STATUS } from "./volunteers-labels";

/** A local date and HH:mm as an ISO instant with the page's offset (the browser's zone is the community's). */
const instant = (date: string, hhmm: string, nextDay = false) =>
  dayjs(`${date}T${hhmm}`)
    .add(nextDay ? 1 : 0, "day")
    .toISOString();

export function NightPatrolForm() {
  const { t } = useI18n();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const teams = useTeams();
  const { grids } = useCommunitiesAndGrids();
  const teamId = Form.useWatch("teamId", form);
  const team = teams.data?.items.find((x) => x.id === teamId);
  const founded = (teams.data?.items ?? []).filter((x) => x.foundedOn);
  return (
    <div style={{ maxWidth: 560 }}>
      <PageHead title={t("登记夜巡", "Record a night patrol")} />
      <ShapedForm<Record<string, any>>
        form={form}
        schema={ZNightPatrolCreate}
        initialValues={{ date: dayjs().format("YYYY-MM-DD"), start: "20:00", end: "22:30", findings: [] }}
        body={(v) => ({
          teamId: v.teamId,
          gridId: v.gridId ?? null,
          startsAt: instant(v.date, v.start),
          // A session that ends before it starts ends the next day.
          endsAt: instant(v.date, v.end, v.end < v.start),
          route: v.route ?? null,
          participantIds: v.participantIds ?? [],
          findings: (v.findings ?? []).filter((f: any) => f?.description),
          note: v.note ?? null,
        })}
        send={(body) => api.post<TNightPatrolDetail>("/api/volunteers/night-patrols", body)}
        invalidate={[["volunteers"]]}
        onDone={(made: TNightPatrolDetail) => nav(`/volunteers/night-patrols/${made.id}`)}
        submitText={t("保存夜巡", "Save the night patrol")}
        submitSize="large"
        block
      >
        <Form.Item name="teamId" label={t("队伍", "Team")} rules={[{ required: true, message: t("请选择队伍", "Choose a team") }]}>
          <Select
            aria-label={t("队伍", "Team")}
            options={founded.map((x) => ({ value: x.id, label: x.name }))}
            placeholder={t("已组建的志愿服务队", "A founded team")}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="date" label={t("日期", "Date")} rules={[{ required: true }]}>
            <Input type="date" aria-label={t("日期", "Date")} />
          </Form.Item>
          <Form.Item name="start" label={t("开始", "Start")} rules={[{ required: true }]}>
            <Input type="time" aria-label={t("开始", "Start")} />
          </Form.Item>
          <Form.Item name="end" label={t("结束", "End")} rules={[{ required: true }]}>
            <Input type="time" aria-label={t("结束", "End")} />
          </Form.Item>
        </Space>
        <Form.Item name="gridId" label={t("网格", "Grid")}>
          <Select allowClear aria-label={t("网格", "Grid")} options={grids.map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
        <Form.Item name="route" label={t("路线", "Route")}>
          <Input placeholder={t("途经街巷、点位", "Streets and points along the way")} />
        </Form.Item>
        <Form.Item
          name="participantIds"
          label={t("参加人员", "Participants")}
          rules={[{ required: true, message: t("请选择参加人员", "Choose the participants") }]}
        >
          <Checkbox.Group options={(team?.members ?? []).filter((m) => !m.leftOn).map((m) => ({ value: m.volunteerId, label: m.name }))} />
        </Form.Item>
        <Form.List name="findings">
          {(fields, { add, remove }) => (
            <Card
              size="small"
              title={t("发现的安全问题（每项登记为隐患）", "Problems found (each becomes a hazard)")}
              extra={
                <Button size="small" onClick={() => add({ kind: "消防", gridId: form.getFieldValue("gridId") })}>
                  {t("添加问题", "Add a problem")}
                </Button>
              }
            >
              {fields.map((f, i) => (
                <Space key={f.key} direction="vertical" style={{ width: "100%", borderBottom: "1px solid #f0f0f0", marginBottom: 8 }}>
                  <Space wrap>
                    <Form.Item name={[f.name, "gridId"]} rules={[{ required: true, message: t("请选择网格", "Choose a grid") }]} style={{ marginBottom: 4 }}>
                      <Select
                        aria-label={`${t("问题网格", "Problem grid")} ${i + 1}`}
                        style={{ width: 130 }}
                        options={grids.map((g) => ({ value: g.id, label: g.name }))}
                        placeholder={t("网格", "Grid")}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, "kind"]} style={{ marginBottom: 4 }}>
                      <Select style={{ width: 110 }} options={HAZARD_KINDS.map((k) => ({ value: k, label: k }))} />
                    </Form.Item>
                    <Button size="small" danger onClick={() => remove(f.name)}>
                      {t("删除", "Remove")}
                    </Button>
                  </Space>
                  <Form.Item name={[f.name, "place"]} rules={[{ required: true, message: t("请填写地点", "Where?") }]} style={{ marginBottom: 4 }}>
                    <Input aria-label={`${t("问题地点", "Problem place")} ${i + 1}`} placeholder={t("地点", "Place")} />
                  </Form.Item>
                  <Form.Item name={[f.name, "description"]} rules={[{ required: true, message: t("请描述问题", "Describe it") }]} style={{ marginBottom: 8 }}>
                    <Input aria-label={`${t("问题描述", "Problem description")} ${i + 1}`} placeholder={t("问题描述", "What was found")} />
                  </Form.Item>
                </Space>
              ))}
            </Card>
          )}
        </Form.List>
      </ShapedForm>
    </div>
  );
}

export function NightPatrolDetail() {
  const { t, lang } = useI18n();
  const { id } = useParams();
  const q = usePatrol(id);
  if (q.error) return <QueryError error={q.error as Error} onRetry={() => q.refetch()} />;
  const p = q.data;
  if (!p) return <Card loading />;
  return (
    <div style={{ maxWidth: 760 }}>
      <PageHead
        title={`${t("夜巡", "Night patrol")} ${p.code}`}
        subtitle={<Link to="/volunteers/night-patrols">{t("返回夜巡列表", "Back to night patrols")}</Link>}
      />
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t("队伍", "Team")}>{p.teamName}</Descriptions.Item>
        <Descriptions.Item label={t("时间", "Time")}>
          {fmtDateTime(p.startsAt)} — {fmtDateTime(p.endsAt).slice(11)}
        </Descriptions.Item>
        <Descriptions.Item label={t("路线", "Route")}>{p.route ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("参加人数 / 时数", "People / hours")}>
          {p.participants} / {p.hours} h
        </Descriptions.Item>
      </Descriptions>
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={t(`发现的问题（${p.hazardList.length}）`, `Problems found (${p.hazardList.length})`)}
        data-testid="patrol-hazards"
      >
        <List
          size="small"
          dataSource={p.hazardList}
          locale={{ emptyText: t("本次夜巡未发现问题", "Nothing found on this patrol") }}
          renderItem={(h) => (
            <List.Item extra={<Tag color={HAZARD_STATUS[h.status]?.color}>{HAZARD_STATUS[h.status]?.[lang] ?? h.status}</Tag>}>
              <List.Item.Meta title={`${h.code} · ${h.kind}`} description={`${h.place}：${h.description}`} />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t("参加人员", "Participants")}>
        <List
          size="small"
          dataSource={p.records}
          renderItem={(r) => (
            <List.Item>
              <span>{r.volunteerName}</span>
              <span>{r.hours} h</span>
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
