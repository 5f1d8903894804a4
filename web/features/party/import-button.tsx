// XLSX import with the server's row report (all or nothing: one bad row and nothing is imported).
import { UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, List, Modal, Tag, Upload } from "antd";
import { useState } from "react";
import { useMe } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";

type Report = { ok: boolean; imported: number; rows: Array<{ row: number; ok: boolean; zh: string; en: string }> };

export function ImportButton({ href, label, columns }: { href: string; label: string; columns: string }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const qc = useQueryClient();
  const [report, setReport] = useState<Report | null>(null);
  const doImport = async (file: File) => {
    const fd = new FormData();
    fd.append("file", file);
    const res = await fetch(href, {
      method: "POST",
      body: fd,
      credentials: "same-origin",
      headers: { "x-csrf-token": me?.csrfToken ?? "", "Accept-Language": lang === "zh" ? "zh-CN" : "en" },
    });
    const j = await res.json().catch(() => null);
    if (j?.rows) {
      setReport(j);
      if (j.ok) qc.invalidateQueries({ queryKey: ["party"] });
    } else notify.error(j?.error?.message ?? t("导入失败", "Import failed"));
    return false;
  };
  return (
    <>
      <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => doImport(f as File)}>
        <Button icon={<UploadOutlined />}>{label}</Button>
      </Upload>
      {report && (
        <Modal open title={label} onCancel={() => setReport(null)} footer={null} width={620}>
          <Alert
            type={report.ok ? "success" : "error"}
            showIcon
            style={{ marginBottom: 12 }}
            title={
              report.ok
                ? t(`已导入 ${report.imported} 行`, `${report.imported} rows imported`)
                : t("有错误，未导入任何数据；请修改后重新导入", "Errors found: nothing was imported; fix and import again")
            }
            description={t(`列：${columns}`, `Columns: ${columns}`)}
          />
          <List
            size="small"
            dataSource={report.rows}
            style={{ maxHeight: 360, overflow: "auto" }}
            renderItem={(r) => (
              <List.Item>
                <Tag color={r.ok ? "green" : "red"}>{t(`第${r.row}行`, `Row ${r.row}`)}</Tag> {lang === "en" ? r.en : r.zh}
              </List.Item>
            )}
          />
        </Modal>
      )}
    </>
  );
}
