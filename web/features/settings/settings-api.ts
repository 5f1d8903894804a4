// Query keys and hooks of the settings page (GET /api/settings, PUT /api/settings/:key).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { TSetting } from "../../api/types";

export const settingsKeys = {
  all: ["settings"] as const,
  list: (regionId: string | undefined) => ["settings", regionId] as const,
  /** The global values, as the security policy and the appeals' deadlines read them. */
  global: ["settings", ""] as const,
};

export function useSettings(regionId: string | undefined) {
  return useQuery({
    queryKey: settingsKeys.list(regionId),
    queryFn: ({ signal }) => api.get<{ items: TSetting[] }>("/api/settings", { regionId }, signal),
  });
}

/** The settings' global values (GET /api/settings without a region), optionally narrowed by `select`. */
export function useGlobalSettings<T = { items: TSetting[] }>(opts: { enabled?: boolean; select?: (d: { items: TSetting[] }) => T } = {}) {
  return useQuery({
    queryKey: settingsKeys.global,
    queryFn: ({ signal }) => api.get<{ items: TSetting[] }>("/api/settings", undefined, signal),
    enabled: opts.enabled ?? true,
    select: opts.select,
  });
}

/** Saves one setting (for `regionId`, or the global value); `onSaved` runs before the settings are fetched again. */
export function useSaveSetting(regionId: string | undefined, onSaved: (key: string) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { key: string; value: unknown }) =>
      api.put<unknown>(`/api/settings/${encodeURIComponent(v.key)}`, { value: v.value, ...(regionId ? { regionId } : {}) }),
    onSuccess: (_r, v) => {
      onSaved(v.key);
      qc.invalidateQueries({ queryKey: settingsKeys.all });
    },
  });
}
