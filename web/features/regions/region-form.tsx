import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Col, Form, Input, InputNumber, Modal, Row, Switch, Typography } from "antd";
import { useEffect } from "react";
import { type TRegion, ZRegionCreate, ZRegionUpdate } from "../../../contracts/platform";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { levelLabel } from "../../shared/labels";
import { clean, validateWith } from "../../shared/zod-form";

type Values = { name?: string; code?: string; boundary?: string; lat?: number | null; lng?: number | null; sort?: number | null; archived?: boolean };

/** Create a child region (parent + level given) or edit one. */
export type RegionFormTarget = { mode: "create"; parent: TRegion; level: string } | { mode: "edit"; region: TRegion } | null;

export function RegionForm({ target, onClose, onSaved }: { target: RegionFormTarget; onClose: () => void; onSaved: (r: TRegion) => void }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === "edit") {
      const r = target.region;
      form.setFieldsValue({
        name: r.name,
        code: r.code ?? undefined,
        boundary: r.boundary ? JSON.stringify(r.boundary, null, 2) : undefined,
        lat: r.lat,
        lng: r.lng,
        sort: r.sort,
        archived: r.archived,
      });
    } else form.setFieldsValue({ code: target.parent.code ?? undefined });
  }, [target, form]);

  const save = useMutation({
    mutationFn: (body: unknown) =>
      target?.mode === "edit" ? api.patch<TRegion>(`/api/regions/${encodeURIComponent(target.region.id)}`, body) : api.post<TRegion>("/api/regions", body),
    meta: { silent: true },
    onSuccess: (r) => {
      notify.success(t(`已保存「${r.name}」`, `Saved ${r.name}`));
      qc.invalidateQueries({ queryKey: ["regions"] });
      onSaved(r);
    },
  });

  const submit = (raw: Values) => {
    let boundary: unknown = null;
    if (raw.boundary?.trim()) {
      try {
        boundary = JSON.parse(raw.boundary);
        // accept a whole Feature too, keep its geometry
        if (boundary && typeof boundary === "object" && (boundary as { type?: string }).type === "Feature")
          boundary = (boundary as { geometry: unknown }).geometry;
      } catch {
        form.setFields([{ name: "boundary", errors: [t("不是有效的 JSON", "Not valid JSON")] }]);
        return;
      }
    }
    const v = clean({ name: raw.name, code: raw.code });
    const body = { ...v, boundary, lat: raw.lat ?? null, lng: raw.lng ?? null, ...(raw.sort != null ? { sort: raw.sort } : {}) };
    try {
      if (target?.mode === "edit") {
        const data = validateWith(form, ZRegionUpdate, { ...body, archived: !!raw.archived }, lang);
        if (data) save.mutate(data);
      } else if (target) {
        const data = validateWith(form, ZRegionCreate, { ...body, parentId: target.parent.id, level: target.level }, lang);
        if (data) save.mutate(data);
      }
    } catch (e) {
      notify.error((e as Error).message);
    }
  };

  const level = target?.mode === "edit" ? target.region.level : target?.level;
  const title =
    target?.mode === "edit"
      ? t(
          `编辑${levelLabel(target.region.level, "zh")} · ${target.region.name}`,
          `Edit ${levelLabel(target.region.level, "en").toLowerCase()} · ${target.region.name}`,
        )
      : target
        ? t(
            `在「${target.parent.name}」下新增${levelLabel(target.level, "zh")}`,
            `New ${levelLabel(target.level, "en").toLowerCase()} in ${target.parent.name}`,
          )
        : "";

  return (
    <Modal
      open={!!target}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("保存", "Save")}
      cancelText={t("取消", "Cancel")}
      confirmLoading={save.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
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
                  ? t(
                      "单元网格编码 14 位：6 位区县 + 3 位街道 + 3 位社区 + 2 位序号",
                      "14-digit grid code: 6 county + 3 subdistrict + 3 community + 2 sequence",
                    )
                  : t("6–14 位数字", "6–14 digits")
              }
            >
              <Input maxLength={14} inputMode="numeric" style={{ fontVariantNumeric: "tabular-nums" }} />
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
          {target?.mode === "edit" && (
            <Col span={24}>
              <Form.Item name="archived" label={t("归档（撤并后停用）", "Archived (merged or retired)")} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
    </Modal>
  );
}
