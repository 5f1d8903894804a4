// Query keys and hooks of the PIPL requests page.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TPiplCheck, TPiplRequest } from "../../../contracts/pipl";
import type { TPerson } from "../../../contracts/platform";
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

/** People of the scope by name or the last digits of a phone or ID number, for the request form. */
export const usePeoplePick = (q: string) =>
  useQuery({
    queryKey: ["people", "pick", q],
    enabled: q.length > 0,
    queryFn: ({ signal }) => api.get<Paged<TPerson>>("/api/people", { q, pageSize: 20 }, signal),
  });

/** People of the scope by name (50 at most, the last page kept while typing), for the forms' person field. */
export const usePiplPersonSearch = (q: string) =>
  useQuery({
    queryKey: ["people", "pick", "pipl", q],
    queryFn: ({ signal }) => api.get<Paged<TPerson>>("/api/people", { q: q || undefined, pageSize: 50 }, signal),
    placeholderData: (x) => x,
  });
