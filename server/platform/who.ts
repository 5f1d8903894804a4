import type { FastifyRequest } from "fastify";
import type { Actor } from "./http.js";
import type { Scope } from "./scope.js";

/** Who acts, in which scope — passed from routes to services. user is null for the system (seed, CLI). */
export type Who = { user: Actor | null; scope: Scope; ip?: string | null };

export function whoOf(req: FastifyRequest): Who {
  const { user, scope, ip } = req.ctx;
  if (!user || !scope) throw new Error("whoOf called on an unauthenticated request");
  return { user, scope, ip };
}

export const actorName = (who: Who) => who.user?.username ?? "system";
export const actorId = (who: Who) => who.user?.id ?? null;
