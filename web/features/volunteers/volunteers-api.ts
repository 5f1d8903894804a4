// Query keys and hooks of 志愿服务.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TMyPage, TNightPatrol, TNightPatrolDetail, TRecord, TSummary, TTeam, TVolunteer } from "../../../contracts/volunteers";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

type Q = Record<string, string | number | undefined>;
export const useVolunteers = (q: Q) =>
  useQuery({
    queryKey: ["volunteers", "list", q],
    queryFn: ({ signal }) => api.get<Paged<TVolunteer>>("/api/volunteers", q, signal),
    placeholderData: (p) => p,
  });
export const useVolunteer = (id: string | undefined, on?: string) =>
  useQuery({
    queryKey: ["volunteers", "one", id, on],
    queryFn: ({ signal }) => api.get<TSummary>(`/api/volunteers/${id}`, { on }, signal),
    enabled: !!id,
    placeholderData: (p) => p,
  });
export const useRecords = (q: Q) =>
  useQuery({
    queryKey: ["volunteers", "records", q],
    queryFn: ({ signal }) => api.get<Paged<TRecord>>("/api/volunteers/records", q, signal),
    placeholderData: (p) => p,
  });
export const useTeams = () =>
  useQuery({ queryKey: ["volunteers", "teams"], queryFn: ({ signal }) => api.get<{ items: TTeam[] }>("/api/volunteers/teams", undefined, signal) });
export const usePatrols = (q: Q) =>
  useQuery({
    queryKey: ["volunteers", "patrols", q],
    queryFn: ({ signal }) => api.get<Paged<TNightPatrol>>("/api/volunteers/night-patrols", q, signal),
    placeholderData: (p) => p,
  });
export const usePatrol = (id: string | undefined) =>
  useQuery({
    queryKey: ["volunteers", "patrol", id],
    queryFn: ({ signal }) => api.get<TNightPatrolDetail>(`/api/volunteers/night-patrols/${id}`, undefined, signal),
    enabled: !!id,
  });
export const useMyPage = () =>
  useQuery({ queryKey: ["volunteers", "me"], queryFn: ({ signal }) => api.get<TMyPage>("/api/volunteers/me", undefined, signal), retry: false });

/** A POST under /api/volunteers that refreshes every volunteers query after it. */
export function useVolunteerPost<T = unknown>() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api.post<T>(`/api/volunteers${path}`, body ?? {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["volunteers"] }),
  });
}

/** The signed-in volunteer signs in for their hours at an activity (by its QR code's key); silent, the page shows the outcome. */
export const useSelfSignIn = (activityId: string, k: string) =>
  useMutation({ mutationFn: () => api.post<{ id: string }>("/api/volunteers/me/sign-in", { activityId, k }), meta: { silent: true } });
