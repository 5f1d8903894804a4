import { z } from "zod";
import { DEFAULT_AWARDS } from "../../../contracts/massorgs.js";
import { defineSetting } from "../../platform/settings.js";

export const MASSORG_SETTINGS = {
  awards: defineSetting({
    key: "massorgs.awards",
    schema: z.array(z.string().trim().min(1).max(40)).min(1).max(100),
    default: [...DEFAULT_AWARDS],
    label: { zh: "荣誉评选奖项（列表）", en: "Honours: awards one may be nominated for (list)" },
    regional: true,
  }),
};
