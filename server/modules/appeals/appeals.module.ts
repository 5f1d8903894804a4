import type { ModuleDef } from "../types.js";

export const appealsModule: ModuleDef = {
  name: "appeals",
  register: () => {},
};
