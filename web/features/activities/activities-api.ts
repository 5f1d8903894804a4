// Query keys, types and hooks of the activities pages.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dayjs, { type Dayjs } from "dayjs";
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

export type Series = { id: string; name: string; kind: string; firstYear: number; activities: number; lastYear: number | null; lastEdition: number | null };
export type Partner = { id: string; orgName: string; offers: string[]; fromDate: string; toDate: string | null; activities: number };
/** An activity as its public page shows it (no account). */
export type PublicActivity = {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  location: string | null;
  status: string;
  seatsLeft: number | null;
};

export const keys = {
  all: ["activities"] as const,
  list: (q: unknown) => ["activities", "list", q] as const,
  one: (id: string) => ["activities", "one", id] as const,
  venues: ["activities", "venues"] as const,
  venue: (id: string | undefined) => ["activities", "venue", id] as const,
  series: ["activities", "series"] as const,
  partners: ["activities", "partners"] as const,
  signups: (id: string) => ["activities", "signups", id] as const,
  attendance: (id: string) => ["activities", "attendance", id] as const,
  qr: (id: string) => ["activities", "qr", id] as const,
  bookings: (venueId: string, from: string) => ["activities", "bookings", venueId, from] as const,
  inspections: (venueId: string) => ["activities", "inspections", venueId] as const,
  issues: (venueId: string) => ["activities", "issues", venueId] as const,
  checklist: (kind: string | undefined) => ["activities", "checklist", kind] as const,
  /** Every organisation (up to 200), as organiser and co-organisers. */
  orgs: ["organisations", "all-for-activities"] as const,
  publicOne: (id: string) => ["public", "activity", id] as const,
  calendar: (from: string, to: string) => ["activities", "calendar", from, to] as const,
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
/** The venues, under the list's filters (kind, state, q, communityId) when given. */
export const useVenues = (q?: Record<string, string | undefined>) =>
  useQuery({
    queryKey: q ? [...keys.venues, q] : keys.venues,
    queryFn: ({ signal }) => api.get<{ items: Venue[] }>("/api/activities/venues", q, signal),
    placeholderData: keepPreviousData,
  });
export const useVenue = (id: string | undefined, enabled = true) =>
  useQuery({ queryKey: keys.venue(id), queryFn: ({ signal }) => api.get<VenueDetail>(`/api/activities/venues/${id}`, undefined, signal), enabled });

export const useSeries = () =>
  useQuery({ queryKey: keys.series, queryFn: ({ signal }) => api.get<{ items: Series[] }>("/api/activities/series", undefined, signal) });
export const usePartners = () =>
  useQuery({ queryKey: keys.partners, queryFn: ({ signal }) => api.get<{ items: Partner[] }>("/api/activities/partners", undefined, signal) });

export const useSignups = (id: string) =>
  useQuery({ queryKey: keys.signups(id), queryFn: ({ signal }) => api.get<{ items: Signup[] }>(`/api/activities/${id}/signups`, undefined, signal) });
/** Who checked in, refreshed every 10 s while the page is open (the activity is under way). */
export const useAttendance = (id: string) =>
  useQuery({
    queryKey: keys.attendance(id),
    queryFn: ({ signal }) => api.get<{ items: Attendee[] }>(`/api/activities/${id}/attendance`, undefined, signal),
    refetchInterval: 10_000,
  });
export const useActivityQr = (id: string, enabled: boolean) =>
  useQuery({ queryKey: keys.qr(id), queryFn: ({ signal }) => api.get<{ url: string; svg: string }>(`/api/activities/${id}/qr`, undefined, signal), enabled });

export const useVenueBookings = (venueId: string, from: string) =>
  useQuery({
    queryKey: keys.bookings(venueId, from),
    queryFn: ({ signal }) => api.get<{ items: Booking[] }>("/api/activities/bookings", { venueId, from }, signal),
  });
export const useVenueInspections = (venueId: string) =>
  useQuery({
    queryKey: keys.inspections(venueId),
    queryFn: ({ signal }) => api.get<{ items: Inspection[] }>("/api/activities/inspections", { venueId }, signal),
  });
export const useVenueIssues = (venueId: string) =>
  useQuery({ queryKey: keys.issues(venueId), queryFn: ({ signal }) => api.get<{ items: Issue[] }>("/api/activities/issues", { venueId }, signal) });
/** The inspection checklist of a kind of venue. */
export const useVenueChecklist = (kind: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: keys.checklist(kind),
    queryFn: ({ signal }) => api.get<{ items: string[] }>(`/api/activities/checklists/${encodeURIComponent(kind ?? "")}`, undefined, signal),
    enabled,
  });

export const useActivityOrgs = () =>
  useQuery({ queryKey: keys.orgs, queryFn: ({ signal }) => api.get<Paged<{ id: string; name: string }>>("/api/organisations", { pageSize: 200 }, signal) });

/** A POST of the activity or venue pages' dialogs (sign-up, head count, room, booking …): refreshes every activities query, then `onDone`. */
export function useActivitiesPost(onDone: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api.post(path, body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: keys.all });
      onDone();
    },
  });
}

/** A new private calendar feed address (the old one stops). */
export const useNewCalendarFeed = () => useMutation({ mutationFn: () => api.post<{ url: string; createdAt: string }>("/api/activities/calendar/feed", {}) });

/** A room booking as the calendar shows it. */
export type CalendarBooking = { id: string; roomName: string; venueName: string; title: string; startsAt: string; endsAt: string; activityId: string | null };
/** A line of a calendar day: an activity, or a room booking not made for one. */
export type CalendarItem = { kind: "activity"; a: Activity } | { kind: "booking"; b: CalendarBooking };

/** Activities (all pages of the range, at most 1,000) and the room bookings not made for one of them. */
export function useCalendarRange(from: Dayjs, to: Dayjs) {
  const f = from.format("YYYY-MM-DD");
  const t = to.format("YYYY-MM-DD");
  return useQuery({
    queryKey: keys.calendar(f, t),
    queryFn: async ({ signal }) => {
      const acts: Activity[] = [];
      for (let page = 1; page <= 5; page++) {
        const p = await api.get<Paged<Activity>>("/api/activities", { from: f, to: t, page: String(page), pageSize: "200" }, signal);
        acts.push(...p.items);
        if (acts.length >= p.total || p.items.length < 200) break;
      }
      const b = await api.get<{ items: CalendarBooking[] }>("/api/activities/bookings", { from: f, to: t }, signal);
      const byDay = new Map<string, CalendarItem[]>();
      const add = (day: string, it: CalendarItem) => byDay.set(day, [...(byDay.get(day) ?? []), it]);
      for (const a of acts.filter((x) => x.status !== "cancelled")) add(dayjs(a.startsAt).format("YYYY-MM-DD"), { kind: "activity", a });
      for (const x of b.items.filter((x) => !x.activityId)) add(dayjs(x.startsAt).format("YYYY-MM-DD"), { kind: "booking", b: x });
      for (const l of byDay.values())
        l.sort((p, q) => (p.kind === "activity" ? p.a.startsAt : p.b.startsAt).localeCompare(q.kind === "activity" ? q.a.startsAt : q.b.startsAt));
      return { byDay, activities: acts.length, bookings: b.items.length };
    },
  });
}

// --- public (no account) ---

export const usePublicActivity = (id: string) =>
  useQuery({ queryKey: keys.publicOne(id), queryFn: ({ signal }) => api.get<PublicActivity>(`/api/public/activities/${id}`, undefined, signal) });
