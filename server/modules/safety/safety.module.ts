import type { ModuleDef } from "../types.js";

export const safetyModule: ModuleDef = {
  name: "safety",
  register: () => {},
};
