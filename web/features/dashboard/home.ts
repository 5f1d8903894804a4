// Each role's home is its work (issue 16): where a role lands after signing in and on "/".
// Only pages its permissions cover: a role lacking the page's permission falls back to the
// first module it may open.
import type { Permission } from "../../../contracts/roles";

type Home = { path: string; perm: Permission };

const HOMES: Record<string, Home[]> = {
  // 巡查员: today's rounds and the check-in
  patrol: [{ path: "/patrol/mine", perm: "patrol.checkin" }],
  // 志愿者: their own page (hours, star level, activities to sign up for)
  volunteer: [{ path: "/my-volunteer", perm: "volunteers.self" }],
  // 调解员: the disputes they mediate
  mediator: [{ path: "/safety/disputes", perm: "safety.mediate" }],
  // 审计员: the audit log
  auditor: [{ path: "/audit", perm: "audit.read" }],
  // 安全管理员: accounts and security policy
  secadmin: [{ path: "/accounts", perm: "accounts.read" }],
  // everyone else (leader, staff, grid worker, supervisor, sysadmin): the workbench, to-dos first
};

const WORKBENCH: Home = { path: "/dashboard", perm: "figures.read" };

/** The path a role lands on, or null when it may open nothing. */
export function homeFor(role: string, can: (p: Permission) => boolean, modules: Array<{ path: string; perm: Permission }>): string | null {
  for (const h of [...(HOMES[role] ?? []), WORKBENCH]) if (can(h.perm)) return h.path;
  return modules.find((m) => can(m.perm))?.path ?? null;
}
