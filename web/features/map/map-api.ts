// Query keys and hooks of the map page (GET /api/map/layers, /api/map/layers/:key, /api/map/areas,
// /api/map/areas/:id and the area's figures). Keys carry the language: the answers are in it.
import { useQueries, useQuery } from "@tanstack/react-query";
import type { TMapArea, TMapLayer, TMapLayerData, TMapPanel } from "../../../contracts/map";
import type { TFigure } from "../../../contracts/platform";
import { api } from "../../api/client";

export const mapKeys = {
  all: ["map"] as const,
  layers: (lang: string) => ["map", "layers", lang] as const,
  areas: (region: string | undefined) => ["map", "areas", region ?? ""] as const,
  layer: (key: string, region: string | undefined, lang: string) => ["map", "layer", key, region ?? "", lang] as const,
  panel: (id: string | null | undefined, lang: string) => ["map", "panel", id, lang] as const,
  panelFigures: (id: string | null | undefined, lang: string) => ["map", "panel-figures", id, lang] as const,
};

export function useMapLayers(lang: string) {
  return useQuery({
    queryKey: mapKeys.layers(lang),
    queryFn: ({ signal }) => api.get<TMapLayer[]>("/api/map/layers", undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function useMapAreas(region: string | undefined) {
  return useQuery({
    queryKey: mapKeys.areas(region),
    queryFn: ({ signal }) => api.get<{ region: { id: string; level: string }; areas: TMapArea[] }>("/api/map/areas", { region }, signal),
    staleTime: 10 * 60_000,
  });
}

/** The data of each wanted layer, refreshed every minute. */
export function useMapLayerData(keys: string[], region: string | undefined, lang: string) {
  return useQueries({
    queries: keys.map((key) => ({
      queryKey: mapKeys.layer(key, region, lang),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<TMapLayerData>(`/api/map/layers/${key}`, { region }, signal),
      refetchInterval: 60_000,
    })),
  });
}

export function useMapPanel(id: string | null | undefined, lang: string) {
  return useQuery({
    queryKey: mapKeys.panel(id, lang),
    queryFn: ({ signal }) => api.get<TMapPanel>(`/api/map/areas/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useMapPanelFigures(id: string | null | undefined, lang: string) {
  return useQuery({
    queryKey: mapKeys.panelFigures(id, lang),
    queryFn: ({ signal }) => api.get<{ items: TFigure[] }>("/api/figures", { region: id ?? "" }, signal),
    enabled: !!id,
  });
}
