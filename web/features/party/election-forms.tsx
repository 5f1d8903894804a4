// 换届, 补选 and 任免, each with its dates, votes and approving document; and the boards of the
// 股份合作公司 (for the 一肩挑 and 交叉任职 ratios).
import { Alert, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import {
  BOARD_POST_EN,
  BOARD_POSTS,
  ELECTION_KIND_EN,
  ELECTION_KINDS,
  PARTY_POST_EN,
  PARTY_POSTS,
  ZBoardCreate,
  ZBoardEnd,
  ZElectionCreate,
} from "../../../contracts/party";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { FormDialog, MemberPersonSelect, PeopleSelect, ymd } from "./form-parts";
import { useCompanies, usePartyOrgs } from "./party-api";

const noFuture = (d: Dayjs) => d.isAfter(dayjs(), "day");

type Kind = (typeof ELECTION_KINDS)[number];
type Values = {
  kind?: Kind;
  orgId?: string;
  heldOn?: Dayjs | null;
  termStart?: Dayjs | null;
  termEnd?: Dayjs | null;
  post?: string;
  personId?: string;
  removedPersonId?: string | null;
  certified?: boolean;
  votesDue?: number | null;
  votesCast?: number | null;
  votesFor?: number | null;
  approvingBody?: string;
  documentNo?: string;
  note?: string;
};

export function ElectionForm({ kind, onClose }: { kind: Kind; onClose: () => void }) {
  const { t, lang } = useI18n();
  const orgs = usePartyOrgs().data ?? [];
  const companies = useCompanies().data ?? [];
  const postLabel = (p: string) => (lang === "en" ? (PARTY_POST_EN as Record<string, string>)[p] : p);
  const kindLabel = (k: Kind) => (lang === "en" ? ELECTION_KIND_EN[k] : k);
  /** The body that approves: by default the parent organisation. */
  const approverOf = (orgId: string | undefined) => {
    const o = orgs.find((x) => x.id === orgId);
    const parent = orgs.find((x) => x.id === o?.parentId);
    return parent?.name ?? (o?.level === "党委" ? t("街道党工委", "Subdistrict party working committee") : (orgs.find((x) => x.level === "党委")?.name ?? ""));
  };
  return (
    <FormDialog<Values, typeof ZElectionCreate>
      drawer
      width={640}
      title={t("登记换届、补选、任免", "Record an election or appointment")}
      onClose={onClose}
      schema={ZElectionCreate}
      body={(v) => ({
        orgId: v.orgId,
        kind: v.kind,
        heldOn: ymd(v.heldOn),
        termStart: v.kind === "换届" ? ymd(v.termStart) : null,
        termEnd: v.kind === "换届" ? ymd(v.termEnd) : null,
        post: v.kind === "换届" ? null : (v.post ?? null),
        personId: v.kind === "换届" ? null : (v.personId ?? null),
        removedPersonId: v.kind === "任免" ? (v.removedPersonId ?? null) : null,
        certified: !!v.certified,
        votesDue: v.kind === "任免" ? null : (v.votesDue ?? null),
        votesCast: v.kind === "任免" ? null : (v.votesCast ?? null),
        votesFor: v.kind === "任免" ? null : (v.votesFor ?? null),
        approvingBody: v.approvingBody,
        documentNo: v.documentNo,
        note: v.note,
      })}
      send={(d) => api.post<{ id: string }>("/api/party/elections", d)}
      done={t("已登记", "Recorded")}
      initialValues={{ kind, heldOn: dayjs(), termStart: dayjs(), termEnd: dayjs().add(5, "year"), post: kind === "任免" ? "书记" : "委员", certified: false }}
    >
      {(form) => (
        <Form.Item noStyle shouldUpdate>
          {() => {
            const k = (form.getFieldValue("kind") as Kind) ?? kind;
            const orgId = form.getFieldValue("orgId") as string | undefined;
            const post = form.getFieldValue("post") as string | undefined;
            const org = orgs.find((o) => o.id === orgId);
            const orgOptions = [
              ...orgs.filter((o) => k === "换届" || o.level !== "党小组").map((o) => ({ value: o.id, label: o.shortName ?? o.name })),
              ...(k === "换届" ? companies.map((c) => ({ value: c.id, label: t(`${c.name}（股份合作公司）`, `${c.name} (cooperative)`) })) : []),
            ];
            const holders = (org?.posts ?? []).filter((p) => p.post === post);
            return (
              <Row gutter={16}>
                <Col span={24}>
                  <Form.Item name="kind" label={t("类别", "Kind")} rules={[{ required: true }]}>
                    <Radio.Group
                      optionType="button"
                      options={ELECTION_KINDS.map((x) => ({ value: x, label: kindLabel(x) }))}
                      onChange={(e) => form.setFieldsValue({ post: e.target.value === "任免" ? "书记" : "委员", orgId: undefined })}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={16}>
                  <Form.Item
                    name="orgId"
                    label={k === "换届" ? t("党组织或股份合作公司", "Party organisation or cooperative") : t("党组织", "Party organisation")}
                    rules={[{ required: true, message: t("请选择组织", "Choose the organisation") }]}
                  >
                    <Select
                      showSearch={{ optionFilterProp: "label" }}
                      options={orgOptions}
                      aria-label={t("组织", "Organisation")}
                      onChange={(v) =>
                        form.setFieldsValue({ approvingBody: approverOf(v) || form.getFieldValue("approvingBody"), personId: undefined, removedPersonId: null })
                      }
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name="heldOn" label={k === "任免" ? t("任免日期", "Date") : t("选举日期", "Election date")} rules={[{ required: true }]}>
                    <DatePicker
                      style={{ width: "100%" }}
                      disabledDate={noFuture}
                      onChange={(d) => {
                        if (k === "换届" && d) form.setFieldsValue({ termStart: d, termEnd: d.add(5, "year") });
                      }}
                    />
                  </Form.Item>
                </Col>
                {k === "换届" && (
                  <>
                    {org?.termEnd && (
                      <Col span={24}>
                        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
                          {t(
                            `本届任期 ${org.termStart} 至 ${org.termEnd}；延期或提前换届须经批准，且不超过一年。`,
                            `Current term ${org.termStart} – ${org.termEnd}; a delay or advance needs approval and is at most one year.`,
                          )}
                        </Typography.Paragraph>
                      </Col>
                    )}
                    <Col xs={12} sm={12}>
                      <Form.Item name="termStart" label={t("新一届任期开始", "New term from")} rules={[{ required: true }]}>
                        <DatePicker style={{ width: "100%" }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={12}>
                      <Form.Item name="termEnd" label={t("任期届满", "Term to")} rules={[{ required: true }]}>
                        <DatePicker style={{ width: "100%" }} />
                      </Form.Item>
                    </Col>
                  </>
                )}
                {k !== "换届" && (
                  <>
                    <Col xs={24} sm={8}>
                      <Form.Item name="post" label={t("职务", "Post")} rules={[{ required: true }]}>
                        <Select
                          options={PARTY_POSTS.map((p) => ({ value: p, label: postLabel(p) }))}
                          onChange={() => form.setFieldValue("removedPersonId", null)}
                          aria-label={t("职务", "Post")}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={16}>
                      <Form.Item
                        name="personId"
                        label={k === "补选" ? t("当选人", "Elected") : t("任职人", "Appointed")}
                        rules={[{ required: true, message: t("请选择人员", "Choose a person") }]}
                      >
                        <MemberPersonSelect orgId={org?.level === "党支部" ? org.id : undefined} status="full" aria-label={t("当选人或任职人", "Person")} />
                      </Form.Item>
                    </Col>
                    {k === "任免" && (
                      <Col span={24}>
                        <Form.Item
                          name="removedPersonId"
                          label={t("同时免去", "Removing")}
                          extra={
                            !org
                              ? t("选择党组织后列出现任者", "Choose the organisation to list the holders")
                              : holders.length
                                ? t("免去现任者的职务，新任者同日任职", "The holder leaves the post the same day the new one takes it")
                                : t(`${org.shortName ?? org.name}目前无人担任此职务`, "Nobody holds this post now")
                          }
                        >
                          <Select
                            allowClear
                            disabled={!holders.length}
                            options={holders.map((h) => ({ value: h.personId, label: `${h.personName}（${h.termStart}起）` }))}
                          />
                        </Form.Item>
                      </Col>
                    )}
                    <Col span={24}>
                      <Form.Item name="certified" valuePropName="checked">
                        <Checkbox>{t("持有支部工作资格证（持证）", "Holds the branch-work certificate")}</Checkbox>
                      </Form.Item>
                    </Col>
                  </>
                )}
                {k !== "任免" && (
                  <>
                    <Col span={24}>
                      <Typography.Text strong>
                        {k === "补选"
                          ? t("表决票数（须过半数到会、过半数赞成）", "Votes (more than half present, more than half of them for)")
                          : t("表决票数（可不填）", "Votes (optional)")}
                      </Typography.Text>
                    </Col>
                    {(
                      [
                        ["votesDue", t("应到", "Due")],
                        ["votesCast", t("实到", "Present")],
                        ["votesFor", t("赞成", "For")],
                      ] as const
                    ).map(([name, label]) => (
                      <Col xs={8} sm={6} key={name}>
                        <Form.Item name={name} label={label} rules={k === "补选" ? [{ required: true, message: t("必填", "Required") }] : undefined}>
                          <InputNumber min={0} precision={0} style={{ width: "100%" }} aria-label={label} />
                        </Form.Item>
                      </Col>
                    ))}
                  </>
                )}
                <Col xs={24} sm={14}>
                  <Form.Item
                    name="approvingBody"
                    label={t("批准机关", "Approved by")}
                    rules={[{ required: true, message: t("请填写批准机关", "Enter the approving body") }]}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={10}>
                  <Form.Item name="documentNo" label={t("批准文号", "Document no.")}>
                    <Input maxLength={100} placeholder={t("如：福民党〔2024〕12号", "e.g. 福民党〔2024〕12号")} />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name="note" label={t("备注", "Note")}>
                    <Input.TextArea rows={2} maxLength={2000} />
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

type BoardValues = { companyId?: string; personId?: string; post?: string; termStart?: Dayjs | null; termEnd?: Dayjs | null };

export function BoardMemberForm({ onClose, companyId }: { onClose: () => void; companyId?: string }) {
  const { t, lang } = useI18n();
  const companies = useCompanies().data ?? [];
  return (
    <FormDialog<BoardValues, typeof ZBoardCreate>
      title={t("登记董事会、监事会成员", "Add a board member")}
      onClose={onClose}
      schema={ZBoardCreate}
      body={(v) => ({ companyId: v.companyId, personId: v.personId, post: v.post, termStart: ymd(v.termStart), termEnd: ymd(v.termEnd) })}
      send={(d) => api.post("/api/party/boards", d)}
      done={t("已登记", "Recorded")}
      initialValues={{ companyId, post: "董事", termStart: dayjs() }}
    >
      <Form.Item name="companyId" label={t("股份合作公司", "Cooperative")} rules={[{ required: true, message: t("请选择公司", "Choose the company") }]}>
        <Select showSearch={{ optionFilterProp: "label" }} options={companies.map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
      <Form.Item
        name="personId"
        label={t("人员（人口库）", "Person (from the registry)")}
        rules={[{ required: true, message: t("请选择人员", "Choose a person") }]}
      >
        <PeopleSelect aria-label={t("人员", "Person")} />
      </Form.Item>
      <Form.Item name="post" label={t("公司职务", "Board post")} rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={BOARD_POSTS.map((p) => ({ value: p, label: lang === "en" ? BOARD_POST_EN[p] : p }))} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="termStart" label={t("任期开始", "From")} rules={[{ required: true }]}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="termEnd" label={t("任期届满", "Until")}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text type="secondary">
        {t(
          "董事长同时任本公司党组织书记即为“一肩挑”；董事、监事担任党组织委员即为交叉任职。",
          "A chair who is also the company's party secretary holds both roles (一肩挑); board members holding party posts are cross-appointed.",
        )}
      </Typography.Text>
    </FormDialog>
  );
}

/** A serving board member, as the boards list shows them. */
export type BoardMember = { id: string; companyName: string; personName: string; post: string; termStart: string };

/** Ends a board or supervisory-board membership; a chair who leaves leaves the company without a chair until one is added. */
export function EndBoardMemberDialog({ member, onClose }: { member: BoardMember; onClose: () => void }) {
  const { t, lang } = useI18n();
  const post = lang === "en" ? ((BOARD_POST_EN as Record<string, string>)[member.post] ?? member.post) : member.post;
  return (
    <FormDialog<{ on?: Dayjs | null }, typeof ZBoardEnd>
      title={t(`离任 · ${member.personName}`, `End membership · ${member.personName}`)}
      onClose={onClose}
      schema={ZBoardEnd}
      body={(v) => ({ on: ymd(v.on) })}
      send={(d) => api.post(`/api/party/boards/${encodeURIComponent(member.id)}/end`, d)}
      done={t("已登记离任", "Membership ended")}
      okText={t("确认离任", "End membership")}
      initialValues={{ on: dayjs() }}
    >
      <Typography.Paragraph>
        {t(
          `${member.personName}不再担任${member.companyName}${post}（${member.termStart}起任）。`,
          `${member.personName} leaves the post of ${post} of ${member.companyName} (held since ${member.termStart}).`,
        )}
      </Typography.Paragraph>
      {member.post === "董事长" && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(
            "董事长离任后，该公司暂无董事长，直至登记新的董事长；期间“一肩挑”按否计算。",
            "After the chair leaves, the company has no chair until a new one is added; meanwhile it counts as not 一肩挑.",
          )}
        />
      )}
      <Form.Item
        name="on"
        label={t("离任日期（不再任职的第一天）", "Ends on (first day no longer held)")}
        rules={[{ required: true, message: t("请选择离任日期", "Choose the date") }]}
      >
        <DatePicker disabledDate={noFuture} />
      </Form.Item>
    </FormDialog>
  );
}
