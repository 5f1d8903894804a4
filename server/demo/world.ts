import type { Role } from "../../contracts/roles.js";
import type { Who } from "../platform/who.js";

// What every module's demo needs to know of the demo community: a leaf, imported by the modules'
// demos and by tests, importing nothing of theirs (so nothing imports upward through it).

export const DEMO_PASSWORD = "Shequ@2024";

/** The system acting before any region exists: every path starts with "/". */
export const SYSTEM: Who = { user: null, scope: { regionId: "", path: "/", level: "district", communityId: null } };

export type DemoWorld = {
  districtId: string;
  subdistrictId: string;
  communityId: string;
  neighbourCommunityId: string;
  grids: Array<{ id: string; name: string; code: string }>;
  estates: Record<string, string>;
  orgs: Record<string, string>;
  accounts: Array<{ username: string; role: Role; scope: string }>;
};
