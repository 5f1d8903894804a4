import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { MEMBER_STATUS_LABELS, type TMeeting, type TMember } from "../../../contracts/party.js";

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20 })] })] });
const table = (head: string[], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });

/** The printable member roster (花名册), personal data masked as on the page. */
export async function memberRosterDocx(rows: TMember[], lang: "zh" | "en", date: string): Promise<Buffer> {
  const en = lang === "en";
  const byOrg = new Map<string, TMember[]>();
  for (const m of rows) byOrg.set(m.orgName, [...(byOrg.get(m.orgName) ?? []), m]);
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(en ? "Party member roster" : "党员花名册")] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun(`${en ? "As of" : "截至"} ${date} · ${en ? "members" : "共"} ${rows.length}${en ? "" : "名"}`)],
    }),
  ];
  for (const [org, ms] of byOrg) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${org}（${ms.length}）`)] }));
    children.push(
      table(
        en
          ? ["#", "Name", "Gender", "Age", "ID number", "Status", "Joined", "Full since", "Education"]
          : ["序号", "姓名", "性别", "年龄", "身份证号", "类别", "入党日期", "转正日期", "学历"],
        ms.map((m, i) => [
          String(i + 1),
          m.name,
          m.gender === "M" ? (en ? "M" : "男") : en ? "F" : "女",
          m.age == null ? "" : String(m.age),
          m.idNumber ?? "",
          MEMBER_STATUS_LABELS[m.status][lang],
          m.joinedOn,
          m.fullOn ?? "",
          m.education ?? "",
        ]),
      ),
    );
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

type MeetingWithAttendance = TMeeting & { attendance: Array<{ name: string; status: string }> };

/** A meeting record (会议记录) for the branch's files. */
export async function meetingRecordDocx(m: MeetingWithAttendance, lang: "zh" | "en"): Promise<Buffer> {
  const en = lang === "en";
  const names = (s: string) =>
    m.attendance
      .filter((a) => a.status === s)
      .map((a) => a.name)
      .join("、") || "—";
  const line = (k: string, v: string) => new Paragraph({ children: [new TextRun({ text: `${k}：`, bold: true }), new TextRun(v)] });
  const children = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun(`${m.orgName} ${m.type}${en ? " record" : "记录"}`)],
    }),
    line(en ? "Date" : "时间", m.heldOn),
    line(en ? "Place" : "地点", m.place ?? ""),
    line(en ? "Host" : "主持人", m.host ?? ""),
    line(en ? "Topic" : "主题", m.topic),
    line(
      en ? "Attendance" : "出席情况",
      `${en ? "due" : "应到"} ${m.due}，${en ? "present" : "实到"} ${m.present}，${en ? "on leave" : "请假"} ${m.onLeave}，${en ? "absent" : "缺席"} ${m.absent}`,
    ),
    ...(m.quorumRequired ? [line(en ? "Quorum" : "法定人数", m.quorumMet ? (en ? "met" : "已达到（过半数）") : en ? "NOT met" : "未达到")] : []),
    line(en ? "Present" : "出席人员", names("present")),
    line(en ? "On leave" : "请假人员", names("leave")),
    line(en ? "Absent" : "缺席人员", names("absent")),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(en ? "Minutes" : "会议内容")] }),
    ...(m.minutes ?? "").split("\n").map((l) => new Paragraph(l)),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(en ? "Resolutions" : "会议决议")] }),
    ...(m.resolutions ?? "").split("\n").map((l) => new Paragraph(l)),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
