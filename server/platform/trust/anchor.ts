import { spawn } from "node:child_process";
import fs from "node:fs";
import type { Kysely } from "kysely";
import type { DB } from "../../db/types.js";
import { appendDurably } from "./files.js";

/**
 * Audit anchors. The hash chain in `audit_log` shows an edited entry, but not the newest entries
 * deleted: nothing outside the database held the head. The server appends the head (seq, hash, the
 * entry's time) to an anchor file — fsynced, append-only, one JSON object a line — every
 * `every` entries or `minutes` minutes, at start and at shutdown, and optionally sends it to syslog
 * (the `logger` command), so a copy leaves the machine. `shequ verify-audit` compares the log with it.
 */
export type Anchor = { seq: number; hash: string; entryAt: string; anchoredAt: string };

export function readAnchors(file: string): { anchors: Anchor[]; bad: number[] } {
  const anchors: Anchor[] = [];
  const bad: number[] = [];
  if (!fs.existsSync(file)) return { anchors, bad };
  const lines = fs.readFileSync(file, "utf8").split("\n");
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const a = JSON.parse(line) as Anchor;
      if (typeof a.seq !== "number" || typeof a.hash !== "string") throw new Error("shape");
      anchors.push(a);
    } catch {
      // A torn last line (power lost while writing) or an edit: reported by verify-audit.
      bad.push(i + 1);
    }
  });
  return { anchors, bad };
}

export async function auditHead(db: Kysely<DB>) {
  const r = await db.selectFrom("audit_log").select(["seq", "hash", "at"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  return r ? { seq: Number(r.seq), hash: r.hash, at: r.at } : null;
}

export type AnchorOptions = { file: string; every: number; minutes: number; syslog: boolean; pollMs?: number; now?: () => Date };

export function createAnchorer(db: Kysely<DB>, opts: AnchorOptions) {
  const now = opts.now ?? (() => new Date());
  const last = readAnchors(opts.file).anchors.at(-1);
  let lastSeq = last?.seq ?? 0;
  let lastHash = last?.hash ?? "";
  let lastTime = last ? Date.parse(last.anchoredAt) : 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  function write(head: { seq: number; hash: string; at: string }) {
    const a: Anchor = { seq: head.seq, hash: head.hash, entryAt: head.at, anchoredAt: now().toISOString() };
    appendDurably(opts.file, `${JSON.stringify(a)}\n`);
    if (opts.syslog) {
      const p = spawn("logger", ["-t", "shequ-audit", "-p", "auth.notice", `audit head ${JSON.stringify(a)}`], { stdio: "ignore" });
      p.on("error", () => {});
      p.unref();
    }
    lastSeq = head.seq;
    lastHash = head.hash;
    lastTime = Date.parse(a.anchoredAt);
    return a;
  }

  /** Anchors the head when `every` entries or `minutes` have passed since the last anchor (or `force`). */
  async function tick(force = false): Promise<Anchor | null> {
    const head = await auditHead(db);
    if (!head || (head.seq === lastSeq && head.hash === lastHash)) return null;
    const due = force || head.seq - lastSeq >= opts.every || head.seq < lastSeq || now().getTime() - lastTime >= opts.minutes * 60_000;
    return due ? write(head) : null;
  }

  return {
    tick,
    /** Warns at start when the log ends before the last anchor (its newest entries were deleted). */
    async start(warn: (s: string) => void = console.error) {
      const head = await auditHead(db);
      if (last && (head?.seq ?? 0) < last.seq)
        warn(
          `! The audit log ends at entry #${head?.seq ?? 0} but the anchor file names #${last.seq} (${last.anchoredAt}): entries were deleted. Run shequ verify-audit. ` +
            `审计日志止于第 ${head?.seq ?? 0} 条，而锚点文件记录到第 ${last.seq} 条：有条目被删除。`,
        );
      await tick(true);
      timer = setInterval(() => {
        if (running) return;
        running = tick()
          .then(() => {})
          .catch((e) => warn(`audit anchor: ${e instanceof Error ? e.message : e}`))
          .finally(() => {
            running = null;
          });
      }, opts.pollMs ?? 2000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      await tick(true).catch(() => {});
    },
  };
}
