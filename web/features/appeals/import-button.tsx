// 导入 XLSX: a template to download, a dry run that reports row by row, then the import itself
// (all or nothing; importing the same file again changes nothing).
import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Modal, Select, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { download } from "../../api/client";
import { useMe } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { useCommunitiesAndGrids } from "../../shared/regions";

type Report = { created: number; unchanged: number; errors: Array<{ row: number; message: string }> };

export function ImportButton() {
  const { t, lang } = useI18n();
  const me = useMe();
  const qc = useQueryClient();
  const { communities } = useCommunitiesAndGrids();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [communityId, setCommunityId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ dry: boolean; report?: Report; error?: string; rows?: Report["errors"] } | null>(null);
  const cid = communityId ?? (communities.length === 1 ? communities[0].id : undefined);

  const send = async (dry: boolean) => {
    if (!file || !cid) return;
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append("file", file);
      const res = await fetch(`/api/appeals/import?communityId=${encodeURIComponent(cid)}${dry ? "&dryRun=1" : ""}`, {
        method: "POST",
        body: fd,
        credentials: "same-origin",
        headers: { "x-csrf-token": me.csrfToken, "Accept-Language": lang === "zh" ? "zh-CN" : "en" },
      });
      const body = await res.json();
      if (!res.ok) setResult({ dry, error: body.error?.message, rows: body.error?.details });
      else {
        setResult({ dry, report: body });
        if (!dry) {
          notify.success(t(`已导入 ${body.created} 件，${body.unchanged} 件已存在未变`, `${body.created} imported, ${body.unchanged} already there`));
          qc.invalidateQueries({ queryKey: ["appeals"] });
          qc.invalidateQueries({ queryKey: ["figures"] });
        }
      }
    } catch (e) {
      setResult({ dry, error: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {t("导入 Excel", "Import XLSX")}
      </Button>
      <Modal
        open={open}
        title={t("从民意速办平台导入", "Import from the Minyi Suban platform")}
        onCancel={() => setOpen(false)}
        footer={
          <Space>
            <Button onClick={() => send(true)} disabled={!file || !cid} loading={busy}>
              {t("检查", "Check")}
            </Button>
            <Button type="primary" onClick={() => send(false)} disabled={!file || !cid} loading={busy}>
              {t("导入", "Import")}
            </Button>
          </Space>
        }
      >
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t(
              "按模板的列名（或平台导出的常见列名）识别；任一行有误则整份不导入并逐行说明；工单编号已存在的行保持不变。",
              "Columns are recognised by the template's headers (or the platform's usual ones); any bad row stops the whole file, with a report per row; rows already imported stay as they are.",
            )}
          </Typography.Paragraph>
          <Button
            type="link"
            icon={<DownloadOutlined />}
            style={{ padding: 0 }}
            onClick={() => download("/api/appeals/import/template", "民意速办导入模板.xlsx").catch((e) => notify.error(e.message))}
          >
            {t("下载导入模板", "Download the template")}
          </Button>
          {communities.length > 1 && (
            <Select
              style={{ width: "100%" }}
              placeholder={t("导入到社区", "Into community")}
              value={communityId}
              onChange={setCommunityId}
              options={communities.map((c) => ({ value: c.id, label: c.name }))}
            />
          )}
          <Upload
            accept=".xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setResult(null);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>{t("选择文件", "Choose a file")}</Button>
          </Upload>
          {result?.report && (
            <Alert
              type="success"
              showIcon
              title={
                result.dry
                  ? t(
                      `检查通过：将新增 ${result.report.created} 件，${result.report.unchanged} 件已存在`,
                      `Check passed: ${result.report.created} new, ${result.report.unchanged} already there`,
                    )
                  : t(`已导入 ${result.report.created} 件`, `${result.report.created} imported`)
              }
            />
          )}
          {result?.error && (
            <Alert
              type="error"
              showIcon
              title={result.error}
              description={
                result.rows?.length ? (
                  <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 200, overflow: "auto" }}>
                    {result.rows.slice(0, 100).map((r) => (
                      <li key={r.row}>
                        {t(`第 ${r.row} 行：`, `Row ${r.row}: `)}
                        {r.message}
                      </li>
                    ))}
                  </ul>
                ) : undefined
              }
            />
          )}
        </Space>
      </Modal>
    </>
  );
}
