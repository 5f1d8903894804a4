import { Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { FormDialog } from "../../shared/form-dialog";
import { fmtDateTime } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { type Attendee, keys, type Signup, useActivitiesPost, useActivity, useActivityQr, useAttendance, useSignups } from "./activities-api";
import { STATUS_COLOR, signupStatusLabel, statusLabel, traineeLabel } from "./activities-labels";

type Dialog = "signup" | "head" | "appeal" | "cancel" | "remove" | null;

export function ActivityDetail() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const q = useActivity(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [removing, setRemoving] = useState<Attendee | null>(null);
  const { grids } = useCommunitiesAndGrids();
  const w = can("activities.write");
  const signups = useSignups(id);
  const attendees = useAttendance(id);
  const qr = useActivityQr(id, w);
  const m = useActivitiesPost(() => notify.success(t("已保存", "Saved")));
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const a = q.data;
  if (!a) return <Card loading />;
  const requestOf = (v: any) => {
    if (dialog === "signup") return { path: `/api/activities/${id}/signups`, body: { name: v.name, phone: v.phone || null, partySize: v.partySize ?? 1 } };
    if (dialog === "head") return { path: `/api/activities/${id}/head-count`, body: { count: v.count, note: v.note || null } };
    if (dialog === "cancel") return { path: `/api/activities/${id}/cancel`, body: { reason: v.reason } };
    if (dialog === "remove" && removing) return { path: `/api/activities/${id}/attendance/${removing.id}/remove`, body: { reason: v.reason } };
    if (dialog === "appeal")
      return {
        path: `/api/activities/${id}/appeals`,
        body: {
          categoryCode: v.categoryCode,
          title: v.title,
          content: v.content,
          gridId: v.gridId,
          appellantName: v.appellantName || null,
          appellantPhone: v.appellantPhone || null,
        },
      };
    return undefined;
  };
  const open = a.status !== "cancelled";
  return (
    <>
      <PageHead
        title={
          <Space wrap>
            {a.title}
            <Tag color={STATUS_COLOR[a.status]}>{statusLabel(a.status, lang)}</Tag>
          </Space>
        }
        subtitle={<Link to="/activities/list">{t("← 返回活动列表", "← Back to activities")}</Link>}
        extra={
          w &&
          open && (
            <Space wrap>
              {a.status === "planned" && <Button onClick={() => setDialog("signup")}>{t("代居民报名", "Sign a resident up")}</Button>}
              <Button onClick={() => setDialog("head")}>{t("登记清点人数", "Record a head count")}</Button>
              {a.typeClass === "tea_talk" && can("appeals.register") && (
                <Button type="primary" onClick={() => setDialog("appeal")}>
                  {t("登记茶话会收集的诉求", "Record an appeal from this tea talk")}
                </Button>
              )}
              {a.attendance === 0 && (
                <Button danger onClick={() => setDialog("cancel")}>
                  {t("取消活动", "Cancel")}
                </Button>
              )}
            </Space>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label={t("编号", "No.")}>{a.code}</Descriptions.Item>
              <Descriptions.Item label={t("类型", "Type")}>{lang === "zh" ? a.typeName : a.typeNameEn}</Descriptions.Item>
              <Descriptions.Item label={t("开始", "Starts")}>{fmtDateTime(a.startsAt)}</Descriptions.Item>
              <Descriptions.Item label={t("结束", "Ends")}>{fmtDateTime(a.endsAt)}</Descriptions.Item>
              <Descriptions.Item label={t("地点", "Where")}>{[a.venueName, a.roomName].filter(Boolean).join(" · ") || a.location || "—"}</Descriptions.Item>
              <Descriptions.Item label={t("主办", "Organiser")}>{a.organiserName ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("协办/共建", "Co-organisers")}>{a.coOrganisers.map((o) => o.name).join("、") || "—"}</Descriptions.Item>
              <Descriptions.Item label={t("系列", "Series")}>
                {a.seriesName ? `${a.seriesName}${a.edition ? t(` · 第${a.edition}届`, ` · edition ${a.edition}`) : ""}` : "—"}
              </Descriptions.Item>
              <Descriptions.Item label={t("报名", "Signed up")}>{a.capacity ? `${a.signedUp} / ${a.capacity}` : a.signedUp}</Descriptions.Item>
              <Descriptions.Item label={t("参与人次", "Person-times")}>
                <Typography.Text strong data-testid="attendance">
                  {a.attendance}
                </Typography.Text>{" "}
                <Typography.Text type="secondary">
                  {t(`（签到 ${a.checkedIn}，清点 ${a.headCount ?? 0}）`, `(checked in ${a.checkedIn}, head count ${a.headCount ?? 0})`)}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        {w && qr.data && open && (
          <Col xs={24} lg={8}>
            <Card title={t("签到二维码", "Check-in QR code")} size="small">
              <img
                alt={t("签到二维码", "Check-in QR code")}
                style={{ display: "block", width: "100%", maxWidth: 220, margin: "0 auto" }}
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.data.svg)}`}
              />
              <Typography.Paragraph
                copyable={{ text: qr.data.url }}
                type="secondary"
                style={{ fontSize: 12, wordBreak: "break-all", marginTop: 8 }}
                data-testid="checkin-url"
              >
                {qr.data.url}
              </Typography.Paragraph>
            </Card>
          </Col>
        )}
        {a.typeClass === "tea_talk" && (
          <Col xs={24}>
            <Card title={t(`收集的诉求（${a.appeals.length}）`, `Appeals collected (${a.appeals.length})`)} size="small">
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={a.appeals}
                columns={[
                  { key: "no", title: t("编号", "No."), render: (_, c) => <Link to={`/appeals/${c.id}`}>{c.trackingNo}</Link> },
                  { key: "title", title: t("标题", "Title"), dataIndex: "title" },
                  {
                    key: "state",
                    title: t("状态", "State"),
                    render: (_, c) => (c.resolved ? <Tag color="success">{t("已解决", "Resolved")}</Tag> : <Tag>{c.status}</Tag>),
                  },
                ]}
              />
            </Card>
          </Col>
        )}
        <Col xs={24} lg={12}>
          <Card title={t(`报名（${signups.data?.items.length ?? 0}）`, `Sign-ups (${signups.data?.items.length ?? 0})`)} size="small">
            <Table<Signup>
              rowKey="id"
              size="small"
              loading={signups.isFetching}
              dataSource={signups.data?.items ?? []}
              pagination={{ pageSize: 10 }}
              scroll={{ x: "max-content" }}
              columns={[
                { key: "name", title: t("姓名", "Name"), dataIndex: "name" },
                { key: "phone", title: t("电话", "Phone"), dataIndex: "phone" },
                { key: "n", title: t("人数", "Persons"), dataIndex: "partySize" },
                { key: "s", title: t("状态", "Status"), render: (_, s) => <Tag color={STATUS_COLOR[s.status]}>{signupStatusLabel(s.status, lang)}</Tag> },
                {
                  key: "x",
                  title: "",
                  render: (_, s) =>
                    w && s.status !== "cancelled" ? (
                      <Button size="small" type="link" onClick={() => m.mutate({ path: `/api/activities/signups/${s.id}/cancel`, body: {} })}>
                        {t("取消", "Cancel")}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t(`签到（${attendees.data?.items.length ?? 0}）`, `Checked in (${attendees.data?.items.length ?? 0})`)} size="small">
            <Table<Attendee>
              rowKey="id"
              size="small"
              loading={attendees.isFetching && !attendees.data}
              dataSource={attendees.data?.items ?? []}
              pagination={{ pageSize: 10 }}
              scroll={{ x: "max-content" }}
              columns={[
                { key: "name", title: t("姓名", "Name"), dataIndex: "name" },
                { key: "n", title: t("人数", "Persons"), dataIndex: "persons" },
                { key: "c", title: t("类别", "Category"), render: (_, x) => (x.category ? traineeLabel(x.category, lang) : "—") },
                {
                  key: "m",
                  title: t("方式", "How"),
                  render: (_, x) => (x.method === "qr" ? t("扫码", "QR") : x.method === "list" ? t("名单", "List") : x.method),
                },
                { key: "at", title: t("时间", "At"), render: (_, x) => fmtDateTime(x.at) },
                ...(w
                  ? [
                      {
                        key: "remove",
                        title: "",
                        render: (_: unknown, x: Attendee) => (
                          <Button
                            type="link"
                            size="small"
                            danger
                            onClick={() => {
                              setRemoving(x);
                              setDialog("remove");
                            }}
                          >
                            {t("撤销", "Remove")}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
      </Row>
      {dialog && (
        <FormDialog<Record<string, any>>
          title={
            dialog === "signup"
              ? t("代居民报名", "Sign a resident up")
              : dialog === "head"
                ? t("登记清点人数", "Head count")
                : dialog === "appeal"
                  ? t("登记茶话会收集的诉求", "Record an appeal from this tea talk")
                  : dialog === "remove"
                    ? t(`撤销签到：${removing?.name ?? ""}`, `Remove the attendance of ${removing?.name ?? ""}`)
                    : t("取消活动", "Cancel the activity")
          }
          onClose={() => setDialog(null)}
          raw
          body={requestOf}
          send={(data) => {
            const r = data as { path: string; body: unknown } | undefined;
            return r ? api.post(r.path, r.body) : Promise.resolve(null);
          }}
          done={t("已保存", "Saved")}
          invalidate={[keys.all]}
          okText={t("保存", "Save")}
          cancelText={t("关闭", "Close")}
        >
          {dialog === "signup" && (
            <>
              <Form.Item name="name" label={t("姓名", "Name")} rules={[{ required: true }]}>
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item name="phone" label={t("手机号", "Phone")} rules={[{ pattern: /^1\d{10}$/, message: t("手机号应为 11 位", "11 digits") }]}>
                <Input maxLength={11} />
              </Form.Item>
              <Form.Item name="partySize" label={t("人数", "Persons")} initialValue={1}>
                <InputNumber min={1} max={10} />
              </Form.Item>
            </>
          )}
          {dialog === "head" && (
            <>
              <Form.Item name="count" label={t("现场人数（不含已签到）", "Persons present (besides check-ins)")} rules={[{ required: true }]}>
                <InputNumber min={0} max={100000} />
              </Form.Item>
              <Form.Item name="note" label={t("说明", "Note")}>
                <Input maxLength={500} />
              </Form.Item>
            </>
          )}
          {dialog === "cancel" && (
            <Form.Item name="reason" label={t("取消原因", "Reason")} rules={[{ required: true }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
          {dialog === "remove" && (
            <>
              <Typography.Paragraph type="secondary">
                {t(
                  "活动人次相应减少；若该签到为发展对象记入了集中培训（第11步），一并撤回（已办理后续步骤的不能撤销）。",
                  "The activity's count goes down; a central training (step 11) this attendance recorded for a party candidate is withdrawn with it (refused once later steps are done).",
                )}
              </Typography.Paragraph>
              <Form.Item name="reason" label={t("撤销原因", "Reason")} rules={[{ required: true }]}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          )}
          {dialog === "appeal" && (
            <>
              <Form.Item name="categoryCode" label={t("分类", "Category")} rules={[{ required: true }]} initialValue="QT02">
                <Select
                  options={[
                    { value: "QT02", label: t("建议", "Suggestion") },
                    { value: "SR04", label: t("市容环境", "Environment") },
                    { value: "JM01", label: t("停车秩序", "Parking") },
                    { value: "MS06", label: t("民生服务", "Services") },
                  ]}
                />
              </Form.Item>
              <Form.Item name="gridId" label={t("网格", "Grid")} rules={[{ required: true }]}>
                <Select options={grids.map((g) => ({ value: g.id, label: g.name }))} />
              </Form.Item>
              <Form.Item name="title" label={t("标题", "Title")} rules={[{ required: true }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="content" label={t("内容", "Content")} rules={[{ required: true }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Space wrap>
                <Form.Item name="appellantName" label={t("诉求人", "Appellant")}>
                  <Input maxLength={40} />
                </Form.Item>
                <Form.Item name="appellantPhone" label={t("电话", "Phone")}>
                  <Input maxLength={20} />
                </Form.Item>
              </Space>
            </>
          )}
        </FormDialog>
      )}
    </>
  );
}
