import type { Deps } from "../../platform/http.js";
import type { Module } from "../types.js";
import { registerPiplRoutes } from "./pipl.routes.js";
import { createPiplService } from "./pipl.service.js";
import "./pipl.settings.js";
import "./pipl.tables.js";
import { registerPiplTodos } from "./pipl.todos.js";

/**
 * 个人信息权利 residents' rights under PIPL: requests to see, copy, correct or delete their data,
 * answered within a deadline, over what every module registers in the personal-data registry.
 */
export function createPiplModule(deps: Deps): Module<Record<string, never>> {
  const svc = createPiplService(deps);
  return {
    name: "pipl",
    api: {},
    register: (app) => {
      registerPiplRoutes(app, deps, svc);
      registerPiplTodos(deps.todos, svc);
    },
  };
}
