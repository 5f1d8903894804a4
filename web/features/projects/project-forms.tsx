// The forms of 民生微实事: a new proposal, and one dialog per step of a project. A step the server
// refuses keeps the dialog open with the rule it met (409: the rule and where the project stands).
import { PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Form, Input, InputNumber, Radio, Select, Upload, type UploadFile } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { type ProjectStep, type TProjectDetail, ZSurveyAnswer } from "../../../contracts/projects";
import { api } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { FormDialog, ShapedForm } from "../../shared/form-dialog";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { projectKeys } from "./projects-api";
import { answerOptions, kindOptions, stepLabel } from "./projects-labels";

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const fen = (yuan: number | null | undefined) => Math.round((yuan ?? 0) * 100);

export function ProposeButton() {
  const { t, lang } = useI18n();
  const { communities } = useCommunitiesAndGrids();
  const nav = useNavigate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        {t("登记征集项目", "New proposal")}
      </Button>
      {open && (
        <FormDialog<Record<string, any>>
          title={t("登记征集项目", "New proposal")}
          onClose={() => setOpen(false)}
          raw
          initialValues={{ kind: "service", proposerKind: "staff" }}
          body={(v) => ({
            ...v,
            communityId: v.communityId ?? communities[0]?.id,
            estimatedFen: fen(v.estimatedYuan),
            estimatedYuan: undefined,
            proposerPhone: v.proposerPhone || null,
          })}
          send={(body) => api.post<TProjectDetail>("/api/projects", body)}
          done={(d: TProjectDetail) => t(`已登记项目 ${d.code}`, `Project ${d.code} recorded`)}
          invalidate={[projectKeys.all]}
          onDone={(d: TProjectDetail) => nav(`/projects/${d.id}`)}
        >
          {communities.length > 1 && (
            <Form.Item name="communityId" label={t("社区", "Community")} rules={[{ required: true }]}>
              <Select options={communities.map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          )}
          <Form.Item name="title" label={t("项目名称", "Title")} rules={[{ required: true, max: 80 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t("类别", "Kind")}>
            <Radio.Group options={kindOptions(lang)} optionType="button" />
          </Form.Item>
          <Form.Item name="place" label={t("地点", "Place")} rules={[{ required: true, max: 120 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="reason" label={t("理由", "Reason")} rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="estimatedYuan" label={t("估算金额（元）", "Estimate (yuan)")} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="proposerKind" label={t("提议方", "Proposed by")}>
            <Radio.Group
              options={[
                { value: "resident", label: t("居民", "Resident") },
                { value: "staff", label: t("社区工作人员", "Staff") },
              ]}
            />
          </Form.Item>
          <Form.Item name="proposerName" label={t("提议人", "Proposer")} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="proposerPhone" label={t("联系电话（选填）", "Phone (optional)")}>
            <Input maxLength={11} />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}

/** The dialog of one step. `vote` goes to a meeting with this project alone. */
export function StepDialog({ project, step, onClose }: { project: TProjectDetail; step: ProjectStep | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const qc = useQueryClient();
  // What a step sends: a project step (POST /api/projects/:id/<path>, answering the project) or,
  // for the vote, a meeting of this project alone.
  type Sent = { path: string; body: unknown } | { meeting: unknown };
  const submit = (v: any): Sent | undefined => {
    const on = v.on || undefined;
    const go = (path: string, body: unknown) => ({ path, body });
    switch (step) {
      case "review":
        return go("review", { passed: v.passed, note: v.note ?? "", on });
      case "vote":
        return {
          meeting: {
            communityId: project.communityId,
            title: v.title,
            heldOn: v.heldOn,
            membersPresent: v.membersPresent,
            votes: [{ projectId: project.id, votesFor: v.votesFor ?? 0, votesAgainst: v.votesAgainst ?? 0, abstentions: v.abstentions ?? 0 }],
          },
        };
      case "publicise":
        return go("publicise", { on });
      case "objection":
        return go("objections", { byName: v.byName, content: v.content, on });
      case "approve":
        return go("approve", { budgetFen: fen(v.budgetYuan), contractor: v.contractor, plannedStart: v.plannedStart, plannedEnd: v.plannedEnd, on });
      case "progress":
        return go("progress", {
          month: v.month,
          percent: v.percent,
          note: v.note ?? "",
          photos: photos.map((p) => (p.response as { id?: string } | undefined)?.id).filter(Boolean),
          on,
        });
      case "payment":
        return go("payments", { paidOn: v.paidOn, amountFen: fen(v.amountYuan), voucher: v.voucher, payee: v.payee ?? "", note: v.note ?? "" });
      case "accept":
        return go("accept", {
          acceptors: String(v.acceptors ?? "")
            .split(/[、,，\s]+/)
            .filter(Boolean),
          passed: v.passed,
          note: v.note ?? "",
          on,
        });
      case "evaluate":
        return go("evaluate", { on });
      case "cancel":
        return go("cancel", { reason: v.reason, on });
      default:
        return undefined;
    }
  };
  const onField = (
    <Form.Item name="on" label={t("日期（默认今天）", "Date (today if empty)")}>
      <Input type="date" />
    </Form.Item>
  );
  const fields: Partial<Record<ProjectStep, React.ReactNode>> = {
    review: (
      <>
        <Form.Item name="passed" label={t("初审结果", "Result")}>
          <Radio.Group
            options={[
              { value: true, label: t("通过", "Pass") },
              { value: false, label: t("不通过", "Reject") },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t("意见（不通过须写明理由）", "Note (a rejection states its reason)")}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {onField}
      </>
    ),
    vote: (
      <>
        <Form.Item name="title" label={t("会议名称", "Meeting")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="heldOn" label={t("会议日期", "Held on")} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="membersPresent" label={t("到会成员（人）", "Members present")} rules={[{ required: true }]}>
          <InputNumber min={1} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="votesFor" label={t("赞成", "For")} rules={[{ required: true }]}>
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="votesAgainst" label={t("反对", "Against")}>
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="abstentions" label={t("弃权", "Abstaining")}>
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
      </>
    ),
    publicise: onField,
    objection: (
      <>
        <Form.Item name="byName" label={t("异议人", "From")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="content" label={t("异议内容", "Objection")} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {onField}
      </>
    ),
    approve: (
      <>
        <Form.Item name="budgetYuan" label={t("立项预算（元）", "Budget (yuan)")} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="contractor" label={t("实施单位", "Contractor")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="plannedStart" label={t("计划开工", "Planned start")} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="plannedEnd" label={t("计划完成", "Planned end")} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        {onField}
      </>
    ),
    progress: (
      <>
        <Form.Item name="month" label={t("月份", "Month")} rules={[{ required: true }]}>
          <Input type="month" />
        </Form.Item>
        <Form.Item name="percent" label={t("完成进度（%）", "Progress (%)")} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="note" label={t("说明", "Note")}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item label={t("现场照片", "Photos")}>
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
        {onField}
      </>
    ),
    payment: (
      <>
        <Form.Item name="paidOn" label={t("支付日期", "Paid on")} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="amountYuan" label={t("金额（元）", "Amount (yuan)")} rules={[{ required: true }]}>
          <InputNumber min={0.01} precision={2} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="voucher" label={t("凭证号", "Voucher")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="payee" label={t("收款单位", "Payee")}>
          <Input />
        </Form.Item>
        <Form.Item name="note" label={t("说明", "Note")}>
          <Input />
        </Form.Item>
      </>
    ),
    accept: (
      <>
        <Form.Item name="acceptors" label={t("验收人（以顿号分隔）", "Accepted by (names, separated by 、)")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="passed" label={t("验收结果", "Result")}>
          <Radio.Group
            options={[
              { value: true, label: t("合格", "Passed") },
              { value: false, label: t("不合格，限期整改", "Not passed") },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t("验收意见", "Note")}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {onField}
      </>
    ),
    evaluate: (
      <>
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={t(
            `已收到 ${project.survey.total} 份满意度答卷。评价后调查结束，满意度计入项目。`,
            `${project.survey.total} survey answers in. Evaluating closes the survey and keeps the rate on the project.`,
          )}
        />
        {onField}
      </>
    ),
    cancel: (
      <>
        <Form.Item name="reason" label={t("撤销理由", "Reason")} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {onField}
      </>
    ),
  };
  const send = async (x: Sent) => {
    if (!x) return null;
    if ("meeting" in x) return api.post("/api/projects/meetings", x.meeting);
    const d = await api.post<TProjectDetail>(`/api/projects/${project.id}/${x.path}`, x.body);
    qc.setQueryData(projectKeys.detail(project.id), d);
    return d;
  };
  if (!step) return null;
  return (
    <FormDialog<Record<string, any>>
      title={`${stepLabel(step, lang)} · ${project.title}`}
      onClose={onClose}
      raw
      body={(v) => submit(v)}
      send={(x) => send(x as Sent)}
      done={t("已保存", "Saved")}
      invalidate={[projectKeys.all]}
      okText={t("提交", "Submit")}
      initialValues={{ passed: true, title: `${project.communityName}居民议事会`, heldOn: today(), paidOn: today() }}
    >
      {fields[step]}
    </FormDialog>
  );
}

/** A paper survey answer entered by staff. */
export function SurveyEntry({ projectId }: { projectId: string }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { can } = useAuth();
  if (!can("projects.write")) return null;
  return (
    <ShapedForm<{ answer: string }>
      layout="inline"
      raw
      schema={ZSurveyAnswer}
      initialValues={{ answer: "satisfied" }}
      body={(v) => ({ answer: v.answer, comment: "" })}
      send={(body) => api.post<TProjectDetail>(`/api/projects/${projectId}/survey`, body)}
      done={t("已录入", "Recorded")}
      onDone={(d: TProjectDetail) => qc.setQueryData(projectKeys.detail(projectId), d)}
      invalidate={[
        ["projects", "list"],
        ["projects", "budget"],
      ]}
      submitText={t("录入纸质答卷", "Enter a paper answer")}
    >
      <Form.Item name="answer">
        <Radio.Group options={answerOptions(lang)} />
      </Form.Item>
    </ShapedForm>
  );
}
