// 居民议事会评议: one meeting, the members present, and the votes on each project that passed 初审
// (a project passes with more votes for than the setting's share of those present; more votes than
// members present is refused with the rule, and nothing of the meeting is written).
import { Button, Form, Input, InputNumber, Table } from "antd";
import { useState } from "react";
import type { TProject } from "../../../contracts/projects";
import { api } from "../../api/client";
import { useI18n } from "../../app/i18n";
import { FormDialog } from "../../shared/form-dialog";
import { projectKeys, useProjects } from "./projects-api";

type Votes = Record<string, { votesFor?: number; votesAgainst?: number; abstentions?: number }>;

export function MeetingButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [votes, setVotes] = useState<Votes>({});
  const waiting = useProjects({ stage: "reviewed", pageSize: 50 });
  const rows = waiting.data?.items ?? [];
  const bodyOf = (v: { title?: string; heldOn?: string; membersPresent?: number }) => {
    const list = rows.filter((p) => votes[p.id]?.votesFor !== undefined);
    return {
      communityId: list[0]?.communityId ?? rows[0]?.communityId,
      title: v.title,
      heldOn: v.heldOn,
      membersPresent: v.membersPresent,
      votes: list.map((p) => ({
        projectId: p.id,
        votesFor: votes[p.id].votesFor ?? 0,
        votesAgainst: votes[p.id].votesAgainst ?? 0,
        abstentions: votes[p.id].abstentions ?? 0,
      })),
    };
  };
  const num = (p: TProject, key: keyof Votes[string]) => (
    <InputNumber
      min={0}
      size="small"
      style={{ width: 70 }}
      aria-label={`${p.title} ${key}`}
      value={votes[p.id]?.[key]}
      onChange={(x) => setVotes((s) => ({ ...s, [p.id]: { ...s[p.id], [key]: x ?? undefined } }))}
    />
  );
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={!rows.length}>
        {t(`居民议事会评议（${rows.length}）`, `Council vote (${rows.length})`)}
      </Button>
      {open && (
        <FormDialog<{ title?: string; heldOn?: string; membersPresent?: number }>
          width={720}
          title={t("居民议事会评议", "Residents' council vote")}
          okText={t("提交", "Submit")}
          onClose={() => setOpen(false)}
          layout="inline"
          raw
          initialValues={{ heldOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) }}
          body={bodyOf}
          send={(body) => api.post<{ results: Array<{ projectId: string; passed: boolean }> }>("/api/projects/meetings", body)}
          done={(r: { results: Array<{ passed: boolean }> }) => {
            const passed = r.results.filter((x) => x.passed).length;
            return t(
              `已记录表决：${passed} 个通过，${r.results.length - passed} 个未通过`,
              `Votes recorded: ${passed} passed, ${r.results.length - passed} not`,
            );
          }}
          invalidate={[projectKeys.all]}
          onDone={() => setVotes({})}
        >
          <Form.Item name="title" label={t("会议名称", "Meeting")} rules={[{ required: true }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="heldOn" label={t("日期", "Date")} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="membersPresent" label={t("到会成员（人）", "Members present")} rules={[{ required: true }]}>
            <InputNumber min={1} />
          </Form.Item>
          <div style={{ width: "100%", marginTop: 12 }}>
            <Table<TProject>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: "max-content" }}
              dataSource={rows}
              columns={[
                {
                  key: "title",
                  title: t("项目（填写赞成票的项目将被表决）", "Project (those with votes for are put to the vote)"),
                  render: (_, p) => `${p.code} ${p.title}`,
                },
                { key: "for", title: t("赞成", "For"), render: (_, p) => num(p, "votesFor") },
                { key: "against", title: t("反对", "Against"), render: (_, p) => num(p, "votesAgainst") },
                { key: "abst", title: t("弃权", "Abstaining"), render: (_, p) => num(p, "abstentions") },
              ]}
            />
          </div>
        </FormDialog>
      )}
    </>
  );
}
