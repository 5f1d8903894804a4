// Issue 16's one-page monthly summary (DOCX) of the dashboard's region, for a chosen month
// (the current one by default), through the shared export button (audited on the server).
import { DatePicker, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useI18n } from "../../app/i18n";
import { ExportButton } from "../../shared/export-button";

export function MonthlySummaryButton({ regionId, regionName }: { regionId?: string; regionName: string }) {
  const { t } = useI18n();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf("month"));
  const m = month.format("YYYY-MM");
  return (
    <Space size={4} wrap>
      <DatePicker
        picker="month"
        allowClear={false}
        value={month}
        onChange={(v: Dayjs | null) => v && setMonth(v)}
        disabledDate={(d) => d.isAfter(dayjs(), "month")}
        aria-label={t("简报月份", "Summary month")}
      />
      <ExportButton
        href={`/api/reports/monthly/${m}.docx`}
        params={{ region: regionId }}
        fileName={`${regionName}${m}工作数据摘要.docx`}
        label={t("月度简报", "Monthly summary")}
      />
    </Space>
  );
}
