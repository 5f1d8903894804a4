import { z } from "zod";
import { defineSetting } from "../../platform/settings.js";

// The [B]/[U] rules of DOMAIN.md §3 as settings (per deployment, overridable per community).
export const PATROL_SETTINGS = {
  accuracyToleranceM: defineSetting({
    key: "patrol.accuracy_tolerance_m",
    schema: z.number().int().min(0).max(1000),
    default: 50,
    label: { zh: "巡检打卡定位精度容差（米，计入半径的最大精度值）", en: "Patrol check-in GPS accuracy tolerance (m credited on top of the radius)" },
    regional: true,
  }),
  repeatWindowMinutes: defineSetting({
    key: "patrol.repeat_window_minutes",
    schema: z.number().int().min(0).max(1440),
    default: 10,
    label: { zh: "同一巡查点重复打卡判定窗口（分钟）", en: "Repeat check-in window at the same point (minutes)" },
    regional: true,
  }),
  maxSpeedKmh: defineSetting({
    key: "patrol.max_speed_kmh",
    schema: z.number().min(1).max(1000),
    default: 60,
    label: { zh: "两次打卡间最高合理移动速度（公里/小时）", en: "Highest plausible travel speed between check-ins (km/h)" },
    regional: true,
  }),
  timeSkewMinutes: defineSetting({
    key: "patrol.time_skew_minutes",
    schema: z.number().int().min(1).max(1440),
    default: 10,
    label: { zh: "设备时间与服务器时间允许偏差（分钟）", en: "Allowed device clock skew (minutes)" },
    regional: true,
  }),
  hazardDeadlineDays: defineSetting({
    key: "patrol.hazard_deadline_days",
    schema: z.number().int().min(1).max(90),
    default: 7,
    label: { zh: "巡检异常转隐患整改期限（天）", en: "Rectification deadline for hazards from patrol anomalies (days)" },
    regional: true,
  }),
};
