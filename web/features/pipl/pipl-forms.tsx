// The forms of the PIPL requests page: record a request, answer it, correct the registry record,
// and anonymise (the irreversible one: the person's name typed again). Each on the shared form dialog.
import { Alert, DatePicker, Form, Input, Radio, Select } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import {
  PIPL_CHANNEL_LABELS,
  PIPL_CHANNELS,
  PIPL_KIND_LABELS,
  PIPL_KINDS,
  type TPiplRequest,
  ZPiplAnonymise,
  ZPiplAnswer,
  ZPiplCorrection,
  ZPiplRequestCreate,
} from "../../../contracts/pipl";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { FormDialog, ymd } from "../../shared/form-dialog";
import { usePeopleSearch } from "../people/people-api";

function PersonSearch(p: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const list = usePeopleSearch(q, { pageSize: 50, all: true, keepPrevious: true });
  return (
    <Select
      {...p}
      showSearch={{ onSearch: setQ, filterOption: false }}
      placeholder={t("输入姓名、手机或身份证后四位搜索", "Search by name, or the last digits of a phone or ID")}
      loading={list.isFetching}
      options={(list.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${x.gridName ?? "—"} · ${x.phone ?? "—"}）` }))}
    />
  );
}

export function NewRequestDialog({ onClose, onDone }: { onClose: () => void; onDone: (r: TPiplRequest) => void }) {
  const { t, lang } = useI18n();
  return (
    <FormDialog<Record<string, any>, typeof ZPiplRequestCreate>
      title={t("登记个人信息权利请求", "Record a PIPL request")}
      onClose={onClose}
      schema={ZPiplRequestCreate}
      initialValues={{ requester: t("本人", "The person"), channel: "counter", kind: "access", receivedOn: dayjs() }}
      body={(v) => ({ ...v, receivedOn: ymd(v.receivedOn) ?? undefined })}
      send={(d) => api.post<TPiplRequest>("/api/pipl/requests", d)}
      done={(r: TPiplRequest) => t(`已登记，${r.dueOn} 前答复`, `Recorded: answer by ${r.dueOn}`)}
      invalidate={[["pipl"], ["todos"]]}
      onDone={onDone}
      okText={t("登记", "Record")}
    >
      <Form.Item name="personId" label={t("本人（人口库）", "The person (registry)")} rules={[{ required: true }]}>
        <PersonSearch />
      </Form.Item>
      <Form.Item name="kind" label={t("请求类型", "Request")} rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={PIPL_KINDS.map((k) => ({ value: k, label: PIPL_KIND_LABELS[k][lang] }))} />
      </Form.Item>
      <Form.Item name="requester" label={t("请求人（本人或代理人及关系）", "Asked by (the person, or who and relation)")} rules={[{ required: true }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="channel" label={t("渠道", "Channel")} rules={[{ required: true }]}>
        <Select options={PIPL_CHANNELS.map((c) => ({ value: c, label: PIPL_CHANNEL_LABELS[c][lang] }))} />
      </Form.Item>
      <Form.Item name="receivedOn" label={t("收到日期", "Received on")}>
        <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
      </Form.Item>
      <Form.Item name="detail" label={t("请求内容", "What is asked")}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

export function AnswerDialog({ request, onClose }: { request: TPiplRequest; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <FormDialog<Record<string, any>, typeof ZPiplAnswer>
      title={t("答复请求", "Answer the request")}
      onClose={onClose}
      schema={ZPiplAnswer}
      initialValues={{ status: "done" }}
      send={(d) => api.post<TPiplRequest>(`/api/pipl/requests/${request.id}/answer`, d)}
      done={t("已答复", "Answered")}
      invalidate={[["pipl"], ["todos"]]}
      okText={t("答复", "Answer")}
    >
      <Form.Item name="status" label={t("结果", "Result")} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={[
            { value: "done", label: t("已办理", "Granted") },
            { value: "partial", label: t("部分办理", "In part") },
            { value: "refused", label: t("不予办理", "Refused") },
          ]}
        />
      </Form.Item>
      <Form.Item name="result" label={t("答复内容（告知本人的理由与结果）", "What the person is told (result and reasons)")} rules={[{ required: true }]}>
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

export function CorrectDialog({ request, onClose }: { request: TPiplRequest; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <FormDialog<Record<string, any>, typeof ZPiplCorrection>
      title={t(`更正 ${request.personName} 的登记信息`, `Correct ${request.personName}'s record`)}
      onClose={onClose}
      schema={ZPiplCorrection}
      body={(v) =>
        Object.fromEntries(
          Object.entries({ ...v, birthDate: v.birthDate ? ymd(v.birthDate) : undefined }).filter(([, x]) => x !== undefined && x !== null && x !== ""),
        )
      }
      send={(d) => api.post<TPiplRequest>(`/api/pipl/requests/${request.id}/correct`, d)}
      done={t("已更正并答复", "Corrected and answered")}
      invalidate={[["pipl"], ["people"], ["todos"]]}
      okText={t("更正", "Correct")}
      top={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t(
            "只填写要更正的项；更正经人员登记保存并记入审计日志（前后脱敏）",
            "Fill only what is corrected; it is saved through the registry and audited (masked)",
          )}
        />
      }
    >
      <Form.Item name="name" label={t("姓名", "Name")}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="gender" label={t("性别", "Gender")}>
        <Radio.Group
          options={[
            { value: "M", label: t("男", "Male") },
            { value: "F", label: t("女", "Female") },
          ]}
        />
      </Form.Item>
      <Form.Item name="birthDate" label={t("出生日期", "Birth date")}>
        <DatePicker style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="phone" label={t("手机号", "Phone")}>
        <Input maxLength={13} inputMode="tel" />
      </Form.Item>
      <Form.Item name="address" label={t("住址", "Address")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="result" label={t("答复内容（可选）", "What the person is told (optional)")}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

export function AnonymiseDialog({ request, onClose }: { request: TPiplRequest; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <FormDialog<Record<string, any>, typeof ZPiplAnonymise>
      title={t("删除（匿名化）", "Delete (anonymise)")}
      onClose={onClose}
      schema={ZPiplAnonymise}
      send={(d) => api.post(`/api/pipl/requests/${request.id}/anonymise`, d)}
      done={t("已匿名化，请求已答复", "Anonymised; the request is answered")}
      invalidate={[["pipl"], ["people"], ["todos"]]}
      okText={t("不可恢复地删除", "Delete irreversibly")}
      okDanger
      top={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t("此操作不可恢复", "This cannot be undone")}
          description={t(
            "姓名、身份证号、手机号、住址在人员登记和各模块的记录中被替换；记录本身保留，统计数字不变。",
            "The name, ID number, phone and address are replaced in the registry and every module's records; the records stay and the figures do not change.",
          )}
        />
      }
    >
      <Form.Item
        name="confirmName"
        label={t(`请再次输入姓名「${request.personName}」以确认`, `Type the name "${request.personName}" to confirm`)}
        rules={[{ required: true }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="result" label={t("答复内容（可选）", "What the person is told (optional)")}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}
