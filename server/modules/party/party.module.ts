import type { ModuleDef } from "../types.js";

export const partyModule: ModuleDef = {
  name: "party",
  register: () => {},
};
