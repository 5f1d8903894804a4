// Query keys and hooks of the dashboard (GET /api/figures for a period and module; GET /api/figures/:key
// for each period of the trend).
import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import type { TFigure } from "../../../contracts/platform";
import { api } from "../../api/client";

export type FiguresResponse = { items: TFigure[]; region: { id: string; name: string }; from: string; to: string };

export const dashboardKeys = {
  figures: (from: string, to: string, module: string | undefined) => ["figures", from, to, module] as const,
  figure: (key: string | undefined, from: string, to: string) => ["figure", key, from, to] as const,
  todos: ["todos"] as const,
};

export type Todo = {
  provider: string;
  module: string;
  label: string;
  id: string;
  title: string;
  detail: string | null;
  due: string | null;
  severity: "overdue" | "urgent" | "due" | "info";
  link: string;
};
export type Todos = { items: Todo[]; count: number; overdue: number; groups: Array<{ key: string; module: string; label: string; count: number }> };

/** The caller's to-dos across modules (the dashboard's panel and the header's count share it). */
export function useTodos(enabled = true) {
  return useQuery({
    queryKey: dashboardKeys.todos,
    queryFn: ({ signal }) => api.get<Todos>("/api/todos", undefined, signal),
    enabled,
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  });
}

export function useFigures(p: { from: string; to: string; module?: string }, enabled: boolean) {
  return useQuery({
    queryKey: dashboardKeys.figures(p.from, p.to, p.module),
    queryFn: ({ signal }) => api.get<FiguresResponse>("/api/figures", { from: p.from, to: p.to, module: p.module }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * One figure for each of the periods (the trend's months and years), in their order. A period that
 * starts after `today` is not asked for; nothing is asked without a figure.
 */
export function useFigureByPeriods(key: string | undefined, periods: Array<{ from: string; to: string }>, today: string) {
  return useQueries({
    queries: periods.map((p) => ({
      queryKey: dashboardKeys.figure(key, p.from, p.to),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<TFigure>(`/api/figures/${key}`, { from: p.from, to: p.to }, signal),
      enabled: !!key && p.from <= today,
      staleTime: 5 * 60_000,
    })),
  });
}
