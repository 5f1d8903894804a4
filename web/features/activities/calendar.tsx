// 活动日历: a month or week of activities and room bookings (the month, the view and the venue in the
// URL), each activity opening its page; the account's private iCalendar address for a phone's calendar.
import { CalendarOutlined, LeftOutlined, RightOutlined } from "@ant-design/icons";
import { Alert, Badge, Button, Calendar, Card, Empty, Modal, Segmented, Space, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useI18n } from "../../app/i18n";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { type CalendarItem, useCalendarRange, useNewCalendarFeed } from "./activities-api";

const hm = (iso: string) => dayjs(iso).format("HH:mm");

function ItemLine({ it, full }: { it: CalendarItem; full?: boolean }) {
  const { t } = useI18n();
  if (it.kind === "activity")
    return (
      <div className="cal-item" style={{ whiteSpace: full ? "normal" : "nowrap", overflow: "hidden", textOverflow: "ellipsis", fontSize: 12 }}>
        <Badge status={it.a.status === "held" ? "success" : "processing"} />{" "}
        <Link to={`/activities/list/${it.a.id}`} title={it.a.title}>
          {hm(it.a.startsAt)} {it.a.title}
        </Link>
        {full && (
          <div className="person-sub">
            {it.a.typeName} · {it.a.venueName ?? it.a.location ?? (it.a.online ? t("线上", "Online") : "—")}
            {it.a.roomName ? ` · ${it.a.roomName}` : ""}
          </div>
        )}
      </div>
    );
  return (
    <div style={{ whiteSpace: full ? "normal" : "nowrap", overflow: "hidden", textOverflow: "ellipsis", fontSize: 12, color: "#666" }} title={it.b.title}>
      <Tag color="purple" style={{ fontSize: 11, marginRight: 4, lineHeight: "16px", padding: "0 4px" }}>
        {t("预约", "Booking")}
      </Tag>
      {hm(it.b.startsAt)} {it.b.roomName} {full ? `· ${it.b.venueName} · ${it.b.title}` : ""}
    </div>
  );
}

function FeedButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const m = useNewCalendarFeed();
  return (
    <>
      <Button icon={<CalendarOutlined />} onClick={() => setOpen(true)}>
        {t("订阅到手机日历", "Subscribe on a phone")}
      </Button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={t("私人日历订阅", "Private calendar feed")}>
        <Typography.Paragraph>
          {t(
            "私人订阅地址包含您数据范围内的全部活动（含不公开的），请勿外传。生成新地址后旧地址立即失效。",
            "The private address holds every activity of your data scope (non-public ones too): keep it to yourself. A new address stops the old one.",
          )}
        </Typography.Paragraph>
        {m.data ? (
          <Alert
            type="success"
            title={t("请复制到手机日历的“添加订阅”中（只显示这一次）：", "Copy it into your phone calendar's 'add subscription' (shown this once):")}
            description={
              <Typography.Text copyable data-testid="feed-url" style={{ wordBreak: "break-all" }}>
                {m.data.url}
              </Typography.Text>
            }
          />
        ) : (
          <Button type="primary" loading={m.isPending} onClick={() => m.mutate()}>
            {t("生成私人订阅地址", "Make my private address")}
          </Button>
        )}
      </Modal>
    </>
  );
}

export function ActivitiesCalendar() {
  const { t, lang } = useI18n();
  const [sp, setSp] = useSearchParams();
  const view = sp.get("view") === "week" ? "week" : "month";
  const anchor = dayjs(sp.get("date") ?? undefined).isValid() ? dayjs(sp.get("date") ?? undefined) : dayjs();
  // Weeks start on Monday.
  const weekStart = anchor.subtract((anchor.day() + 6) % 7, "day").startOf("day");
  const from = view === "week" ? weekStart : anchor.startOf("month").subtract(7, "day");
  const to = view === "week" ? weekStart.add(6, "day") : anchor.endOf("month").add(14, "day");
  const q = useCalendarRange(from, to);
  const go = (d: Dayjs, v = view) => setSp({ view: v, date: d.format("YYYY-MM-DD") }, { replace: true });
  const step = (n: number) => go(view === "week" ? anchor.add(7 * n, "day") : anchor.add(n, "month"));
  const title =
    view === "week"
      ? `${weekStart.format("YYYY-MM-DD")} — ${weekStart.add(6, "day").format("MM-DD")}`
      : lang === "zh"
        ? anchor.format("YYYY年M月")
        : anchor.format("MMMM YYYY");
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const items = (d: Dayjs) => q.data?.byDay.get(d.format("YYYY-MM-DD")) ?? [];
  return (
    <>
      <PageHead
        title={t("活动日历", "Calendar")}
        subtitle={t("活动与功能室预约；点击活动查看详情", "Activities and room bookings; an activity opens its page")}
        extra={<FeedButton />}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<LeftOutlined />} onClick={() => step(-1)} aria-label={t("上一页", "Previous")} />
        <Typography.Text strong data-testid="calendar-title" style={{ minWidth: 140, display: "inline-block", textAlign: "center" }}>
          {title}
        </Typography.Text>
        <Button icon={<RightOutlined />} onClick={() => step(1)} aria-label={t("下一页", "Next")} />
        <Button onClick={() => go(dayjs())}>{t("今天", "Today")}</Button>
        <Segmented
          value={view}
          onChange={(v) => go(anchor, v as "month" | "week")}
          options={[
            { value: "month", label: t("月", "Month") },
            { value: "week", label: t("周", "Week") },
          ]}
        />
        {q.data && (
          <Typography.Text type="secondary">
            {t(`${q.data.activities} 场活动，${q.data.bookings} 个预约`, `${q.data.activities} activities, ${q.data.bookings} bookings`)}
          </Typography.Text>
        )}
      </Space>
      {view === "month" ? (
        <Calendar
          value={anchor}
          headerRender={() => null}
          onSelect={(d, info) => info.source === "date" && go(d, "week")}
          fullscreen
          cellRender={(d, info) => {
            if (info.type !== "date") return info.originNode;
            const l = items(d);
            return (
              <div data-testid={`day-${d.format("YYYY-MM-DD")}`}>
                {l.slice(0, 3).map((it) => (
                  <ItemLine key={it.kind === "activity" ? it.a.id : it.b.id} it={it} />
                ))}
                {l.length > 3 && <div style={{ fontSize: 12, color: "#999" }}>{t(`另有 ${l.length - 3} 项`, `${l.length - 3} more`)}</div>}
              </div>
            );
          }}
        />
      ) : (
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(160px, 1fr))", gap: 8 }}>
          {Array.from({ length: 7 }, (_, i) => weekStart.add(i, "day")).map((d) => (
            <Card
              key={d.format("YYYY-MM-DD")}
              size="small"
              data-testid={`day-${d.format("YYYY-MM-DD")}`}
              title={`${d.format("MM-DD")} ${lang === "zh" ? "周" + "日一二三四五六"[d.day()] : d.format("ddd")}`}
              styles={{ body: { padding: 8 } }}
            >
              {items(d).length ? (
                items(d).map((it) => <ItemLine key={it.kind === "activity" ? it.a.id : it.b.id} it={it} full />)
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("无安排", "Nothing")} style={{ margin: 0 }} />
              )}
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
