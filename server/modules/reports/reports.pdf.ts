import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { AppError } from "../../platform/errors.js";

// PDF export where LibreOffice is installed: the DOCX converted by `soffice --headless
// --convert-to pdf`. Without it the route answers 501 with a clear message and the page says so.

/** The LibreOffice binary on PATH, or null. */
export function findSoffice(): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter))
    for (const name of ["soffice", "libreoffice"]) {
      const p = join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  return null;
}
export const NO_PDF = {
  zh: "服务器未安装 LibreOffice，暂不能导出 PDF；请下载 Word 文档",
  en: "LibreOffice is not installed on the server: no PDF export; download the Word document",
};

export async function docxToPdf(docx: Buffer): Promise<Buffer> {
  const soffice = findSoffice();
  if (!soffice) throw new AppError(501, "NOT_IMPLEMENTED", NO_PDF);
  const dir = await mkdtemp(join(tmpdir(), "shequ-report-"));
  try {
    await writeFile(join(dir, "report.docx"), docx);
    // A profile of its own, so a LibreOffice already open for someone else does not block it.
    await promisify(execFile)(
      soffice,
      [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir, join(dir, "report.docx")],
      {
        timeout: 60_000,
      },
    );
    return await readFile(join(dir, "report.pdf"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
