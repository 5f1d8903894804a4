// XLSX export of the list as currently filtered. A real link (so the URL can be copied), fetched
// on click so a refusal (403, too many rows …) shows as a message instead of a JSON page.
import { DownloadOutlined } from "@ant-design/icons";
import { Button, Checkbox, Space, Tooltip } from "antd";
import { useState } from "react";
import { download, qs } from "../api/client";
import { useI18n } from "../app/i18n";
import { notify } from "../app/notify";

type Props = {
  /** e.g. /api/people/export */
  href: string;
  /** The list's current filters (page and pageSize are dropped: an export is the whole list). */
  params: Record<string, string | number | undefined>;
  fileName: string;
  /** Offer "显示完整信息" (reveal=1), for roles that may see unmasked personal data. */
  allowReveal?: boolean;
  /** The button's text, where a page has more than one export. */
  label?: string;
};

export function ExportButton({ href, params, fileName, allowReveal, label }: Props) {
  const { t } = useI18n();
  const [reveal, setReveal] = useState(false);
  const [busy, setBusy] = useState(false);
  const { page: _p, pageSize: _ps, ...filters } = params;
  const url = href + qs({ ...filters, ...(allowReveal ? { reveal: reveal ? "1" : "0" } : {}) });

  const onClick = async (e: React.MouseEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await download(url, fileName);
      notify.success(
        reveal ? t("已导出（含完整个人信息，已记入审计日志）", "Exported with full personal data (recorded in the audit log)") : t("已导出", "Exported"),
      );
    } catch (err) {
      notify.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space size={8} wrap>
      {allowReveal && (
        <Tooltip
          title={t("导出未脱敏的身份证号、手机号和住址；导出行为记入审计日志", "Export unmasked ID numbers, phones and addresses; the export is audited")}
        >
          <Checkbox checked={reveal} onChange={(e) => setReveal(e.target.checked)}>
            {t("显示完整信息", "Full details")}
          </Checkbox>
        </Tooltip>
      )}
      <Button icon={<DownloadOutlined />} href={url} download={fileName} onClick={onClick} loading={busy}>
        {label ?? t("导出 Excel", "Export XLSX")}
      </Button>
    </Space>
  );
}
