import { z } from "zod";
import { ZDate, ZPersonUpdate } from "./platform.js";

// 个人信息权利 residents' rights under PIPL (个人信息保护法 art. 44–47): a resident asks to see (查阅),
// copy (复制), correct (更正) or delete (删除) what the community holds about them; the request is
// recorded, answered within a deadline (a setting), and each answer is audited.

type Msg = { zh: string; en: string };

export const PIPL_KINDS = ["access", "copy", "correct", "delete"] as const;
export type PiplKind = (typeof PIPL_KINDS)[number];
export const PIPL_KIND_LABELS: Record<PiplKind, Msg> = {
  access: { zh: "查阅", en: "Access" },
  copy: { zh: "复制", en: "Copy" },
  correct: { zh: "更正", en: "Correction" },
  delete: { zh: "删除", en: "Deletion" },
};

export const PIPL_CHANNELS = ["counter", "phone", "online", "letter", "other"] as const;
export type PiplChannel = (typeof PIPL_CHANNELS)[number];
export const PIPL_CHANNEL_LABELS: Record<PiplChannel, Msg> = {
  counter: { zh: "窗口", en: "At the counter" },
  phone: { zh: "电话", en: "By phone" },
  online: { zh: "网上", en: "Online" },
  letter: { zh: "书面", en: "In writing" },
  other: { zh: "其他", en: "Other" },
};

/** open: to be answered; done: granted; partial: granted in part (some records kept); refused. */
export const PIPL_STATUSES = ["open", "done", "partial", "refused"] as const;
export type PiplStatus = (typeof PIPL_STATUSES)[number];
export const PIPL_STATUS_LABELS: Record<PiplStatus, Msg> = {
  open: { zh: "待答复", en: "Open" },
  done: { zh: "已办理", en: "Granted" },
  partial: { zh: "部分办理", en: "Granted in part" },
  refused: { zh: "不予办理", en: "Refused" },
};

export const ZPiplRequestCreate = z.object({
  personId: z.string().min(1).max(40),
  kind: z.enum(PIPL_KINDS),
  /** Who asked: 本人, or the name and relation of whoever asked on the person's behalf. */
  requester: z.string().trim().min(1).max(60),
  channel: z.enum(PIPL_CHANNELS),
  /** Received on (default today); never in the future. */
  receivedOn: ZDate.optional(),
  detail: z.string().trim().max(2000).nullable().optional(),
  /** The staff account that answers it (default: whoever records it). */
  responsibleUserId: z.string().min(1).max(40).nullable().optional(),
});
export type TPiplRequestCreate = z.infer<typeof ZPiplRequestCreate>;

export const ZPiplRequest = z.object({
  id: z.string(),
  communityId: z.string(),
  personId: z.string(),
  personName: z.string(),
  personAnonymised: z.boolean(),
  kind: z.enum(PIPL_KINDS),
  requester: z.string(),
  channel: z.enum(PIPL_CHANNELS),
  detail: z.string().nullable(),
  receivedOn: z.string(),
  dueOn: z.string(),
  /** Working days left to the deadline (negative: overdue by that many); null once answered. */
  workdaysLeft: z.number().nullable(),
  overdue: z.boolean(),
  status: z.enum(PIPL_STATUSES),
  result: z.string().nullable(),
  answeredOn: z.string().nullable(),
  answeredBy: z.string().nullable(),
  recordedBy: z.string(),
  responsibleUserId: z.string().nullable(),
  responsibleName: z.string().nullable(),
  createdAt: z.string(),
});
export type TPiplRequest = z.infer<typeof ZPiplRequest>;

export const ZPiplQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  status: z.enum([...PIPL_STATUSES, "answered"]).optional(),
  kind: z.enum(PIPL_KINDS).optional(),
  personId: z.string().max(40).optional(),
});

export const ZPiplAnswer = z.object({
  status: z.enum(["done", "partial", "refused"]),
  result: z.string().trim().min(1).max(2000),
});

/** A correction: the registry fields a resident may have corrected, and what is said back. */
export const ZPiplCorrection = ZPersonUpdate.pick({ name: true, gender: true, birthDate: true, phone: true, address: true }).extend({
  result: z.string().trim().max(2000).optional(),
});

/** Deletion: the person's name typed again, so an irreversible step is not taken by a slip. */
export const ZPiplAnonymise = z.object({ confirmName: z.string().trim().min(1).max(40), result: z.string().trim().max(2000).optional() });

export const ZRetentionRule = z.object({ provider: z.string(), module: z.string(), key: z.string(), label: z.string(), reason: z.string() });
export const ZRetentionHold = ZRetentionRule.extend({ records: z.array(z.object({ id: z.string(), label: z.string() })) });

/** What a deletion would do now: the records each provider holds and the rules that keep some. */
export const ZPiplCheck = z.object({
  personId: z.string(),
  anonymised: z.boolean(),
  sections: z.array(z.object({ provider: z.string(), module: z.string(), key: z.string(), label: z.string(), rows: z.number() })),
  holds: z.array(ZRetentionHold),
  /** True when no rule keeps a record: anonymisation may go ahead. */
  erasable: z.boolean(),
});
export type TPiplCheck = z.infer<typeof ZPiplCheck>;

export const ZPiplAnonymiseResult = z.object({
  request: ZPiplRequest,
  parts: z.array(z.object({ provider: z.string(), table: z.string(), rows: z.number() })),
});
