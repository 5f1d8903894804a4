import type { ThemeConfig } from "antd";

export const BRAND = "#c8102e";
export const NAVY = "#152039";

export const theme: ThemeConfig = {
  // antd's styles come from its static stylesheet (antd/dist/antd.css, imported in start.tsx), not
  // generated while rendering: on the annual report's first screen generating and registering them
  // was a fifth of the main thread's time. The tokens below still reach them as CSS variables.
  zeroRuntime: true,
  hashed: false,
  token: {
    colorPrimary: BRAND,
    colorLink: "#1f5fbf",
    colorInfo: "#1f5fbf",
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    colorBgLayout: "#f3f4f7",
  },
  components: {
    Layout: { siderBg: NAVY, headerBg: "#ffffff", headerHeight: 56, headerPadding: "0 20px", triggerBg: "#0f1830" },
    Menu: {
      darkItemBg: NAVY,
      darkSubMenuItemBg: "#0f1830",
      darkItemSelectedBg: BRAND,
      darkItemColor: "rgba(255,255,255,0.72)",
      darkItemHoverColor: "#ffffff",
      itemHeight: 44,
    },
    Card: { headerFontSize: 15 },
    Table: { headerBg: "#f7f8fa" },
  },
};
