// Query keys and hooks of the safety pages (hazards, inspections, disputes).
import { useQuery } from "@tanstack/react-query";
import type { TDispute, THazard } from "../../../contracts/safety";
import { api } from "../../api/client";

export const safetyKeys = {
  all: ["safety"] as const,
  hazards: (q?: unknown) => (q === undefined ? (["safety", "hazards"] as const) : (["safety", "hazards", q] as const)),
  hazard: (id: string | undefined) => ["safety", "hazard", id] as const,
  disputes: (q?: unknown) => (q === undefined ? (["safety", "disputes"] as const) : (["safety", "disputes", q] as const)),
  dispute: (id: string | undefined) => ["safety", "dispute", id] as const,
  plan: ["safety", "plan"] as const,
  inspections: (q: unknown) => ["safety", "inspections", q] as const,
  inspection: (id: string | undefined) => ["safety", "inspection", id] as const,
  places: (q: unknown) => ["safety", "places", q] as const,
  checklists: ["safety", "checklists"] as const,
};

export const useHazard = (id: string | undefined) =>
  useQuery({ queryKey: safetyKeys.hazard(id), queryFn: ({ signal }) => api.get<THazard>(`/api/safety/hazards/${id}`, undefined, signal) });
export const useDispute = (id: string | undefined) =>
  useQuery({ queryKey: safetyKeys.dispute(id), queryFn: ({ signal }) => api.get<TDispute>(`/api/safety/disputes/${id}`, undefined, signal) });
