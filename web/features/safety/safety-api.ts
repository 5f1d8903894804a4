// Query keys and hooks of the safety pages (hazards, inspections, disputes).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { PLACE_KIND_LABELS, TDispute, THazard, TInspection, TPlace } from "../../../contracts/safety";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

/** A place of today's inspection plan (GET /api/safety/inspection-plan). */
export type PlanItem = {
  placeId: string;
  placeName: string;
  placeKind: keyof typeof PLACE_KIND_LABELS;
  gridName: string | null;
  lastInspectedOn: string | null;
  dueOn: string;
  state: "due" | "missed" | "done";
  daysMissed: number;
};
export type Checklist = { placeKind: keyof typeof PLACE_KIND_LABELS; items: string[]; updatedAt: string | null };

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

export const useHazards = (q: Record<string, string | number | undefined>) =>
  useQuery({
    queryKey: safetyKeys.hazards(q),
    queryFn: ({ signal }) => api.get<Paged<THazard>>("/api/safety/hazards", q, signal),
    placeholderData: keepPreviousData,
  });
export const useDisputes = (q: Record<string, string | number | undefined>) =>
  useQuery({
    queryKey: safetyKeys.disputes(q),
    queryFn: ({ signal }) => api.get<Paged<TDispute>>("/api/safety/disputes", q, signal),
    placeholderData: keepPreviousData,
  });

export const useInspectionPlan = () =>
  useQuery({
    queryKey: safetyKeys.plan,
    queryFn: ({ signal }) => api.get<{ date: string; items: PlanItem[] }>("/api/safety/inspection-plan", undefined, signal),
  });
export const useInspections = (q: Record<string, string | number | undefined>) =>
  useQuery({
    queryKey: safetyKeys.inspections(q),
    queryFn: ({ signal }) => api.get<Paged<TInspection>>("/api/safety/inspections", q, signal),
    placeholderData: keepPreviousData,
  });
export const useInspection = (id: string | undefined) =>
  useQuery({ queryKey: safetyKeys.inspection(id), queryFn: ({ signal }) => api.get<TInspection>(`/api/safety/inspections/${id}`, undefined, signal) });
export const usePlaces = (q: Record<string, string | number | undefined>) =>
  useQuery({
    queryKey: safetyKeys.places(q),
    queryFn: ({ signal }) => api.get<Paged<TPlace>>("/api/safety/places", q, signal),
    placeholderData: keepPreviousData,
  });
/** Up to 200 places, for the inspection form's picker. */
export const useAllPlaces = (enabled: boolean) =>
  useQuery({
    queryKey: safetyKeys.places("all"),
    queryFn: ({ signal }) => api.get<Paged<TPlace>>("/api/safety/places", { pageSize: 200 }, signal),
    enabled,
  });
export const useChecklists = (enabled = true) =>
  useQuery({ queryKey: safetyKeys.checklists, queryFn: ({ signal }) => api.get<Checklist[]>("/api/safety/checklists", undefined, signal), enabled });
