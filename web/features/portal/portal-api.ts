// Query keys, hooks and sends of 三务公开: the staff pages (GET /api/portal/columns, /items, /items/:id,
// /overdue; the item's steps, drafts, column save) and the public portal (GET /api/public/disclosure/…, feedback).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PortalSection, TColumn, TItem, TItemDetail, TOverdue, TPublicItem, TPublicItemDetail } from "../../../contracts/portal";
import type { TPublicProject } from "../../../contracts/projects";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

/** A column as the public portal lists it. */
export type PublicColumn = { key: string; parentKey: string | null; section: PortalSection; name: string; period: string };
export type PublicItemPage = { items: TPublicItem[]; total: number; page: number; pageSize: number };

export const portalKeys = {
  all: ["portal"] as const,
  columns: ["portal", "columns"] as const,
  items: (page: number, status: string | undefined, q: string | undefined) => ["portal", "items", page, status, q] as const,
  item: (id: string) => ["portal", "item", id] as const,
  overdue: (on: string) => ["portal", "overdue", on] as const,
};

export const publicKeys = {
  all: ["public", "disclosure"] as const,
  columns: ["public", "disclosure", "columns"] as const,
  items: (code: string, column: string, q: string | undefined, year: number | undefined, page: number) =>
    ["public", "disclosure", "items", code, column, q, year, page] as const,
  projects: (code: string) => ["public", "disclosure", "projects", code] as const,
  item: (id: string) => ["public", "disclosure", "item", id] as const,
  communities: ["public", "disclosure", "communities"] as const,
  latest: ["public", "disclosure", "latest"] as const,
};

// --- staff ---

export function useColumns() {
  return useQuery({
    queryKey: portalKeys.columns,
    queryFn: ({ signal }) => api.get<TColumn[]>("/api/portal/columns", undefined, signal),
    staleTime: 60_000,
  });
}

export function usePortalItems(page: number, status: string | undefined, q: string | undefined) {
  return useQuery({
    queryKey: portalKeys.items(page, status, q),
    queryFn: ({ signal }) => api.get<Paged<TItem>>("/api/portal/items", { page, status, q, pageSize: 20 }, signal),
  });
}

export function usePortalItem(id: string) {
  return useQuery({ queryKey: portalKeys.item(id), queryFn: ({ signal }) => api.get<TItemDetail>(`/api/portal/items/${id}`, undefined, signal) });
}

/** A step of the item's flow (submit, review, approve, withdraw, correct): refreshes every portal query, then `onStepped` with the answer. */
export function useItemStep(id: string, onStepped: (r: TItemDetail) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api.post<TItemDetail>(`/api/portal/items/${id}/${path}`, body ?? {}),
    meta: { silent: true },
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: portalKeys.all });
      onStepped(r);
    },
  });
}

export function useOverdue(on: string) {
  return useQuery({
    queryKey: portalKeys.overdue(on),
    queryFn: ({ signal }) => api.get<TOverdue[]>("/api/portal/overdue", { on }, signal),
  });
}

export const createItem = (body: unknown) => api.post<TItemDetail>("/api/portal/items", body);
export const makeDrafts = (body: unknown) => api.post<{ created: number; skipped: number }>("/api/portal/drafts", body);
export const saveColumn = (body: unknown) => api.put<TColumn>("/api/portal/columns", body);

// --- public ---

export function usePublicColumns() {
  return useQuery({
    queryKey: publicKeys.columns,
    queryFn: ({ signal }) => api.get<PublicColumn[]>("/api/public/disclosure/columns", undefined, signal),
  });
}

export function usePublicItems(p: { code: string; column: string; q?: string; year?: number; page: number }) {
  return useQuery({
    queryKey: publicKeys.items(p.code, p.column, p.q, p.year, p.page),
    queryFn: ({ signal }) =>
      api.get<PublicItemPage>(
        "/api/public/disclosure/items",
        { community: p.code, column: p.column, q: p.q, year: p.year, page: p.page, pageSize: 15 },
        signal,
      ),
  });
}

export function usePublicProjects(code: string) {
  return useQuery({
    queryKey: publicKeys.projects(code),
    queryFn: ({ signal }) => api.get<TPublicProject[]>("/api/public/disclosure/projects", { community: code }, signal),
  });
}

export function usePublicItem(id: string) {
  return useQuery({
    queryKey: publicKeys.item(id),
    queryFn: ({ signal }) => api.get<TPublicItemDetail>(`/api/public/disclosure/items/${id}`, undefined, signal),
    retry: false,
  });
}

export function usePublicCommunities() {
  return useQuery({
    queryKey: publicKeys.communities,
    queryFn: ({ signal }) => api.get<Array<{ code: string; name: string }>>("/api/public/disclosure/communities", undefined, signal),
  });
}

/** The latest items of every community (the portal's home). */
export function usePublicLatest() {
  return useQuery({
    queryKey: publicKeys.latest,
    queryFn: ({ signal }) => api.get<PublicItemPage>("/api/public/disclosure/items", { pageSize: 10 }, signal),
  });
}

export const sendFeedback = (id: string, body: unknown) => api.post<{ trackingNo: string }>(`/api/public/disclosure/items/${id}/feedback`, body);
