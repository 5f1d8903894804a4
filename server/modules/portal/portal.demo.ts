import type { Deps } from "../../platform/http.js";
import type { DemoContext } from "../types.js";
import type { PortalServices } from "./portal.services.js";

export async function seedPortal(_svc: PortalServices, _deps: Deps, _ctx: DemoContext) {}
