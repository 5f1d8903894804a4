import { Col, DatePicker, Form, Input, Row, Select, Switch } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo } from "react";
import { type TOrg, ZOrgCreate, ZOrgUpdate } from "../../../contracts/platform";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { FormDialog, ymd } from "../../shared/form-dialog";
import { orgKindOptions } from "../../shared/labels";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { clean } from "../../shared/zod-form";
import { orgKeys } from "./organisations-api";

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
  return open ? <OrgForm org={org} onClose={onClose} /> : null;
}

function OrgForm({ org, onClose }: { org: TOrg | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const { communities, grids } = useCommunitiesAndGrids();
  const communityId = Form.useWatch("communityId", form);

  // A new organisation goes to the only community in scope (once the regions are known).
  useEffect(() => {
    if (!org && communities.length === 1 && !form.getFieldValue("communityId")) form.setFieldsValue({ communityId: communities[0].id });
  }, [org, form, communities]);

  const gridOptions = useMemo(
    () => grids.filter((g) => !communityId || g.communityId === communityId || g.parentId === communityId).map((g) => ({ value: g.id, label: g.name })),
    [grids, communityId],
  );

  const shaped = (raw: Values) => clean({ ...raw, foundedOn: ymd(raw.foundedOn), gridId: raw.gridId ?? null });
  const common = {
    title: org ? t(`编辑组织 · ${org.name}`, `Edit · ${org.name}`) : t("新增组织", "New organisation"),
    onClose,
    form,
    drawer: true,
    invalidate: [orgKeys.all, ["figures"]],
    done: (o: TOrg) => t(`已保存「${o.name}」`, `Saved ${o.name}`),
    initialValues: org
      ? {
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
        }
      : undefined,
  };
  const fields = (
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
  );
  return org ? (
    <FormDialog<Values, typeof ZOrgUpdate>
      {...common}
      schema={ZOrgUpdate}
      body={(raw) => {
        const { communityId: _c, ...patch } = shaped(raw);
        return { ...patch, archived: !!raw.archived };
      }}
      send={(d) => api.patch<TOrg>(`/api/organisations/${encodeURIComponent(org.id)}`, d)}
    >
      {fields}
    </FormDialog>
  ) : (
    <FormDialog<Values, typeof ZOrgCreate>
      {...common}
      schema={ZOrgCreate}
      body={(raw) => {
        const { archived: _a, ...body } = shaped(raw);
        return body;
      }}
      send={(d) => api.post<TOrg>("/api/organisations", d)}
    >
      {fields}
    </FormDialog>
  );
}
