// Query keys and hooks of the accounts pages.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TUser } from "../../../contracts/platform";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

export const userKeys = {
  all: ["users"] as const,
  list: (q: unknown) => ["users", q] as const,
};

export const useUsers = (q: Record<string, string | number | undefined>) =>
  useQuery({ queryKey: userKeys.list(q), queryFn: ({ signal }) => api.get<Paged<TUser>>("/api/users", q, signal), placeholderData: keepPreviousData });
