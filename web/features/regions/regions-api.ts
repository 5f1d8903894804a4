// Query keys and hooks of the regions pages (GET /api/regions/geojson).
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";

export const regionsKeys = {
  all: ["regions"] as const,
  gridGeojson: ["regions", "geojson", "grid"] as const,
};

/** The grids' boundaries as GeoJSON, typed by the caller (one cached query for every page that draws the grids). */
export function useGridGeojson<T>(opts: { staleTime?: number } = {}) {
  return useQuery({
    queryKey: regionsKeys.gridGeojson,
    queryFn: ({ signal }) => api.get<T>("/api/regions/geojson", { level: "grid" }, signal),
    staleTime: opts.staleTime ?? 5 * 60_000,
  });
}
