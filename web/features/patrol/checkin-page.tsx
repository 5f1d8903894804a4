// 巡查打卡 on a phone: the page a point's QR code opens. Reads the GPS position and its accuracy,
// shows the checklist, takes 正常/异常 with a note and photos, and submits through the outbox
// (IndexedDB): without network the check-in waits on the phone and is sent when it returns.
import { CameraOutlined, CheckCircleFilled, CloudSyncOutlined, EnvironmentOutlined, WarningFilled } from "@ant-design/icons";
import { Alert, Button, Card, Checkbox, Input, Radio, Result, Space, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { QueryError } from "../../shared/list-table";
import { newClientId, outbox, type QueuedCheckin } from "./offline-queue";
import { useCheckinInfo } from "./patrol-api";
import { useOutbox } from "./use-outbox";

type Fix = { lat: number; lng: number; accuracy: number; at: number };

function distance(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const R = 6_371_000;
  const r = Math.PI / 180;
  const x = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lng - a.lng) * r) / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(x)));
}

export default function CheckinPage() {
  const { t } = useI18n();
  const { pointId = "" } = useParams();
  const [sp] = useSearchParams();
  const token = sp.get("t");
  const info = useCheckinInfo(pointId, token);
  const box = useOutbox();
  const [fix, setFix] = useState<Fix | null>(null);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [result, setResult] = useState<"normal" | "abnormal">("normal");
  const [note, setNote] = useState("");
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [photos, setPhotos] = useState<File[]>([]);
  const [done, setDone] = useState<{ state: "sent" | "queued" | "rejected"; flags: string[]; reason?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!("geolocation" in navigator)) {
      setGeoError(t("此浏览器无法定位", "This browser cannot read the location"));
      return;
    }
    const id = navigator.geolocation.watchPosition(
      (p) => {
        setFix({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy, at: p.timestamp });
        setGeoError(null);
      },
      (e) =>
        setGeoError(
          e.code === 1
            ? t("请允许浏览器使用定位", "Allow the browser to use your location")
            : t("暂时无法定位，请到开阔处重试", "No position yet; try in the open"),
        ),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [t]);

  const point = info.data?.point;
  const dist = useMemo(() => (point && fix ? Math.round(distance(point, fix)) : null), [point, fix]);
  useEffect(() => {
    if (point) setChecked(Object.fromEntries(point.checklist.map((c) => [c, true])));
  }, [point]);

  if (info.isError) return <QueryError error={info.error} onRetry={() => info.refetch()} />;
  if (!point) return <Card loading />;

  const submit = async () => {
    if (!fix) return;
    setBusy(true);
    const entry: QueuedCheckin = {
      clientId: newClientId(),
      pointId: point.id,
      pointName: point.name,
      method: token ? "qr" : "gps",
      token,
      deviceTime: new Date().toISOString(),
      lat: fix.lat,
      lng: fix.lng,
      accuracyM: Math.round(fix.accuracy),
      result,
      note: note.trim() || null,
      checklist: checked,
      photos: [],
      photoBlobs: photos.map((f) => ({ name: f.name, type: f.type, blob: f })),
      status: "waiting",
      queuedAt: new Date().toISOString(),
    };
    try {
      await outbox.put(entry);
      await box.flush();
      const left = (await outbox.all()).find((c) => c.clientId === entry.clientId);
      if (!left) {
        const mine = await api
          .get<{ items: Array<{ clientId: string; flags: string[] }> }>("/api/patrol/checkins", { pointId: point.id, mine: "1", pageSize: 5 })
          .catch(() => null);
        setDone({ state: "sent", flags: mine?.items.find((c) => c.clientId === entry.clientId)?.flags ?? [] });
      } else if (left.status === "rejected") setDone({ state: "rejected", flags: [], reason: left.reason });
      else setDone({ state: "queued", flags: [] });
    } finally {
      setBusy(false);
    }
  };

  const waiting = box.items.filter((c) => c.status === "waiting");
  const outside = dist != null && fix != null && dist > point.radiusM + Math.min(fix.accuracy, 50);

  if (done)
    return (
      <div className="patrol-phone">
        <Result
          status={done.state === "sent" ? (done.flags.length ? "warning" : "success") : done.state === "queued" ? "info" : "error"}
          title={
            done.state === "sent"
              ? t("打卡成功", "Checked in")
              : done.state === "queued"
                ? t("已保存在手机上，联网后自动上传", "Saved on the phone; it will be sent when the network returns")
                : t("打卡未被接受", "Check-in refused")
          }
          subTitle={
            done.state === "rejected"
              ? done.reason
              : done.flags.length
                ? t(`已记录，待督导审核：${done.flags.join("、")}`, `Recorded, flagged for review: ${done.flags.join(", ")}`)
                : point.name
          }
          extra={[
            <Link key="rounds" to="/patrol/mine">
              <Button type="primary">{t("我的今日巡查", "My rounds today")}</Button>
            </Link>,
          ]}
        />
        {waiting.length > 0 && (
          <Alert
            type="info"
            showIcon
            icon={<CloudSyncOutlined />}
            title={t(`待上传 ${waiting.length} 条`, `${waiting.length} waiting to be sent`)}
            data-testid="outbox-count"
          />
        )}
      </div>
    );

  return (
    <div className="patrol-phone">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {point.name}
      </Typography.Title>
      <Space wrap size={4} style={{ marginBottom: 8 }}>
        <Tag>{point.kind}</Tag>
        <Tag>{point.code}</Tag>
        {point.gridName && <Tag>{point.gridName}</Tag>}
      </Space>
      {!box.online && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t("当前无网络：打卡将保存在手机上，联网后自动上传", "Offline: the check-in will be kept on the phone and sent later")}
        />
      )}
      {!point.active && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={t("该巡查点已停用", "This point is retired")} />}
      {info.data?.tokenValid === false && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={t("二维码已失效（已重新生成），打卡将被标记", "This QR code has been replaced; the check-in will be flagged")}
        />
      )}
      <Card size="small" style={{ marginBottom: 8 }}>
        <Space>
          <EnvironmentOutlined />
          {fix ? (
            <span data-testid="gps">
              {t("距点位", "Distance")} <b>{dist} m</b> · {t("精度", "accuracy")} ±{Math.round(fix.accuracy)} m
            </span>
          ) : (
            <span>{geoError ?? t("正在定位…", "Locating…")}</span>
          )}
        </Space>
        {outside && (
          <div style={{ color: "#d46b08", marginTop: 4 }}>
            <WarningFilled /> {t(`不在点位 ${point.radiusM} 米范围内，打卡会被标记`, `Outside the ${point.radiusM} m radius; the check-in will be flagged`)}
          </div>
        )}
      </Card>
      {point.checklist.length > 0 && (
        <Card size="small" title={t("检查项", "Checklist")} style={{ marginBottom: 8 }}>
          {point.checklist.map((c) => (
            <div key={c}>
              <Checkbox checked={checked[c] ?? false} onChange={(e) => setChecked({ ...checked, [c]: e.target.checked })}>
                {c}
              </Checkbox>
            </div>
          ))}
        </Card>
      )}
      <Card size="small" style={{ marginBottom: 8 }}>
        <Radio.Group value={result} onChange={(e) => setResult(e.target.value)} buttonStyle="solid" style={{ width: "100%", display: "flex" }}>
          <Radio.Button value="normal" style={{ flex: 1, textAlign: "center" }}>
            {t("正常", "Normal")}
          </Radio.Button>
          <Radio.Button value="abnormal" style={{ flex: 1, textAlign: "center" }}>
            {t("异常", "Abnormal")}
          </Radio.Button>
        </Radio.Group>
        <Input.TextArea
          style={{ marginTop: 8 }}
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={
            result === "abnormal"
              ? t("请描述异常情况（将生成隐患整改单）", "Describe the problem (a hazard will be opened)")
              : t("备注（可选）", "Note (optional)")
          }
          aria-label={t("备注", "Note")}
        />
        <label className="patrol-photo">
          <CameraOutlined /> {photos.length ? t(`已选 ${photos.length} 张照片`, `${photos.length} photo(s)`) : t("拍照 / 选择照片", "Take or choose photos")}
          <input type="file" accept="image/*" capture="environment" multiple hidden onChange={(e) => setPhotos([...(e.target.files ?? [])].slice(0, 9))} />
        </label>
      </Card>
      <Button
        type="primary"
        block
        size="large"
        icon={<CheckCircleFilled />}
        disabled={!fix || (result === "abnormal" && !note.trim())}
        loading={busy}
        onClick={submit}
      >
        {t("提交打卡", "Check in")}
      </Button>
      {waiting.length > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="info"
          showIcon
          icon={<CloudSyncOutlined />}
          title={t(`手机上有 ${waiting.length} 条打卡待上传`, `${waiting.length} check-in(s) waiting on this phone`)}
          action={
            <Button size="small" onClick={() => box.flush()} disabled={!box.online}>
              {t("立即上传", "Send now")}
            </Button>
          }
          data-testid="outbox-count"
        />
      )}
    </div>
  );
}
