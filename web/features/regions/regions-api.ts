// Query keys and hooks of the regions pages (GET /api/regions/geojson).
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";

export const regionsKeys = {
  all: ["regions"] as const,
  gridGeojson: ["regions", "geojson", "grid"] as const,
};

/** The grids' boundaries as GeoJSON, typed by the caller. */
export function useGridGeojson<T>() {
  return useQuery({
    queryKey: regionsKeys.gridGeojson,
    queryFn: ({ signal }) => api.get<T>("/api/regions/geojson", { level: "grid" }, signal),
    staleTime: 5 * 60_000,
  });
}
