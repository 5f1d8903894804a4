// Who is logged in (GET /api/auth/me), what they may do, and the actions that change it.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from "react";
import type { Permission } from "../../contracts/roles";
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from "../api/client";
import type { Me } from "../api/types";
import { notify } from "./notify";

type Auth = {
  me: Me | null;
  loading: boolean;
  /** The "who am I" call failed for another reason than 401 (server down …). */
  error: Error | null;
  can: (p: Permission) => boolean;
  /** The password step: signed in (Me), or a second step to take ("verify": a code; "enrol": a required enrolment). */
  login: (username: string, password: string) => Promise<Me | { twoFactor: "verify" | "enrol" }>;
  /** The session of a completed second step (POST /api/auth/login/code or …/enrolment/confirm). */
  signedIn: (m: Me) => void;
  logout: () => Promise<void>;
  switchScope: (regionId: string) => Promise<Me>;
  refresh: () => Promise<unknown>;
};

const Ctx = createContext<Auth | null>(null);
export const ME_KEY = ["me"] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>("/api/auth/me");
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
  const me = q.data ?? null;

  useEffect(() => setCsrfToken(me?.csrfToken), [me?.csrfToken]);

  useEffect(() => {
    let shown = false;
    setUnauthorizedHandler((err) => {
      if (qc.getQueryData(ME_KEY) == null) return;
      if (!shown) {
        shown = true;
        notify.warning(err.message);
        setTimeout(() => {
          shown = false;
        }, 3000);
      }
      qc.setQueryData(ME_KEY, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [qc]);

  const setMe = useCallback(
    (m: Me | null) => {
      setCsrfToken(m?.csrfToken);
      qc.setQueryData(ME_KEY, m);
    },
    [qc],
  );

  const value = useMemo<Auth>(
    () => ({
      me,
      loading: q.isPending,
      error: q.error,
      can: (p) => !!me?.permissions.includes(p),
      async login(username, password) {
        const m = await api.post<Me | { twoFactor: "verify" | "enrol" }>("/api/auth/login", { username, password });
        if ("twoFactor" in m) return m;
        qc.removeQueries({ predicate: (x) => x.queryKey[0] !== ME_KEY[0] });
        setMe(m);
        return m;
      },
      signedIn(m) {
        qc.removeQueries({ predicate: (x) => x.queryKey[0] !== ME_KEY[0] });
        setMe(m);
      },
      async logout() {
        try {
          await api.post("/api/auth/logout");
        } finally {
          qc.clear();
          setMe(null);
        }
      },
      async switchScope(regionId) {
        const m = await api.post<Me>("/api/auth/scope", { regionId });
        setMe(m);
        // Everything on screen belonged to the old scope.
        await qc.invalidateQueries({ predicate: (x) => x.queryKey[0] !== ME_KEY[0] });
        return m;
      },
      refresh: () => q.refetch(),
    }),
    [me, q.isPending, q.error, q.refetch, qc, setMe],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error("useAuth outside AuthProvider");
  return v;
}

/** The logged-in user; only for pages rendered inside the authenticated shell. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error("useMe without a session");
  return me;
}
