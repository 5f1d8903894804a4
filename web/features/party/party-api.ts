// Query keys and hooks of the party pages.
import { useQuery } from "@tanstack/react-query";
import type { TPartyOrg } from "../../../contracts/party";
import { api } from "../../api/client";

export const partyKeys = {
  all: ["party"] as const,
  orgs: ["party", "orgs"] as const,
  applicant: (id: string | undefined) => ["party", "applicant", id] as const,
};

export function usePartyOrgs() {
  return useQuery({ queryKey: partyKeys.orgs, queryFn: ({ signal }) => api.get<TPartyOrg[]>("/api/party/orgs", undefined, signal) });
}

export const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};
