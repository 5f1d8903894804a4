import { z } from "zod";
import { ZDate, ZVoidedFilter, ZVoiding } from "./platform.js";

// 党建 party building (DOMAIN.md §5). Schemas shared by the API routes and the web forms.

export const PARTY_LEVELS = ["党委", "党总支", "党支部", "党小组"] as const;
export const PARTY_LEVEL_EN: Record<(typeof PARTY_LEVELS)[number], string> = {
  党委: "Party committee",
  党总支: "General branch",
  党支部: "Party branch",
  党小组: "Party group",
};
export const PARTY_KINDS = ["社区", "城中村", "股份合作公司", "小区", "两新组织", "学校", "机关", "其他"] as const;
export const PARTY_KIND_EN: Record<(typeof PARTY_KINDS)[number], string> = {
  社区: "Community",
  城中村: "Urban village",
  股份合作公司: "Joint-stock cooperative",
  小区: "Residential estate",
  两新组织: "New economic/social organisation",
  学校: "School",
  机关: "Government body",
  其他: "Other",
};
export const PARTY_POSTS = ["书记", "副书记", "组织委员", "宣传委员", "纪检委员", "青年委员", "委员"] as const;
export const PARTY_POST_EN: Record<(typeof PARTY_POSTS)[number], string> = {
  书记: "Secretary",
  副书记: "Deputy secretary",
  组织委员: "Organisation member",
  宣传委员: "Publicity member",
  纪检委员: "Discipline member",
  青年委员: "Youth member",
  委员: "Committee member",
};
export const BOARD_POSTS = ["董事长", "副董事长", "董事", "监事长", "监事"] as const;
export const BOARD_POST_EN: Record<(typeof BOARD_POSTS)[number], string> = {
  董事长: "Chair",
  副董事长: "Vice chair",
  董事: "Director",
  监事长: "Chief supervisor",
  监事: "Supervisor",
};

export const MEETING_TYPES = ["党委会议", "党建工作部署总结会", "主题党日", "支部党员大会", "支委会", "党小组会", "党课", "组织生活会", "民主评议"] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
export const MEETING_TYPE_EN: Record<MeetingType, string> = {
  党委会议: "Party committee meeting",
  党建工作部署总结会: "Party work planning/review meeting",
  主题党日: "Theme party day",
  支部党员大会: "Branch general meeting",
  支委会: "Branch committee meeting",
  党小组会: "Party group meeting",
  党课: "Party lesson",
  组织生活会: "Organisational life meeting",
  民主评议: "Democratic appraisal",
};
/** 三会一课: the meeting types counted by party.three_meetings_one_lesson. */
export const THREE_MEETINGS_ONE_LESSON: MeetingType[] = ["支部党员大会", "支委会", "党小组会", "党课"];

export const MEMBER_STATUSES = ["full", "probationary", "transferred_out"] as const;
export const MEMBER_STATUS_LABELS = {
  full: { zh: "正式党员", en: "Full member" },
  probationary: { zh: "预备党员", en: "Probationary member" },
  transferred_out: { zh: "已转出", en: "Transferred out" },
} as const;
export const APPRAISAL_RESULTS = ["优秀", "合格", "基本合格", "不合格"] as const;
export const APPRAISAL_RESULT_EN: Record<(typeof APPRAISAL_RESULTS)[number], string> = {
  优秀: "Excellent",
  合格: "Qualified",
  基本合格: "Basically qualified",
  不合格: "Unqualified",
};
export const EDUCATIONS = ["研究生", "大学本科", "大学专科", "中专", "高中", "初中及以下"] as const;
export const EDUCATION_EN: Record<(typeof EDUCATIONS)[number], string> = {
  研究生: "Postgraduate",
  大学本科: "Bachelor's degree",
  大学专科: "College diploma",
  中专: "Secondary vocational",
  高中: "Senior high school",
  初中及以下: "Junior high or below",
};

export const ELECTION_KINDS = ["换届", "补选", "任免"] as const;
export const ELECTION_KIND_EN = { 换届: "Term election", 补选: "By-election", 任免: "Appointment/removal" } as const;

// ---------- the 25-step development pipeline ----------
export const STAGES = [
  { no: 1, zh: "申请入党", en: "Application" },
  { no: 2, zh: "入党积极分子的确定和培养教育", en: "Activist" },
  { no: 3, zh: "发展对象的确定和考察", en: "Candidate" },
  { no: 4, zh: "预备党员的接收", en: "Admission" },
  { no: 5, zh: "预备党员的教育考察和转正", en: "Probation and full membership" },
] as const;

export type StepKind = "plain" | "contacts" | "sponsors" | "vote" | "approval" | "training" | "review";
export type StepDef = { no: number; stage: number; zh: string; en: string; kind: StepKind; docs: string[] };

export const STEPS: StepDef[] = [
  { no: 1, stage: 1, zh: "递交入党申请书", en: "Application submitted", kind: "plain", docs: ["入党申请书"] },
  { no: 2, stage: 1, zh: "党组织派人谈话", en: "Talk with the applicant", kind: "plain", docs: ["谈话记录"] },
  { no: 3, stage: 2, zh: "推荐和确定入党积极分子", en: "Activist confirmed", kind: "plain", docs: ["推荐材料", "支委会会议记录"] },
  { no: 4, stage: 2, zh: "上级党委备案", en: "Filed with the higher committee", kind: "plain", docs: ["积极分子备案表"] },
  { no: 5, stage: 2, zh: "指定培养联系人", en: "Contact persons assigned", kind: "contacts", docs: [] },
  { no: 6, stage: 2, zh: "培养教育考察", en: "Training and half-yearly reviews", kind: "plain", docs: ["培养教育考察登记表", "思想汇报"] },
  { no: 7, stage: 3, zh: "确定发展对象", en: "Candidate for admission confirmed", kind: "plain", docs: ["支委会会议记录", "听取意见记录"] },
  { no: 8, stage: 3, zh: "报上级党委备案", en: "Candidate filed with the higher committee", kind: "plain", docs: ["发展对象备案表"] },
  { no: 9, stage: 3, zh: "确定入党介绍人", en: "Two sponsors named", kind: "sponsors", docs: [] },
  { no: 10, stage: 3, zh: "进行政治审查", en: "Political review", kind: "review", docs: ["政治审查综合材料"] },
  { no: 11, stage: 3, zh: "开展集中培训", en: "Central training", kind: "training", docs: ["培训结业证书"] },
  { no: 12, stage: 4, zh: "支部委员会审查", en: "Branch committee review", kind: "plain", docs: ["支委会会议记录"] },
  { no: 13, stage: 4, zh: "上级党委预审（公示）", en: "Pre-review by the higher committee (publicity)", kind: "plain", docs: ["预审请示", "公示材料"] },
  { no: 14, stage: 4, zh: "填写入党志愿书", en: "Application form filled in", kind: "plain", docs: ["入党志愿书"] },
  { no: 15, stage: 4, zh: "支部大会讨论", en: "Branch general meeting vote", kind: "vote", docs: ["支部大会会议记录", "表决票"] },
  { no: 16, stage: 4, zh: "上级党委派人谈话", en: "Talk by the higher committee", kind: "plain", docs: ["谈话记录"] },
  { no: 17, stage: 4, zh: "上级党委审批", en: "Approval by the subdistrict party working committee", kind: "approval", docs: ["审批意见"] },
  { no: 18, stage: 4, zh: "再上一级党委组织部门备案", en: "Filed with the organisation department", kind: "plain", docs: ["备案表"] },
  { no: 19, stage: 5, zh: "编入党支部和党小组", en: "Placed in branch and group", kind: "plain", docs: [] },
  { no: 20, stage: 5, zh: "入党宣誓", en: "Oath taken", kind: "plain", docs: ["宣誓记录"] },
  { no: 21, stage: 5, zh: "继续教育考察", en: "Continued education and observation", kind: "plain", docs: ["预备党员考察登记表"] },
  { no: 22, stage: 5, zh: "提出转正申请", en: "Application for full membership", kind: "plain", docs: ["转正申请书"] },
  { no: 23, stage: 5, zh: "支部大会讨论（转正）", en: "Branch vote on full membership", kind: "vote", docs: ["支部大会会议记录", "表决票"] },
  { no: 24, stage: 5, zh: "上级党委审批（转正）", en: "Approval of full membership", kind: "approval", docs: ["审批意见"] },
  { no: 25, stage: 5, zh: "材料归档", en: "Files archived", kind: "plain", docs: ["档案移交清单"] },
];
export const APPROVAL_STEPS = [17, 24] as const;

export const APPLICANT_STATUSES = ["active", "probationary", "full", "stopped"] as const;
export const APPLICANT_STATUS_LABELS = {
  active: { zh: "培养中", en: "In progress" },
  probationary: { zh: "预备党员", en: "Probationary member" },
  full: { zh: "已转正", en: "Full member" },
  stopped: { zh: "已终止", en: "Stopped" },
} as const;

// ---------- organisations ----------
export const ZPartyOrgCreate = z.object({
  /** An existing organisation (of kind 党组织) to extend, or a new branch created with it. */
  orgId: z.string().min(1).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  shortName: z.string().trim().max(40).nullable().optional(),
  gridId: z.string().min(1).nullable().optional(),
  parentId: z.string().min(1).nullable().optional(),
  level: z.enum(PARTY_LEVELS),
  partyKind: z.enum(PARTY_KINDS),
  hostOrgId: z.string().min(1).nullable().optional(),
  foundedOn: ZDate.nullable().optional(),
  termStart: ZDate.nullable().optional(),
  termEnd: ZDate.nullable().optional(),
});
export type TPartyOrgCreate = z.infer<typeof ZPartyOrgCreate>;
/** Editing a party organisation: its name and place in the tree, level, kind, host, founding date and term. */
export const ZPartyOrgUpdate = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  gridId: z.string().min(1).nullable().optional(),
  parentId: z.string().min(1).nullable().optional(),
  level: z.enum(PARTY_LEVELS).optional(),
  partyKind: z.enum(PARTY_KINDS).optional(),
  hostOrgId: z.string().min(1).nullable().optional(),
  foundedOn: ZDate.nullable().optional(),
  termStart: ZDate.nullable().optional(),
  termEnd: ZDate.nullable().optional(),
});
export type TPartyOrgUpdate = z.infer<typeof ZPartyOrgUpdate>;

export const ZWarning = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export const ZPost = z.object({
  id: z.string(),
  orgId: z.string(),
  personId: z.string(),
  personName: z.string(),
  post: z.string(),
  termStart: z.string(),
  termEnd: z.string().nullable(),
  endedOn: z.string().nullable(),
  certified: z.boolean(),
  /** 持证日期: when the branch-work certificate was obtained (null: date unknown). */
  certifiedOn: z.string().nullable(),
});
export const ZPartyOrg = z.object({
  id: z.string(),
  communityId: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  gridName: z.string().nullable(),
  level: z.string(),
  partyKind: z.string(),
  hostOrgId: z.string().nullable(),
  hostOrgName: z.string().nullable(),
  foundedOn: z.string().nullable(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  termFlag: z.enum(["ok", "expiring", "expired", "none"]),
  fullMembers: z.number(),
  probationaryMembers: z.number(),
  posts: z.array(ZPost),
  warnings: z.array(ZWarning),
});
export type TPartyOrg = z.infer<typeof ZPartyOrg>;

export const ZPostCreate = z.object({
  orgId: z.string().min(1),
  personId: z.string().min(1),
  post: z.enum(PARTY_POSTS),
  termStart: ZDate,
  termEnd: ZDate.nullable().optional(),
  certified: z.boolean().default(false),
  /** 持证日期 (implies certified). */
  certifiedOn: ZDate.nullable().optional(),
});
export type TPostCreate = z.infer<typeof ZPostCreate>;

// ---------- members ----------
export const ZMemberCreate = z.object({
  personId: z.string().min(1),
  orgId: z.string().min(1),
  groupId: z.string().min(1).nullable().optional(),
  status: z.enum(["full", "probationary"]),
  joinedOn: ZDate,
  fullOn: ZDate.nullable().optional(),
  education: z.enum(EDUCATIONS).nullable().optional(),
  transferInOn: ZDate.nullable().optional(),
  transferInFrom: z.string().trim().max(100).nullable().optional(),
  mobile: z.boolean().default(false),
  lostContact: z.boolean().default(false),
});
export type TMemberCreate = z.infer<typeof ZMemberCreate>;
export const ZMemberUpdate = z.object({
  groupId: z.string().min(1).nullable().optional(),
  education: z.enum(EDUCATIONS).nullable().optional(),
  mobile: z.boolean().optional(),
  lostContact: z.boolean().optional(),
});
export const ZTransferOut = z.object({ on: ZDate, to: z.string().trim().min(1).max(100) });
export const ZAppraisal = z.object({ year: z.number().int().min(2000).max(2100), result: z.enum(APPRAISAL_RESULTS) });
export const ZMember = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  gender: z.string(),
  age: z.number().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  groupId: z.string().nullable(),
  status: z.enum(MEMBER_STATUSES),
  joinedOn: z.string(),
  fullOn: z.string().nullable(),
  education: z.string().nullable(),
  transferInOn: z.string().nullable(),
  transferInFrom: z.string().nullable(),
  transferOutOn: z.string().nullable(),
  transferOutTo: z.string().nullable(),
  mobile: z.boolean(),
  lostContact: z.boolean(),
  appraisalYear: z.number().nullable(),
  appraisalResult: z.string().nullable(),
  /** Probation of a member admitted through the pipeline (null otherwise), and its extension in months (0: none). */
  probationEnd: z.string().nullable(),
  probationExtendedMonths: z.number(),
});
export type TMember = z.infer<typeof ZMember>;
export const ZMemberQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(40).optional(),
  orgId: z.string().optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  flag: z.enum(["mobile", "lost"]).optional(),
});

// ---------- meetings ----------
export const ZAttendance = z.object({ memberId: z.string().min(1), status: z.enum(["present", "leave", "absent"]) });
export const ZMeetingCreate = z.object({
  orgId: z.string().min(1),
  type: z.enum(MEETING_TYPES),
  heldOn: ZDate,
  place: z.string().trim().max(100).nullable().optional(),
  topic: z.string().trim().min(1).max(200),
  host: z.string().trim().max(40).nullable().optional(),
  /** Who was due, with their attendance; members due but not listed count as absent. */
  attendance: z.array(ZAttendance).max(2000).default([]),
  minutes: z.string().max(20000).nullable().optional(),
  resolutions: z.string().max(5000).nullable().optional(),
  photoFileIds: z.array(z.string()).max(20).default([]),
});
export type TMeetingCreate = z.infer<typeof ZMeetingCreate>;
export const ZMeeting = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  type: z.string(),
  heldOn: z.string(),
  place: z.string().nullable(),
  topic: z.string(),
  host: z.string().nullable(),
  due: z.number(),
  present: z.number(),
  onLeave: z.number(),
  absent: z.number(),
  quorumRequired: z.boolean(),
  quorumMet: z.boolean().nullable(),
  minutes: z.string().nullable(),
  resolutions: z.string().nullable(),
  photoFileIds: z.array(z.string()),
  /** 作废: when, by whom and why (null: a live record). */
  voided: ZVoiding,
});
export type TMeeting = z.infer<typeof ZMeeting>;
export const ZMeetingQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  orgId: z.string().optional(),
  type: z.enum(MEETING_TYPES).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  voided: ZVoidedFilter,
});

export const ZComplianceQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const ZComplianceItem = z.object({
  type: z.string(),
  period: z.string(),
  periodEnd: z.string(),
  status: z.enum(["ok", "missing", "short_quorum", "due_soon", "open"]),
  held: z.number(),
});
export const ZComplianceRow = z.object({
  orgId: z.string(),
  orgName: z.string(),
  required: z.number(),
  met: z.number(),
  missing: z.array(ZComplianceItem),
  reminders: z.array(ZComplianceItem),
});
export const ZCompliance = z.object({ year: z.number(), asOf: z.string(), rows: z.array(ZComplianceRow) });

// ---------- elections and boards ----------
export const ZElectionCreate = z.object({
  orgId: z.string().min(1),
  kind: z.enum(ELECTION_KINDS),
  heldOn: ZDate,
  termStart: ZDate.nullable().optional(),
  termEnd: ZDate.nullable().optional(),
  approvingBody: z.string().trim().min(1).max(100),
  documentNo: z.string().trim().max(100).nullable().optional(),
  post: z.enum(PARTY_POSTS).nullable().optional(),
  personId: z.string().min(1).nullable().optional(),
  removedPersonId: z.string().min(1).nullable().optional(),
  certified: z.boolean().default(false),
  votesDue: z.number().int().min(0).nullable().optional(),
  votesCast: z.number().int().min(0).nullable().optional(),
  votesFor: z.number().int().min(0).nullable().optional(),
  note: z.string().max(2000).nullable().optional(),
});
export type TElectionCreate = z.infer<typeof ZElectionCreate>;
export const ZElectionQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  orgId: z.string().optional(),
  kind: z.enum(ELECTION_KINDS).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  /** 作废: "1" voided only, "all" both; live records otherwise. */
  voided: ZVoidedFilter,
});
export const ZElection = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  orgKind: z.string(),
  kind: z.string(),
  heldOn: z.string(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  approvingBody: z.string(),
  documentNo: z.string().nullable(),
  post: z.string().nullable(),
  personName: z.string().nullable(),
  removedPersonName: z.string().nullable(),
  votesDue: z.number().nullable(),
  votesCast: z.number().nullable(),
  votesFor: z.number().nullable(),
  note: z.string().nullable(),
  /** Masked: what tells two people of one name apart when an export is read back in. */
  personIdNumber: z.string().nullable().optional(),
  removedPersonIdNumber: z.string().nullable().optional(),
  /** Set when the election was voided (作废): who, when, why. */
  voided: ZVoiding.optional(),
});
export type TElection = z.infer<typeof ZElection>;
export const ZBoardCreate = z.object({
  companyId: z.string().min(1),
  personId: z.string().min(1),
  post: z.enum(BOARD_POSTS),
  termStart: ZDate,
  termEnd: ZDate.nullable().optional(),
});
export type TBoardCreate = z.infer<typeof ZBoardCreate>;
/** Ending a board or supervisory-board membership: `on` is the first day it is no longer held. */
export const ZBoardEnd = z.object({ on: ZDate });
export type TBoardEnd = z.infer<typeof ZBoardEnd>;
export const ZBoardMember = z.object({
  id: z.string(),
  companyId: z.string(),
  companyName: z.string(),
  personId: z.string(),
  personName: z.string(),
  post: z.string(),
  termStart: z.string(),
  termEnd: z.string().nullable(),
  partyPosts: z.array(z.string()),
});

// ---------- pipeline ----------
/** The documents of a step's checklist: each uploaded (fileId) or filed on paper. */
const ZStepDocuments = z
  .array(z.object({ name: z.string().min(1).max(60), fileId: z.string().nullable().optional(), paper: z.boolean().default(false) }))
  .default([]);
export const ZApplicantCreate = z.object({
  personId: z.string().min(1),
  orgId: z.string().min(1),
  appliedOn: ZDate,
  documents: ZStepDocuments,
});
export type TApplicantCreate = z.infer<typeof ZApplicantCreate>;
export const ZVote = z.object({
  due: z.number().int().min(0),
  present: z.number().int().min(0),
  yes: z.number().int().min(0),
  no: z.number().int().min(0),
  abstain: z.number().int().min(0),
  /** Written opinions of absent members, counted with the votes. */
  writtenYes: z.number().int().min(0).default(0),
  writtenNo: z.number().int().min(0).default(0),
});
export const ZStepRecord = z.object({
  step: z.number().int().min(2).max(25),
  doneOn: ZDate,
  /** contact persons (step 5) or sponsors (step 9): member ids */
  memberIds: z.array(z.string()).max(5).default([]),
  documents: ZStepDocuments,
  vote: ZVote.nullable().optional(),
  trainingHours: z.number().min(0).max(1000).nullable().optional(),
  conclusion: z.string().trim().max(2000).nullable().optional(),
  /** Step 17 later than 3 months after the vote: the extension (up to 6 months) was approved. */
  extended: z.boolean().default(false),
  note: z.string().max(2000).nullable().optional(),
});
export type TStepRecord = z.infer<typeof ZStepRecord>;
/**
 * The central training (集中培训, step 11) a candidate attended, as another module records it
 * through the party API: the day it ended, its hours (≥ 24 [A]) and its documents (培训结业证书).
 */
export const ZCentralTraining = z.object({
  doneOn: ZDate,
  hours: z.number().min(0).max(1000),
  documents: ZStepDocuments,
  note: z.string().max(2000).nullable().optional(),
});
export type TCentralTraining = z.input<typeof ZCentralTraining>;
/** Leaving the pipeline: the day and why (本人撤回申请, 党组织终止培养 …). */
export const ZApplicantLeave = z.object({ on: ZDate, reason: z.string().trim().min(2).max(500) });
export type TApplicantLeave = z.infer<typeof ZApplicantLeave>;
export const ZExtendProbation = z.object({ months: z.number().int().min(6).max(12), decidedOn: ZDate, reason: z.string().trim().min(1).max(500) });
export const ZStep = z.object({
  step: z.number(),
  doneOn: z.string(),
  passed: z.boolean(),
  memberNames: z.array(z.string()),
  documents: z.array(z.object({ name: z.string(), fileId: z.string().nullable().optional(), paper: z.boolean() })),
  vote: ZVote.nullable(),
  trainingHours: z.number().nullable(),
  conclusion: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
});
export const ZNext = z.object({ step: z.number(), earliest: z.string().nullable(), due: z.string().nullable(), overdue: z.boolean() }).nullable();
export const ZApplicant = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  gender: z.string(),
  age: z.number().nullable(),
  idNumber: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  status: z.enum(APPLICANT_STATUSES),
  stage: z.number(),
  lastStep: z.number(),
  appliedOn: z.string(),
  probationStart: z.string().nullable(),
  probationEnd: z.string().nullable(),
  extendedMonths: z.number(),
  stoppedOn: z.string().nullable(),
  stopReason: z.string().nullable(),
  next: ZNext,
});
export type TApplicant = z.infer<typeof ZApplicant>;
export const ZApplicantDetail = ZApplicant.extend({ steps: z.array(ZStep) });
export const ZApplicantQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  orgId: z.string().optional(),
  stage: z.coerce.number().int().min(1).max(5).optional(),
  status: z.enum(APPLICANT_STATUSES).optional(),
  q: z.string().trim().max(40).optional(),
});
