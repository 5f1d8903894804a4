import { builder as activities } from "./activities.js";
import { appeals } from "./appeals.js";
import { builder as care } from "./care.js";
import { builder as massorgs } from "./massorgs.js";
import { party } from "./party.js";
import { builder as patrol } from "./patrol.js";
import { platform } from "./platform.js";
import { builder as portal } from "./portal.js";
import { builder as projects } from "./projects.js";
import { safety } from "./safety.js";
import type { Builder } from "./types.js";
import { builder as volunteers } from "./volunteers.js";

// Every builder of the second-community test (server/test/world2/world2.test.ts runs them in this
// order; builders of module "platform" last, whatever their place here). One line per module.
export const BUILDERS: Builder[] = [platform, appeals, party, safety, patrol, activities, volunteers, care, massorgs, projects, portal];
