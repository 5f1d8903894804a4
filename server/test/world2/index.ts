import type { Builder } from "./types.js";
import { platform } from "./platform.js";

// Every builder of the second-community test (server/test/world2/world2.test.ts runs them in this
// order; builders of module "platform" last, whatever their place here). One line per module.
export const BUILDERS: Builder[] = [
  platform,
];
