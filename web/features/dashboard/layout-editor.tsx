// 自定义布局: pin, order and hide the workbench's figures for one's own view, per section (theme);
// saved through PUT /api/workbench/layout, back to the default with DELETE. The one form dialog
// (a drawer; full screen on a phone) so a refusal of the server shows at its top.
import { ArrowDownOutlined, ArrowUpOutlined, EyeInvisibleOutlined, EyeOutlined, PushpinFilled, PushpinOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button, List, Popconfirm, Space, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { type TLayout, type TLayoutAnswer, ZLayout } from "../../../contracts/alerts";
import type { TFigure } from "../../../contracts/platform";
import { call } from "../../api/typed";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { FormDialog } from "../../shared/form-dialog";
import { alertKeys } from "../alerts/alerts-api";
import { move, sections } from "./layout";

export function LayoutEditor({ figures, layout, onClose }: { figures: TFigure[]; layout: TLayoutAnswer; onClose: () => void }) {
  const { t, pick } = useI18n();
  const qc = useQueryClient();
  // Each section's keys in the order shown, pinned and hidden keys: the editor's own copy until saved.
  const [order, setOrder] = useState<Record<string, string[]>>(() =>
    Object.fromEntries(sections(figures, layout).map((s) => [s.key, s.figures.map((f) => f.key)])),
  );
  const [pinned, setPinned] = useState<string[]>(layout.pinned);
  const [hidden, setHidden] = useState<string[]>(layout.hidden);
  const byKey = new Map(figures.map((f) => [f.key, f]));
  const secs = sections(figures, layout);
  const toggle = (list: string[], key: string) => (list.includes(key) ? list.filter((k) => k !== key) : [...list, key]);

  const reset = async () => {
    const r = await call("resetWorkbenchLayout");
    qc.setQueryData(alertKeys.layout, r);
    notify.success(t("已恢复默认布局", "Back to the default layout"));
    onClose();
  };

  return (
    <FormDialog<Record<string, never>, typeof ZLayout>
      drawer
      width={560}
      title={t("自定义工作台布局", "Arrange my workbench")}
      onClose={onClose}
      schema={ZLayout}
      body={(): TLayout => ({ pinned, order: secs.flatMap((s) => order[s.key] ?? []), hidden })}
      send={(l) => call("saveWorkbenchLayout", { body: l })}
      onDone={(r: TLayoutAnswer) => qc.setQueryData(alertKeys.layout, r)}
      done={t("布局已保存", "Layout saved")}
      extraButtons={
        <Popconfirm title={t("恢复默认布局？", "Back to the default layout?")} onConfirm={reset}>
          <Button data-testid="layout-reset">{t("恢复默认", "Default")}</Button>
        </Popconfirm>
      }
      top={
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t(
            "置顶的指标显示在最前；箭头调整分区内的顺序；隐藏的指标不在工作台显示（仍可在年度报告和对比中查看）。",
            "Pinned figures come first; the arrows order a section; hidden figures leave the workbench (still in reports and comparisons).",
          )}
        </Typography.Paragraph>
      }
    >
      {secs.map((s) => (
        <div key={s.key} className="layout-section" data-testid={`layout-section-${s.key}`}>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {pick(s.label)}
          </Typography.Title>
          <List
            size="small"
            bordered
            dataSource={order[s.key] ?? []}
            renderItem={(key, i) => {
              const f = byKey.get(key);
              if (!f) return null;
              const isPinned = pinned.includes(key);
              const isHidden = hidden.includes(key);
              const keys = order[s.key] ?? [];
              return (
                <List.Item
                  data-testid={`layout-item-${key}`}
                  style={{ opacity: isHidden ? 0.5 : 1, gap: 8, flexWrap: "nowrap" }}
                  actions={[
                    <Space.Compact key="a">
                      <Tooltip title={t("上移", "Up")}>
                        <Button
                          size="small"
                          icon={<ArrowUpOutlined />}
                          disabled={i === 0}
                          aria-label={t("上移", "Up")}
                          onClick={() => setOrder({ ...order, [s.key]: move(keys, key, -1) })}
                        />
                      </Tooltip>
                      <Tooltip title={t("下移", "Down")}>
                        <Button
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={i === keys.length - 1}
                          aria-label={t("下移", "Down")}
                          onClick={() => setOrder({ ...order, [s.key]: move(keys, key, 1) })}
                        />
                      </Tooltip>
                      <Tooltip title={isPinned ? t("取消置顶", "Unpin") : t("置顶", "Pin")}>
                        <Button
                          size="small"
                          icon={isPinned ? <PushpinFilled /> : <PushpinOutlined />}
                          type={isPinned ? "primary" : "default"}
                          aria-label={isPinned ? t("取消置顶", "Unpin") : t("置顶", "Pin")}
                          aria-pressed={isPinned}
                          data-testid="layout-pin"
                          onClick={() => {
                            setPinned(toggle(pinned, key));
                            if (!isPinned) setHidden(hidden.filter((k) => k !== key));
                          }}
                        />
                      </Tooltip>
                      <Tooltip title={isHidden ? t("显示", "Show") : t("隐藏", "Hide")}>
                        <Button
                          size="small"
                          icon={isHidden ? <EyeInvisibleOutlined /> : <EyeOutlined />}
                          aria-label={isHidden ? t("显示", "Show") : t("隐藏", "Hide")}
                          aria-pressed={isHidden}
                          data-testid="layout-hide"
                          onClick={() => {
                            setHidden(toggle(hidden, key));
                            if (!isHidden) setPinned(pinned.filter((k) => k !== key));
                          }}
                        />
                      </Tooltip>
                    </Space.Compact>,
                  ]}
                >
                  <span style={{ minWidth: 0, overflow: "hidden", textOverflow: "ellipsis" }}>
                    {pick(f.label)}
                    {isPinned && (
                      <Tag color="red" style={{ marginLeft: 6 }}>
                        {t("置顶", "Pinned")}
                      </Tag>
                    )}
                    {isHidden && <Tag style={{ marginLeft: 6 }}>{t("已隐藏", "Hidden")}</Tag>}
                  </span>
                </List.Item>
              );
            }}
          />
        </div>
      ))}
    </FormDialog>
  );
}
