// The forms of 关爱帮扶: take a household into care (from the people registry), and record a visit or
// a 慰问活动 covering many households. A refusal (a visit to an archived household …) keeps the
// dialog open with the rule the server gave.
import { HeartOutlined, PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button, DatePicker, Form, Input, InputNumber, Radio, Select } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useNavigate } from "react-router";
import { type THousehold, type THouseholdDetail, type TVisit, ZHouseholdCreate, ZHouseholdUpdate, ZVisitCreate } from "../../../contracts/care";
import type { TOrg, TPerson } from "../../../contracts/platform";
import { api } from "../../api/client";
import { useMe } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { FormDialog, ymd } from "../../shared/form-dialog";
import { ImportDialogButton } from "../../shared/import-dialog";
import { useCommunitiesAndGrids } from "../../shared/regions";
import { useCareKinds, usePickList } from "./care-api";

/** A select over a list the server searches: people of the registry, households, organisations. */
function RemoteSelect<T>({
  url,
  params,
  toOption,
  ...rest
}: {
  url: string;
  params?: Record<string, string>;
  toOption: (x: T) => { value: string; label: string };
  mode?: "multiple";
  value?: string | string[];
  onChange?: (v: any) => void;
  placeholder?: string;
  "aria-label"?: string;
}) {
  const [q, setQ] = useState("");
  const list = usePickList<T>(url, params, q);
  return <Select showSearch filterOption={false} onSearch={setQ} options={(list.data?.items ?? []).map(toOption)} loading={list.isFetching} {...rest} />;
}

const personOption = (p: TPerson) => ({ value: p.id, label: `${p.name}（${p.gridName ?? "—"}，${p.address ?? ""}）` });

export function EnrollButton() {
  const { t } = useI18n();
  const nav = useNavigate();
  const kinds = useCareKinds();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        {t("纳入帮扶", "Take into care")}
      </Button>
      {open && (
        <FormDialog<Record<string, any>, typeof ZHouseholdCreate>
          title={t("纳入帮扶", "Take a household into care")}
          onClose={() => setOpen(false)}
          schema={ZHouseholdCreate}
          initialValues={{ enrolledOn: dayjs(), memberIds: [], pairedIds: [], needs: [] }}
          body={(v) => ({ ...v, enrolledOn: ymd(v.enrolledOn) })}
          send={(d) => api.post<THouseholdDetail>("/api/care/households", d)}
          done={(d: THouseholdDetail) => t(`已纳入帮扶：${d.household.name}`, `Taken into care: ${d.household.name}`)}
          invalidate={[["care"]]}
          onDone={(d: THouseholdDetail) => nav(`/care/households/${d.household.id}`)}
          okText={t("纳入帮扶", "Take into care")}
        >
          <Form.Item name="headPersonId" label={t("户主（人口库）", "Head (people registry)")} rules={[{ required: true }]}>
            <RemoteSelect<TPerson> url="/api/people" toOption={personOption} placeholder={t("输入姓名搜索", "Search by name")} />
          </Form.Item>
          <Form.Item name="memberIds" label={t("同住家庭成员", "Other members at the house")}>
            <RemoteSelect<TPerson> url="/api/people" toOption={personOption} mode="multiple" />
          </Form.Item>
          <Form.Item name="kinds" label={t("困难类型", "Difficulty kinds")} rules={[{ required: true }]}>
            <Select mode="multiple" options={(kinds.data?.kinds ?? []).map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="needs" label={t("需求", "Needs")}>
            <Select mode="tags" open={false} placeholder={t("输入后回车", "Type and press Enter")} />
          </Form.Item>
          <Form.Item name="pairedIds" label={t("结对帮扶党员（四个万家）", "Paired party members")}>
            <RemoteSelect<TPerson> url="/api/people" params={{ tag: "党员" }} toOption={personOption} mode="multiple" />
          </Form.Item>
          <Form.Item name="enrolledOn" label={t("纳入日期", "Taken into care on")} rules={[{ required: true }]}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}

/** Edits a household in care: its difficulty kinds, needs and paired party members. */
export function EditHouseholdButton({ household }: { household: THousehold }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const kinds = useCareKinds();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("编辑", "Edit")}</Button>
      {open && (
        <FormDialog<Record<string, any>, typeof ZHouseholdUpdate>
          title={t("编辑困难户", "Edit the household")}
          onClose={() => setOpen(false)}
          schema={ZHouseholdUpdate}
          initialValues={{ kinds: household.kinds, needs: household.needs, pairedIds: household.paired.map((p) => p.personId) }}
          send={(d) => api.patch<THouseholdDetail>(`/api/care/households/${household.id}`, d)}
          done={t("已保存", "Saved")}
          onDone={(d: THouseholdDetail) => {
            qc.setQueryData(["care", "household", household.id], d);
            qc.invalidateQueries({ queryKey: ["care", "households"] });
          }}
        >
          <Form.Item name="kinds" label={t("困难类型", "Difficulty kinds")} rules={[{ required: true }]}>
            <Select mode="multiple" options={(kinds.data?.kinds ?? []).map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="needs" label={t("需求", "Needs")}>
            <Select mode="tags" open={false} placeholder={t("输入后回车", "Type and press Enter")} />
          </Form.Item>
          <Form.Item name="pairedIds" label={t("结对帮扶党员（四个万家）", "Paired party members")}>
            <RemoteSelect<TPerson> url="/api/people" params={{ tag: "党员" }} toOption={personOption} mode="multiple" />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}

/** Records a visit or a 慰问活动; `households` preselects (a household's page). */
export function VisitButton({ households }: { households?: THousehold[] }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const { communities } = useCommunitiesAndGrids();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" icon={<HeartOutlined />} onClick={() => setOpen(true)}>
        {t("登记走访/慰问", "Record a visit")}
      </Button>
      {open && (
        <FormDialog<Record<string, any>, typeof ZVisitCreate>
          title={t("登记走访或慰问活动", "Record a visit or a care campaign")}
          onClose={() => setOpen(false)}
          schema={ZVisitCreate}
          width={640}
          okText={t("登记", "Record")}
          initialValues={{
            kind: households ? "visit" : "campaign",
            visitedOn: dayjs(),
            householdIds: households?.map((h) => h.id) ?? [],
            partnerOrgIds: [],
            visitorPersonIds: [],
          }}
          body={(v) => ({
            communityId: households?.[0]?.communityId ?? communities[0]?.id ?? me.scope.regionId,
            visitedOn: ymd(v.visitedOn),
            title: v.title,
            kind: v.kind,
            visitorUserIds: [me.user.id],
            visitorPersonIds: v.visitorPersonIds ?? [],
            partnerOrgIds: v.partnerOrgIds ?? [],
            households: ((v.householdIds ?? []) as string[]).map((householdId) => ({
              householdId,
              goods: (v.goods ?? "").trim(),
              moneyFen: Math.round((v.moneyYuan ?? 0) * 100),
              services: (v.services ?? "").trim(),
              followUp: (v.followUp ?? "").trim(),
            })),
          })}
          send={(d) => api.post<TVisit>("/api/care/visits", d)}
          done={(d: TVisit) => t(`已登记：${d.title}（${d.households.length} 户）`, `Recorded: ${d.title} (${d.households.length} households)`)}
          invalidate={[["care"], ["figures"]]}
        >
          <Form.Item name="title" label={t("名称", "Title")} rules={[{ required: true, max: 100 }]}>
            <Input placeholder={t("如：中秋节暖心慰问活动", "e.g. Mid-Autumn care campaign")} />
          </Form.Item>
          <Form.Item name="kind" label={t("类型", "Kind")}>
            <Radio.Group
              optionType="button"
              options={[
                { value: "visit", label: lang === "zh" ? "入户走访" : "Home visit" },
                { value: "campaign", label: lang === "zh" ? "慰问活动" : "Care campaign" },
              ]}
            />
          </Form.Item>
          <Form.Item name="visitedOn" label={t("日期", "Date")} rules={[{ required: true }]}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="householdIds" label={t("走访的困难户", "Households visited")} rules={[{ required: true }]}>
            <RemoteSelect<THousehold>
              url="/api/care/households"
              toOption={(h) => ({ value: h.id, label: `${h.name}（${h.gridName ?? "—"}${h.state === "archived" ? t("，已归档", ", archived") : ""}）` })}
              mode="multiple"
            />
          </Form.Item>
          <Form.Item name="partnerOrgIds" label={t("共建单位", "Partner units")}>
            <RemoteSelect<TOrg> url="/api/organisations" toOption={(o) => ({ value: o.id, label: o.name })} mode="multiple" />
          </Form.Item>
          <Form.Item name="visitorPersonIds" label={t("同行党员、志愿者", "Party members and volunteers who went")}>
            <RemoteSelect<TPerson> url="/api/people" params={{ tag: "党员" }} toOption={personOption} mode="multiple" />
          </Form.Item>
          <Form.Item name="goods" label={t("物资（每户）", "Goods (each household)")}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="moneyYuan" label={t("慰问金（元/户）", "Money (yuan each)")}>
            <InputNumber min={0} precision={2} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="services" label={t("服务", "Services")}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="followUp" label={t("后续需求", "Follow-up needs")}>
            <Input maxLength={500} />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}

/** XLSX import of households or of visits (a template, a check first, all or nothing; the same file again changes nothing). */
export function CareImportButton({ what }: { what: "households" | "visits" }) {
  const { t } = useI18n();
  const h = what === "households";
  const noun = h ? { zh: "困难户", en: "households" } : { zh: "走访记录", en: "visit rows" };
  return (
    <ImportDialogButton
      url={`/api/care/${what}/import`}
      template={{ url: `/api/care/${what}/import/template`, fileName: h ? "困难户导入模板.xlsx" : "走访慰问导入模板.xlsx" }}
      buttonLabel={h ? t("导入困难户", "Import households") : t("导入走访", "Import visits")}
      title={h ? t("导入困难户", "Import households") : t("导入走访慰问", "Import visits")}
      intro={
        h
          ? t(
              "每行一户，户主、家庭成员和结对党员按身份证号关联人口库；任何一行有误则整个文件不导入。户主已在帮扶中的保持不变。",
              "One household a row; head, members and paired party members matched to the people registry by ID number. Any bad row stops the whole file; a head already in care is left unchanged.",
            )
          : t(
              "每行走访一户（按户主身份证号）；日期和名称相同的行是同一次走访或慰问活动。任何一行有误则整个文件不导入；已登记的走访保持不变。",
              "One household visited a row (by the head's ID number); rows of the same date and title are one visit or campaign. Any bad row stops the whole file; a visit already recorded is left unchanged.",
            )
      }
      accept=".xlsx"
      fileLabel={t("选择 XLSX 文件", "Choose an XLSX file")}
      says={{
        checked: (r) => t(`检查通过：将新增 ${r.created} 条，不变 ${r.unchanged} 条`, `Checked: ${r.created} to add, ${r.unchanged} unchanged`),
        imported: (r) => t(`已导入：新增 ${r.created} 条，不变 ${r.unchanged} 条`, `Imported: ${r.created} added, ${r.unchanged} unchanged`),
        toast: (r) => t(`已导入 ${r.created} 条${noun.zh}`, `${r.created} ${noun.en} imported`),
      }}
      invalidate={["care"]}
    />
  );
}
