// Query keys and hooks of the patrol pages.
import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { TPlan, TPoint, TPointStatus, TTeam } from "../../../contracts/patrol";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

export type Officer = { id: string; name: string; role: string; scope: string };

export const patrolKeys = {
  all: ["patrol"] as const,
  teams: ["patrol", "teams"] as const,
  plans: ["patrol", "plans"] as const,
  activePoints: ["patrol", "points", "all-active"] as const,
  map: ["patrol", "map"] as const,
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
