// Query keys and hooks of the accounts pages.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TUser } from "../../../contracts/platform";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

export const userKeys = {
  all: ["users"] as const,
  list: (q: unknown) => ["users", q] as const,
};

export const useUsers = (q: Record<string, string | number | undefined>) =>
  useQuery({ queryKey: userKeys.list(q), queryFn: ({ signal }) => api.get<Paged<TUser>>("/api/users", q, signal), placeholderData: keepPreviousData });

/** Disables or enables an account; `onDone` runs with the account before the accounts are fetched again. */
export function useSetDisabled(onDone: (u: TUser) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (u: { id: string; disabled: boolean }) => api.patch<TUser>(`/api/users/${encodeURIComponent(u.id)}`, { disabled: u.disabled }),
    onSuccess: (u) => {
      onDone(u);
      qc.invalidateQueries({ queryKey: userKeys.all });
    },
  });
}

/** Unlocks a locked account; `onDone` runs with the account before the accounts are fetched again. */
export function useUnlockUser(onDone: (u: TUser) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (u: TUser) => api.post(`/api/users/${encodeURIComponent(u.id)}/unlock`),
    onSuccess: (_r, u) => {
      onDone(u);
      qc.invalidateQueries({ queryKey: userKeys.all });
    },
  });
}
