import type { FastifyInstance } from "fastify";
import type { DemoWorld } from "../demo/seed.js";
import type { Deps } from "../platform/http.js";

/**
 * A domain module: its routes and figures, and the part of the demo community it generates
 * (through its own services, for the demo's year). Listed once in modules/index.ts.
 */
export type ModuleDef = {
  name: string;
  register: (app: FastifyInstance, deps: Deps) => void;
  seedDemo?: (deps: Deps, world: DemoWorld, log: (s: string) => void) => Promise<void>;
};
