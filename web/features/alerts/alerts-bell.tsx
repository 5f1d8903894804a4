// The bell in the header, on every page: my to-dos and my unread alerts together in its count;
// it opens the notification centre (read/unread, mark all read, each item opens its record), and
// a new alert pushed over SSE shows at once, as a notice and in the count.
import { BellOutlined, CheckOutlined } from "@ant-design/icons";
import { App, Badge, Button, Drawer, Empty, List, Pagination, Segmented, Skeleton, Space, Tag, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useNavigate } from "react-router";
import type { TNotification } from "../../../contracts/alerts";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { QueryError } from "../../shared/list-table";
import { useIsMobile } from "../../shared/use-mobile";
import { useTodos } from "../dashboard/dashboard-api";
import { useMarkAllRead, useMarkRead, useNotificationStream, useNotifications, useUnread } from "./alerts-api";

const COLOR: Record<string, string> = { overdue: "red", urgent: "orange", due: "blue", info: "default" };

export function AlertsBell() {
  const { can } = useAuth();
  const { t } = useI18n();
  const { notification } = App.useApp();
  const nav = useNavigate();
  const [open, setOpen] = useState(false);
  const todos = useTodos(can("dashboard.view"));
  const unread = useUnread();
  useNotificationStream(true, (n) => {
    const key = `n-${n.id}`;
    notification.open({
      key,
      message: n.title,
      description: n.body ?? undefined,
      placement: "topRight",
      duration: 8,
      className: "alert-toast",
      onClick: () => {
        notification.destroy(key);
        nav(n.link);
      },
    });
  });
  const nTodos = todos.data?.count ?? 0;
  const nUnread = unread.data?.unread ?? 0;
  const n = nTodos + nUnread;
  const label = t(`待办 ${nTodos} 项，未读预警 ${nUnread} 条`, `${nTodos} to-dos, ${nUnread} unread alerts`);
  return (
    <>
      <Tooltip title={label}>
        <Badge count={n} overflowCount={99} size="small" color={todos.data?.overdue || nUnread ? "#cf1322" : "#1677ff"}>
          <Button type="text" icon={<BellOutlined />} data-testid="todo-bell" data-unread={nUnread} aria-label={label} onClick={() => setOpen(true)} />
        </Badge>
      </Tooltip>
      {open && <NotificationCentre todos={nTodos} onClose={() => setOpen(false)} />}
    </>
  );
}

function NotificationCentre({ todos, onClose }: { todos: number; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const nav = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(true);
  const [page, setPage] = useState(1);
  const q = useNotifications(unreadOnly, page);
  const read = useMarkRead();
  const all = useMarkAllRead();
  const openItem = (n: TNotification) => {
    if (!n.readAt) read.mutate(n.id);
    onClose();
    nav(n.link);
  };
  return (
    <Drawer
      open
      onClose={onClose}
      width={mobile ? "100%" : 440}
      title={t("通知与预警", "Notifications and alerts")}
      className="notification-centre"
      extra={
        <Button size="small" icon={<CheckOutlined />} disabled={!q.data?.unread} loading={all.isPending} onClick={() => all.mutate()} data-testid="read-all">
          {t("全部已读", "Mark all read")}
        </Button>
      }
    >
      {can("dashboard.view") && (
        <Button
          block
          style={{ marginBottom: 12 }}
          onClick={() => {
            onClose();
            nav("/dashboard");
          }}
        >
          {t(`我的待办 ${todos} 项 →`, `My to-dos: ${todos} →`)}
        </Button>
      )}
      <Space style={{ marginBottom: 8 }}>
        <Segmented
          value={unreadOnly ? "unread" : "all"}
          onChange={(v) => {
            setUnreadOnly(v === "unread");
            setPage(1);
          }}
          options={[
            { value: "unread", label: t(`未读 ${q.data?.unread ?? ""}`, `Unread ${q.data?.unread ?? ""}`) },
            { value: "all", label: t("全部", "All") },
          ]}
        />
      </Space>
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} title={false} />
      ) : q.data.items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={unreadOnly ? t("没有未读通知", "No unread notifications") : t("暂无通知", "No notifications")}
        />
      ) : (
        <>
          <List
            size="small"
            dataSource={q.data.items}
            renderItem={(n) => (
              <List.Item
                key={n.id}
                className={`notification-item${n.readAt ? "" : " unread"}`}
                data-testid="notification"
                onClick={() => openItem(n)}
                style={{ cursor: "pointer", alignItems: "flex-start" }}
                actions={
                  n.readAt
                    ? []
                    : [
                        <Button
                          key="r"
                          size="small"
                          type="link"
                          onClick={(e) => {
                            e.stopPropagation();
                            read.mutate(n.id);
                          }}
                        >
                          {t("已读", "Read")}
                        </Button>,
                      ]
                }
              >
                <div style={{ minWidth: 0 }}>
                  <div>
                    {!n.readAt && <Badge status="processing" style={{ marginRight: 4 }} />}
                    <Tag color={COLOR[n.severity] ?? "default"}>
                      {n.severity === "overdue" ? t("逾期", "Overdue") : n.severity === "urgent" ? t("紧急", "Urgent") : t("提醒", "Notice")}
                    </Tag>
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {n.body ? `${n.body} · ` : ""}
                    {dayjs(n.createdAt).format(lang === "zh" ? "M月D日 HH:mm" : "MMM D HH:mm")}
                  </Typography.Text>
                </div>
              </List.Item>
            )}
          />
          {q.data.total > q.data.pageSize && (
            <Pagination size="small" simple current={page} pageSize={q.data.pageSize} total={q.data.total} onChange={setPage} style={{ marginTop: 8 }} />
          )}
        </>
      )}
    </Drawer>
  );
}
