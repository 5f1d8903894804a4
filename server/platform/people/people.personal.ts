// The registry's own part of what Shequ holds about a person (PIPL 查阅/复制/删除): the registry
// record with its place and tags, and the accounts linked to the person.
import { PERSON_KIND_LABELS } from "../../../contracts/platform.js";
import { type PersonalDataRegistry, sheet } from "../personal-data.js";

export function registerPeoplePersonalData(reg: PersonalDataRegistry) {
  reg.register({
    key: "platform.people",
    module: "platform",
    label: { zh: "实有人口", en: "People registry" },
    async collect(db, s) {
      const p = await db
        .selectFrom("people as p")
        .leftJoin("regions as c", "c.id", "p.community_id")
        .leftJoin("regions as g", "g.id", "p.grid_id")
        .leftJoin("regions as e", "e.id", "p.estate_id")
        .select([
          "p.name",
          "p.gender",
          "p.birth_date",
          "p.id_number",
          "p.phone",
          "p.address",
          "p.kind",
          "p.tags",
          "p.note",
          "p.created_at",
          "p.updated_at",
          "c.name as community",
          "g.name as grid",
          "e.name as estate",
        ])
        .where("p.id", "=", s.id)
        .executeTakeFirst();
      const accounts = await db
        .selectFrom("users")
        .select(["username", "display_name", "role", "phone", "disabled", "created_at", "last_login_at"])
        .where("person_id", "=", s.id)
        .orderBy("created_at")
        .execute();
      return [
        sheet("record", { zh: "登记信息", en: "Registry record" }, p ? [p] : [], [
          ["name", "姓名", "Name"],
          ["gender", "性别", "Gender", (r) => (r.gender === "M" ? "男" : "女")],
          ["birthDate", "出生日期", "Birth date"],
          ["idNumber", "身份证号", "ID number"],
          ["phone", "手机号", "Phone"],
          ["address", "住址", "Address"],
          ["community", "社区", "Community"],
          ["grid", "网格", "Grid"],
          ["estate", "小区", "Estate"],
          ["kind", "人口类型", "Kind", (r) => PERSON_KIND_LABELS[r.kind as keyof typeof PERSON_KIND_LABELS]?.zh ?? r.kind],
          ["tags", "标签", "Tags", (r) => (JSON.parse(r.tags ?? "[]") as string[]).join("、")],
          ["note", "备注", "Note"],
          ["createdAt", "登记时间", "Registered at"],
          ["updatedAt", "更新时间", "Updated at"],
        ]),
        sheet("accounts", { zh: "系统账号", en: "Accounts" }, accounts, [
          ["username", "用户名", "Username"],
          ["displayName", "显示名", "Display name"],
          ["role", "角色", "Role"],
          ["phone", "手机号", "Phone"],
          ["disabled", "已停用", "Disabled", (a) => (a.disabled ? "是" : "否")],
          ["createdAt", "创建时间", "Created at"],
          ["lastLoginAt", "最近登录", "Last sign-in"],
        ]),
      ];
    },
    retention: [
      {
        key: "platform.active-account",
        label: { zh: "在用的系统账号", en: "An account in use" },
        reason: {
          zh: "该人员有在用的系统账号（工作人员或志愿者），其操作记录须可追溯；请先由安全管理员停用账号",
          en: "The person has an account in use (staff or volunteer) whose actions must stay traceable; the security administrator disables it first",
        },
        async holds(db, s) {
          const rows = await db.selectFrom("users").select(["id", "username"]).where("person_id", "=", s.id).where("disabled", "=", 0).execute();
          return rows.map((r) => ({ id: r.id, label: r.username }));
        },
      },
    ],
    async anonymise(trx, s, alias) {
      // A disabled account keeps its username (the audit log's actor) and loses the person's name and phone.
      const r = await trx
        .updateTable("users")
        .set({ display_name: alias, phone: null })
        .where("person_id", "=", s.id)
        .where("disabled", "=", 1)
        .executeTakeFirst();
      return [{ table: "users", rows: Number(r.numUpdatedRows) }];
    },
  });
}
