// 登记 / 编辑实有人口. Personal data is never shown in full here: on edit, the phone and the
// address fields start empty (the masked value is the placeholder) and are sent only if re-typed.
import { Col, DatePicker, Form, Input, Radio, Row, Select, Switch } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo } from "react";
import { idNumberValid, type TPerson, ZPersonCreate, ZPersonUpdate } from "../../../contracts/platform";
import { api } from "../../api/client";
import { useMe } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { FormDialog, ymd } from "../../shared/form-dialog";
import { genderOptions, personKindOptions, tagOptions } from "../../shared/labels";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { clean } from "../../shared/zod-form";
import { peopleKeys } from "./people-api";

type Values = {
  name: string;
  gender: "M" | "F";
  birthDate?: Dayjs | null;
  idNumber?: string;
  phone?: string;
  address?: string;
  communityId?: string;
  gridId?: string | null;
  kind: "registered" | "migrant" | "foreign";
  tags: string[];
  note?: string;
  archived?: boolean;
};

export function PersonFormDrawer({ open, person, onClose }: { open: boolean; person: TPerson | null; onClose: () => void }) {
  return open ? <PersonForm person={person} onClose={onClose} /> : null;
}

function PersonForm({ person, onClose }: { person: TPerson | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { communities, grids } = useCommunitiesAndGrids();
  const editing = !!person;
  const communityId = Form.useWatch("communityId", form);

  // A new resident goes to the grid in scope, or the only community (once the regions are known).
  useEffect(() => {
    if (person || form.getFieldValue("communityId")) return;
    const scopeGrid = grids.find((g) => g.id === me.scope.regionId);
    const community = scopeGrid?.communityId ?? (communities.length === 1 ? communities[0].id : undefined);
    if (community) form.setFieldsValue({ communityId: community, gridId: scopeGrid?.id });
  }, [person, form, grids, communities, me.scope.regionId]);

  const gridOptions = useMemo(
    () => grids.filter((g) => !communityId || g.communityId === communityId || g.parentId === communityId).map((g) => ({ value: g.id, label: g.name })),
    [grids, communityId],
  );

  const patchOf = (raw: Values) => {
    const v = clean({ ...raw, birthDate: ymd(raw.birthDate) });
    const patch: Record<string, unknown> = {
      name: v.name,
      gender: v.gender,
      birthDate: v.birthDate,
      gridId: v.gridId ?? null,
      kind: v.kind,
      tags: raw.tags ?? [],
      note: v.note ?? null,
      archived: !!raw.archived,
    };
    if (v.phone) patch.phone = v.phone;
    if (v.address) patch.address = v.address;
    return patch;
  };
  const common = {
    title: person ? t(`编辑 · ${person.name}`, `Edit · ${person.name}`) : t("登记居民", "Register a resident"),
    onClose,
    form,
    drawer: true,
    width: 640,
    invalidate: [peopleKeys.all, ["figures"]],
    done: (p: TPerson) => (person ? t(`已保存「${p.name}」`, `Saved ${p.name}`) : t(`已登记「${p.name}」`, `Registered ${p.name}`)),
    initialValues: person
      ? {
          name: person.name,
          gender: person.gender,
          birthDate: person.birthDate ? dayjs(person.birthDate) : null,
          communityId: person.communityId,
          gridId: person.gridId,
          kind: person.kind,
          tags: person.tags,
          note: person.note ?? undefined,
          archived: person.archived,
        }
      : { kind: "registered" as const, gender: "M" as const, tags: [] },
  };

  // 18-digit resident ID → birth date and gender, when those are still empty
  const fromId = (id: string) => {
    const s = id.trim().toUpperCase();
    if (!idNumberValid(s)) return;
    const birth = dayjs(`${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`);
    if (birth.isValid() && !form.getFieldValue("birthDate")) form.setFieldValue("birthDate", birth);
    form.setFieldValue("gender", Number(s[16]) % 2 === 1 ? "M" : "F");
  };

  const fields = (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item name="name" label={t("姓名", "Name")} rules={[{ required: true, message: t("请输入姓名", "Enter the name") }]}>
          <Input maxLength={40} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="gender" label={t("性别", "Gender")} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={genderOptions(lang)} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        {editing ? (
          <Form.Item label={t("身份证号", "ID number")} extra={t("身份证号登记后不可修改", "The ID number cannot be changed once registered")}>
            <Input value={person?.idNumber ?? "—"} disabled className="masked" />
          </Form.Item>
        ) : (
          <Form.Item
            name="idNumber"
            label={t("身份证号 / 证件号", "ID / passport number")}
            extra={t("18 位居民身份证将自动填出生日期和性别", "An 18-digit resident ID fills in birth date and gender")}
          >
            <Input maxLength={30} className="masked" onBlur={(e) => fromId(e.target.value)} autoComplete="off" />
          </Form.Item>
        )}
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="birthDate" label={t("出生日期", "Birth date")}>
          <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="phone" label={t("手机号", "Phone")} extra={editing && person?.phone ? t("留空则不修改", "Leave empty to keep") : undefined}>
          <Input maxLength={20} placeholder={editing ? (person?.phone ?? "") : ""} autoComplete="off" className="masked" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="kind" label={t("人口类型", "Kind")} rules={[{ required: true }]}>
          <Select options={personKindOptions(lang)} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="address" label={t("住址", "Address")} extra={editing && person?.address ? t("留空则不修改", "Leave empty to keep") : undefined}>
          <Input
            maxLength={200}
            placeholder={editing ? (person?.address ?? "") : t("例如：福民新村 12 栋 803", "e.g. Fumin Xincun bldg 12, room 803")}
            autoComplete="off"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="communityId" label={t("所属社区", "Community")} rules={[{ required: !editing, message: t("请选择社区", "Choose a community") }]}>
          <Select
            disabled={editing}
            options={communities.map((c) => ({ value: c.id, label: c.name }))}
            onChange={() => form.setFieldValue("gridId", null)}
            placeholder={t("选择社区", "Choose a community")}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="gridId" label={t("所属网格", "Grid")}>
          <Select allowClear showSearch={{ optionFilterProp: "label" }} options={gridOptions} placeholder={t("选择网格", "Choose a grid")} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="tags" label={t("人员标签", "Tags")}>
          <Select mode="multiple" options={tagOptions(lang)} placeholder={t("如：老年人、低保、党员", "e.g. elderly, party member")} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="note" label={t("备注", "Note")}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Col>
      {editing && (
        <Col span={24}>
          <Form.Item name="archived" label={t("归档（已迁出 / 注销）", "Archived (moved away / deregistered)")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
  return person ? (
    <FormDialog<Values, typeof ZPersonUpdate>
      {...common}
      schema={ZPersonUpdate}
      body={patchOf}
      send={(d) => api.patch<TPerson>(`/api/people/${encodeURIComponent(person.id)}`, d)}
    >
      {fields}
    </FormDialog>
  ) : (
    <FormDialog<Values, typeof ZPersonCreate>
      {...common}
      schema={ZPersonCreate}
      body={(raw) => ({ ...raw, birthDate: ymd(raw.birthDate), tags: raw.tags ?? [] })}
      send={(d) => api.post<TPerson>("/api/people", d)}
    >
      {fields}
    </FormDialog>
  );
}
