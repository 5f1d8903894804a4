// Query keys, types and hooks of the activities pages.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";

export type Activity = {
  id: string;
  code: string;
  communityId: string;
  gridName: string | null;
  title: string;
  typeCode: string;
  typeName: string;
  typeNameEn: string;
  typeClass: string;
  organiserId: string | null;
  organiserName: string | null;
  venueId: string | null;
  venueName: string | null;
  roomId: string | null;
  roomName: string | null;
  location: string | null;
  online: boolean;
  startsAt: string;
  endsAt: string;
  startDate: string;
  capacity: number | null;
  audience: string[];
  seriesName: string | null;
  description: string | null;
  public: boolean;
  status: "planned" | "held" | "cancelled";
  checkedIn: number;
  headCount: number | null;
  headCountNote: string | null;
  attendance: number;
  signedUp: number;
};
export type ActivityDetail = Activity & {
  coOrganisers: Array<{ id: string; name: string; kind: string }>;
  edition: number | null;
  appeals: Array<{ id: string; trackingNo: string; title: string; status: string; resolved: boolean | null }>;
};
export type ActivityType = { code: string; name: string; nameEn: string; class: string; active: boolean };
export type Venue = {
  id: string;
  name: string;
  kind: string;
  gridName: string | null;
  address: string | null;
  orgName: string | null;
  state: "planning" | "open" | "paused" | "closed";
  openedOn: string | null;
  hours: string | null;
  rooms?: number;
};
export type VenueDetail = Venue & { rooms: Array<{ id: string; name: string; capacity: number; archived: boolean }> };
export type Signup = {
  id: string;
  name: string;
  phone: string | null;
  partySize: number;
  status: "confirmed" | "waitlist" | "cancelled";
  code: string;
  createdAt: string;
};
export type Attendee = { id: string; name: string; phone: string | null; persons: number; category: string | null; method: string; at: string };
export type Booking = {
  id: string;
  roomName: string;
  venueName: string;
  title: string;
  startsAt: string;
  endsAt: string;
  activityId: string | null;
  bookedBy: string;
};
export type Inspection = { id: string; venueName: string; inspectedOn: string; inspector: string; itemsTotal: number; failed: number };
export type Issue = {
  id: string;
  venueName: string;
  item: string;
  foundOn: string;
  assignee: string | null;
  deadline: string | null;
  status: "open" | "rectified" | "verified";
  overdue: boolean;
  rectifiedOn: string | null;
  rectifiedBy: string | null;
  verifiedBy: string | null;
  hazardId: string | null;
};

export const keys = {
  all: ["activities"] as const,
  list: (q: unknown) => ["activities", "list", q] as const,
  one: (id: string) => ["activities", "one", id] as const,
  venues: ["activities", "venues"] as const,
  venue: (id: string) => ["activities", "venue", id] as const,
};

export const useActivities = (q: Record<string, string | number | undefined>) =>
  useQuery({ queryKey: keys.list(q), queryFn: ({ signal }) => api.get<Paged<Activity>>("/api/activities", q, signal), placeholderData: keepPreviousData });
export const useActivity = (id: string) =>
  useQuery({ queryKey: keys.one(id), queryFn: ({ signal }) => api.get<ActivityDetail>(`/api/activities/${id}`, undefined, signal) });
export const useTypes = () =>
  useQuery({
    queryKey: ["activities", "types"],
    queryFn: ({ signal }) => api.get<{ items: ActivityType[] }>("/api/activities/types", undefined, signal),
    staleTime: 300_000,
  });
export const useVenues = () =>
  useQuery({ queryKey: keys.venues, queryFn: ({ signal }) => api.get<{ items: Venue[] }>("/api/activities/venues", undefined, signal) });
export const useVenue = (id: string) =>
  useQuery({ queryKey: keys.venue(id), queryFn: ({ signal }) => api.get<VenueDetail>(`/api/activities/venues/${id}`, undefined, signal) });
