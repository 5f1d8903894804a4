import type { Kysely } from "kysely";
import { ZUserCreate } from "../../../contracts/platform.js";
import { ROLE_LABELS, ROLES, type Role } from "../../../contracts/roles.js";
import type { DB } from "../../db/types.js";
import { bad, cell, type ImportOpts, importRows, readSheet, templateXlsx } from "../../io/import.js";
import type { XlsxColumn } from "../../io/xlsx.js";
import type { Who } from "../who.js";
import { type AccountsService, ADMIN_ROLES } from "./accounts.service.js";

// Accounts from a sheet (username, name, role, scope region by code or name, phone) — never with
// passwords: each imported account has none that works, and is marked to change it at first
// login; the security administrator gives it a first password with the reset (重置密码), as for a
// forgotten one. Through the accounts service, so its rules hold row by row (separation of duties,
// the scope a role may have, unique usernames). All or nothing; an account already there with the
// same role and scope is unchanged.

const C = {
  username: { zh: "用户名", en: "Username", example: "grid13" },
  displayName: { zh: "姓名", en: "Name", example: "第13网格网格员" },
  role: { zh: "角色", en: "Role", example: "网格员" },
  scope: { zh: "数据范围", en: "Scope", example: "第1网格" },
  phone: { zh: "手机号", en: "Phone", example: "" },
} as const;
type Col = (typeof C)[keyof typeof C];
const h = (c: Col, en: boolean) => (en ? c.en : c.zh);

export const accountsTemplate = (en: boolean) =>
  templateXlsx(
    en ? "Accounts" : "账号",
    Object.values(C).map((c) => ({ header: h(c, en), example: c.example, width: 18 })),
  );

type Row = Awaited<ReturnType<AccountsService["exportRows"]>>[number];
export function accountColumns(en: boolean): XlsxColumn<Row>[] {
  return [
    { header: h(C.username, en), key: "username", width: 16 },
    { header: h(C.displayName, en), key: "displayName", width: 18 },
    { header: h(C.role, en), key: "role", value: (u) => ROLE_LABELS[u.role as Role]?.[en ? "en" : "zh"] ?? u.role, width: 16 },
    { header: h(C.scope, en), key: "scopeCode", value: (u) => u.scopeCode ?? u.scopeName ?? "", width: 16 },
    { header: en ? "Scope name" : "数据范围名称", key: "scopeName", width: 16 },
    { header: h(C.phone, en), key: "phone", width: 14 },
    { header: en ? "Disabled" : "已停用", key: "disabled", value: (u) => (u.disabled ? (en ? "yes" : "是") : "") },
    { header: en ? "Password to set" : "待设置密码", key: "mustReset", value: (u) => (u.mustReset ? (en ? "yes" : "是") : "") },
  ];
}

const roleOf = (s: string) => ROLES.find((r) => r === s || ROLE_LABELS[r].zh === s || ROLE_LABELS[r].en.toLowerCase() === s.toLowerCase());

export async function importAccounts(db: Kysely<DB>, accounts: AccountsService, who: Who, buf: Buffer, opts: ImportOpts) {
  const sheet = await readSheet(buf);
  return importRows(db, sheet, opts, async (trx, { values }) => {
    const get = cell(values);
    const g = (c: Col) => get(c.zh, c.en);
    const username = g(C.username).toLowerCase();
    const role = roleOf(g(C.role));
    if (!role)
      throw bad(
        `角色应为：${ROLES.filter((r) => !ADMIN_ROLES.includes(r))
          .map((r) => ROLE_LABELS[r].zh)
          .join("、")}`,
        `Role must be one of ${ROLES.join(", ")}`,
      );
    const ref = g(C.scope);
    const regions = await accounts.regionsNamed(who.scope, ref, trx);
    if (regions.length === 0) throw bad(`没有编码或名称为「${ref}」的地区`, `No region with the code or name ${ref}`);
    const region = regions.find((r) => r.code === ref) ?? (regions.length === 1 ? regions[0] : null);
    if (!region) throw bad(`有多个地区名为「${ref}」：请填写地区编码`, `Several regions are named ${ref}: give the region's code`);
    const have = await accounts.byUsername(username, trx);
    if (have) {
      if (have.role === role && have.scope_region_id === region.id) return "unchanged";
      throw bad(`用户名 ${username} 已存在（角色或数据范围不同）`, `Username ${username} is taken (with another role or scope)`);
    }
    if (!g(C.displayName)) throw bad("请填写姓名", "The name is required");
    const phone = g(C.phone);
    // The same checks as the account form's: a username's form, a name, a phone's digits.
    const v = ZUserCreate.omit({ password: true }).safeParse({
      username,
      displayName: g(C.displayName),
      role,
      scopeRegionId: region.id,
      phone: phone && !phone.includes("*") ? phone : null,
    });
    if (!v.success) {
      const m = v.error.issues[0];
      const [zh, en] = m.message.includes(" / ") ? m.message.split(" / ") : [`${m.path.join(".")}：${m.message}`, `${m.path.join(".")}: ${m.message}`];
      throw bad(zh, en);
    }
    await accounts.create(who, { ...v.data, password: null }, trx);
    return "created";
  });
}
