// Query keys and hooks of the organisations pages.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TOrg } from "../../../contracts/platform";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

export const orgKeys = {
  all: ["organisations"] as const,
  list: (q: unknown) => ["organisations", q] as const,
};

export const useOrganisations = (q: Record<string, string | number | undefined>) =>
  useQuery({ queryKey: orgKeys.list(q), queryFn: ({ signal }) => api.get<Paged<TOrg>>("/api/organisations", q, signal), placeholderData: keepPreviousData });
