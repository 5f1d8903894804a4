// Roles and permissions (PRODUCT.md "Users, by role"; DOMAIN.md §9 三员分立).
// Shared by the server (enforcement) and the web (which menu items to show).

export const PERMISSIONS = [
  "dashboard.view",
  "figures.read",
  "regions.read",
  "regions.write",
  "orgs.read",
  "orgs.write",
  "people.read",
  "people.write",
  "people.reveal",
  "people.export",
  "accounts.read",
  "accounts.write",
  "security.manage",
  "settings.read",
  "settings.write",
  "audit.read",
  "files.read",
  "files.write",
  // 民意速办 appeals and events
  "appeals.read",
  "appeals.register",
  "appeals.handle",
  "appeals.dispatch",
  "appeals.admin",
  "appeals.export",
  // 平安 safety: hazards, inspections, disputes, labor
  "safety.read",
  "safety.write",
  "safety.mediate",
  "safety.admin",
  "safety.export",
  // 党建 party building
  "party.read",
  "party.write",
  "party.admin",
  "party.export",
  // 智能巡检 patrol
  "patrol.read",
  "patrol.checkin",
  "patrol.admin",
  "patrol.export",
  "patrol.review",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ["sysadmin", "secadmin", "auditor", "supervisor", "leader", "staff", "grid", "patrol", "mediator", "volunteer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  sysadmin: { zh: "系统管理员", en: "System administrator" },
  secadmin: { zh: "安全管理员", en: "Security administrator" },
  auditor: { zh: "审计员", en: "Auditor" },
  supervisor: { zh: "街道督导", en: "Subdistrict supervisor" },
  leader: { zh: "社区书记/主任", en: "Community leader" },
  staff: { zh: "社区工作人员", en: "Community staff" },
  grid: { zh: "网格员", en: "Grid worker" },
  patrol: { zh: "巡查员", en: "Patrol officer" },
  mediator: { zh: "调解员", en: "Mediator" },
  volunteer: { zh: "志愿者", en: "Volunteer" },
};

const business: Permission[] = ["dashboard.view", "figures.read", "regions.read", "orgs.read", "files.read"];

/**
 * 三员分立: the system administrator runs the system (regions, organisations, accounts, settings)
 * but never reads the audit log nor reveals personal data; the security administrator owns
 * passwords, locks and security policy; the auditor reads the audit log and nothing else.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sysadmin: [
    "dashboard.view",
    "figures.read",
    "regions.read",
    "regions.write",
    "orgs.read",
    "orgs.write",
    "people.read",
    "accounts.read",
    "accounts.write",
    "settings.read",
    "settings.write",
    "files.read",
    "files.write",
  ],
  secadmin: ["accounts.read", "security.manage", "settings.read"],
  auditor: ["audit.read"],
  supervisor: [
    ...business,
    "people.read",
    "people.reveal",
    "people.export",
    "settings.read",
    "appeals.read",
    "appeals.dispatch",
    "appeals.export",
    "safety.read",
    "safety.export",
    "party.read",
    "party.admin",
    "party.export",
    "patrol.read",
    "patrol.export",
    "patrol.review",
  ],
  leader: [
    ...business,
    "orgs.write",
    "people.read",
    "people.write",
    "people.reveal",
    "people.export",
    "files.write",
    "settings.read",
    "appeals.read",
    "appeals.register",
    "appeals.handle",
    "appeals.dispatch",
    "appeals.admin",
    "appeals.export",
    "safety.read",
    "safety.write",
    "safety.mediate",
    "safety.admin",
    "safety.export",
    "party.read",
    "party.write",
    "party.admin",
    "party.export",
    "patrol.read",
    "patrol.checkin",
    "patrol.admin",
    "patrol.export",
    "patrol.review",
  ],
  staff: [
    ...business,
    "orgs.write",
    "people.read",
    "people.write",
    "people.export",
    "files.write",
    "appeals.read",
    "appeals.register",
    "appeals.handle",
    "appeals.dispatch",
    "appeals.export",
    "safety.read",
    "safety.write",
    "safety.export",
    "party.read",
    "party.write",
    "party.export",
    "patrol.read",
    "patrol.admin",
    "patrol.export",
    "patrol.review",
  ],
  grid: [
    ...business,
    "people.read",
    "people.write",
    "people.reveal",
    "files.write",
    "appeals.read",
    "appeals.register",
    "appeals.handle",
    "safety.read",
    "safety.write",
    "safety.mediate",
    "patrol.read",
    "patrol.checkin",
  ],
  patrol: ["dashboard.view", "regions.read", "files.read", "files.write", "appeals.register", "safety.read", "safety.write", "patrol.read", "patrol.checkin"],
  mediator: [...business, "people.read", "files.write", "appeals.read", "appeals.handle", "safety.read", "safety.mediate"],
  volunteer: ["dashboard.view", "regions.read", "patrol.read", "patrol.checkin"],
};

export function can(role: string, perm: Permission): boolean {
  return (ROLE_PERMISSIONS as Record<string, readonly Permission[]>)[role]?.includes(perm) ?? false;
}

/** Which region levels a role's data scope may be set to. */
export const ROLE_SCOPE_LEVELS: Record<Role, readonly string[]> = {
  sysadmin: ["district", "subdistrict"],
  secadmin: ["district", "subdistrict"],
  auditor: ["district", "subdistrict"],
  supervisor: ["district", "subdistrict"],
  leader: ["community"],
  staff: ["community"],
  grid: ["community", "grid"],
  patrol: ["community", "grid"],
  mediator: ["community", "grid"],
  volunteer: ["community"],
};
