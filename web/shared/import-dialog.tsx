// An all-or-nothing import in a dialog: a template to download, a check (dry run: nothing stored)
// with the server's report per bad row, then the import itself into one community; importing the
// same file again changes nothing. Every import route answers ZImportReport: HTTP 200 once the file
// was read, its bad rows in `errors` (and then nothing stored); a file refused whole is a 400. Used by
// every register's import (appeals, patrol points, party, disputes, people, organisations, hazards …).
import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Modal, Select, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { ApiError, api, download } from "../api/client";
import { type ImportOperationId, type OperationId, pathOf } from "../api/typed";
import { useI18n } from "../app/i18n";
import { notify } from "../app/notify";
import { useCommunitiesAndGrids } from "./regions";

export type ImportReport = { created: number; unchanged: number; errors: Array<{ row: number; message: string }>; notes?: string[] };

const urlOf = (u: OperationId | `/api/${string}`) => (u.startsWith("/api/") ? u : pathOf(u as OperationId));

export function ImportDialogButton(props: {
  /** The import: its operationId (typed, web/api/typed.ts) or its POST endpoint; `communityId` and `dryRun=1` are added to it. */
  url: ImportOperationId | `/api/${string}`;
  /** The template to fill in, where the register has one: its operationId or URL. */
  template?: { url: OperationId | `/api/${string}`; fileName: string };
  /** Whether the import goes into one community chosen here (`communityId`); false: the caller's scope. */
  intoCommunity?: boolean;
  buttonLabel: string;
  title: string;
  intro: string;
  accept: string;
  fileLabel: string;
  /** What the dialog says after a check, after an import, and in the toast after an import. */
  says: { checked: (r: ImportReport) => string; imported: (r: ImportReport) => string; toast: (r: ImportReport) => string };
  /** How a bad row is named in the report, e.g. "第 3 行：" (the file's name may change it). */
  rowLabel?: (row: number, fileName: string) => string;
  /** Query keys to refresh after an import. */
  invalidate: string[];
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { communities } = useCommunitiesAndGrids();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [communityId, setCommunityId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ dry: boolean; report?: ImportReport; error?: string; rows?: ImportReport["errors"] } | null>(null);
  const intoCommunity = props.intoCommunity ?? true;
  const cid = intoCommunity ? (communityId ?? (communities.length === 1 ? communities[0].id : undefined)) : "";
  const rowLabel = props.rowLabel ?? ((row: number) => t(`第 ${row} 行：`, `Row ${row}: `));

  const send = async (dry: boolean) => {
    if (!file || (intoCommunity && !cid)) return;
    setBusy(true);
    try {
      const body = await api.upload<ImportReport>(urlOf(props.url), file, { communityId: intoCommunity ? cid : undefined, dryRun: dry ? "1" : undefined });
      if (body.errors?.length)
        setResult({
          dry,
          error: t(
            `${body.errors.length} 行有误，整份未导入：请修改后重新检查（全部正确才写入）`,
            `${body.errors.length} rows are wrong, so nothing was imported: fix them and check again (all or nothing)`,
          ),
          rows: body.errors,
        });
      else {
        setResult({ dry, report: body });
        if (!dry) {
          notify.success(props.says.toast(body));
          for (const key of props.invalidate) qc.invalidateQueries({ queryKey: [key] });
        }
      }
    } catch (e) {
      // A file that is not a register (400) names its problems, by row where it can.
      const details = e instanceof ApiError ? e.details : undefined;
      setResult({ dry, error: (e as Error).message, rows: Array.isArray(details) ? (details as ImportReport["errors"]) : undefined });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {props.buttonLabel}
      </Button>
      <Modal
        open={open}
        title={props.title}
        onCancel={() => setOpen(false)}
        footer={
          <Space>
            <Button onClick={() => send(true)} disabled={!file || (intoCommunity && !cid)} loading={busy}>
              {t("检查", "Check")}
            </Button>
            <Button type="primary" onClick={() => send(false)} disabled={!file || (intoCommunity && !cid)} loading={busy}>
              {t("导入", "Import")}
            </Button>
          </Space>
        }
      >
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {props.intro}
          </Typography.Paragraph>
          {props.template && (
            <Button
              type="link"
              icon={<DownloadOutlined />}
              style={{ padding: 0 }}
              onClick={() => props.template && download(urlOf(props.template.url), props.template.fileName).catch((e) => notify.error(e.message))}
            >
              {t("下载导入模板", "Download the template")}
            </Button>
          )}
          {intoCommunity && communities.length > 1 && (
            <Select
              style={{ width: "100%" }}
              placeholder={t("导入到社区", "Into community")}
              value={communityId}
              onChange={setCommunityId}
              options={communities.map((c) => ({ value: c.id, label: c.name }))}
            />
          )}
          <Upload
            accept={props.accept}
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
            <Button icon={<UploadOutlined />}>{props.fileLabel}</Button>
          </Upload>
          {result?.report && (
            <Alert
              type="success"
              showIcon
              data-testid="import-result"
              title={result.dry ? props.says.checked(result.report) : props.says.imported(result.report)}
            />
          )}
          {!!result?.report?.notes?.length && (
            <Alert
              type="warning"
              showIcon
              data-testid="import-notes"
              title={t("文件未载明的内容（不会被编造）", "What the file does not say (never made up)")}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {result.report.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
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
                        {rowLabel(r.row, file?.name ?? "")}
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
