import type { FastifyInstance } from "fastify";
import type { Deps } from "../platform/http.js";

/** Domain modules (appeals, patrol, safety, party …) register their routes and figures here. */
export function registerModules(_app: FastifyInstance, _deps: Deps) {}
