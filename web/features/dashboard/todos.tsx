// 待办与预警: the caller's to-dos across modules (GET /api/todos), most pressing first; each opens
// the record where the action is taken. The header shows their count on every page.
import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Card, Empty, List, Skeleton, Tag, Tooltip, Typography } from "antd";
import { Link, useNavigate } from "react-router";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { QueryError } from "../../shared/list-table";
import { useTodos } from "./dashboard-api";

const COLOR = { overdue: "red", urgent: "orange", due: "blue", info: "default" } as const;

export function TodoPanel() {
  const { t } = useI18n();
  const q = useTodos();
  const sev = { overdue: t("已逾期", "Overdue"), urgent: t("将到期", "Due soon"), due: t("待办", "To do"), info: t("提示", "Note") };
  return (
    <Card
      className="module-section todo-panel"
      data-testid="todos"
      title={
        <span>
          {t("我的待办与预警", "My to-dos and alerts")}{" "}
          {q.data && <Badge count={q.data.count} overflowCount={999} style={{ background: q.data.overdue ? "#cf1322" : "#1677ff" }} showZero />}
        </span>
      }
    >
      {!!q.data?.groups.length && (
        <Typography.Paragraph type="secondary" className="todo-groups" style={{ fontSize: 12, marginBottom: 4 }}>
          {q.data.groups.map((g) => `${g.label} ${g.count}`).join(" · ")}
        </Typography.Paragraph>
      )}
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : q.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("暂无待办，一切正常", "Nothing to do right now")} />
      ) : (
        <List
          size="small"
          dataSource={q.data.items.slice(0, 30)}
          pagination={q.data.items.length > 10 ? { pageSize: 10, size: "small", simple: true } : false}
          renderItem={(i) => (
            <List.Item key={`${i.provider}:${i.id}`} className={`todo-item todo-${i.severity}`}>
              <Link to={i.link} style={{ display: "flex", gap: 8, alignItems: "baseline", width: "100%", minWidth: 0 }}>
                <Tag color={COLOR[i.severity]} style={{ flex: "none" }}>
                  {sev[i.severity]}
                </Tag>
                <span style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text ellipsis style={{ display: "block" }}>
                    {i.title}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i.label}
                    {i.detail ? ` · ${i.detail}` : ""}
                  </Typography.Text>
                </span>
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The bell in the header: the count of my to-dos, everywhere; opens the workbench. */
export function TodoBell() {
  const { can } = useAuth();
  const { t } = useI18n();
  const nav = useNavigate();
  const q = useTodos(can("dashboard.view"));
  if (!can("dashboard.view")) return null;
  const n = q.data?.count ?? 0;
  return (
    <Tooltip title={t(`待办与预警 ${n} 项`, `${n} to-dos and alerts`)}>
      <Badge count={n} overflowCount={99} size="small" color={q.data?.overdue ? "#cf1322" : "#1677ff"}>
        <Button
          type="text"
          icon={<BellOutlined />}
          data-testid="todo-bell"
          aria-label={t(`待办与预警 ${n} 项`, `${n} to-dos and alerts`)}
          onClick={() => nav("/dashboard")}
        />
      </Badge>
    </Tooltip>
  );
}
