// Query keys and hooks of 民生微实事.
import { useQuery } from "@tanstack/react-query";
import type { TBudget, TProject, TProjectDetail, TPublicProject, TPublicProjectDetail } from "../../../contracts/projects";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

export const projectKeys = {
  all: ["projects"] as const,
  list: (q: Record<string, unknown>) => ["projects", "list", q] as const,
  detail: (id: string) => ["projects", "detail", id] as const,
  budget: (communityId: string | undefined, year: number) => ["projects", "budget", communityId, year] as const,
  publicOptions: ["public", "project-options"] as const,
  publicList: (communityId: string | undefined) => ["public", "projects", communityId] as const,
  publicOne: (id: string) => ["public", "project", id] as const,
};

export type PublicOptions = { communities: Array<{ id: string; name: string }> };

export const useProjects = (q: Record<string, string | number | undefined>) =>
  useQuery({ queryKey: projectKeys.list(q), queryFn: ({ signal }) => api.get<Paged<TProject>>("/api/projects", q, signal), placeholderData: (p) => p });

export const useProject = (id: string | undefined) =>
  useQuery({
    queryKey: projectKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<TProjectDetail>(`/api/projects/${id}`, undefined, signal),
    enabled: !!id,
  });

export const useBudget = (communityId: string | undefined, year: number) =>
  useQuery({
    queryKey: projectKeys.budget(communityId, year),
    queryFn: ({ signal }) => api.get<TBudget>("/api/projects/budget", { communityId, year }, signal),
    enabled: !!communityId,
  });

// --- public (no account) ---

export const usePublicProjectOptions = () =>
  useQuery({ queryKey: projectKeys.publicOptions, queryFn: ({ signal }) => api.get<PublicOptions>("/api/public/projects/options", undefined, signal) });
export const usePublicProjects = (communityId: string | undefined) =>
  useQuery({
    queryKey: projectKeys.publicList(communityId),
    queryFn: ({ signal }) => api.get<TPublicProject[]>("/api/public/projects", { communityId }, signal),
    enabled: !!communityId,
  });
export const usePublicProject = (id: string) =>
  useQuery({
    queryKey: projectKeys.publicOne(id),
    queryFn: ({ signal }) => api.get<TPublicProjectDetail>(`/api/public/projects/${id}`, undefined, signal),
  });
export const proposeProject = (body: unknown) => api.post<{ id: string; code: string }>("/api/public/projects", body);
export const answerSurvey = (id: string, body: unknown) => api.post(`/api/public/projects/${id}/survey`, body);
