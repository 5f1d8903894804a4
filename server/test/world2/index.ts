import type { Builder } from "./types.js";
import { appeals } from "./appeals.js";
import { party } from "./party.js";
import { platform } from "./platform.js";
import { safety } from "./safety.js";

// Every builder of the second-community test (server/test/world2/world2.test.ts runs them in this
// order; builders of module "platform" last, whatever their place here). One line per module.
export const BUILDERS: Builder[] = [
  platform,
  appeals,
  party,
  safety,
];
