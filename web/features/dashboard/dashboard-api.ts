// Query keys and hooks of the dashboard (GET /api/figures for a period and module).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TFigure } from "../../../contracts/platform";
import { api } from "../../api/client";

export type FiguresResponse = { items: TFigure[]; region: { id: string; name: string }; from: string; to: string };

export const dashboardKeys = {
  figures: (from: string, to: string, module: string | undefined) => ["figures", from, to, module] as const,
};

export function useFigures(p: { from: string; to: string; module?: string }, enabled: boolean) {
  return useQuery({
    queryKey: dashboardKeys.figures(p.from, p.to, p.module),
    queryFn: ({ signal }) => api.get<FiguresResponse>("/api/figures", { from: p.from, to: p.to, module: p.module }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
