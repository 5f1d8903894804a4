// Query keys and hooks of the patrol pages.
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import type { TCheckin, TPlan, TPoint, TPointStatus, TRound, TTeam } from "../../../contracts/patrol";
import type { TOrg } from "../../../contracts/platform";
import { api } from "../../api/client";
import type { Paged, TFigureGroup, TFigureRecords } from "../../api/types";

export type Officer = { id: string; name: string; role: string; scope: string };
export type PointLabel = { pointId: string; name: string; code: string; url: string; svg: string };
type Period = { from: string; to: string };

export const patrolKeys = {
  all: ["patrol"] as const,
  teams: ["patrol", "teams"] as const,
  plans: ["patrol", "plans"] as const,
  activePoints: ["patrol", "points", "all-active"] as const,
  map: ["patrol", "map"] as const,
  points: (q: unknown) => ["patrol", "points", q] as const,
  labels: (ids: string) => ["patrol", "labels", ids] as const,
  plan: (id: string) => ["patrol", "plans", id] as const,
  myRounds: ["patrol", "rounds", "mine"] as const,
  planRounds: (planId: string, day: string) => ["patrol", "rounds", "plan", planId, day] as const,
  review: (q: unknown) => ["patrol", "checkins", "review", q] as const,
  checkinInfo: (pointId: string, token: string | null) => ["patrol", "checkin-info", pointId, token] as const,
  /** A figure's breakdown by plan (keyed under "figure-groups", outside the "patrol" keys). */
  planFigure: (figure: string, period: Period) => ["figure-groups", figure, "plan", period] as const,
  planHistory: (planId: string, period: Period, page: number) => ["figure-records", "patrol.completion_rate", planId, period, page] as const,
  teamOrgs: ["organisations", "patrol-teams"] as const,
  officers: (communityId: string | undefined) => ["patrol", "officers", communityId] as const,
};

export function useTeams() {
  return useQuery({
    queryKey: patrolKeys.teams,
    queryFn: ({ signal }) => api.get<TTeam[]>("/api/patrol/teams", undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export const usePlans = () => useQuery({ queryKey: patrolKeys.plans, queryFn: ({ signal }) => api.get<TPlan[]>("/api/patrol/plans", undefined, signal) });

/** Active points of the scope for the plan form's picker (the demo community has 114; the API gives up to 500 a page). */
export function useActivePoints(enabled = true) {
  return useQuery({
    queryKey: patrolKeys.activePoints,
    queryFn: ({ signal }) => api.get<Paged<TPoint>>("/api/patrol/points", { pageSize: 500, active: "1" }, signal),
    enabled,
    staleTime: 60_000,
  });
}

const officersQuery = (communityId: string | undefined) => ({
  queryKey: patrolKeys.officers(communityId),
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Officer[]>("/api/patrol/officers", { communityId }, signal),
  staleTime: 5 * 60_000,
});

/** The community's patrol officers (accounts that may check in): a team's members, a plan's assignees. */
export function useOfficers(communityId: string | undefined, enabled: boolean) {
  return useQuery({ ...officersQuery(communityId), enabled: enabled && !!communityId });
}

/** Officer names of the given communities, by account id (the same cached queries as useOfficers). */
export function useOfficersByCommunity(communityIds: string[]) {
  const qs = useQueries({ queries: communityIds.map(officersQuery) });
  const key = qs.map((x) => x.dataUpdatedAt).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when any of the queries has new data
  return useMemo(() => new Map(qs.flatMap((x) => x.data ?? []).map((o) => [o.id, o.name])), [key]);
}

/** Today's state of every point (GET /api/patrol/map/today): the live map refreshes it every minute, the point form's picker keeps it a minute. */
export function useTodayMap(opts: { refetchInterval?: number; staleTime?: number } = {}) {
  return useQuery({
    queryKey: patrolKeys.map,
    queryFn: ({ signal }) => api.get<TPointStatus[]>("/api/patrol/map/today", undefined, signal),
    ...opts,
  });
}

export function usePoints(q: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: patrolKeys.points(q),
    queryFn: ({ signal }) => api.get<Paged<TPoint>>("/api/patrol/points", q, signal),
    placeholderData: keepPreviousData,
  });
}

/** Retires, reactivates a point or makes its QR code anew; then `onDone` and every patrol query is fetched again. */
export function usePointAction(onDone: (action: "retire" | "reactivate" | "regenerate-code") => void, onError: (e: Error) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: "retire" | "reactivate" | "regenerate-code" }) => api.post(`/api/patrol/points/${id}/${action}`),
    onSuccess: (_d, v) => {
      onDone(v.action);
      qc.invalidateQueries({ queryKey: patrolKeys.all });
    },
    onError,
  });
}

/** The QR labels of the given points (ids comma-separated). */
export function usePointLabels(ids: string) {
  return useQuery({
    queryKey: patrolKeys.labels(ids),
    queryFn: ({ signal }) => api.get<PointLabel[]>("/api/patrol/points/labels", { ids }, signal),
    enabled: !!ids,
  });
}

export function useMyRounds() {
  return useQuery({ queryKey: patrolKeys.myRounds, queryFn: ({ signal }) => api.get<TRound[]>("/api/patrol/rounds", { mine: "1" }, signal) });
}

/** Check-ins for review (flagged, by state and period). */
export function useReviewCheckins(q: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: patrolKeys.review(q),
    queryFn: ({ signal }) => api.get<Paged<TCheckin>>("/api/patrol/checkins", q, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePlan(id: string) {
  return useQuery({ queryKey: patrolKeys.plan(id), queryFn: ({ signal }) => api.get<TPlan>(`/api/patrol/plans/${id}`, undefined, signal) });
}

/** Stops or activates a plan; then `onDone` with the plan and every patrol query is fetched again. */
export function usePlanToggle(onDone: (p: TPlan) => void, onError: (e: Error) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: "stop" | "activate" }) => api.post<TPlan>(`/api/patrol/plans/${id}/${action}`),
    onSuccess: (p) => {
      onDone(p);
      qc.invalidateQueries({ queryKey: patrolKeys.all });
    },
    onError,
  });
}

export function usePlanRounds(planId: string, day: string) {
  return useQuery({
    queryKey: patrolKeys.planRounds(planId, day),
    queryFn: ({ signal }) => api.get<TRound[]>("/api/patrol/rounds", { planId, date: day }, signal),
    placeholderData: keepPreviousData,
  });
}

/** A patrol figure (completion rate, missed visits) broken down by plan for the period. */
export function usePlanFigure(figure: "patrol.completion_rate" | "patrol.missed_visits", period: Period, enabled: boolean) {
  return useQuery({
    queryKey: patrolKeys.planFigure(figure, period),
    queryFn: ({ signal }) => api.get<{ items: TFigureGroup[] }>(`/api/figures/${figure}/groups`, { by: "plan", ...period }, signal),
    enabled,
  });
}

/** The plan's completion, round by round, for the period (the completion rate's records), 10 a page. */
export function usePlanHistory(planId: string, period: Period, page: number, enabled: boolean) {
  return useQuery({
    queryKey: patrolKeys.planHistory(planId, period, page),
    queryFn: ({ signal }) =>
      api.get<TFigureRecords>("/api/figures/patrol.completion_rate/records", { "f.plan": planId, ...period, page, pageSize: 10 }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Organisations of the scope a team can belong to (警务室, 股份公司安保队 …). */
export function useTeamOrgs(enabled: boolean) {
  return useQuery({
    queryKey: patrolKeys.teamOrgs,
    queryFn: ({ signal }) => api.get<Paged<TOrg>>("/api/organisations", { pageSize: 200, archived: "0" }, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Archives or brings back a team; then `onDone` with the team and every patrol query is fetched again. */
export function useTeamArchive(onDone: (x: TTeam) => void, onError: (e: Error) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: "archive" | "unarchive" }) => api.post<TTeam>(`/api/patrol/teams/${id}/${action}`),
    meta: { silent: true },
    onSuccess: (x) => {
      onDone(x);
      qc.invalidateQueries({ queryKey: patrolKeys.all });
    },
    onError,
  });
}

/** What the check-in page shows of a point (and whether the QR token is valid). */
export function useCheckinInfo(pointId: string, token: string | null) {
  return useQuery({
    queryKey: patrolKeys.checkinInfo(pointId, token),
    queryFn: ({ signal }) =>
      api.get<{ point: TPoint; tokenValid: boolean | null }>(`/api/patrol/points/${pointId}/checkin-info`, { t: token ?? undefined }, signal),
    retry: false,
    staleTime: 10 * 60_000,
  });
}
