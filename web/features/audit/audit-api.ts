// Query keys and hooks of the audit log page (GET /api/audit, /api/audit/verify).
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import type { TAuditEntry } from "../../../contracts/platform";
import { api } from "../../api/client";
import type { AuditVerify, Paged } from "../../api/types";

export const auditKeys = {
  all: ["audit"] as const,
  list: (q: unknown) => ["audit", q] as const,
};

export function useAuditEntries(q: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: auditKeys.list(q),
    queryFn: ({ signal }) => api.get<Paged<TAuditEntry>>("/api/audit", q, signal),
    placeholderData: keepPreviousData,
  });
}

/** 校验哈希链: a mutation so that it runs only when asked. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<AuditVerify>("/api/audit/verify"), meta: { silent: true } });
}
