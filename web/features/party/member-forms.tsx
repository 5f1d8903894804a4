// Party members: add one (from the people registry, or transferred in), transfer out, flags and
// group, the annual 民主评议 result, and extending a probationary member's probation.
import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import {
  APPRAISAL_RESULT_EN,
  APPRAISAL_RESULTS,
  EDUCATION_EN,
  EDUCATIONS,
  MEMBER_STATUS_LABELS,
  type TMember,
  ZAppraisal,
  ZExtendProbation,
  ZMemberCreate,
  ZMemberUpdate,
  ZTransferOut,
} from "../../../contracts/party";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { FormDialog, PeopleSelect, ymd } from "./form-parts";
import { usePartyOrgs } from "./party-api";

const noFuture = (d: Dayjs) => d.isAfter(dayjs(), "day");
export const educationLabel = (e: string, lang: "zh" | "en") => (lang === "en" ? (EDUCATION_EN[e as keyof typeof EDUCATION_EN] ?? e) : e);
export const appraisalLabel = (r: string, lang: "zh" | "en") => (lang === "en" ? (APPRAISAL_RESULT_EN[r as keyof typeof APPRAISAL_RESULT_EN] ?? r) : r);

function useEducationOptions() {
  const { lang } = useI18n();
  return EDUCATIONS.map((e) => ({ value: e, label: educationLabel(e, lang) }));
}

/** The groups (党小组) of a branch. */
function useGroups(branchId: string | undefined) {
  const orgs = usePartyOrgs().data ?? [];
  return orgs.filter((o) => o.level === "党小组" && o.parentId === branchId).map((o) => ({ value: o.id, label: o.shortName ?? o.name }));
}

type AddValues = {
  personId?: string;
  orgId?: string;
  groupId?: string | null;
  status?: "full" | "probationary";
  joinedOn?: Dayjs | null;
  fullOn?: Dayjs | null;
  education?: string | null;
  transferIn?: boolean;
  transferInOn?: Dayjs | null;
  transferInFrom?: string;
  mobile?: boolean;
  lostContact?: boolean;
};

export function AddMemberForm({ onClose, defaultOrgId }: { onClose: () => void; defaultOrgId?: string }) {
  const { t, lang } = useI18n();
  const orgs = usePartyOrgs().data ?? [];
  const branches = orgs.filter((o) => o.level === "党支部" || o.level === "党总支").map((o) => ({ value: o.id, label: o.shortName ?? o.name }));
  const education = useEducationOptions();
  return (
    <FormDialog<AddValues, typeof ZMemberCreate>
      drawer
      title={t("登记党员", "Add a party member")}
      onClose={onClose}
      schema={ZMemberCreate}
      body={(v) => ({
        personId: v.personId,
        orgId: v.orgId,
        groupId: v.groupId ?? null,
        status: v.status,
        joinedOn: ymd(v.joinedOn),
        fullOn: v.status === "full" ? ymd(v.fullOn) : null,
        education: v.education ?? null,
        transferInOn: v.transferIn ? ymd(v.transferInOn) : null,
        transferInFrom: v.transferIn ? (v.transferInFrom ?? null) : null,
        mobile: !!v.mobile,
        lostContact: !!v.lostContact,
      })}
      send={(d) => api.post<TMember>("/api/party/members", d)}
      done={(m: TMember) => t(`已登记党员 ${m.name}`, `${m.name} added`)}
      initialValues={{ status: "full", orgId: defaultOrgId, transferIn: false, mobile: false, lostContact: false }}
    >
      {(form) => (
        <Form.Item noStyle shouldUpdate>
          {() => {
            const orgId = form.getFieldValue("orgId") as string | undefined;
            const status = form.getFieldValue("status") as string | undefined;
            const transferIn = !!form.getFieldValue("transferIn");
            const groups = orgs.filter((o) => o.level === "党小组" && o.parentId === orgId).map((o) => ({ value: o.id, label: o.shortName ?? o.name }));
            return (
              <Row gutter={16}>
                <Col span={24}>
                  <Form.Item
                    name="personId"
                    label={t("人员（人口库）", "Person (from the registry)")}
                    rules={[{ required: true, message: t("请选择人员", "Choose a person") }]}
                    extra={t(
                      "党员与人口库关联；人口库中没有的，请先在「实有人口」中登记",
                      "Members are linked to the people registry; register a new person there first",
                    )}
                  >
                    <PeopleSelect aria-label={t("人员", "Person")} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="orgId" label={t("党支部", "Branch")} rules={[{ required: true, message: t("请选择党支部", "Choose a branch") }]}>
                    <Select
                      showSearch={{ optionFilterProp: "label" }}
                      options={branches}
                      onChange={() => form.setFieldValue("groupId", null)}
                      aria-label={t("党支部", "Branch")}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="groupId" label={t("党小组", "Group")}>
                    <Select
                      allowClear
                      disabled={!groups.length}
                      options={groups}
                      placeholder={groups.length ? undefined : t("该支部未设党小组", "No groups")}
                    />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name="status" label={t("党员类别", "Status")} rules={[{ required: true }]}>
                    <Radio.Group
                      options={(["full", "probationary"] as const).map((s) => ({ value: s, label: MEMBER_STATUS_LABELS[s][lang] }))}
                      optionType="button"
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={12}>
                  <Form.Item
                    name="joinedOn"
                    label={t("入党日期", "Joined on")}
                    rules={[{ required: true, message: t("请选择入党日期", "Choose the date") }]}
                    extra={status === "probationary" ? t("预备期自支部大会通过之日起", "Probation runs from the branch vote") : undefined}
                  >
                    <DatePicker style={{ width: "100%" }} disabledDate={noFuture} />
                  </Form.Item>
                </Col>
                {status === "full" && (
                  <Col xs={12} sm={12}>
                    <Form.Item name="fullOn" label={t("转正日期", "Full member since")}>
                      <DatePicker style={{ width: "100%" }} disabledDate={noFuture} />
                    </Form.Item>
                  </Col>
                )}
                <Col xs={24} sm={12}>
                  <Form.Item name="education" label={t("学历", "Education")}>
                    <Select allowClear options={education} />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name="transferIn" valuePropName="checked" style={{ marginBottom: transferIn ? 8 : undefined }}>
                    <Checkbox>{t("组织关系转入（从其他党组织转来）", "Transferred in from another party organisation")}</Checkbox>
                  </Form.Item>
                </Col>
                {transferIn && (
                  <>
                    <Col xs={24} sm={10}>
                      <Form.Item
                        name="transferInOn"
                        label={t("转入日期", "Transferred in on")}
                        rules={[{ required: true, message: t("请选择转入日期", "Choose the date") }]}
                      >
                        <DatePicker style={{ width: "100%" }} disabledDate={noFuture} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={14}>
                      <Form.Item
                        name="transferInFrom"
                        label={t("原党组织", "From")}
                        rules={[{ required: true, message: t("请填写原党组织", "Enter the organisation") }]}
                      >
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                  </>
                )}
                <Col span={24}>
                  <Form.Item name="mobile" valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Checkbox>{t("流动党员", "Mobile member (流动党员)")}</Checkbox>
                  </Form.Item>
                  <Form.Item name="lostContact" valuePropName="checked">
                    <Checkbox>{t("失联党员", "Lost contact (失联)")}</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
            );
          }}
        </Form.Item>
      )}
    </FormDialog>
  );
}

export function TransferOutForm({ member, onClose }: { member: TMember; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <FormDialog<{ on?: Dayjs | null; to?: string }, typeof ZTransferOut>
      title={t(`组织关系转出 · ${member.name}`, `Transfer out · ${member.name}`)}
      onClose={onClose}
      schema={ZTransferOut}
      body={(v) => ({ on: ymd(v.on), to: v.to })}
      send={(d) => api.post<TMember>(`/api/party/members/${encodeURIComponent(member.id)}/transfer-out`, d)}
      done={t(`${member.name}的组织关系已转出`, `${member.name} transferred out`)}
      okText={t("确认转出", "Transfer out")}
      initialValues={{ on: dayjs() }}
    >
      <Typography.Paragraph type="secondary">
        {t(
          `${member.orgName}。转出后不再计入本支部党员，记录保留可查。`,
          `${member.orgName}. Once transferred out, the member no longer counts here; the record is kept.`,
        )}
      </Typography.Paragraph>
      <Form.Item name="on" label={t("转出日期", "Transferred on")} rules={[{ required: true }]}>
        <DatePicker disabledDate={noFuture} />
      </Form.Item>
      <Form.Item name="to" label={t("转往党组织", "To")} rules={[{ required: true, message: t("请填写转往的党组织", "Enter the organisation") }]}>
        <Input maxLength={100} placeholder={t("如：中共某某街道某某党支部", "e.g. the receiving branch")} />
      </Form.Item>
    </FormDialog>
  );
}

type EditValues = { groupId?: string | null; education?: string | null; mobile?: boolean; lostContact?: boolean };

export function EditMemberForm({ member, onClose }: { member: TMember; onClose: () => void }) {
  const { t } = useI18n();
  const groups = useGroups(member.orgId);
  const education = useEducationOptions();
  return (
    <FormDialog<EditValues, typeof ZMemberUpdate>
      title={t(`党小组、学历与标记 · ${member.name}`, `Group, education and flags · ${member.name}`)}
      onClose={onClose}
      schema={ZMemberUpdate}
      body={(v) => ({ groupId: v.groupId ?? null, education: v.education ?? null, mobile: !!v.mobile, lostContact: !!v.lostContact })}
      send={(d) => api.patch<TMember>(`/api/party/members/${encodeURIComponent(member.id)}`, d)}
      done={t("已保存", "Saved")}
      initialValues={{ groupId: member.groupId, education: member.education, mobile: member.mobile, lostContact: member.lostContact }}
    >
      <Form.Item name="groupId" label={t("党小组", "Group")}>
        <Select allowClear disabled={!groups.length} options={groups} placeholder={groups.length ? undefined : t("该支部未设党小组", "No groups")} />
      </Form.Item>
      <Form.Item name="education" label={t("学历", "Education")}>
        <Select allowClear options={education} />
      </Form.Item>
      <Form.Item name="mobile" valuePropName="checked" style={{ marginBottom: 0 }}>
        <Checkbox>{t("流动党员（外出务工、经商等，不能正常参加组织生活）", "Mobile member (away for work, cannot attend regularly)")}</Checkbox>
      </Form.Item>
      <Form.Item name="lostContact" valuePropName="checked">
        <Checkbox>{t("失联党员（与党组织失去联系六个月以上）", "Lost contact (no contact for six months or more)")}</Checkbox>
      </Form.Item>
    </FormDialog>
  );
}

export function AppraisalForm({ member, onClose }: { member: TMember; onClose: () => void }) {
  const { t, lang } = useI18n();
  const year = dayjs().year();
  return (
    <FormDialog<{ year?: number; result?: string }, typeof ZAppraisal>
      title={t(`民主评议 · ${member.name}`, `Democratic appraisal · ${member.name}`)}
      onClose={onClose}
      schema={ZAppraisal}
      body={(v) => ({ year: v.year, result: v.result })}
      send={(d) => api.post<TMember>(`/api/party/members/${encodeURIComponent(member.id)}/appraisal`, d)}
      done={t("已登记评议结果", "Appraisal recorded")}
      initialValues={{ year: dayjs().month() < 3 ? year - 1 : year, result: member.appraisalResult ?? undefined }}
    >
      <Form.Item name="year" label={t("评议年度", "Year")} rules={[{ required: true }]}>
        <Select options={[year, year - 1, year - 2].map((y) => ({ value: y, label: t(`${y}年度`, String(y)) }))} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="result" label={t("评议结果", "Result")} rules={[{ required: true, message: t("请选择评议结果", "Choose the result") }]}>
        <Radio.Group options={APPRAISAL_RESULTS.map((r) => ({ value: r, label: appraisalLabel(r, lang) }))} optionType="button" />
      </Form.Item>
    </FormDialog>
  );
}

export function ExtendProbationForm({ member, onClose }: { member: TMember; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <FormDialog<{ months?: number; decidedOn?: Dayjs | null; reason?: string }, typeof ZExtendProbation>
      title={t(`延长预备期 · ${member.name}`, `Extend probation · ${member.name}`)}
      onClose={onClose}
      schema={ZExtendProbation}
      body={(v) => ({ months: v.months, decidedOn: ymd(v.decidedOn), reason: v.reason })}
      send={(d) => api.post<TMember>(`/api/party/members/${encodeURIComponent(member.id)}/extend-probation`, d)}
      done={(m: TMember) => t(`预备期已延长至 ${m.probationEnd}`, `Probation extended to ${m.probationEnd}`)}
      okText={t("确认延长", "Extend")}
      initialValues={{ months: 6, decidedOn: dayjs() }}
    >
      <Typography.Paragraph type="secondary">
        {t(
          `预备期至 ${member.probationEnd}。预备期只能延长一次，时间为6至12个月，须经支部大会讨论决定。`,
          `Probation until ${member.probationEnd}. It can be extended once only, by 6 to 12 months, by decision of the branch general meeting.`,
        )}
      </Typography.Paragraph>
      <Form.Item name="months" label={t("延长月数", "Months")} rules={[{ required: true }]}>
        <InputNumber min={6} max={12} precision={0} suffix={t("个月", "months")} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="decidedOn" label={t("支部大会决定日期", "Decided on")} rules={[{ required: true }]}>
        <DatePicker disabledDate={noFuture} />
      </Form.Item>
      <Form.Item name="reason" label={t("延长理由", "Reason")} rules={[{ required: true, message: t("请填写理由", "Give the reason") }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormDialog>
  );
}
