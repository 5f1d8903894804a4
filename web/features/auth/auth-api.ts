// Query keys and hooks of the auth pages: one's own second factor (GET /api/auth/2fa).
import { useQuery } from "@tanstack/react-query";
import type { TTwoFactorStatus } from "../../../contracts/security";
import { api } from "../../api/client";

export const authKeys = {
  all: ["auth"] as const,
  twoFactor: ["auth", "2fa"] as const,
};

export function useOwnTwoFactor(enabled = true) {
  return useQuery({
    queryKey: authKeys.twoFactor,
    queryFn: ({ signal }) => api.get<TTwoFactorStatus>("/api/auth/2fa", undefined, signal),
    enabled,
  });
}
