import readline from "node:readline/promises";
import { ROLE_LABELS, ROLES, type Role } from "../contracts/roles.js";
import { DEMO_PASSWORD, SYSTEM } from "./demo/world.js";
import { createAccountsService } from "./platform/accounts/accounts.service.js";
import type { Deps } from "./platform/http.js";
import { passwordProblem } from "./platform/password.js";
import { createRegionsService } from "./platform/regions/regions.service.js";

export function printDemoAccounts() {
  console.log(`\nDemo accounts 演示账号 (password 密码: ${DEMO_PASSWORD}):`);
  const rows: Array<[string, Role, string]> = [
    ["admin", "sysadmin", "龙华区"],
    ["secadmin", "secadmin", "龙华区"],
    ["auditor", "auditor", "龙华区"],
    ["supervisor", "supervisor", "福城街道"],
    ["leader", "leader", "福民社区"],
    ["staff", "staff", "福民社区"],
    ["grid01…grid12", "grid", "福民社区 第1…12网格"],
    ["patrol01…patrol03", "patrol", "福民社区"],
    ["mediator", "mediator", "福民社区"],
    ["volunteer01…volunteer03", "volunteer", "福民社区"],
  ];
  for (const [u, role, scope] of rows) console.log(`  ${u.padEnd(24)} ${ROLE_LABELS[role].zh} / ${ROLE_LABELS[role].en}  — ${scope}`);
}

export type NewUserArgs = { username?: string; name?: string; role?: string; scope?: string; password?: string; district?: string; districtCode?: string };

/**
 * Creates an account from the command line; the only way to create the three administrator
 * roles (三员分立). With no region yet, it first creates the root district.
 */
export async function createUserFromCli(deps: Deps, a: NewUserArgs, interactive: boolean) {
  const rl = interactive ? readline.createInterface({ input: process.stdin, output: process.stdout }) : null;
  const ask = async (q: string, def?: string) => {
    if (!rl) return def ?? "";
    const v = (await rl.question(`${q}${def ? ` [${def}]` : ""}: `)).trim();
    return v || def || "";
  };
  try {
    const regionsSvc = createRegionsService(deps);
    let root = await deps.db.selectFrom("regions").selectAll().where("parent_id", "is", null).orderBy("created_at").executeTakeFirst();
    if (!root) {
      const name = a.district ?? (await ask("区名称 District name", "龙华区"));
      const code = a.districtCode ?? (await ask("区县代码（6 位）District code (6 digits)", "440309"));
      const created = await regionsSvc.create(SYSTEM, { parentId: null, level: "district", name, code });
      root = await deps.db.selectFrom("regions").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
      console.log(`Created district ${name} (${code}).`);
    }
    const username = a.username ?? (await ask("用户名 Username", "admin"));
    const role = (a.role ?? (await ask(`角色 Role (${ROLES.join(", ")})`, "sysadmin"))) as Role;
    if (!ROLES.includes(role)) throw new Error(`unknown role ${role}; one of ${ROLES.join(", ")}`);
    let scopeId = root.id;
    if (a.scope) {
      const reg = await deps.db
        .selectFrom("regions")
        .select("id")
        .where((eb) => eb.or([eb("id", "=", a.scope as string), eb("code", "=", a.scope as string)]))
        .executeTakeFirst();
      if (!reg) throw new Error(`no region with id or code ${a.scope}`);
      scopeId = reg.id;
    }
    let password = a.password ?? "";
    while (!password || passwordProblem(password)) {
      if (!rl) throw new Error(password ? passwordProblem(password)?.en : "--password is required when not interactive");
      if (password) console.log(passwordProblem(password)?.zh);
      password = await ask("密码 Password (≥ 8, 3 of: upper, lower, digit, symbol)");
    }
    const displayName = a.name ?? ROLE_LABELS[role].zh;
    const u = await createAccountsService(deps).create(SYSTEM, { username, displayName, role, scopeRegionId: scopeId, password });
    console.log(`Created ${ROLE_LABELS[role].en} account "${u.username}".`);
    return u;
  } finally {
    rl?.close();
  }
}

/** SHEQU_DEMO=0 on an empty database: ask for the first administrator at the console. */
export async function ensureFirstAdmin(deps: Deps) {
  if (process.stdin.isTTY) {
    console.log("No accounts yet. Create the first system administrator. 尚无账号，请创建第一个系统管理员。");
    await createUserFromCli(deps, { role: "sysadmin" }, true);
  } else {
    console.log(
      "No accounts yet. Create the first administrator with:\n  npx shequ create-user --username admin --role sysadmin --password '<password>'\n尚无账号，请用上面的命令创建第一个系统管理员。",
    );
  }
}
