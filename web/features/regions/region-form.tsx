import { Col, DatePicker, Form, Input, InputNumber, Row, Switch, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type TRegion, ZRegionCreate, ZRegionUpdate } from "../../../contracts/platform";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { FormDialog, ymd } from "../../shared/form-dialog";
import { levelLabel } from "../../shared/labels";
import { clean } from "../../shared/zod-form";

type Values = {
  name?: string;
  code?: string;
  boundary?: string;
  lat?: number | null;
  lng?: number | null;
  sort?: number | null;
  archived?: boolean;
  establishedOn?: Dayjs | null;
};

/** Create a child region (parent + level given) or edit one. */
export type RegionFormTarget = { mode: "create"; parent: TRegion; level: string } | { mode: "edit"; region: TRegion } | null;

/** A boundary as typed: GeoJSON geometry (a whole Feature gives its geometry), null when empty. */
function parseBoundary(text: string | undefined): unknown {
  if (!text?.trim()) return null;
  const g = JSON.parse(text);
  return g && typeof g === "object" && (g as { type?: string }).type === "Feature" ? (g as { geometry: unknown }).geometry : g;
}

export function RegionForm({ target, onClose, onSaved }: { target: RegionFormTarget; onClose: () => void; onSaved: (r: TRegion) => void }) {
  const { t } = useI18n();
  if (!target) return null;
  const bodyOf = (raw: Values) => {
    const v = clean({ name: raw.name, code: raw.code });
    return {
      ...v,
      boundary: parseBoundary(raw.boundary),
      lat: raw.lat ?? null,
      lng: raw.lng ?? null,
      establishedOn: ymd(raw.establishedOn),
      ...(raw.sort != null ? { sort: raw.sort } : {}),
    };
  };
  const level = target.mode === "edit" ? target.region.level : target.level;
  const title =
    target.mode === "edit"
      ? t(
          `编辑${levelLabel(target.region.level, "zh")} · ${target.region.name}`,
          `Edit ${levelLabel(target.region.level, "en").toLowerCase()} · ${target.region.name}`,
        )
      : t(`在「${target.parent.name}」下新增${levelLabel(target.level, "zh")}`, `New ${levelLabel(target.level, "en").toLowerCase()} in ${target.parent.name}`);
  const r = target.mode === "edit" ? target.region : null;
  const common = {
    title,
    onClose,
    width: 640,
    done: (x: TRegion) => t(`已保存「${x.name}」`, `Saved ${x.name}`),
    invalidate: [["regions"]],
    onDone: onSaved,
    initialValues: r
      ? {
          name: r.name,
          code: r.code ?? undefined,
          boundary: r.boundary ? JSON.stringify(r.boundary, null, 2) : undefined,
          lat: r.lat,
          lng: r.lng,
          sort: r.sort,
          archived: r.archived,
          establishedOn: r.establishedOn ? dayjs(r.establishedOn) : null,
        }
      : target.mode === "create"
        ? { code: target.parent.code ?? undefined }
        : undefined,
  };

  const fields = (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item name="name" label={t("名称", "Name")} rules={[{ required: true, message: t("请输入名称", "Enter a name") }]}>
          <Input maxLength={60} placeholder={level === "grid" ? t("例如：第3网格", "e.g. Grid 3") : undefined} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name="code"
          label={t("编码", "Code")}
          extra={
            level === "grid"
              ? t("单元网格编码 14 位：6 位区县 + 3 位街道 + 3 位社区 + 2 位序号", "14-digit grid code: 6 county + 3 subdistrict + 3 community + 2 sequence")
              : t("6–14 位数字", "6–14 digits")
          }
        >
          <Input maxLength={14} inputMode="numeric" style={{ fontVariantNumeric: "tabular-nums" }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name="establishedOn"
          label={t("设立日期", "Set up on")}
          extra={t(
            "实际设立的日期（早于录入时填写，往年的网格数据按此统计）",
            "When it was set up in reality (if before today: past years' figures count it from then)",
          )}
        >
          <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item name="lat" label={t("纬度", "Latitude")}>
          <InputNumber style={{ width: "100%" }} min={-90} max={90} step={0.0001} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item name="lng" label={t("经度", "Longitude")}>
          <InputNumber style={{ width: "100%" }} min={-180} max={180} step={0.0001} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item name="sort" label={t("排序", "Order")}>
          <InputNumber style={{ width: "100%" }} precision={0} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          name="boundary"
          label={t("边界（GeoJSON）", "Boundary (GeoJSON)")}
          rules={[
            {
              validator: async (_, text?: string) => {
                try {
                  parseBoundary(text);
                } catch {
                  throw new Error(t("不是有效的 JSON", "Not valid JSON"));
                }
              },
            },
          ]}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(
                'Polygon 或 MultiPolygon，坐标为 [经度, 纬度]，例如 {"type":"Polygon","coordinates":[[[114.03,22.70],…]]}',
                'Polygon or MultiPolygon with [lng, lat] pairs, e.g. {"type":"Polygon","coordinates":[[[114.03,22.70],…]]}',
              )}
            </Typography.Text>
          }
        >
          <Input.TextArea rows={6} spellCheck={false} style={{ fontFamily: "ui-monospace, Menlo, Consolas, monospace", fontSize: 12 }} />
        </Form.Item>
      </Col>
      {target.mode === "edit" && (
        <Col span={24}>
          <Form.Item name="archived" label={t("归档（撤并后停用）", "Archived (merged or retired)")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
  return target.mode === "edit" ? (
    <FormDialog<Values, typeof ZRegionUpdate>
      {...common}
      schema={ZRegionUpdate}
      body={(raw) => ({ ...bodyOf(raw), archived: !!raw.archived })}
      send={(d) => api.patch<TRegion>(`/api/regions/${encodeURIComponent(target.region.id)}`, d)}
    >
      {fields}
    </FormDialog>
  ) : (
    <FormDialog<Values, typeof ZRegionCreate>
      {...common}
      schema={ZRegionCreate}
      body={(raw) => ({ ...bodyOf(raw), parentId: target.parent.id, level: target.level })}
      send={(d) => api.post<TRegion>("/api/regions", d)}
    >
      {fields}
    </FormDialog>
  );
}
