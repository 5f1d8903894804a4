// Query keys and hooks of the screen pages: the screen links (GET /api/screen/links, POST …/revoke).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TScreenLink } from "../../../contracts/screen";
import { api } from "../../api/client";

export const screenKeys = {
  all: ["screen"] as const,
  links: ["screen", "links"] as const,
};

export function useScreenLinks() {
  return useQuery({ queryKey: screenKeys.links, queryFn: ({ signal }) => api.get<TScreenLink[]>("/api/screen/links", undefined, signal) });
}

/** Revokes a link; `onRevoked` runs before the links are fetched again. */
export function useRevokeScreenLink(onRevoked: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<TScreenLink>(`/api/screen/links/${id}/revoke`),
    onSuccess: () => {
      onRevoked();
      void qc.invalidateQueries({ queryKey: screenKeys.links });
    },
  });
}
