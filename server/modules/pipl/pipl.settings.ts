import { z } from "zod";
import { defineSetting } from "../../platform/settings.js";

// PIPL art. 50 asks for requests to be answered promptly (及时) and says no number; GB/T 35273-2020
// §8.7 allows 30 days. 15 working days is the community's own commitment, a setting per region.
export const PIPL_SETTINGS = {
  deadlineWorkdays: defineSetting({
    key: "pipl.deadline_workdays",
    schema: z.number().int().min(1).max(60),
    default: 15,
    label: { zh: "个人信息权利请求的答复期限（工作日）", en: "PIPL requests: answer within this many working days" },
    regional: true,
  }),
  remindWorkdays: defineSetting({
    key: "pipl.remind_workdays",
    schema: z.number().int().min(0).max(30),
    default: 3,
    label: { zh: "个人信息权利请求到期前几个工作日列入待办（工作日）", en: "PIPL requests: to-do this many working days before the deadline" },
    regional: true,
  }),
};
