// Query keys and hooks of 民生微实事.
import { useQuery } from "@tanstack/react-query";
import type { TBudget, TProject, TProjectDetail } from "../../../contracts/projects";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

export const projectKeys = {
  all: ["projects"] as const,
  list: (q: Record<string, unknown>) => ["projects", "list", q] as const,
  detail: (id: string) => ["projects", "detail", id] as const,
  budget: (communityId: string | undefined, year: number) => ["projects", "budget", communityId, year] as const,
};

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
