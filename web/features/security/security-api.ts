// Query keys and hooks of the security administrator's page: sign-in events, live sessions (end one),
// locked accounts (unlock one); the sign-in policy is read and saved through settings-api.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TLockedAccount, TSecuritySession, TSignInEvent } from "../../../contracts/security";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";
import { userKeys } from "../accounts/accounts-api";

export const securityKeys = {
  all: ["security"] as const,
  events: (q: unknown) => ["security", "events", q] as const,
  sessions: ["security", "sessions"] as const,
  locked: ["security", "locked"] as const,
};

export function useSignInEvents(q: { page: number; username?: string; failed?: string }) {
  return useQuery({
    queryKey: securityKeys.events(q),
    queryFn: ({ signal }) => api.get<Paged<TSignInEvent>>("/api/security/events", { ...q, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSessions() {
  return useQuery({
    queryKey: securityKeys.sessions,
    queryFn: ({ signal }) => api.get<{ items: TSecuritySession[] }>("/api/security/sessions", undefined, signal),
  });
}

/** Ends a session; `onEnded` runs before the security queries are fetched again. */
export function useEndSession(onEnded: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/security/sessions/${encodeURIComponent(id)}/end`),
    onSuccess: () => {
      onEnded();
      qc.invalidateQueries({ queryKey: securityKeys.all });
    },
  });
}

export function useLockedAccounts() {
  return useQuery({
    queryKey: securityKeys.locked,
    queryFn: ({ signal }) => api.get<{ items: TLockedAccount[] }>("/api/security/locked", undefined, signal),
  });
}

/** Unlocks an account; `onUnlocked` runs before the security and the accounts' queries are fetched again. */
export function useUnlockAccount(onUnlocked: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/users/${id}/unlock`),
    onSuccess: () => {
      onUnlocked();
      qc.invalidateQueries({ queryKey: securityKeys.all });
      qc.invalidateQueries({ queryKey: userKeys.all });
    },
  });
}
