import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { TDispute } from "../../../contracts/safety.js";

const ROLE_ZH: Record<string, string> = { applicant: "申请人", respondent: "被申请人", other: "当事人" };

/** 人民调解协议书 (人民调解法 art. 29): parties, facts and issues, terms, how and when performed; signed by parties and mediator. */
export async function agreementDocx(d: TDispute & { communityName: string }): Promise<Buffer> {
  const a = d.agreement;
  if (!a) throw new Error("no agreement");
  const p = (text: string, opts: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
    new Paragraph({
      alignment: opts.align,
      spacing: { after: 120 },
      children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 24, font: "SimSun" })],
    });
  const heading = (t: string) =>
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      spacing: { before: 240, after: 120 },
      children: [new TextRun({ text: t, bold: true, size: 26, font: "SimHei" })],
    });
  const cell = (t: string, bold = false) => new TableCell({ width: { size: 25, type: WidthType.PERCENTAGE }, children: [p(t, { bold })] });
  const partyRows = d.parties.map(
    (x) => new TableRow({ children: [cell(ROLE_ZH[x.role] ?? "当事人"), cell(x.name), cell(x.idNumber ?? ""), cell(x.phone ?? "")] }),
  );
  const signLines = [...d.parties.map((x) => `${ROLE_ZH[x.role] ?? "当事人"}（签名）：${x.name}  ________________`), "人民调解员（签名）：________________"];
  const doc = new Document({
    creator: "Shequ",
    title: `人民调解协议书 ${d.code}`,
    sections: [
      {
        children: [
          p("人民调解协议书", { bold: true, size: 36, align: AlignmentType.CENTER }),
          p(`编号：${d.code}`, { align: AlignmentType.RIGHT }),
          heading("一、当事人"),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [new TableRow({ children: [cell("身份", true), cell("姓名/名称", true), cell("身份证号", true), cell("联系电话", true)] }), ...partyRows],
          }),
          ...(d.labor ? [p(`用人单位：${d.labor.employer}；涉及劳动者 ${d.labor.workers} 人；诉求金额 ${(d.labor.claimedFen / 100).toFixed(2)} 元。`)] : []),
          heading("二、纠纷的主要事实、争议事项"),
          p(`纠纷类型：${d.type}。${d.summary}`),
          p(a.facts),
          heading("三、经调解，各方自愿达成如下协议"),
          ...a.terms.split(/\n+/).map((t) => p(t)),
          heading("四、履行方式和期限"),
          p(a.performance),
          heading("五、其他"),
          p(
            `本协议经各方当事人签名（盖章）、人民调解员签名并加盖人民调解委员会印章后生效。各方当事人可以自本协议生效之日起三十日内（即 ${a.confirmBy} 前）共同向人民法院申请司法确认。本协议一式三份，各方当事人、人民调解委员会各执一份。`,
          ),
          p(a.form === "oral" ? "（本协议为口头协议的书面记录。）" : ""),
          heading("签名"),
          ...signLines.map((s) => p(s)),
          p(""),
          p(`${d.communityName}人民调解委员会（印章）`, { align: AlignmentType.RIGHT }),
          p(`${a.madeOn.slice(0, 4)} 年 ${Number(a.madeOn.slice(5, 7))} 月 ${Number(a.madeOn.slice(8, 10))} 日`, { align: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
