import { can } from "../../../contracts/roles.js";
import type { Msg } from "../../platform/errors.js";

// The rules of a team's members, pure: the service reads the accounts and the community and
// refuses with what these say, in the same transaction as the write.

/**
 * Why an account cannot join a team of a community (null: it can): it must be active, have a role
 * that may check in on patrol, and be scoped to the community or one of its grids.
 */
export function memberRefusal(u: { display_name: string; role: string; disabled: number | boolean; path: string | null }, communityPath: string): Msg | null {
  if (u.disabled) return { zh: `账号「${u.display_name}」已停用，不能加入队伍`, en: `The account of ${u.display_name} is disabled` };
  if (!can(u.role, "patrol.checkin"))
    return {
      zh: `「${u.display_name}」的角色不能巡查打卡，不能加入巡查队伍`,
      en: `${u.display_name}'s role cannot patrol, so cannot join a patrol team`,
    };
  if (!u.path?.startsWith(communityPath))
    return { zh: `「${u.display_name}」的数据范围不在该社区内`, en: `${u.display_name}'s data scope is not within the team's community` };
  return null;
}

/** Members added by a change: those in the new list not already in the team. */
export const addedMembers = (before: readonly string[], next: readonly string[]) => next.filter((m) => !before.includes(m));

/** Who may be assigned to a plan or a team: accounts whose role may check in. */
export const mayPatrol = (role: string) => can(role, "patrol.checkin");
