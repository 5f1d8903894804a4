// Query keys, hooks and sends of 群团: the organisations (GET /api/massorgs/orgs, /orgs/:id), the
// awards and nominations, the brand projects and their applications, with their results.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { TNomination, ZApplication, ZMassOrg, ZMassOrgDetail } from "../../../contracts/massorgs";
import type { TOrg } from "../../../contracts/platform";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";
import { today } from "./massorgs-labels";

export type MassOrg = z.infer<typeof ZMassOrg>;
export type MassOrgDetail = z.infer<typeof ZMassOrgDetail>;
export type Application = z.infer<typeof ZApplication>;
/** An activity as the organisation's page lists it (the activities module's list, by organiser). */
export type OrgActivity = { id: string; title: string; startDate: string; status: string; attendance: number; typeName: string };

export const massorgsKeys = {
  all: ["massorgs"] as const,
  awards: ["massorgs", "awards"] as const,
  /** Every platform organisation, for the nomination form's pickers (under "massorgs" so a nomination refreshes it). */
  allOrgs: ["massorgs", "allorgs"] as const,
  nominations: (year: number) => ["massorgs", "nominations", year] as const,
  applications: (year: number) => ["massorgs", "applications", year] as const,
  orgs: ["massorgs", "orgs"] as const,
  org: (id: string) => ["massorgs", "org", id] as const,
  activities: (orgId: string) => ["massorgs", "activities", orgId] as const,
};

export function useAwards(enabled: boolean) {
  return useQuery({
    queryKey: massorgsKeys.awards,
    queryFn: ({ signal }) => api.get<{ items: string[] }>("/api/massorgs/awards", undefined, signal),
    enabled,
  });
}

/** Up to 200 platform organisations (GET /api/organisations): the nominee and the nominating body. */
export function useAllOrgs(enabled: boolean) {
  return useQuery({
    queryKey: massorgsKeys.allOrgs,
    queryFn: ({ signal }) => api.get<Paged<TOrg>>("/api/organisations", { pageSize: 200 }, signal),
    enabled,
  });
}

export function useNominations(year: number) {
  return useQuery({
    queryKey: massorgsKeys.nominations(year),
    queryFn: ({ signal }) => api.get<{ items: TNomination[] }>("/api/massorgs/nominations", { year }, signal),
  });
}

/** Records a nomination's result (dated today, Beijing time) and refreshes every 群团 query. */
export function useNominationResult() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, r }: { id: string; r: string }) => api.post(`/api/massorgs/nominations/${id}/result`, { result: r, on: today() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: massorgsKeys.all }),
  });
}

export function useApplications(year: number) {
  return useQuery({
    queryKey: massorgsKeys.applications(year),
    queryFn: ({ signal }) => api.get<{ items: Application[] }>("/api/massorgs/applications", { year }, signal),
  });
}

/** Records a brand application's result (dated today, Beijing time) and refreshes every 群团 query. */
export function useApplicationResult() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ appId, r }: { appId: string; r: "approved" | "rejected" }) =>
      api.post(`/api/massorgs/applications/${appId}/result`, { result: r, on: today() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: massorgsKeys.all }),
  });
}

export function useMassOrgs() {
  return useQuery({ queryKey: massorgsKeys.orgs, queryFn: ({ signal }) => api.get<{ items: MassOrg[] }>("/api/massorgs/orgs", undefined, signal) });
}

export function useMassOrg(id: string) {
  return useQuery({ queryKey: massorgsKeys.org(id), queryFn: ({ signal }) => api.get<MassOrgDetail>(`/api/massorgs/orgs/${id}`, undefined, signal) });
}

/** The latest 10 activities the organisation organised (GET /api/activities by organiser). */
export function useOrgActivities(orgId: string) {
  return useQuery({
    queryKey: massorgsKeys.activities(orgId),
    queryFn: ({ signal }) => api.get<Paged<OrgActivity>>("/api/activities", { organiserId: orgId, pageSize: 10 }, signal),
  });
}

export const nominate = (body: unknown) => api.post<TNomination>("/api/massorgs/nominations", body);
export const addMember = (orgId: string, body: unknown) => api.post<MassOrgDetail>(`/api/massorgs/orgs/${orgId}/members`, body);
export const createBrandProject = (body: unknown) => api.post("/api/massorgs/brand-projects", body);
export const applyBrandProject = (projectId: string, body: unknown) => api.post(`/api/massorgs/brand-projects/${projectId}/applications`, body);

/** The XLSX registers of 群团 (server/modules/massorgs/massorgs.io.ts): each import's and template's operation, and its export. */
export const MASSORG_REGISTERS = {
  members: {
    import: "importMassOrgMembers",
    template: "massOrgMemberImportTemplate",
    templateFile: "群团组织成员导入模板.xlsx",
    export: "/api/massorgs/members/export.xlsx",
    exportFile: { zh: "群团组织成员.xlsx", en: "mass-org-members.xlsx" },
  },
  brandProjects: {
    import: "importBrandProjects",
    template: "brandProjectImportTemplate",
    templateFile: "品牌项目导入模板.xlsx",
    export: "/api/massorgs/brand-projects/export.xlsx",
    exportFile: { zh: "品牌项目.xlsx", en: "brand-projects.xlsx" },
  },
  nominations: {
    import: "importNominations",
    template: "nominationImportTemplate",
    templateFile: "荣誉推荐导入模板.xlsx",
    export: "/api/massorgs/nominations/export.xlsx",
    exportFile: { zh: "荣誉推荐.xlsx", en: "honours.xlsx" },
  },
} as const;
