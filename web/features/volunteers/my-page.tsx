// 我的志愿服务: the volunteer's own page on a phone — hours this year and in total, star level and
// what is left to the next, sign-in/out, upcoming activities to sign up for, own service records.
import { Alert, Button, Card, Input, List, Progress, Space, Statistic, Tag, Typography } from "antd";
import { useState } from "react";
import { useI18n } from "../../app/i18n";
import { fmtDateTime } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { useMyPage, useVolunteerPost } from "./volunteers-api";
import { RECORD_STATE_COLORS, recordStateLabel, stars } from "./volunteers-labels";

/** The activity and code of a check-in QR link (…/public/activities/checkin/<id>?k=<code>), or null. */
export function parseCheckinLink(text: string): { activityId: string; k: string } | null {
  try {
    const u = new URL(text.trim(), window.location.origin);
    const m = u.pathname.match(/\/public\/activities\/checkin\/([^/]+)$/);
    const k = u.searchParams.get("k");
    return m && k ? { activityId: decodeURIComponent(m[1]), k } : null;
  } catch {
    return null;
  }
}

/**
 * 扫码签到: the phone's camera opens the activity's QR link (its check-in page offers the volunteer
 * sign-in); a link scanned by another app can be pasted here.
 */
function ScanSignIn({ onSignIn, pending }: { onSignIn: (v: { activityId: string; k: string }) => void; pending: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [bad, setBad] = useState(false);
  const go = () => {
    const v = parseCheckinLink(text);
    setBad(!v);
    if (v) onSignIn(v);
  };
  return (
    <div style={{ marginTop: 12 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t(
          "用手机相机扫描活动现场的签到二维码即可签到；也可粘贴扫到的链接：",
          "Scan the activity's check-in QR code with the phone's camera, or paste the link it gives:",
        )}
      </Typography.Paragraph>
      <Space.Compact style={{ width: "100%" }}>
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={go}
          status={bad ? "error" : undefined}
          placeholder={t("签到二维码链接", "Check-in QR link")}
          aria-label={t("签到二维码链接", "Check-in QR link")}
        />
        <Button type="primary" onClick={go} loading={pending}>
          {t("扫码签到", "Sign in")}
        </Button>
      </Space.Compact>
      {bad && <Typography.Text type="danger">{t("这不是活动签到二维码的链接", "This is not an activity check-in link")}</Typography.Text>}
    </div>
  );
}

export default function MyVolunteerPage() {
  const { t, lang } = useI18n();
  const q = useMyPage();
  const post = useVolunteerPost();
  if (q.isLoading) return <Card loading />;
  if (q.error) return <QueryError error={q.error as Error} onRetry={() => q.refetch()} />;
  const d = q.data;
  if (!d) return null;
  const next = d.star.next;
  const needed = next ? d.hoursTotal + next.hoursLeft : d.hoursTotal;
  return (
    <div className="vol-me" style={{ maxWidth: 520, margin: "0 auto" }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t("我的志愿服务", "My volunteer service")}
      </Typography.Title>
      <Card size="small" data-testid="vol-summary">
        <div style={{ fontSize: 15 }}>
          {d.volunteer.name} · {d.volunteer.code}
        </div>
        <div data-testid="vol-star" style={{ fontSize: 26, color: "#fa8c16", margin: "4px 0" }}>
          {stars(d.star.level)}{" "}
          <span style={{ fontSize: 14, color: "#666" }}>
            {d.star.level ? t(`${d.star.level}星级义工`, `${d.star.level}-star volunteer`) : t("尚无星级", "No star yet")}
          </span>
        </div>
        <Space size="large">
          <Statistic title={t(`${d.on.slice(0, 4)}年时数`, `Hours in ${d.on.slice(0, 4)}`)} value={d.hoursYear} data-testid="vol-hours-year" />
          <Statistic title={t("累计时数", "Total hours")} value={d.hoursTotal} data-testid="vol-hours-total" />
        </Space>
        {next ? (
          <div style={{ marginTop: 8 }}>
            <Progress percent={Math.min(100, Math.round((d.hoursTotal / Math.max(1, needed)) * 100))} size="small" />
            <div className="person-sub" data-testid="vol-next">
              {t(
                `距${next.level}星还需 ${next.hoursLeft} 小时${next.tenureOn > d.on ? `，且注册满至 ${next.tenureOn}` : ""}`,
                `${next.hoursLeft} h more to ${next.level}★${next.tenureOn > d.on ? `, and tenure until ${next.tenureOn}` : ""}`,
              )}
            </div>
          </div>
        ) : (
          <div className="person-sub">{t("已达最高星级", "Highest level reached")}</div>
        )}
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t("签到签退", "Sign in / out")}>
        {d.openRecord ? (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Alert
              type="info"
              showIcon
              message={t(
                `正在服务：${d.openRecord.title}（${fmtDateTime(d.openRecord.signInAt)} 签到）`,
                `Serving: ${d.openRecord.title} (since ${fmtDateTime(d.openRecord.signInAt)})`,
              )}
            />
            <Button type="primary" block size="large" loading={post.isPending} onClick={() => post.mutate({ path: "/me/sign-out" })}>
              {t("签退", "Sign out")}
            </Button>
          </Space>
        ) : (
          <>
            <Button block size="large" loading={post.isPending} onClick={() => post.mutate({ path: "/me/sign-in", body: { activityId: null } })}>
              {t("签到（其他志愿服务）", "Sign in (other service)")}
            </Button>
            <ScanSignIn pending={post.isPending} onSignIn={(v) => post.mutate({ path: "/me/sign-in", body: v })} />
          </>
        )}
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t("近期活动", "Upcoming activities")}>
        <List
          size="small"
          locale={{ emptyText: t("近30天没有可报名的活动", "No activity in the next 30 days") }}
          dataSource={d.upcoming}
          renderItem={(a) => (
            <List.Item
              actions={[
                a.signedUp ? (
                  <Tag color="green" key="s">
                    {t("已报名", "Signed up")}
                  </Tag>
                ) : (
                  <Button key="b" size="small" onClick={() => post.mutate({ path: "/me/signups", body: { activityId: a.id } })}>
                    {t("报名", "Sign up")}
                  </Button>
                ),
                !d.openRecord && (
                  <Button key="i" size="small" type="link" onClick={() => post.mutate({ path: "/me/sign-in", body: { activityId: a.id } })}>
                    {t("签到", "Sign in")}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta title={a.title} description={fmtDateTime(a.startsAt)} />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t("我最近的服务记录", "My latest service records")}>
        <List
          size="small"
          data-testid="vol-records"
          dataSource={d.records}
          locale={{ emptyText: t("还没有服务记录", "No service record yet") }}
          renderItem={(r) => (
            <List.Item extra={<span style={{ whiteSpace: "nowrap" }}>{r.hours} h</span>}>
              <List.Item.Meta
                title={r.title}
                description={
                  <>
                    {r.serviceDate} <Tag color={RECORD_STATE_COLORS[r.state]}>{recordStateLabel(r.state, lang)}</Tag>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
