// 导入巡查点 from XLSX (the template, or an earlier export) or GeoJSON: a check first (nothing is
// stored), then the import — all or nothing, a report per bad row; points already there stay as they are.
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

export function ImportPointsButton() {
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
  const geo = !!file && /\.(geo)?json$/i.test(file.name);

  const send = async (dry: boolean) => {
    if (!file || !cid) return;
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append("file", file);
      const res = await fetch(`/api/patrol/points/import?communityId=${encodeURIComponent(cid)}${dry ? "&dryRun=1" : ""}`, {
        method: "POST",
        body: fd,
        credentials: "same-origin",
        headers: { "x-csrf-token": me.csrfToken, "Accept-Language": lang === "zh" ? "zh-CN" : "en" },
      });
      const body = await res.json();
      if (!res.ok) setResult({ dry, error: body.error?.message, rows: Array.isArray(body.error?.details) ? body.error.details : undefined });
      else {
        setResult({ dry, report: body });
        if (!dry) {
          notify.success(
            t(`已导入 ${body.created} 个巡查点，${body.unchanged} 个已存在未变`, `${body.created} points imported, ${body.unchanged} already there`),
          );
          qc.invalidateQueries({ queryKey: ["patrol"] });
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
        {t("导入", "Import")}
      </Button>
      <Modal
        open={open}
        title={t("导入巡查点（Excel 或 GeoJSON）", "Import points (XLSX or GeoJSON)")}
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
              "按模板的列名识别（导出的 Excel 也可直接导入）；网格按经纬度自动确定。任一行有误则整份不导入，并逐行说明原因；编码已存在、或同名且位置相同的点位保持不变，重复导入不会产生重复点位。",
              "Columns are read by the template's headers (an earlier export imports as it is); the grid is worked out from the location. Any bad row stops the whole file, with a reason per row; points whose code exists, or with the same name at the same place, stay as they are, so importing again makes no duplicates.",
            )}
          </Typography.Paragraph>
          <Button
            type="link"
            icon={<DownloadOutlined />}
            style={{ padding: 0 }}
            onClick={() =>
              download("/api/patrol/points/import/template", t("巡查点导入模板.xlsx", "patrol-points-template.xlsx")).catch((e) => notify.error(e.message))
            }
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
            accept=".xlsx,.geojson,.json"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setResult(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setResult(null);
            }}
          >
            <Button icon={<UploadOutlined />}>{t("选择文件（.xlsx / .geojson）", "Choose a file (.xlsx / .geojson)")}</Button>
          </Upload>
          {result?.report && (
            <Alert
              type="success"
              showIcon
              data-testid="import-result"
              title={
                result.dry
                  ? t(
                      `检查通过：将新增 ${result.report.created} 个，${result.report.unchanged} 个已存在`,
                      `Check passed: ${result.report.created} new, ${result.report.unchanged} already there`,
                    )
                  : t(
                      `已导入 ${result.report.created} 个，${result.report.unchanged} 个已存在未变`,
                      `${result.report.created} imported, ${result.report.unchanged} unchanged`,
                    )
              }
            />
          )}
          {result?.error && (
            <Alert
              type="error"
              showIcon
              data-testid="import-result"
              title={result.error}
              description={
                result.rows?.length ? (
                  <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 200, overflow: "auto" }}>
                    {result.rows.slice(0, 100).map((r) => (
                      <li key={r.row}>
                        {geo ? t(`第 ${r.row} 个要素：`, `Feature ${r.row}: `) : t(`第 ${r.row} 行：`, `Row ${r.row}: `)}
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
