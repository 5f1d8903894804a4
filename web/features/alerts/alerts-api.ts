// The notification centre's and the workbench layout's queries (GET /api/notifications …,
// /api/workbench/layout, /api/workbench/compare) and the live stream of new notifications.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { TCompare, TLayout, TLayoutAnswer, TNotification } from "../../../contracts/alerts";
import { api } from "../../api/client";
import { dashboardKeys } from "../dashboard/dashboard-api";

export type NotificationPage = { items: TNotification[]; total: number; page: number; pageSize: number; unread: number };

export const alertKeys = {
  all: ["notifications"] as const,
  list: (unread: boolean, page: number) => ["notifications", "list", unread, page] as const,
  count: ["notifications", "count"] as const,
  layout: ["workbench", "layout"] as const,
  compare: (from: string, to: string, keys: string) => ["workbench", "compare", from, to, keys] as const,
};

export function useNotifications(unread: boolean, page: number, enabled = true) {
  return useQuery({
    queryKey: alertKeys.list(unread, page),
    queryFn: ({ signal }) => api.get<NotificationPage>("/api/notifications", { unread: unread ? "1" : undefined, page, pageSize: 10 }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUnread(enabled = true) {
  return useQuery({
    queryKey: alertKeys.count,
    queryFn: ({ signal }) => api.get<{ unread: number }>("/api/notifications/count", undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ unread: number }>(`/api/notifications/${id}/read`),
    onSuccess: () => qc.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ updated: number; unread: number }>("/api/notifications/read-all"),
    onSuccess: () => qc.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

/**
 * New notifications as they are made (SSE, GET /api/notifications/stream): each refreshes the centre,
 * the bell's count and the to-dos, and is handed to `onNew`. The browser reconnects by itself;
 * each connection replays what came after the last one seen.
 */
export function useNotificationStream(enabled: boolean, onNew: (n: TNotification) => void) {
  const qc = useQueryClient();
  const cb = useRef(onNew);
  cb.current = onNew;
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    let since = new Date().toISOString();
    let es: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const connect = () => {
      es = new EventSource(`/api/notifications/stream?since=${encodeURIComponent(since)}`);
      es.addEventListener("notification", (e) => {
        const n = JSON.parse((e as MessageEvent).data) as TNotification;
        if (n.createdAt > since) since = n.createdAt;
        qc.invalidateQueries({ queryKey: alertKeys.all });
        qc.invalidateQueries({ queryKey: dashboardKeys.todos });
        cb.current(n);
      });
      es.addEventListener("count", (e) => {
        qc.setQueryData(alertKeys.count, JSON.parse((e as MessageEvent).data) as { unread: number });
      });
      es.onerror = () => {
        // A closed stream (server restart, session ended): try again a little later, from where it was.
        if (es?.readyState === EventSource.CLOSED && !stopped) {
          es.close();
          retry = setTimeout(connect, 10_000);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      es?.close();
    };
  }, [enabled, qc]);
}

export function useLayout(enabled = true) {
  return useQuery({
    queryKey: alertKeys.layout,
    queryFn: ({ signal }) => api.get<TLayoutAnswer>("/api/workbench/layout", undefined, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useSaveLayout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (l: TLayout) => api.put<TLayoutAnswer>("/api/workbench/layout", l),
    onSuccess: (data) => qc.setQueryData(alertKeys.layout, data),
  });
}

export function useCompare(from: string, to: string, keys: string[], enabled: boolean) {
  const k = keys.join(",");
  return useQuery({
    queryKey: alertKeys.compare(from, to, k),
    queryFn: ({ signal }) => api.get<TCompare>("/api/workbench/compare", { from, to, keys: k || undefined }, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}
