import { CheckCircleOutlined, CloseCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Steps, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { APPLICANT_STATUS_LABELS, STAGES, STEPS, ZStepRecord } from "../../../contracts/party";
import { api } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { ExportButton } from "../../shared/export-button";
import { ShapedForm } from "../../shared/form-dialog";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { useIsMobile } from "../../shared/use-mobile";
import { usePeopleSearch } from "../people/people-api";
import { FormDialog } from "./form-parts";
import { ImportButton } from "./import-button";
import { type ApplicantDetail, partyKeys, useApplicant, useApplicants, useFullMembers, usePartyOrgs } from "./party-api";

const stepText = (n: number, lang: "zh" | "en") => `${n}. ${lang === "en" ? STEPS[n - 1].en : STEPS[n - 1].zh}`;

/** The branch's whole pipeline as a board: one column per stage, a card per applicant with what is next and by when. */
export function PipelinePage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [sp, setSp] = useSearchParams();
  const orgId = sp.get("orgId") ?? undefined;
  const orgs = usePartyOrgs().data ?? [];
  const [creating, setCreating] = useState(false);
  const q = useApplicants(orgId);
  const items = (q.data?.items ?? []).filter((a) => a.status === "active" || a.status === "probationary");
  return (
    <>
      <PageHead
        title={t("发展党员", "Member development")}
        subtitle={t(
          "5个阶段25个步骤；按顺序、按期限办理，不符合规定的步骤会被拒绝并说明依据",
          "5 stages, 25 steps; in order and on time — a step that breaks a rule is refused with the rule",
        )}
        extra={
          <>
            {can("party.export") && <ExportButton href="/api/party/applicants/export" params={{ orgId }} fileName={t("发展党员.xlsx", "applicants.xlsx")} />}
            {can("party.write") && (
              <ImportButton
                href="/api/party/applicants/import"
                label={t("导入发展党员", "Import applicants")}
                columns="姓名、身份证号、党支部、各步骤办理日期（按顺序）、培养联系人、入党介绍人、政审结论、培训学时、表决票数、退出日期"
                template={{ url: "/api/party/applicants/import/template", fileName: t("发展党员导入模板.xlsx", "applicants-template.xlsx") }}
              />
            )}
            {can("party.write") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("入党申请", "New application")}
              </Button>
            )}
          </>
        }
      />
      <div className="filter-bar">
        <Select
          allowClear
          placeholder={t("全部党支部", "All branches")}
          value={orgId}
          onChange={(v) => setSp(v ? { orgId: v } : {})}
          options={orgs.filter((o) => o.level === "党支部").map((o) => ({ value: o.id, label: o.shortName ?? o.name }))}
          style={{ minWidth: 200 }}
          aria-label={t("党支部", "Branch")}
        />
      </div>
      {q.isError && <QueryError error={q.error} onRetry={() => q.refetch()} />}
      <div className="party-board" style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(220px, 1fr))", gap: 12 }}>
        {STAGES.map((s) => {
          const col = items.filter((a) => a.stage === s.no);
          return (
            <Card
              key={s.no}
              size="small"
              title={`${s.no}. ${lang === "en" ? s.en : s.zh}（${col.length}）`}
              styles={{ body: { padding: 8, display: "flex", flexDirection: "column", gap: 8 } }}
            >
              {col.map((a) => (
                <Link key={a.id} to={`/party/pipeline/${a.id}`} style={{ color: "inherit" }}>
                  <Card size="small" hoverable>
                    <Space style={{ justifyContent: "space-between", width: "100%" }}>
                      <Typography.Text strong>{a.name}</Typography.Text>
                      {a.status === "probationary" && <Tag color="orange">{APPLICANT_STATUS_LABELS.probationary[lang]}</Tag>}
                    </Space>
                    <div className="person-sub">{a.orgName.replace("中共福民社区", "")}</div>
                    <div className="person-sub">
                      {t("已完成", "Done")}: {stepText(a.lastStep, lang)}
                    </div>
                    {a.next && (
                      <div className="person-sub">
                        {t("下一步", "Next")}: {a.next.step}
                        {a.next.earliest && <> · {t(`最早 ${a.next.earliest}`, `from ${a.next.earliest}`)}</>}
                        {a.next.due && <> · {t(`期限 ${a.next.due}`, `by ${a.next.due}`)}</>}
                        {a.next.overdue && (
                          <Tag color="red" style={{ marginLeft: 4 }}>
                            {t("逾期", "Overdue")}
                          </Tag>
                        )}
                      </div>
                    )}
                  </Card>
                </Link>
              ))}
            </Card>
          );
        })}
      </div>
      {creating && <ApplicationForm onClose={() => setCreating(false)} />}
    </>
  );
}

function ApplicationForm({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const nav = useNavigate();
  const orgs = usePartyOrgs().data ?? [];
  const [form] = Form.useForm();
  const [search, setSearch] = useState("");
  const mode = Form.useWatch("mode", form) ?? "new";
  const people = usePeopleSearch(search, { enabled: mode === "existing" });
  // A new person goes into the registry first; then the application (step 1).
  const send = async (v: any) => {
    let personId = v.personId;
    const orgId = v.orgId;
    if (v.mode === "new") {
      const org = orgs.find((o) => o.id === orgId);
      const p = await api.post<{ id: string }>("/api/people", {
        communityId: org?.communityId,
        name: v.name,
        gender: v.gender,
        birthDate: dayjs(v.birthDate).format("YYYY-MM-DD"),
        kind: "registered",
      });
      personId = p.id;
    }
    return api.post<{ id: string }>("/api/party/applicants", {
      personId,
      orgId,
      appliedOn: dayjs(v.appliedOn).format("YYYY-MM-DD"),
      documents: STEPS[0].docs.map((name) => ({ name, paper: true })),
    });
  };
  return (
    <FormDialog<Record<string, any>>
      title={t("第1步 递交入党申请书", "Step 1: application")}
      onClose={onClose}
      form={form}
      raw
      send={send}
      done={t("已登记入党申请", "Application recorded")}
      onDone={(r: { id: string }) => nav(`/party/pipeline/${r.id}`)}
      initialValues={{ mode: "new", gender: "M", appliedOn: dayjs() }}
    >
      <Form.Item name="orgId" label={t("党支部", "Branch")} rules={[{ required: true }]}>
        <Select
          options={orgs.filter((o) => o.level === "党支部").map((o) => ({ value: o.id, label: o.shortName ?? o.name }))}
          aria-label={t("党支部", "Branch")}
        />
      </Form.Item>
      <Form.Item name="mode">
        <Radio.Group
          options={[
            { value: "new", label: t("新登记人员", "New person") },
            { value: "existing", label: t("人口库中已有", "From the registry") },
          ]}
        />
      </Form.Item>
      {mode === "existing" ? (
        <Form.Item name="personId" label={t("申请人", "Applicant")} rules={[{ required: true }]}>
          <Select
            showSearch={{ onSearch: setSearch, filterOption: false }}
            options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.age ?? "?"}${t("岁", "y")} · ${p.gridName ?? ""}` }))}
          />
        </Form.Item>
      ) : (
        <Space wrap>
          <Form.Item name="name" label={t("姓名", "Name")} rules={[{ required: true }]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="gender" label={t("性别", "Gender")}>
            <Radio.Group
              options={[
                { value: "M", label: t("男", "M") },
                { value: "F", label: t("女", "F") },
              ]}
            />
          </Form.Item>
          <Form.Item name="birthDate" label={t("出生日期", "Birth date")} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="appliedOn" label={t("申请日期", "Applied on")} rules={[{ required: true }]}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
      </Form.Item>
      <Typography.Text type="secondary">{t("材料：入党申请书（纸质已归档）", "Document: letter of application (filed on paper)")}</Typography.Text>
    </FormDialog>
  );
}

export function ApplicantPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const q = useApplicant(id);
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const a = q.data;
  if (!a) return null;
  const next = a.next?.step;
  const approval = next === 17 || next === 24;
  return (
    <>
      <PageHead
        title={
          <Space>
            {a.name}
            <Tag color={a.status === "probationary" ? "orange" : a.status === "full" ? "red" : "blue"}>{APPLICANT_STATUS_LABELS[a.status][lang]}</Tag>
          </Space>
        }
        subtitle={`${a.orgName} · ${t("申请日期", "Applied")} ${a.appliedOn}${a.probationEnd ? ` · ${t("预备期至", "Probation until")} ${a.probationEnd}` : ""}`}
        extra={<Link to="/party/pipeline">{t("返回看板", "Back to the board")}</Link>}
      />
      <div style={{ display: "grid", gridTemplateColumns: mobile ? "minmax(0, 1fr)" : "minmax(0, 1fr) minmax(0, 1.2fr)", gap: 16 }} className="party-applicant">
        <Card size="small" title={t("办理记录", "Steps done")}>
          <Steps
            direction="vertical"
            size="small"
            current={a.lastStep}
            items={a.steps.map((s) => ({
              title: stepText(s.step, lang),
              status: s.passed ? "finish" : "error",
              icon: s.passed ? <CheckCircleOutlined /> : <CloseCircleOutlined />,
              description: (
                <div className="person-sub">
                  {s.doneOn}
                  {!s.passed && (
                    <Tag color="red" style={{ marginLeft: 4 }}>
                      {t("表决未通过", "Vote failed")}
                    </Tag>
                  )}
                  {s.memberNames.length > 0 && <> · {s.memberNames.join("、")}</>}
                  {s.vote && (
                    <>
                      {" "}
                      ·{" "}
                      {t(
                        `应到${s.vote.due} 实到${s.vote.present} 赞成${s.vote.yes + s.vote.writtenYes}`,
                        `due ${s.vote.due}, present ${s.vote.present}, yes ${s.vote.yes + s.vote.writtenYes}`,
                      )}
                    </>
                  )}
                  {s.trainingHours != null && (
                    <>
                      {" "}
                      · {s.trainingHours}
                      {t("学时", " h")}
                    </>
                  )}
                </div>
              ),
            }))}
          />
        </Card>
        {next && (
          <Card size="small" title={t(`下一步：${stepText(next, lang)}`, `Next: ${stepText(next, lang)}`)}>
            <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
              {a.next?.earliest && <Descriptions.Item label={t("最早可办理", "Earliest")}>{a.next.earliest}</Descriptions.Item>}
              {a.next?.due && (
                <Descriptions.Item label={t("办理期限", "Due by")}>
                  {a.next.due} {a.next.overdue && <Tag color="red">{t("逾期", "Overdue")}</Tag>}
                </Descriptions.Item>
              )}
            </Descriptions>
            {approval && !can("party.admin") ? (
              <Alert type="info" showIcon title={t("此步由街道党工委审批", "This step is approved by the subdistrict party working committee")} />
            ) : can(approval ? "party.admin" : "party.write") ? (
              <StepForm a={a} step={next} approval={approval} key={`${next}-${a.steps.length}`} />
            ) : (
              <Alert type="info" showIcon title={t("此步由党支部和社区党委办理", "This step is recorded by the branch and the community party committee")} />
            )}
          </Card>
        )}
      </div>
    </>
  );
}

function StepForm({ a, step, approval }: { a: ApplicantDetail; step: number; approval: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const def = STEPS[step - 1];
  const members = useFullMembers(a.orgId, def.kind === "contacts" || def.kind === "sponsors");
  const last = a.steps.filter((s) => s.passed).at(-1)?.doneOn ?? a.appliedOn;
  const suggested = a.next?.earliest && a.next.earliest > last ? a.next.earliest : dayjs(last).add(7, "day").format("YYYY-MM-DD");
  const initial = dayjs(suggested).isAfter(dayjs()) ? dayjs() : dayjs(suggested);
  return (
    <ShapedForm<Record<string, any>>
      form={form}
      schema={ZStepRecord}
      initialValues={{ doneOn: initial, docs: def.docs }}
      body={(v) => ({
        step,
        doneOn: dayjs(v.doneOn).format("YYYY-MM-DD"),
        memberIds: v.memberIds ?? [],
        documents: def.docs.map((name) => ({ name, paper: (v.docs ?? []).includes(name) })),
        trainingHours: v.trainingHours ?? null,
        conclusion: v.conclusion ?? null,
        extended: !!v.extended,
        vote:
          def.kind === "vote"
            ? { due: v.due ?? 0, present: v.present ?? 0, yes: v.yes ?? 0, no: v.no ?? 0, abstain: v.abstain ?? 0, writtenYes: v.writtenYes ?? 0, writtenNo: 0 }
            : null,
        note: v.note,
      })}
      send={(body) => api.post<ApplicantDetail & { result: { passed: boolean } }>(`/api/party/applicants/${a.id}/${approval ? "approve" : "steps"}`, body)}
      onDone={(r: ApplicantDetail & { result: { passed: boolean } }) => {
        if (r.result.passed) notify.success(t("已办理", "Step recorded"));
        else notify.warning(t("表决未获通过，已记录为未通过", "The vote missed the majority; recorded as failed"));
      }}
      invalidate={[partyKeys.all, ["figures"]]}
      submitText={approval ? t("审批通过", "Approve") : t("办理", "Record")}
    >
      <Form.Item name="doneOn" label={t("办理日期", "Date")} rules={[{ required: true }]}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
      </Form.Item>
      {(def.kind === "contacts" || def.kind === "sponsors") && (
        <Form.Item
          name="memberIds"
          label={
            def.kind === "contacts"
              ? t("培养联系人（1-2名正式党员）", "Contact persons (1–2 full members)")
              : t("入党介绍人（2名正式党员）", "Sponsors (2 full members)")
          }
          rules={[{ required: true }]}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: "label" }}
            options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
            aria-label={t("党员", "Members")}
          />
        </Form.Item>
      )}
      {def.kind === "training" && (
        <Form.Item name="trainingHours" label={t("培训学时", "Training hours")} rules={[{ required: true }]}>
          <InputNumber min={0} max={1000} />
        </Form.Item>
      )}
      {def.kind === "review" && (
        <Form.Item name="conclusion" label={t("政审结论", "Conclusion")} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
      {def.kind === "vote" && (
        <Space wrap>
          {(
            [
              ["due", t("应到", "Due")],
              ["present", t("实到", "Present")],
              ["yes", t("赞成", "Yes")],
              ["no", t("反对", "No")],
              ["abstain", t("弃权", "Abstain")],
              ["writtenYes", t("书面赞成", "Written yes")],
            ] as const
          ).map(([k, label]) => (
            <Form.Item key={k} name={k} label={label}>
              <InputNumber min={0} style={{ width: 80 }} aria-label={label} />
            </Form.Item>
          ))}
        </Space>
      )}
      {step === 17 && (
        <Form.Item name="extended" valuePropName="checked">
          <Checkbox>{t("经批准延长审批期限（最长6个月）", "Approval period extended (at most 6 months)")}</Checkbox>
        </Form.Item>
      )}
      {def.docs.length > 0 && (
        <Form.Item name="docs" label={t("材料清单（纸质已归档）", "Document checklist (filed on paper)")}>
          <Checkbox.Group options={def.docs.map((d) => ({ value: d, label: d }))} />
        </Form.Item>
      )}
      <Form.Item name="note" label={t("备注", "Note")}>
        <Input />
      </Form.Item>
    </ShapedForm>
  );
}
