// Query keys and hooks of 关爱帮扶.
import { useQuery } from "@tanstack/react-query";
import type { THousehold, THouseholdDetail, TVisit } from "../../../contracts/care";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

export const careKeys = { all: ["care"] as const };

export const useHouseholds = (q: Record<string, string | number | undefined>) =>
  useQuery({
    queryKey: ["care", "households", q],
    queryFn: ({ signal }) => api.get<Paged<THousehold> & { cutoff: string | null }>("/api/care/households", q, signal),
    placeholderData: (p) => p,
  });
export const useHousehold = (id: string | undefined) =>
  useQuery({
    queryKey: ["care", "household", id],
    queryFn: ({ signal }) => api.get<THouseholdDetail>(`/api/care/households/${id}`, undefined, signal),
    enabled: !!id,
  });
export const useVisits = (q: Record<string, string | number | undefined>) =>
  useQuery({ queryKey: ["care", "visits", q], queryFn: ({ signal }) => api.get<Paged<TVisit>>("/api/care/visits", q, signal), placeholderData: (p) => p });
export const useCareKinds = () =>
  useQuery({
    queryKey: ["care", "kinds"],
    queryFn: ({ signal }) => api.get<{ kinds: string[]; unvisitedMonths: number }>("/api/care/kinds", undefined, signal),
    staleTime: 5 * 60_000,
  });
export const yuan = (fen: number) => (fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 0, maximumFractionDigits: 2 });
