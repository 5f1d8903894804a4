import type { FastifyInstance } from "fastify";
import type { DemoWorld } from "../demo/world.js";
import type { Clock } from "../platform/clock.js";
import type { Deps } from "../platform/http.js";

/** A clock the demo moves: 2024's records are made at 2024's times, through the same services. */
export type MovableClock = Clock & { set: (iso: string) => void; advance: (ms: number) => void };

/**
 * A domain module, built once by `createXModule(deps, collaborators)` in its `<m>.module.ts`:
 * its services are made there and the same instances serve its routes, its figures and its demo.
 * What other modules may use of it is `api` (typed in its `<m>.api.ts`), handed to them by
 * modules/index.ts — never built by them.
 */
export type Module<Api = unknown> = {
  name: string;
  api: Api;
  /** Routes and figures. Called once, for the app; the demo's build of the modules never calls it. */
  register: (app: FastifyInstance) => void;
  /**
   * This module's part of the demo community, made through its own services. The demo builds every
   * module with a movable clock (`clock` below, the same one in their deps) and sets it before
   * each action, so 2024's records carry 2024's times and pass the rules records entered today do.
   */
  seedDemo?: (ctx: DemoContext) => Promise<void>;
};

/**
 * What a module's demo is given: the demo community, the movable clock its services run on, and
 * `now`, the real moment the demo is made (the deployment's clock), for the live work of "the last
 * days" — the movable clock is somewhere in 2024 by then.
 */
export type DemoContext = { world: DemoWorld; clock: MovableClock; now: Date; log: (s: string) => void };

export type ModuleDeps = Deps;
