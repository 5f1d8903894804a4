// 受理登记: a case from any channel. Possible duplicates (same appellant, or same place and category)
// show up while typing, before the case is saved.
import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Cascader, Col, Form, Input, InputNumber, Radio, Row, Select, Upload, type UploadFile } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { CASE_TAGS, ZAppealCreate } from "../../../contracts/appeals";
import { api } from "../../api/client";
import { useAuth, useMe } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { ShapedForm } from "../../shared/form-dialog";
import { PageHead } from "../../shared/page-head";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { usePeopleSearch } from "../people/people-api";
import { categoryTree, useCategories, useNewDuplicates } from "./appeals-api";
import { channelOptions, kindOptions, statusLabel, typeOptions, urgencyOptions } from "./labels";

type Values = Record<string, any>;

export function RegisterForm() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const nav = useNavigate();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [personSearch, setPersonSearch] = useState("");
  const people = usePeopleSearch(personSearch, { enabled: can("people.read"), pageSize: 10 });
  const [form] = Form.useForm<Values>();
  const { communities, grids } = useCommunitiesAndGrids();
  const cats = useCategories();
  const communityId = Form.useWatch("communityId", form);
  const kind = Form.useWatch("kind", form);
  const phone = Form.useWatch("appellantPhone", form);
  const category = Form.useWatch("category", form);
  const gridId = Form.useWatch("gridId", form);

  useEffect(() => {
    const scopeGrid = grids.find((g) => g.id === me.scope.regionId);
    const community = scopeGrid?.communityId ?? (communities.length === 1 ? communities[0].id : undefined);
    if (!form.getFieldValue("communityId") && community) form.setFieldsValue({ communityId: community, gridId: scopeGrid?.id });
  }, [grids, communities, me.scope.regionId, form]);

  const categoryCode = Array.isArray(category) ? category[category.length - 1] : undefined;
  const dupParams = {
    communityId,
    phone: /^1\d{10}$/.test(phone ?? "") ? phone : undefined,
    categoryCode: categoryCode && gridId ? categoryCode : undefined,
    gridId: categoryCode && gridId ? gridId : undefined,
  };
  const dups = useNewDuplicates(dupParams, !!communityId && !!(dupParams.phone || dupParams.categoryCode));

  const duplicates = !!dups.data?.items.length && (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t("发现疑似重复件，可登记后在详情页合并", "Possible duplicates: you can merge them from the case page")}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {dups.data.items.map((d) => (
            <li key={d.id}>
              <Link to={`/appeals/${d.id}`}>{d.trackingNo}</Link> {d.title}（{statusLabel(d.status, lang)}，
              {d.why === "same_appellant" ? t("同一诉求人", "same appellant") : t("同一地点同类问题", "same place and category")}）
            </li>
          ))}
        </ul>
      }
    />
  );
  const gridOptions = grids.filter((g) => !communityId || g.parentId === communityId).map((g) => ({ value: g.id, label: g.name }));
  return (
    <>
      <PageHead title={t("受理登记", "Register a case")} subtitle={t("诉求或事件，来自任一渠道", "An appeal or an event, from any channel")} />
      <Card size="small">
        <ShapedForm<Values>
          form={form}
          schema={ZAppealCreate}
          initialValues={{ channel: "mysb", kind: "appeal", urgency: "normal", appealType: "help" }}
          // getFieldsValue(true): the community is set even when there is only one and no field shows it.
          body={() => {
            const v = form.getFieldsValue(true) as Values;
            return {
              ...v,
              categoryCode: Array.isArray(v.category) ? v.category[v.category.length - 1] : undefined,
              category: undefined,
              appealType: v.kind === "appeal" ? v.appealType : null,
              tags: v.tags ?? [],
              photos: photos.map((p) => (p.response as { id?: string } | undefined)?.id).filter(Boolean),
              lat: v.lat ?? null,
              lng: v.lng ?? null,
            };
          }}
          send={(body) => api.post<{ id: string; trackingNo: string }>("/api/appeals", body)}
          done={(r) => t(`已受理，编号 ${r.trackingNo}`, `Registered as ${r.trackingNo}`)}
          onDone={(r) => nav(`/appeals/${r.id}`)}
          submitText={t("受理", "Register")}
          actions={<Button onClick={() => nav(-1)}>{t("取消", "Cancel")}</Button>}
          bottom={duplicates}
        >
          <Row gutter={16}>
            {communities.length > 1 && (
              <Col xs={24} md={8}>
                <Form.Item name="communityId" label={t("社区", "Community")} rules={[{ required: true }]}>
                  <Select options={communities.map((c) => ({ value: c.id, label: c.name }))} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={8}>
              <Form.Item name="channel" label={t("渠道", "Channel")} rules={[{ required: true }]}>
                <Select options={channelOptions(lang)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t("类型", "Kind")}>
                <Radio.Group options={kindOptions(lang)} optionType="button" />
              </Form.Item>
            </Col>
            {kind === "appeal" && (
              <Col xs={24} md={8}>
                <Form.Item name="appealType" label={t("诉求类型", "Appeal type")} rules={[{ required: true }]}>
                  <Select options={typeOptions(lang)} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={8}>
              <Form.Item name="category" label={t("分类（大类/小类）", "Category")} rules={[{ required: true, message: t("请选择分类", "Choose a category") }]}>
                <Cascader options={categoryTree(cats.data, lang)} placeholder={t("请选择", "Choose")} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="urgency" label={t("紧急程度", "Urgency")}>
                <Radio.Group options={urgencyOptions(lang)} optionType="button" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="title" label={t("标题", "Title")} rules={[{ required: true, min: 2 }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="content" label={t("诉求内容", "Description")} rules={[{ required: true, min: 2 }]}>
                <Input.TextArea rows={4} maxLength={4000} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="address" label={t("地址", "Address")}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="gridId" label={t("网格（填写坐标时自动识别）", "Grid (worked out from a location)")}>
                <Select allowClear options={gridOptions} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="lng" label={t("经度", "Longitude")}>
                <InputNumber style={{ width: "100%" }} min={-180} max={180} step={0.0001} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="lat" label={t("纬度", "Latitude")}>
                <InputNumber style={{ width: "100%" }} min={-90} max={90} step={0.0001} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="appellantName" label={t("诉求人", "Appellant")}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="appellantPhone" label={t("联系电话", "Phone")}>
                <Input maxLength={13} inputMode="tel" />
              </Form.Item>
            </Col>
            {can("people.read") && (
              <Col xs={24} md={12}>
                <Form.Item name="appellantPersonId" label={t("关联人口库（选填）", "Link to the people registry (optional)")}>
                  <Select
                    allowClear
                    showSearch={{ filterOption: false, onSearch: setPersonSearch }}
                    placeholder={t("输入姓名或证件号后四位查找", "Search by name or last 4 of ID")}
                    loading={people.isFetching}
                    options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} ${p.phone ?? ""} ${p.gridName ?? ""}` }))}
                  />
                </Form.Item>
              </Col>
            )}
            {can("files.write") && (
              <Col xs={24} md={12}>
                <Form.Item label={t("照片", "Photos")}>
                  <Upload
                    listType="picture-card"
                    accept="image/*"
                    maxCount={9}
                    fileList={photos}
                    onChange={({ fileList }) => setPhotos(fileList)}
                    customRequest={async ({ file, onSuccess, onError }) => {
                      try {
                        onSuccess?.(await api.upload("/api/files", file as Blob));
                      } catch (e) {
                        notify.error((e as Error).message);
                        onError?.(e as Error);
                      }
                    }}
                  >
                    <PlusOutlined />
                  </Upload>
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={12}>
              <Form.Item name="tags" label={t("标签", "Tags")}>
                <Select mode="tags" options={CASE_TAGS.map((x) => ({ value: x, label: x }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="externalNo" label={t("外部编号（如12345工单号）", "External number")}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
          </Row>
        </ShapedForm>
      </Card>
    </>
  );
}
