import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, Switch } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo } from "react";
import { type TOrg, ZOrgCreate, ZOrgUpdate } from "../../../contracts/platform";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { orgKindOptions } from "../../shared/labels";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { useIsMobile } from "../../shared/use-mobile";
import { clean, validateWith } from "../../shared/zod-form";

type Values = {
  communityId?: string;
  gridId?: string | null;
  kind?: string;
  name?: string;
  shortName?: string;
  foundedOn?: Dayjs | null;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  note?: string;
  archived?: boolean;
};

export function OrgFormDrawer({ open, org, onClose }: { open: boolean; org: TOrg | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const mobile = useIsMobile();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { communities, grids } = useCommunitiesAndGrids();
  const communityId = Form.useWatch("communityId", form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (org)
      form.setFieldsValue({
        communityId: org.communityId,
        gridId: org.gridId,
        kind: org.kind,
        name: org.name,
        shortName: org.shortName ?? undefined,
        foundedOn: org.foundedOn ? dayjs(org.foundedOn) : null,
        address: org.address ?? undefined,
        contactName: org.contactName ?? undefined,
        contactPhone: org.contactPhone ?? undefined,
        note: org.note ?? undefined,
        archived: org.archived,
      });
    else if (communities.length === 1) form.setFieldsValue({ communityId: communities[0].id });
  }, [open, org, form, communities]);

  const gridOptions = useMemo(
    () => grids.filter((g) => !communityId || g.communityId === communityId || g.parentId === communityId).map((g) => ({ value: g.id, label: g.name })),
    [grids, communityId],
  );

  const save = useMutation({
    mutationFn: (body: unknown) =>
      org ? api.patch<TOrg>(`/api/organisations/${encodeURIComponent(org.id)}`, body) : api.post<TOrg>("/api/organisations", body),
    meta: { silent: true },
    onSuccess: (o) => {
      notify.success(t(`已保存「${o.name}」`, `Saved ${o.name}`));
      qc.invalidateQueries({ queryKey: ["organisations"] });
      qc.invalidateQueries({ queryKey: ["figures"] });
      onClose();
    },
  });

  const submit = (raw: Values) => {
    const v = clean({ ...raw, foundedOn: raw.foundedOn ? raw.foundedOn.format("YYYY-MM-DD") : null, gridId: raw.gridId ?? null });
    try {
      if (org) {
        const { communityId: _c, ...patch } = v;
        const data = validateWith(form, ZOrgUpdate, { ...patch, archived: !!raw.archived }, lang);
        if (data) save.mutate(data);
      } else {
        const { archived: _a, ...body } = v;
        const data = validateWith(form, ZOrgCreate, body, lang);
        if (data) save.mutate(data);
      }
    } catch (e) {
      notify.error((e as Error).message);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={mobile ? "100%" : 600}
      title={org ? t(`编辑组织 · ${org.name}`, `Edit · ${org.name}`) : t("新增组织", "New organisation")}
      destroyOnHidden
      footer={
        <Space style={{ float: "right" }}>
          <Button onClick={onClose}>{t("取消", "Cancel")}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t("保存", "Save")}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="name" label={t("组织名称", "Name")} rules={[{ required: true, message: t("请输入组织名称", "Enter the name") }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t("组织类型", "Kind")} rules={[{ required: true, message: t("请选择类型", "Choose a kind") }]}>
              <Select showSearch={{ optionFilterProp: "label" }} options={orgKindOptions(lang)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="shortName" label={t("简称", "Short name")}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="communityId" label={t("所属社区", "Community")} rules={[{ required: !org, message: t("请选择社区", "Choose a community") }]}>
              <Select disabled={!!org} options={communities.map((c) => ({ value: c.id, label: c.name }))} onChange={() => form.setFieldValue("gridId", null)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="gridId" label={t("所属网格", "Grid")}>
              <Select allowClear showSearch={{ optionFilterProp: "label" }} options={gridOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="foundedOn" label={t("成立日期", "Founded on")}>
              <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs())} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="contactName" label={t("联系人", "Contact")}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="contactPhone" label={t("联系电话", "Contact phone")}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t("地址", "Address")}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t("备注", "Note")}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
          {org && (
            <Col span={24}>
              <Form.Item name="archived" label={t("归档（已撤销 / 注销）", "Archived (dissolved)")} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
    </Drawer>
  );
}
