// 志愿服务队: each team with its leader, members and the date it was founded (成熟即建).
import { Card, Col, Empty, List, Row, Tag } from "antd";
import { useI18n } from "../../app/i18n";
import { PageHead } from "../../shared/page-head";
import { useTeams } from "./volunteers-api";

export function TeamsPage() {
  const { t } = useI18n();
  const q = useTeams();
  const teams = q.data?.items ?? [];
  return (
    <>
      <PageHead
        title={t("志愿服务队", "Volunteer teams")}
        subtitle={t("成熟即建：有队长且队员达到设置人数之日即为组建日期", "Founded once a team has a leader and the set number of members")}
      />
      {!q.isLoading && !teams.length && <Empty description={t("还没有队伍", "No team yet")} />}
      <Row gutter={[12, 12]}>
        {teams.map((tm) => {
          const active = tm.members.filter((m) => !m.leftOn);
          return (
            <Col xs={24} md={12} key={tm.id}>
              <Card
                size="small"
                title={tm.name}
                extra={tm.foundedOn ? <Tag color="green">{t(`${tm.foundedOn} 组建`, `Founded ${tm.foundedOn}`)}</Tag> : <Tag>{t("筹建中", "Forming")}</Tag>}
              >
                <div className="person-sub">
                  {t("队长", "Leader")}：{tm.leaderName} · {t(`在队 ${active.length} 人`, `${active.length} members`)}
                  {tm.orgName ? ` · ${tm.orgName}` : ""}
                </div>
                <List
                  size="small"
                  dataSource={active.slice(0, 8)}
                  renderItem={(m) => (
                    <List.Item>
                      {m.name} <span className="person-sub">{m.joinedOn}</span>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
          );
        })}
      </Row>
    </>
  );
}
