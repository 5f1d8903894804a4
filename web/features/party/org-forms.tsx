// Party organisations: create and edit one, appoint to a committee post, end a post.
import { Alert, Checkbox, Col, DatePicker, Form, Input, Row, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { z } from "zod";
import {
  PARTY_KIND_EN,
  PARTY_KINDS,
  PARTY_LEVEL_EN,
  PARTY_LEVELS,
  PARTY_POST_EN,
  PARTY_POSTS,
  type TPartyOrg,
  ZPartyOrgCreate,
  ZPartyOrgUpdate,
  ZPostCreate,
} from "../../../contracts/party";
import { ZDate } from "../../../contracts/platform";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { orgKindLabel } from "../../shared/labels";
import { FormDialog, MemberPersonSelect, ymd } from "./form-parts";
import { useHostOrgs, usePartyOrgs } from "./party-api";

const rank = (level: string) => PARTY_LEVELS.indexOf(level as (typeof PARTY_LEVELS)[number]);
const noFuture = (d: Dayjs) => d.isAfter(dayjs(), "day");

/** After a save, the branch-setup rules the server checks for that organisation, as a warning. */
function useWarnings() {
  const { t, lang } = useI18n();
  return async (orgId: string) => {
    const orgs = await api.get<TPartyOrg[]>("/api/party/orgs");
    const o = orgs.find((x) => x.id === orgId);
    if (o?.warnings.length)
      notify.warning(
        t(`${o.shortName ?? o.name}：`, `${o.shortName ?? o.name}: `) + o.warnings.map((w) => (lang === "en" ? w.en : w.zh)).join(lang === "en" ? "; " : "；"),
      );
  };
}

function HostOrgSelect({
  value,
  onChange,
  id,
  current,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  current?: TPartyOrg | null;
}) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState("");
  const orgs = useHostOrgs(q);
  const options = (orgs.data?.items ?? [])
    .filter((o) => o.kind !== "党组织")
    .map((o) => ({ value: o.id, label: `${o.name}（${orgKindLabel(o.kind, lang)}）` }));
  if (current?.hostOrgId && !options.some((o) => o.value === current.hostOrgId))
    options.unshift({ value: current.hostOrgId, label: current.hostOrgName ?? current.hostOrgId });
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      showSearch={{ onSearch: setQ, filterOption: false }}
      placeholder={t("如股份合作公司、学校、两新组织", "e.g. a cooperative, school or company")}
      options={options}
    />
  );
}

type OrgValues = {
  name?: string;
  level?: string;
  parentId?: string | null;
  partyKind?: string;
  hostOrgId?: string | null;
  foundedOn?: Dayjs | null;
  termStart?: Dayjs | null;
  termEnd?: Dayjs | null;
};

export function OrgForm({ org, onClose }: { org: TPartyOrg | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const orgs = usePartyOrgs().data ?? [];
  const warn = useWarnings();
  const levelLabel = (l: string) => (lang === "en" ? PARTY_LEVEL_EN[l as keyof typeof PARTY_LEVEL_EN] : l);
  const body = (v: OrgValues) => ({
    name: v.name,
    level: v.level,
    parentId: v.parentId ?? null,
    partyKind: v.partyKind,
    hostOrgId: v.hostOrgId ?? null,
    foundedOn: ymd(v.foundedOn),
    termStart: ymd(v.termStart),
    termEnd: ymd(v.termEnd),
  });
  const common = {
    onClose,
    body,
    drawer: true,
    onDone: (r: { id: string }) => warn(r.id),
    initialValues: org
      ? {
          name: org.name,
          level: org.level,
          parentId: org.parentId,
          partyKind: org.partyKind,
          hostOrgId: org.hostOrgId,
          foundedOn: org.foundedOn ? dayjs(org.foundedOn) : null,
          termStart: org.termStart ? dayjs(org.termStart) : null,
          termEnd: org.termEnd ? dayjs(org.termEnd) : null,
        }
      : { level: "党支部", parentId: orgs.find((o) => o.level === "党委")?.id },
    top: org?.warnings.length ? (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t("设置规则提示", "Set-up rules")}
        description={org.warnings.map((w) => <div key={w.code}>{lang === "en" ? w.en : w.zh}</div>)}
      />
    ) : undefined,
  };
  const fields = (form: import("antd").FormInstance<OrgValues>) => {
    const level = form.getFieldValue("level") as string | undefined;
    const parents = orgs.filter((o) => o.id !== org?.id && (!level || rank(o.level) < rank(level)));
    return (
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="name" label={t("党组织名称", "Name")} rules={[{ required: true, message: t("请填写名称", "Enter the name") }]}>
            <Input maxLength={100} placeholder={t("如：中共福民社区某某党支部", "e.g. 中共福民社区某某党支部")} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="level" label={t("层级", "Level")} rules={[{ required: true }]}>
            <Select options={PARTY_LEVELS.map((l) => ({ value: l, label: levelLabel(l) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="partyKind" label={t("类型", "Kind")} rules={[{ required: true, message: t("请选择类型", "Choose a kind") }]}>
            <Select showSearch={{ optionFilterProp: "label" }} options={PARTY_KINDS.map((k) => ({ value: k, label: lang === "en" ? PARTY_KIND_EN[k] : k }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="parentId"
            label={t("上级党组织", "Parent")}
            extra={t("党委 > 党总支 > 党支部 > 党小组；党委可不设上级", "Committee > general branch > branch > group; a committee may have none")}
          >
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              options={parents.map((o) => ({ value: o.id, label: `${levelLabel(o.level)} · ${o.shortName ?? o.name}` }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="hostOrgId" label={t("所在单位", "Sits in")}>
            <HostOrgSelect current={org} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="foundedOn" label={t("成立日期", "Founded on")}>
            <DatePicker style={{ width: "100%" }} disabledDate={noFuture} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="termStart" label={t("本届任期开始", "Term from")}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="termEnd" label={t("任期届满", "Term to")} extra={t("不填则按5年计", "Default: 5 years")}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
    );
  };
  const title = org ? t(`编辑党组织 · ${org.shortName ?? org.name}`, `Edit · ${org.shortName ?? org.name}`) : t("新建党组织", "New party organisation");
  return org ? (
    <FormDialog<OrgValues, typeof ZPartyOrgUpdate>
      {...common}
      title={title}
      schema={ZPartyOrgUpdate}
      send={(d) => api.patch<TPartyOrg>(`/api/party/orgs/${encodeURIComponent(org.id)}`, d)}
      done={(r: TPartyOrg) => t(`已保存「${r.name}」`, `Saved ${r.name}`)}
    >
      {(form) => (
        <Form.Item noStyle shouldUpdate>
          {() => fields(form)}
        </Form.Item>
      )}
    </FormDialog>
  ) : (
    <FormDialog<OrgValues, typeof ZPartyOrgCreate>
      {...common}
      title={title}
      schema={ZPartyOrgCreate}
      send={(d) => api.post<{ id: string }>("/api/party/orgs", d)}
      done={t("已新建党组织", "Party organisation created")}
    >
      {(form) => (
        <Form.Item noStyle shouldUpdate>
          {() => fields(form)}
        </Form.Item>
      )}
    </FormDialog>
  );
}

type PostValues = { personId?: string; post?: string; termStart?: Dayjs | null; termEnd?: Dayjs | null; certified?: boolean; certifiedOn?: Dayjs | null };

export function PostForm({ org, onClose }: { org: TPartyOrg; onClose: () => void }) {
  const { t, lang } = useI18n();
  const warn = useWarnings();
  // A branch's committee comes from its own members; a committee's from all members in scope.
  const memberOrg = org.level === "党支部" ? org.id : undefined;
  return (
    <FormDialog<PostValues, typeof ZPostCreate>
      title={t(`任职 · ${org.shortName ?? org.name}`, `Appoint · ${org.shortName ?? org.name}`)}
      onClose={onClose}
      schema={ZPostCreate}
      body={(v) => ({
        orgId: org.id,
        personId: v.personId,
        post: v.post,
        termStart: ymd(v.termStart),
        termEnd: ymd(v.termEnd),
        certified: !!v.certified || !!v.certifiedOn,
        certifiedOn: ymd(v.certifiedOn),
      })}
      send={(d) => api.post("/api/party/posts", d)}
      done={t("已登记任职", "Appointment recorded")}
      onDone={() => warn(org.id)}
      initialValues={{ post: org.posts.some((p) => p.post === "书记") ? "委员" : "书记", termStart: dayjs(), certified: false }}
    >
      <Form.Item name="post" label={t("职务", "Post")} rules={[{ required: true }]}>
        <Select options={PARTY_POSTS.map((p) => ({ value: p, label: lang === "en" ? PARTY_POST_EN[p] : p }))} aria-label={t("职务", "Post")} />
      </Form.Item>
      <Form.Item name="personId" label={t("人员（党员）", "Person (a member)")} rules={[{ required: true, message: t("请选择人员", "Choose a person") }]}>
        <MemberPersonSelect orgId={memberOrg} status="full" aria-label={t("人员", "Person")} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="termStart" label={t("任职日期", "From")} rules={[{ required: true }]}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="termEnd"
            label={t("任期至", "Until")}
            extra={org.termEnd ? t(`不填则至本届届满 ${org.termEnd}`, `Default: end of term ${org.termEnd}`) : undefined}
          >
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="certified" valuePropName="checked">
            <Checkbox>{t("持有支部工作资格证（持证）", "Holds the branch-work certificate")}</Checkbox>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="certifiedOn"
            label={t("持证日期", "Certified on")}
            extra={t("往年的持证率按此日期统计", "Past years' certified share counts from this date")}
          >
            <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs())} />
          </Form.Item>
        </Col>
      </Row>
    </FormDialog>
  );
}

const ZCertify = z.object({ on: ZDate });

/** Records the certificate a committee member obtained after being appointed (持证, with its date). */
export function CertifyPostDialog({ org, post, onClose }: { org: TPartyOrg; post: TPartyOrg["posts"][number]; onClose: () => void }) {
  const { t, lang } = useI18n();
  const postLabel = lang === "en" ? PARTY_POST_EN[post.post as keyof typeof PARTY_POST_EN] : post.post;
  return (
    <FormDialog<{ on?: Dayjs | null }, typeof ZCertify>
      title={t(`登记持证 · ${post.personName}`, `Record certificate · ${post.personName}`)}
      onClose={onClose}
      schema={ZCertify}
      body={(v) => ({ on: ymd(v.on) })}
      send={(d) => api.post(`/api/party/posts/${encodeURIComponent(post.id)}/certify`, d)}
      done={t("已登记持证", "Certificate recorded")}
      initialValues={{ on: dayjs() }}
    >
      <Typography.Paragraph>
        {t(
          `${org.shortName ?? org.name}${postLabel}${post.personName}取得支部工作资格证。`,
          `${post.personName}, ${postLabel} of ${org.shortName ?? org.name}, obtained the branch-work certificate.`,
        )}
      </Typography.Paragraph>
      <Form.Item name="on" label={t("持证日期", "Certified on")} rules={[{ required: true }]}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs())} />
      </Form.Item>
    </FormDialog>
  );
}

const ZEndPost = z.object({ on: ZDate });

export function EndPostDialog({ org, post, onClose }: { org: TPartyOrg; post: TPartyOrg["posts"][number]; onClose: () => void }) {
  const { t, lang } = useI18n();
  const postLabel = lang === "en" ? PARTY_POST_EN[post.post as keyof typeof PARTY_POST_EN] : post.post;
  return (
    <FormDialog<{ on?: Dayjs | null }, typeof ZEndPost>
      title={t(`免职 · ${post.personName}`, `End post · ${post.personName}`)}
      onClose={onClose}
      schema={ZEndPost}
      body={(v) => ({ on: ymd(v.on) })}
      send={(d) => api.post(`/api/party/posts/${encodeURIComponent(post.id)}/end`, d)}
      done={t("已免去职务", "Post ended")}
      okText={t("确认免职", "End post")}
      initialValues={{ on: dayjs() }}
    >
      <Typography.Paragraph>
        {t(
          `免去${post.personName}在${org.shortName ?? org.name}的${postLabel}职务（${post.termStart}起任）。`,
          `${post.personName} leaves the post of ${postLabel} of ${org.shortName ?? org.name} (held since ${post.termStart}).`,
        )}
      </Typography.Paragraph>
      <Form.Item name="on" label={t("免职日期", "Ends on")} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Typography.Text type="secondary">
        {t(
          "换届、补选和书记任免请在「换届与任免」中登记，记录批准机关和文号。",
          "Term elections, by-elections and secretary changes are recorded under Elections, with the approving body.",
        )}
      </Typography.Text>
    </FormDialog>
  );
}
