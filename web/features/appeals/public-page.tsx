// 居民诉求 (no account, made for a phone): submit an appeal and get a tracking number; later see its
// progress and answer the return visit with that number and the phone's last four digits.
import { Alert, Button, Card, Cascader, Form, Input, Radio, Result, Segmented, Select, Space, Steps, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { ZPublicSubmit, ZPublicVisit } from "../../../contracts/appeals";
import { useI18n } from "../../app/i18n";
import { ShapedForm } from "../../shared/form-dialog";
import { fmtDateTime } from "../../shared/format";
import { categoryTree, sendReturnVisit, submitPublicAppeal, usePublicAppealOptions, usePublicCase } from "./appeals-api";
import { actionLabel, satisfactionLabel, statusLabel, typeOptions } from "./labels";

function Submit({ onDone, communityId }: { onDone: (no: string, phone: string) => void; communityId?: string }) {
  const { t, lang } = useI18n();
  const opts = usePublicAppealOptions();
  const communities = opts.data?.communities ?? [];
  return (
    <ShapedForm<Record<string, any>>
      schema={ZPublicSubmit}
      initialValues={{ appealType: "help", communityId }}
      body={(v) => ({
        ...v,
        communityId: v.communityId ?? communities[0]?.id,
        categoryCode: v.category?.[v.category.length - 1],
        category: undefined,
      })}
      send={submitPublicAppeal}
      onDone={(r, v) => onDone(r.trackingNo, v.phone)}
      submitText={t("提交", "Submit")}
      submitSize="large"
      block
    >
      {communities.length > 1 && (
        <Form.Item name="communityId" label={t("所在社区", "Community")} rules={[{ required: true, message: t("请选择社区", "Choose your community") }]}>
          <Select options={communities.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
      )}
      <Form.Item name="appealType" label={t("诉求类型", "Type")}>
        <Radio.Group options={typeOptions(lang)} optionType="button" size="small" />
      </Form.Item>
      <Form.Item name="category" label={t("问题分类", "Category")} rules={[{ required: true, message: t("请选择分类", "Choose a category") }]}>
        <Cascader options={categoryTree(opts.data?.categories, lang)} placeholder={t("请选择", "Choose")} />
      </Form.Item>
      <Form.Item name="title" label={t("标题", "Title")} rules={[{ required: true, min: 2, message: t("请填写标题", "Give a title") }]}>
        <Input maxLength={100} placeholder={t("例如：小区路灯不亮", "e.g. street light out")} />
      </Form.Item>
      <Form.Item name="content" label={t("具体情况", "Details")} rules={[{ required: true, min: 5, message: t("请至少写 5 个字", "At least 5 characters") }]}>
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
      <Form.Item name="address" label={t("地点", "Where")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="name" label={t("您的称呼", "Your name")} rules={[{ required: true, message: t("请填写称呼", "Give your name") }]}>
        <Input maxLength={40} placeholder={t("如：陈女士", "e.g. Ms Chen")} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t("手机号（用于回访，不会公开）", "Mobile (for the return visit; never shown)")}
        rules={[{ required: true, pattern: /^1\d{10}$/, message: t("请填写 11 位手机号", "An 11-digit mobile number") }]}
      >
        <Input inputMode="tel" maxLength={11} />
      </Form.Item>
    </ShapedForm>
  );
}

function Track({ initialNo, initialPhone4 }: { initialNo?: string; initialPhone4?: string }) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState<{ no: string; phone4: string } | null>(initialNo && initialPhone4 ? { no: initialNo, phone4: initialPhone4 } : null);
  const c = usePublicCase(q);
  return (
    <>
      <ShapedForm<{ no: string; phone4: string }>
        initialValues={{ no: initialNo, phone4: initialPhone4 }}
        send={async (_, v) => setQ({ no: v.no.trim(), phone4: v.phone4.trim() })}
        submitText={t("查询", "Look up")}
        block
      >
        <Form.Item name="no" label={t("受理编号", "Tracking number")} rules={[{ required: true, message: t("请输入受理编号", "Enter the number") }]}>
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item
          name="phone4"
          label={t("手机号后四位", "Last 4 digits of your phone")}
          rules={[{ required: true, pattern: /^\d{4}$/, message: t("请输入 4 位数字", "4 digits") }]}
        >
          <Input inputMode="numeric" maxLength={4} />
        </Form.Item>
      </ShapedForm>
      {c.isError && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={(c.error as Error).message} />}
      {c.data && (
        <Card size="small" style={{ marginTop: 12 }} title={c.data.title} extra={statusLabel(c.data.status, lang)}>
          <Typography.Paragraph type="secondary">
            {c.data.categoryName} · {t("受理于", "Registered")} {fmtDateTime(c.data.registeredAt)}
            {c.data.dueAt && ` · ${t("办理时限", "Due")} ${fmtDateTime(c.data.dueAt)}`}
          </Typography.Paragraph>
          <Steps
            orientation="vertical"
            size="small"
            current={c.data.steps.length - 1}
            items={c.data.steps.map((s) => ({ title: actionLabel(s.action, lang), content: fmtDateTime(s.at) }))}
          />
          {c.data.answer && <Alert type="success" title={t("答复", "Answer")} description={c.data.answer} />}
          {c.data.canVisit && (
            <Card size="small" type="inner" title={t("请评价办理结果", "How was it handled?")} style={{ marginTop: 12 }}>
              <ShapedForm<Record<string, unknown>>
                schema={ZPublicVisit}
                initialValues={{ resolved: true, satisfaction: "satisfied" }}
                body={(v) => ({ ...v, phone4: q?.phone4 })}
                send={(body) => sendReturnVisit(q?.no ?? "", body)}
                onDone={() => c.refetch()}
                submitText={t("提交评价", "Send")}
                block
              >
                <Form.Item name="resolved" label={t("问题是否解决", "Was it resolved?")}>
                  <Radio.Group
                    options={[
                      { value: true, label: t("已解决", "Yes") },
                      { value: false, label: t("未解决", "No") },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="satisfaction" label={t("满意度", "Satisfaction")}>
                  <Radio.Group options={(["satisfied", "basic", "unsatisfied"] as const).map((s) => ({ value: s, label: satisfactionLabel(s, lang) }))} />
                </Form.Item>
                <Form.Item name="note" label={t("意见（选填）", "Comments (optional)")}>
                  <Input.TextArea rows={2} maxLength={500} />
                </Form.Item>
              </ShapedForm>
            </Card>
          )}
        </Card>
      )}
    </>
  );
}

export default function PublicPage() {
  const { t, lang, setLang } = useI18n();
  const [sp, setSp] = useSearchParams();
  const [done, setDone] = useState<{ no: string; phone: string } | null>(null);
  const tab = sp.get("tab") === "track" ? "track" : "submit";
  return (
    <div style={{ maxWidth: 560, margin: "0 auto", padding: 16 }}>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("民意速办 · 居民诉求", "Tell your community")}
        </Typography.Title>
        <Button size="small" type="link" onClick={() => setLang(lang === "zh" ? "en" : "zh")}>
          {lang === "zh" ? "English" : "中文"}
        </Button>
      </Space>
      <Segmented
        block
        value={tab}
        onChange={(v) => setSp(v === "track" ? { tab: "track" } : {})}
        options={[
          { value: "submit", label: t("我要反映", "Submit") },
          { value: "track", label: t("查询进度", "Track") },
        ]}
        style={{ marginBottom: 16 }}
      />
      {tab === "submit" &&
        (done ? (
          <Result
            status="success"
            title={t("已收到您的诉求", "We have your appeal")}
            subTitle={
              <span>
                {t("受理编号", "Tracking number")}：
                <Typography.Text copyable strong data-testid="tracking-no">
                  {done.no}
                </Typography.Text>
                <br />
                {t("请保存编号，凭编号和手机号后四位查询进度", "Keep it: track with this number and your phone's last 4 digits")}
              </span>
            }
            extra={
              <Button type="primary" onClick={() => setSp({ tab: "track", no: done.no })}>
                {t("查询进度", "Track it")}
              </Button>
            }
          />
        ) : (
          // A poster's QR code can carry the community: /public/appeals?c=<id>
          <Submit onDone={(no, phone) => setDone({ no, phone })} communityId={sp.get("c") ?? undefined} />
        ))}
      {tab === "track" && <Track initialNo={sp.get("no") ?? undefined} initialPhone4={done?.phone.slice(-4)} />}
    </div>
  );
}
