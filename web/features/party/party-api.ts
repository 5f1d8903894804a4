// Query keys and hooks of the party pages.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TApplicant, TElection, TMeeting, TMember, TPartyOrg } from "../../../contracts/party";
import type { TOrg } from "../../../contracts/platform";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

type ComplianceItem = { type: string; period: string; periodEnd: string; status: string; held: number };
/** A branch's meetings against the rules for the year (三会一课 …): what was required, met, missing, due soon. */
export type ComplianceRow = { orgId: string; orgName: string; required: number; met: number; missing: ComplianceItem[]; reminders: ComplianceItem[] };
/** A seat on a company's board (股份合作公司), with the holder's party posts. */
export type Board = {
  id: string;
  companyId: string;
  companyName: string;
  personName: string;
  post: string;
  termStart: string;
  termEnd: string | null;
  partyPosts: string[];
};
/** An applicant with the steps recorded so far (入党申请 → 转正). */
export type ApplicantDetail = TApplicant & {
  steps: Array<{
    step: number;
    doneOn: string;
    passed: boolean;
    memberNames: string[];
    documents: Array<{ name: string; paper: boolean; fileId?: string | null }>;
    vote: { due: number; present: number; yes: number; no: number; abstain: number; writtenYes: number; writtenNo: number } | null;
    trainingHours: number | null;
    conclusion: string | null;
    note: string | null;
    recordedBy: string;
  }>;
};

export const partyKeys = {
  all: ["party"] as const,
  orgs: ["party", "orgs"] as const,
  applicant: (id: string | undefined) => ["party", "applicant", id] as const,
  applicants: (orgId: string | undefined) => ["party", "applicants", orgId] as const,
  compliance: (year: number) => ["party", "compliance", year] as const,
  elections: (q: unknown) => ["party", "elections", q] as const,
  boards: ["party", "boards"] as const,
  meetings: (q: unknown) => ["party", "meetings", q] as const,
  due: (orgId: string | undefined, type: string | undefined, on: string | null) => ["party", "due", orgId, type, on] as const,
  members: (q: unknown) => ["party", "members", q] as const,
  memberPick: (orgId: string | undefined, status: string | undefined, q: string) => ["party", "members", "pick", orgId, status, q] as const,
  fullMembers: (orgId: string) => ["party", "members", "full", orgId] as const,
  /** Platform organisations the party pages pick from (companies, host organisations). */
  companies: ["organisations", "companies"] as const,
  hostPick: (q: string) => ["organisations", "host-pick", q] as const,
};

export function usePartyOrgs() {
  return useQuery({ queryKey: partyKeys.orgs, queryFn: ({ signal }) => api.get<TPartyOrg[]>("/api/party/orgs", undefined, signal) });
}

export const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

export function useCompliance(year: number) {
  return useQuery({
    queryKey: partyKeys.compliance(year),
    queryFn: ({ signal }) => api.get<{ year: number; asOf: string; rows: ComplianceRow[] }>("/api/party/compliance", { year }, signal),
  });
}

export function useElections(q: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: partyKeys.elections(q),
    queryFn: ({ signal }) => api.get<Paged<TElection>>("/api/party/elections", q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useBoards() {
  return useQuery({ queryKey: partyKeys.boards, queryFn: ({ signal }) => api.get<Board[]>("/api/party/boards", undefined, signal) });
}

export function useMeetings(q: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: partyKeys.meetings(q),
    queryFn: ({ signal }) => api.get<Paged<TMeeting>>("/api/party/meetings", q, signal),
    placeholderData: keepPreviousData,
  });
}

/** The members expected at a meeting of the type on the day (to mark attendance). */
export function useMembersDue(orgId: string | undefined, type: string | undefined, on: string | null) {
  return useQuery({
    queryKey: partyKeys.due(orgId, type, on),
    enabled: !!orgId && !!type && !!on,
    queryFn: ({ signal }) => api.get<Array<{ memberId: string; name: string }>>("/api/party/members-due", { orgId, type, on }, signal),
  });
}

export function useMembers(q: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: partyKeys.members(q),
    queryFn: ({ signal }) => api.get<Paged<TMember>>("/api/party/members", q, signal),
    placeholderData: keepPreviousData,
  });
}

/** Members to pick from (of a branch, by status, by name), 50 at most. */
export function useMemberPick(orgId: string | undefined, status: "full" | "probationary" | undefined, q: string) {
  return useQuery({
    queryKey: partyKeys.memberPick(orgId, status, q),
    queryFn: ({ signal }) => api.get<Paged<TMember>>("/api/party/members", { orgId, status, q: q || undefined, pageSize: 50 }, signal),
  });
}

/** The branch's full members (an applicant's contacts and sponsors). */
export function useFullMembers(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: partyKeys.fullMembers(orgId),
    enabled,
    queryFn: ({ signal }) => api.get<Paged<{ id: string; name: string }>>("/api/party/members", { orgId, status: "full", pageSize: 200 }, signal),
  });
}

/** The branch's applicants (every stage), for the pipeline board. */
export function useApplicants(orgId: string | undefined) {
  return useQuery({
    queryKey: partyKeys.applicants(orgId),
    queryFn: ({ signal }) => api.get<Paged<TApplicant>>("/api/party/applicants", { orgId, pageSize: 500, status: undefined }, signal),
  });
}

export function useApplicant(id: string | undefined) {
  return useQuery({ queryKey: partyKeys.applicant(id), queryFn: ({ signal }) => api.get<ApplicantDetail>(`/api/party/applicants/${id}`, undefined, signal) });
}

/** The 股份合作公司 of the scope (board elections). */
export function useCompanies() {
  return useQuery({
    queryKey: partyKeys.companies,
    queryFn: ({ signal }) => api.get<Paged<TOrg>>("/api/organisations", { kind: "股份合作公司", pageSize: 200 }, signal),
    select: (d) => d.items,
  });
}

/** Organisations by name, to host a party organisation (100 at most). */
export function useHostOrgs(q: string) {
  return useQuery({
    queryKey: partyKeys.hostPick(q),
    queryFn: ({ signal }) => api.get<Paged<TOrg>>("/api/organisations", { q: q || undefined, pageSize: 100 }, signal),
  });
}
