// Query keys and hooks of the people pages.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TPerson } from "../../../contracts/platform";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

export const peopleKeys = {
  all: ["people"] as const,
  list: (q: unknown) => ["people", q] as const,
};

export const usePeople = (q: Record<string, string | number | undefined>) =>
  useQuery({ queryKey: peopleKeys.list(q), queryFn: ({ signal }) => api.get<Paged<TPerson>>("/api/people", q, signal), placeholderData: keepPreviousData });
