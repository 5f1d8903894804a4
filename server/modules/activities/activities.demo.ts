import type { Deps } from "../../platform/http.js";
import type { DemoContext } from "../types.js";
import type { ActivitiesServices } from "./activities.services.js";

export async function seedActivities(_svc: ActivitiesServices, _deps: Pick<Deps, "db">, _ctx: DemoContext) {}
