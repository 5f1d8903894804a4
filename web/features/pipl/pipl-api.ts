// Query keys and hooks of the PIPL requests page.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TPiplCheck, TPiplRequest } from "../../../contracts/pipl";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

export const piplKeys = {
  all: ["pipl"] as const,
  list: (q: unknown) => ["pipl", "list", q] as const,
  one: (id: string) => ["pipl", "one", id] as const,
  check: (id: string) => ["pipl", "check", id] as const,
  rules: ["pipl", "rules"] as const,
};

export const usePiplRequests = (q: Record<string, string | number | undefined>) =>
  useQuery({
    queryKey: piplKeys.list(q),
    queryFn: ({ signal }) => api.get<Paged<TPiplRequest>>("/api/pipl/requests", q, signal),
    placeholderData: keepPreviousData,
  });

export const usePiplRequest = (id: string | null) =>
  useQuery({ queryKey: piplKeys.one(id ?? ""), enabled: !!id, queryFn: ({ signal }) => api.get<TPiplRequest>(`/api/pipl/requests/${id}`, undefined, signal) });

export const usePiplCheck = (id: string | null, enabled: boolean) =>
  useQuery({
    queryKey: piplKeys.check(id ?? ""),
    enabled: !!id && enabled,
    queryFn: ({ signal }) => api.get<TPiplCheck>(`/api/pipl/requests/${id}/check`, undefined, signal),
  });

export const usePiplRules = () =>
  useQuery({
    queryKey: piplKeys.rules,
    queryFn: ({ signal }) =>
      api.get<Array<{ provider: string; module: string; key: string; label: string; reason: string }>>("/api/pipl/rules", undefined, signal),
  });
