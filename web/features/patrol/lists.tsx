// Patrol points (admin, QR labels), the officer's rounds of today, and the review list of flagged check-ins.
import {
  CheckOutlined,
  CloseOutlined,
  DownloadOutlined,
  EditOutlined,
  PlusOutlined,
  PrinterOutlined,
  QrcodeOutlined,
  StopOutlined,
  UndoOutlined,
} from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, List, Modal, Progress, Select, Space, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import {
  CHECKIN_FLAG_LABELS,
  CHECKIN_RESULT_LABELS,
  PATROL_FORCE_LABELS,
  REVIEW_STATUS_LABELS,
  ROUND_STATUS_LABELS,
  type TCheckin,
  type TPoint,
} from "../../../contracts/patrol";
import { api, download, qs } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { ExportButton } from "../../shared/export-button";
import { FilterSelect } from "../../shared/filter-select";
import { FormDialog } from "../../shared/form-dialog";
import { ListTable, QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { SearchBox } from "../../shared/search-box";
import { useListParams } from "../../shared/use-list-params";
import { useIsMobile } from "../../shared/use-mobile";
import { VoidButton, VoidedTag, voidedFilter } from "../../shared/void-control";
import { ForceFilter } from "./filters";
import { ImportPointsButton } from "./import-points";
import { useMyRounds, usePointAction, usePointLabels, usePoints, useReviewCheckins } from "./patrol-api";
import { kindOptions, PointFormDrawer } from "./point-form";
import { useOutbox } from "./use-outbox";

const POINT_FILTERS = ["q", "kind", "force", "gridId", "active"] as const;

export function PointsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const list = useListParams(POINT_FILTERS);
  const { grids } = useCommunitiesAndGrids();
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState<{ point: TPoint | null } | null>(null);
  const mobile = useIsMobile();
  const q = usePoints(list.query);
  const admin = can("patrol.admin");
  const act = usePointAction(
    (action) =>
      notify.success(action === "regenerate-code" ? t("已重新生成二维码，旧码失效", "New QR code made; the old one no longer matches") : t("已保存", "Saved")),
    (e) => notify.error(e.message),
  );
  const columns: ColumnsType<TPoint> = [
    { key: "code", title: t("编码", "Code"), dataIndex: "code" },
    {
      key: "name",
      title: t("名称", "Name"),
      render: (_, p) => (
        <>
          <Space size={4}>
            {admin ? (
              <Typography.Link strong delete={!p.active} onClick={() => setEditing({ point: p })}>
                {p.name}
              </Typography.Link>
            ) : (
              <Typography.Text strong delete={!p.active}>
                {p.name}
              </Typography.Text>
            )}
            {!p.active && <Tag>{t("已停用", "Retired")}</Tag>}
          </Space>
          {mobile && (
            <div className="person-sub">{`${p.code} · ${kindOptions(lang).find((k) => k.value === p.kind)?.label ?? p.kind} · ${p.gridName ?? ""}`}</div>
          )}
        </>
      ),
    },
    { key: "kind", title: t("类型", "Kind"), render: (_, p) => kindOptions(lang).find((k) => k.value === p.kind)?.label ?? p.kind },
    { key: "grid", title: t("网格", "Grid"), dataIndex: "gridName" },
    { key: "force", title: t("巡查力量", "Force"), render: (_, p) => PATROL_FORCE_LABELS[p.force][lang] },
    { key: "team", title: t("队伍", "Team"), render: (_, p) => p.teamName ?? "—" },
    { key: "radius", title: t("半径", "Radius"), render: (_, p) => `${p.radiusM} m` },
    { key: "checklist", title: t("检查项", "Checklist"), render: (_, p) => t(`${p.checklist.length} 项`, String(p.checklist.length)) },
    {
      key: "actions",
      title: t("操作", "Actions"),
      render: (_, p) =>
        admin && (
          <Space size={0}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ point: p })} aria-label={t("编辑", "Edit")}>
              {!mobile && t("编辑", "Edit")}
            </Button>
            <Button
              type="link"
              size="small"
              icon={<QrcodeOutlined />}
              aria-label={t("换码", "New code")}
              disabled={!p.active}
              onClick={() =>
                Modal.confirm({
                  title: t(`重新生成「${p.name}」的二维码？`, `Make a new QR code for ${p.name}?`),
                  content: t(
                    "旧二维码将立即失效：已张贴的标签需换成新打印的，扫旧码的打卡会被标记为“二维码不符”。",
                    "The old code stops working at once: replace the posted label with a newly printed one; check-ins with the old code are flagged as not matching.",
                  ),
                  okText: t("重新生成", "Make a new code"),
                  okButtonProps: { danger: true },
                  onOk: () => act.mutateAsync({ id: p.id, action: "regenerate-code" }),
                })
              }
            >
              {!mobile && t("换码", "New code")}
            </Button>
            {p.active ? (
              <Button
                type="link"
                size="small"
                danger
                icon={<StopOutlined />}
                aria-label={t("停用", "Retire")}
                onClick={() =>
                  Modal.confirm({
                    title: t(`停用「${p.name}」？`, `Retire ${p.name}?`),
                    content: t(
                      "停用后不再接受打卡，也不计入在用巡查点；可随时重新启用。",
                      "A retired point takes no check-ins and leaves the count of points in use; it can be reactivated.",
                    ),
                    okText: t("停用", "Retire"),
                    okButtonProps: { danger: true },
                    onOk: () => act.mutateAsync({ id: p.id, action: "retire" }),
                  })
                }
              >
                {!mobile && t("停用", "Retire")}
              </Button>
            ) : (
              <Button
                type="link"
                size="small"
                icon={<UndoOutlined />}
                onClick={() => act.mutate({ id: p.id, action: "reactivate" })}
                aria-label={t("启用", "Reactivate")}
              >
                {!mobile && t("启用", "Reactivate")}
              </Button>
            )}
          </Space>
        ),
    },
  ];
  return (
    <>
      <PageHead
        title={t("巡查点", "Patrol points")}
        subtitle={t(
          "位置、半径、巡查力量与检查项；二维码标签张贴在点位，手机扫码即打开打卡页",
          "Location, radius, force and checklist; the QR label at the point opens the check-in page",
        )}
        extra={
          <>
            {admin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ point: null })}>
                {t("新增巡查点", "New point")}
              </Button>
            )}
            {admin && (
              <Button icon={<PrinterOutlined />} disabled={!selected.length} onClick={() => nav(`/patrol/labels?ids=${selected.join(",")}`)}>
                {t(`打印二维码（${selected.length}）`, `Print QR labels (${selected.length})`)}
              </Button>
            )}
            {admin && <ImportPointsButton />}
            {can("patrol.export") && <ExportButton href="/api/patrol/points/export" params={list.query} fileName={t("巡查点.xlsx", "patrol-points.xlsx")} />}
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                download(`/api/patrol/points/geojson${qs({ active: list.filters.active })}`, "patrol-points.geojson").catch((e) => notify.error(e.message))
              }
            >
              {t("导出 GeoJSON", "Export GeoJSON")}
            </Button>
          </>
        }
      />
      <div className="filter-bar">
        <SearchBox value={list.filters.q} onSearch={(v) => list.setFilters({ q: v })} placeholder={t("名称 / 编码", "Name / code")} />
        <FilterSelect list={list} name="kind" placeholder={t("全部类型", "All kinds")} options={kindOptions(lang)} aria-label={t("类型", "Kind")} />
        <ForceFilter list={list} />
        <FilterSelect
          list={list}
          name="gridId"
          placeholder={t("全部网格", "All grids")}
          options={grids.map((g) => ({ value: g.id, label: g.name }))}
          aria-label={t("网格", "Grid")}
        />
        <Select
          value={list.filters.active ?? "1"}
          onChange={(v) => list.setFilters({ active: v === "1" ? undefined : v })}
          options={[
            { value: "1", label: t("启用中", "Active") },
            { value: "0", label: t("已停用", "Retired") },
            { value: "all", label: t("全部", "All") },
          ]}
          aria-label={t("状态", "State")}
        />
      </div>
      <ListTable<TPoint>
        rowKey="id"
        query={q}
        list={list}
        columns={mobile ? columns.filter((c) => c.key === "name" || c.key === "actions") : columns}
        rowSelection={admin ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), preserveSelectedRowKeys: true } : undefined}
      />
      <PointFormDrawer open={!!editing} point={editing?.point ?? null} onClose={() => setEditing(null)} />
    </>
  );
}

/** One label per point: name, code and the QR code (drawn by the server as SVG), laid out for A4. */
export function LabelsPage() {
  const { t } = useI18n();
  const nav = useNavigate();
  const [sp] = useSearchParams();
  const ids = sp.get("ids") ?? "";
  const q = usePointLabels(ids);
  if (!ids) return <Alert type="info" title={t("请先在巡查点列表中勾选要打印的点位", "Select points in the list first")} />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button onClick={() => nav("/patrol/points")}>{t("返回巡查点", "Back to points")}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t(`打印（${q.data?.length ?? 0} 张）`, `Print (${q.data?.length ?? 0})`)}
        </Button>
      </Space>
      <style>{`
        .patrol-labels { display: grid; grid-template-columns: repeat(auto-fill, minmax(62mm, 1fr)); gap: 6mm; }
        .patrol-label { border: 1px dashed #999; padding: 4mm; text-align: center; break-inside: avoid; background: #fff; }
        .patrol-label svg { width: 44mm; height: 44mm; }
        .patrol-label .url { font-size: 7pt; word-break: break-all; color: #555; }
        @media print { .no-print, .app-sider, .app-header, header, nav, aside { display: none !important; } .patrol-labels { grid-template-columns: repeat(3, 1fr); } }
      `}</style>
      <div className="patrol-labels">
        {(q.data ?? []).map((l) => (
          <div className="patrol-label" key={l.pointId}>
            <div style={{ fontWeight: 600, fontSize: "12pt" }}>{l.name}</div>
            <div style={{ fontSize: "9pt" }}>
              {t("巡查点", "Point")} {l.code} · {t("扫码打卡", "Scan to check in")}
            </div>
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: SVG drawn by our own QR encoder from the URL */}
            <div dangerouslySetInnerHTML={{ __html: l.svg }} />
            <div className="url">{l.url}</div>
          </div>
        ))}
      </div>
    </>
  );
}

/** The officer's rounds of today and what is left, plus the phone's outbox. */
export function MinePage() {
  const { t, lang } = useI18n();
  const box = useOutbox();
  const q = useMyRounds();
  const waiting = box.items.filter((c) => c.status === "waiting");
  const refused = box.items.filter((c) => c.status === "rejected");
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <div className="patrol-phone">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t("我的今日巡查", "My rounds today")}
      </Typography.Title>
      {waiting.length > 0 && (
        <Alert
          style={{ marginBottom: 8 }}
          type="info"
          showIcon
          title={t(`手机上有 ${waiting.length} 条打卡待上传`, `${waiting.length} check-in(s) waiting on this phone`)}
          action={
            <Button size="small" onClick={() => box.flush()} disabled={!box.online}>
              {t("立即上传", "Send now")}
            </Button>
          }
          data-testid="outbox-count"
        />
      )}
      {refused.map((c) => (
        <Alert key={c.clientId} style={{ marginBottom: 8 }} type="error" showIcon title={`${c.pointName}：${c.reason ?? ""}`} />
      ))}
      {q.data?.length === 0 && <Alert type="info" title={t("今天没有分配给您的巡查轮次", "No rounds assigned to you today")} />}
      {(q.data ?? []).map((r) => (
        <Card
          key={r.id}
          size="small"
          style={{ marginBottom: 8 }}
          title={`${r.planName} · ${dayjs(r.windowStart).format("HH:mm")}–${dayjs(r.windowEnd).format("HH:mm")}`}
          extra={<Tag>{ROUND_STATUS_LABELS[r.status][lang]}</Tag>}
        >
          <Progress percent={Math.round(((r.points ?? []).filter((p) => p.visited).length / Math.max(1, (r.points ?? []).length)) * 100)} size="small" />
          <List
            size="small"
            dataSource={r.points ?? []}
            renderItem={(p) => (
              <List.Item>
                <span>{p.name}</span>
                {p.visited ? <Tag color="green">{t("已巡", "Done")}</Tag> : <Link to={`/patrol/checkin/${p.id}`}>{t("定位打卡", "Check in")}</Link>}
              </List.Item>
            )}
          />
        </Card>
      ))}
    </div>
  );
}

const REVIEW_FILTERS = ["review", "force", "gridId", "from", "to", "voided"] as const;

/**
 * Flagged check-ins for a supervisor to accept or reject (the flags stay on the record either way),
 * or every check-in ("全部打卡"); the patrol's administrator voids one entered by mistake here.
 */
export function ReviewPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const list = useListParams(REVIEW_FILTERS);
  const { grids } = useCommunitiesAndGrids();
  const review = list.filters.review ?? "pending";
  const query = review === "any" ? { ...list.query, review: undefined } : { ...list.query, review, flagged: "1" };
  const canVoid = can("patrol.admin");
  const q = useReviewCheckins(query);
  const [noteFor, setNoteFor] = useState<{ c: TCheckin; decision: "accepted" | "rejected" } | null>(null);
  const canReview = can("patrol.review");
  const columns: ColumnsType<TCheckin> = [
    { key: "time", title: t("打卡时间", "Time"), render: (_, c) => dayjs(c.deviceTime).format("YYYY-MM-DD HH:mm") },
    { key: "point", title: t("巡查点", "Point"), render: (_, c) => c.pointName },
    { key: "user", title: t("巡查人", "Officer"), render: (_, c) => `${c.userName} · ${PATROL_FORCE_LABELS[c.force][lang]}` },
    {
      key: "flags",
      title: t("标记", "Flags"),
      render: (_, c) => (
        <Space size={[0, 4]} wrap>
          {c.flags.map((f) => (
            <Tag key={f} color="orange">
              {CHECKIN_FLAG_LABELS[f][lang]}
            </Tag>
          ))}
        </Space>
      ),
    },
    { key: "distance", title: t("距离", "Distance"), render: (_, c) => `${c.distanceM} m${c.accuracyM != null ? ` (±${Math.round(c.accuracyM)})` : ""}` },
    {
      key: "result",
      title: t("结果", "Result"),
      render: (_, c) => (
        <>
          <Tag color={c.result === "abnormal" ? "red" : undefined}>{CHECKIN_RESULT_LABELS[c.result][lang]}</Tag>
          <VoidedTag voided={c.voided} />
        </>
      ),
    },
    { key: "review", title: t("审核", "Review"), render: (_, c) => `${REVIEW_STATUS_LABELS[c.reviewStatus][lang]}${c.reviewedBy ? ` · ${c.reviewedBy}` : ""}` },
    {
      key: "actions",
      title: t("操作", "Actions"),
      render: (_, c) => (
        <Space size={0}>
          {canReview && c.reviewStatus === "pending" && !c.voided && (
            <>
              <Button type="link" size="small" icon={<CheckOutlined />} onClick={() => setNoteFor({ c, decision: "accepted" })}>
                {t("认可", "Accept")}
              </Button>
              <Button type="link" size="small" danger icon={<CloseOutlined />} onClick={() => setNoteFor({ c, decision: "rejected" })}>
                {t("驳回", "Reject")}
              </Button>
            </>
          )}
          {canVoid && (
            <VoidButton compact url={`/api/patrol/checkins/${c.id}`} voided={c.voided} what={t("打卡", "check-in")} invalidate={[["patrol", "checkins"]]} />
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageHead
        title={t("打卡审核", "Flagged check-ins")}
        subtitle={t(
          "超出范围、二维码不符、速度异常、重复打卡、设备时间偏差的打卡均保留，由督导认可或驳回",
          "Check-ins outside the radius, with a wrong code, impossible speed, repeats or clock skew are kept for a supervisor to accept or reject",
        )}
        extra={can("patrol.export") && <ExportButton href="/api/patrol/checkins/export" params={query} fileName={t("巡查打卡.xlsx", "patrol-checkins.xlsx")} />}
      />
      <div className="filter-bar">
        <Select
          value={review}
          onChange={(v) => list.setFilters({ review: v })}
          options={[
            ...(["pending", "accepted", "rejected"] as const).map((k) => ({ value: k, label: REVIEW_STATUS_LABELS[k][lang] })),
            { value: "any", label: t("全部打卡", "All check-ins") },
          ]}
          aria-label={t("审核状态", "Review")}
        />
        <ForceFilter list={list} />
        <FilterSelect
          list={list}
          name="gridId"
          placeholder={t("全部网格", "All grids")}
          options={grids.map((g) => ({ value: g.id, label: g.name }))}
          aria-label={t("网格", "Grid")}
        />
        {canVoid && <FilterSelect list={list} name="voided" {...voidedFilter(t)} style={{ minWidth: 130 }} aria-label={t("作废", "Voided")} />}
      </div>
      <ListTable<TCheckin> rowKey="id" query={q} list={list} columns={columns} empty={t("没有需要审核的打卡", "Nothing to review")} />
      {noteFor && (
        <FormDialog<{ note?: string }>
          title={noteFor.decision === "accepted" ? t("认可该打卡", "Accept this check-in") : t("驳回该打卡", "Reject this check-in")}
          onClose={() => setNoteFor(null)}
          body={(v) => ({ decision: noteFor.decision, note: v.note?.trim() || undefined })}
          send={(d) => api.post(`/api/patrol/checkins/${noteFor.c.id}/review`, d)}
          done={t("已审核", "Reviewed")}
          invalidate={[["patrol", "checkins"]]}
          okText={t("确定", "OK")}
        >
          <Form.Item name="note" noStyle>
            <Input.TextArea rows={3} placeholder={t("说明（可选）", "Note (optional)")} maxLength={500} />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}
