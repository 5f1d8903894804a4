// Query keys and hooks of the people pages.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TPerson } from "../../../contracts/platform";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

export const peopleKeys = {
  all: ["people"] as const,
  list: (q: unknown) => ["people", q] as const,
  search: (q: string, pageSize: number) => ["people", "search", q, pageSize] as const,
};

export const usePeople = (q: Record<string, string | number | undefined>) =>
  useQuery({ queryKey: peopleKeys.list(q), queryFn: ({ signal }) => api.get<Paged<TPerson>>("/api/people", q, signal), placeholderData: keepPreviousData });

/**
 * People found by name for a picker (the registry's masked list: name, gender, age, grid). Empty
 * text searches nothing unless `all` (a picker that lists the first page before typing).
 */
export const usePeopleSearch = (
  q: string,
  { enabled = true, pageSize = 20, all = false, keepPrevious = false }: { enabled?: boolean; pageSize?: number; all?: boolean; keepPrevious?: boolean } = {},
) =>
  useQuery({
    queryKey: peopleKeys.search(q, pageSize),
    queryFn: ({ signal }) => api.get<Paged<TPerson>>("/api/people", { q: q || undefined, pageSize }, signal),
    enabled: enabled && (all || q.length > 0),
    // While typing, the last page stays until the next one comes (a form's person field).
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
