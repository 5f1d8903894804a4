// READ server/modules/patrol/INSTRUCTIONS.md FIRST (same as /tmp/prompts/patrol.md): the conventions and rules for building this module (do not commit; I delete this line and that file).
import type { ModuleDef } from "../types.js";

export const patrolModule: ModuleDef = {
  name: "patrol",
  register: () => {},
};
