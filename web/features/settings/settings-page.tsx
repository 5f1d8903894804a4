// 设置: every local rule of DOMAIN.md ([B]/[U]) is a setting with a default; some may be overridden
// for a subdistrict or community. Security settings belong to the security administrator.
import { LockOutlined, SaveOutlined, UndoOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Input, InputNumber, Skeleton, Space, Switch, Table, Tag, Tooltip, TreeSelect, Typography } from "antd";
import { useMemo, useState } from "react";
import type { TSetting } from "../../api/types";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { fmtDateTime } from "../../shared/format";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { buildRegionTree, toTreeSelect, useRegions } from "../../shared/regions";
import { isListSetting, isScalarList, listSummary, listToText, splitItems, textToList } from "./list-value";
import { useSaveSetting, useSettings } from "./settings-api";

const GROUPS: Record<string, { zh: string; en: string }> = {
  security: { zh: "安全策略", en: "Security policy" },
  files: { zh: "附件", en: "Attachments" },
  appeals: { zh: "民意速办", en: "Appeals" },
  patrol: { zh: "智能巡检", en: "Patrol" },
  safety: { zh: "平安建设", en: "Safety" },
  party: { zh: "党建", en: "Party building" },
  volunteers: { zh: "志愿服务", en: "Volunteers" },
  people: { zh: "实有人口", en: "People" },
  report: { zh: "年度报告", en: "Annual report" },
  system: { zh: "系统", en: "System" },
};

type Kind = "number" | "boolean" | "string" | "list" | "json";
const kindOf = (s: TSetting): Kind => {
  if (isListSetting(s)) return "list";
  const v = s.default ?? s.value;
  return typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : typeof v === "string" ? "string" : "json";
};
const show = (v: unknown) => (typeof v === "string" ? v : isScalarList(v) ? listSummary(v) : JSON.stringify(v));

function ValueEditor({ setting, draft, onChange, disabled }: { setting: TSetting; draft: unknown; onChange: (v: unknown) => void; disabled: boolean }) {
  const { t } = useI18n();
  const kind = kindOf(setting);
  if (kind === "list") {
    // A draft is the text as typed; the saved value is the list, one item a line.
    const count = isScalarList(draft) ? draft.length : splitItems(String(draft ?? "")).length;
    return (
      <Space orientation="vertical" size={2}>
        <Input.TextArea
          value={isScalarList(draft) ? listToText(draft) : String(draft ?? "")}
          onChange={(e) => onChange(e.target.value)}
          disabled={disabled}
          autoSize={{ minRows: 2, maxRows: 10 }}
          style={{ fontFamily: "ui-monospace, Menlo, Consolas, monospace", fontSize: 12, minWidth: 200 }}
          aria-label={setting.key}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`共 ${count} 项；每行一项，或以逗号分隔`, `${count} items; one a line, or separated by commas`)}
        </Typography.Text>
      </Space>
    );
  }
  if (kind === "number")
    return <InputNumber value={draft as number} onChange={(v) => onChange(v)} disabled={disabled} style={{ width: 140 }} aria-label={setting.key} />;
  if (kind === "boolean") return <Switch checked={!!draft} onChange={onChange} disabled={disabled} aria-label={setting.key} />;
  if (kind === "string")
    return <Input value={draft as string} onChange={(e) => onChange(e.target.value)} disabled={disabled} style={{ maxWidth: 280 }} aria-label={setting.key} />;
  return (
    <Input.TextArea
      value={typeof draft === "string" ? draft : JSON.stringify(draft, null, 2)}
      onChange={(e) => onChange(e.target.value)}
      disabled={disabled}
      autoSize={{ minRows: 2, maxRows: 10 }}
      style={{ fontFamily: "ui-monospace, Menlo, Consolas, monospace", fontSize: 12, minWidth: 260 }}
      aria-label={setting.key}
    />
  );
}

export default function SettingsPage() {
  const { t, lang, pick } = useI18n();
  const { can } = useAuth();
  const [regionId, setRegionId] = useState<string | undefined>();
  const [drafts, setDrafts] = useState<Record<string, unknown>>({});
  const regions = useRegions();

  const q = useSettings(regionId);

  const save = useSaveSetting(regionId, (key) => {
    notify.success(t("设置已保存，已记入审计日志", "Setting saved and audited"));
    setDrafts(({ [key]: _, ...rest }) => rest);
  });

  const treeData = useMemo(
    () =>
      toTreeSelect(
        buildRegionTree(regions.data ?? [], (r) => ["district", "subdistrict", "community"].includes(r.level) && !r.archived),
        lang,
      ),
    [regions.data, lang],
  );

  const groups = useMemo(() => {
    const m = new Map<string, TSetting[]>();
    for (const s of q.data?.items ?? []) {
      const g = s.key.split(".")[0];
      m.set(g, [...(m.get(g) ?? []), s]);
    }
    return [...m];
  }, [q.data]);

  const editable = (s: TSetting) => (s.security ? can("security.manage") : can("settings.write")) && (!regionId || s.regional);

  const commit = (s: TSetting) => {
    let value = drafts[s.key];
    const kind = kindOf(s);
    if (kind === "list" && typeof value === "string") {
      const parsed = textToList(value, isScalarList(s.default) && s.default.length ? s.default : isScalarList(s.value) ? s.value : []);
      if (!parsed.ok) {
        notify.error(t(`不是数字：${parsed.bad}`, `Not a number: ${parsed.bad}`));
        return;
      }
      value = parsed.value;
    }
    if (kind === "json" && typeof value === "string") {
      try {
        value = JSON.parse(value);
      } catch {
        notify.error(t("不是有效的 JSON", "Not valid JSON"));
        return;
      }
    }
    if (value === null || value === undefined) {
      notify.error(t("请填写一个值", "Enter a value"));
      return;
    }
    save.mutate({ key: s.key, value });
  };

  return (
    <>
      <PageHead
        title={t("设置", "Settings")}
        subtitle={t("地方规则与时限均为可调整的设置，修改记入审计日志", "Local rules and deadlines are adjustable settings; every change is audited")}
        extra={
          can("regions.read") && (
            <TreeSelect
              allowClear
              style={{ minWidth: 240 }}
              placeholder={t("全局设置（选择地区以按地区覆盖）", "Deployment-wide (pick a region to override)")}
              value={regionId}
              onChange={(v) => {
                setRegionId(v);
                setDrafts({});
              }}
              treeData={treeData}
              treeDefaultExpandAll
              showSearch={{ treeNodeFilterProp: "title" }}
              aria-label={t("覆盖范围", "Override for region")}
            />
          )
        }
      />
      {!can("settings.write") && !can("security.manage") && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          title={t(
            "您的角色可以查看设置，修改请联系系统管理员（安全策略由安全管理员负责）。",
            "Your role can view settings; ask the system administrator to change them (security policy: the security administrator).",
          )}
        />
      )}
      {regionId && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          title={t(
            "正在为所选地区设置覆盖值；仅标记为“可分地区”的设置项可以覆盖。",
            "Editing overrides for the chosen region; only settings marked “regional” can be overridden.",
          )}
        />
      )}
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : groups.length === 0 ? (
        <Card>
          <Empty description={t("暂无设置项", "No settings")} />
        </Card>
      ) : (
        groups.map(([g, items]) => (
          <Card key={g} title={GROUPS[g]?.[lang] ?? g} className="module-section" styles={{ body: { padding: 0 } }}>
            <Table<TSetting>
              rowKey="key"
              size="medium"
              pagination={false}
              dataSource={items}
              scroll={{ x: "max-content" }}
              columns={[
                {
                  key: "label",
                  title: t("设置项", "Setting"),
                  width: 300,
                  render: (_, s) => (
                    <div>
                      <Space size={4}>
                        <Typography.Text strong>{pick(s.label)}</Typography.Text>
                        {s.security && (
                          <Tooltip title={t("安全设置，仅安全管理员可修改", "Security setting; only the security administrator may change it")}>
                            <LockOutlined style={{ color: "#c8102e" }} />
                          </Tooltip>
                        )}
                      </Space>
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }} code>
                          {s.key}
                        </Typography.Text>
                      </div>
                    </div>
                  ),
                },
                {
                  key: "value",
                  title: t("当前值", "Value"),
                  render: (_, s) => {
                    const dirty = s.key in drafts;
                    const ok = editable(s);
                    return (
                      <Space wrap>
                        <ValueEditor
                          setting={s}
                          draft={dirty ? drafts[s.key] : s.value}
                          disabled={!ok}
                          onChange={(v) => setDrafts((d) => ({ ...d, [s.key]: v }))}
                        />
                        {ok && dirty && (
                          <>
                            <Button
                              size="small"
                              type="primary"
                              icon={<SaveOutlined />}
                              loading={save.isPending && save.variables?.key === s.key}
                              onClick={() => commit(s)}
                            >
                              {t("保存", "Save")}
                            </Button>
                            <Button size="small" icon={<UndoOutlined />} onClick={() => setDrafts(({ [s.key]: _, ...rest }) => rest)}>
                              {t("撤销", "Undo")}
                            </Button>
                          </>
                        )}
                      </Space>
                    );
                  },
                },
                {
                  key: "default",
                  title: t("默认值", "Default"),
                  render: (_, s) =>
                    isScalarList(s.default) && s.default.length > 3 ? (
                      <Tooltip title={s.default.join(", ")}>
                        <Typography.Text type="secondary">{show(s.default)}</Typography.Text>
                      </Tooltip>
                    ) : (
                      <Typography.Text type="secondary">{show(s.default)}</Typography.Text>
                    ),
                },
                {
                  key: "flags",
                  title: t("状态", "Status"),
                  render: (_, s) => (
                    <Space size={4} wrap>
                      {s.overridden ? <Tag color="orange">{t("已修改", "Changed")}</Tag> : <Tag>{t("默认", "Default")}</Tag>}
                      {s.regional && <Tag color="blue">{t("可分地区", "Regional")}</Tag>}
                    </Space>
                  ),
                },
                { key: "updatedAt", title: t("更新时间", "Updated"), render: (_, s) => fmtDateTime(s.updatedAt) },
              ]}
            />
          </Card>
        ))
      )}
    </>
  );
}
