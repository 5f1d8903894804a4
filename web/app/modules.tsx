// The modules of the workbench: route, menu entry and the permission that opens them.
// Pages are lazy so the first screen loads only the shell.
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  DashboardOutlined,
  DesktopOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FlagOutlined,
  GlobalOutlined,
  HeartOutlined,
  IdcardOutlined,
  MessageOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  ToolOutlined,
  TrophyOutlined,
} from "@ant-design/icons";
import type { QueryClient } from "@tanstack/react-query";
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from "react";
import type { Permission } from "../../contracts/roles";
import { preloadReport } from "../features/reports/reports-api";
import { type LazyPage, lazyPage } from "./lazy-page";

export type ModuleDef = {
  path: string;
  perm: Permission;
  zh: string;
  en: string;
  icon: ReactNode;
  /** Its code is loaded at start-up when the app is opened on one of its URLs (see preloadRoute). */
  Page: LazyPage;
  /** What its first screen needs first, asked for at start-up beside the session check (see preloadRoute). */
  preload?: (qc: QueryClient, pathname: string, search: URLSearchParams) => void;
};

export const MODULES: ModuleDef[] = [
  {
    path: "/dashboard",
    perm: "dashboard.view",
    zh: "工作台",
    en: "Dashboard",
    icon: <DashboardOutlined />,
    Page: lazyPage(() => import("../features/dashboard/dashboard-page")),
  },
  {
    path: "/map",
    perm: "dashboard.view",
    zh: "一张图",
    en: "Map",
    icon: <GlobalOutlined />,
    Page: lazyPage(() => import("../features/map/map-page")),
  },
  {
    path: "/screen-links",
    perm: "screen.manage",
    zh: "大屏链接",
    en: "Screen links",
    icon: <DesktopOutlined />,
    Page: lazyPage(() => import("../features/screen/links-page")),
  },
  {
    path: "/reports",
    perm: "figures.read",
    zh: "年度工作报告",
    en: "Annual report",
    icon: <FileTextOutlined />,
    Page: lazyPage(() => import("../features/reports/reports-page")),
    preload: preloadReport,
  },
  {
    path: "/party",
    perm: "party.read",
    zh: "党建引领",
    en: "Party building",
    icon: <FlagOutlined />,
    Page: lazyPage(() => import("../features/party/party-page")),
  },
  {
    path: "/appeals",
    perm: "appeals.read",
    zh: "民意速办",
    en: "Appeals",
    icon: <MessageOutlined />,
    Page: lazyPage(() => import("../features/appeals/appeals-page")),
  },
  {
    path: "/safety",
    perm: "safety.read",
    zh: "平安建设",
    en: "Safety",
    icon: <AlertOutlined />,
    Page: lazyPage(() => import("../features/safety/safety-page")),
  },
  {
    path: "/projects",
    perm: "projects.read",
    zh: "民生微实事",
    en: "Micro-projects",
    icon: <ToolOutlined />,
    Page: lazyPage(() => import("../features/projects/projects-page")),
  },
  {
    path: "/portal",
    perm: "portal.read",
    zh: "三务公开",
    en: "Disclosure",
    icon: <FileTextOutlined />,
    Page: lazyPage(() => import("../features/portal/portal-page")),
  },
  {
    path: "/care",
    perm: "care.read",
    zh: "关爱帮扶",
    en: "Care",
    icon: <HeartOutlined />,
    Page: lazyPage(() => import("../features/care/care-page")),
  },
  {
    path: "/massorgs",
    perm: "massorgs.read",
    zh: "群团荣誉",
    en: "Mass orgs & honours",
    icon: <TrophyOutlined />,
    Page: lazyPage(() => import("../features/massorgs/massorgs-page")),
  },
  {
    path: "/patrol",
    perm: "patrol.read",
    zh: "智能巡检",
    en: "Patrol",
    icon: <EnvironmentOutlined />,
    Page: lazyPage(() => import("../features/patrol/patrol-page")),
  },
  {
    path: "/activities",
    perm: "activities.read",
    zh: "活动阵地",
    en: "Activities & venues",
    icon: <CalendarOutlined />,
    Page: lazyPage(() => import("../features/activities/activities-page")),
  },
  {
    path: "/volunteers",
    perm: "volunteers.read",
    zh: "志愿服务",
    en: "Volunteers",
    icon: <HeartOutlined />,
    Page: lazyPage(() => import("../features/volunteers/volunteers-page")),
  },
  {
    path: "/my-volunteer",
    perm: "volunteers.self",
    zh: "我的志愿服务",
    en: "My volunteering",
    icon: <HeartOutlined />,
    Page: lazyPage(() => import("../features/volunteers/my-page")),
  },
  {
    path: "/regions",
    perm: "regions.read",
    zh: "地区网格",
    en: "Regions & grids",
    icon: <ApartmentOutlined />,
    Page: lazyPage(() => import("../features/regions/regions-page")),
  },
  {
    path: "/organisations",
    perm: "orgs.read",
    zh: "组织",
    en: "Organisations",
    icon: <BankOutlined />,
    Page: lazyPage(() => import("../features/organisations/organisations-page")),
  },
  {
    path: "/people/pipl",
    perm: "pipl.manage",
    zh: "个人信息权利",
    en: "PIPL requests",
    icon: <SafetyCertificateOutlined />,
    Page: lazyPage(() => import("../features/pipl/pipl-page")),
  },
  {
    path: "/people",
    perm: "people.read",
    zh: "实有人口",
    en: "People",
    icon: <TeamOutlined />,
    Page: lazyPage(() => import("../features/people/people-page")),
  },
  {
    path: "/accounts",
    perm: "accounts.read",
    zh: "账号",
    en: "Accounts",
    icon: <IdcardOutlined />,
    Page: lazyPage(() => import("../features/accounts/accounts-page")),
  },
  {
    path: "/settings",
    perm: "settings.read",
    zh: "设置",
    en: "Settings",
    icon: <SettingOutlined />,
    Page: lazyPage(() => import("../features/settings/settings-page")),
  },
  {
    path: "/security",
    perm: "security.manage",
    zh: "安全管理",
    en: "Security",
    icon: <SafetyCertificateOutlined />,
    Page: lazyPage(() => import("../features/security/security-page")),
  },
  {
    path: "/audit",
    perm: "audit.read",
    zh: "审计日志",
    en: "Audit log",
    icon: <AuditOutlined />,
    Page: lazyPage(() => import("../features/audit/audit-page")),
  },
];

/** Pages anyone may open without an account (a resident's appeal and its tracking). */
export const PUBLIC_PAGES: Array<{ path: string; Page: LazyExoticComponent<ComponentType> }> = [
  { path: "/public/appeals", Page: lazy(() => import("../features/appeals/public-page")) },
  { path: "/public/projects", Page: lazy(() => import("../features/projects/public-page")) },
  { path: "/public/activities", Page: lazy(() => import("../features/activities/public-page")) },
  { path: "/public/disclosure", Page: lazy(() => import("../features/portal/public-page")) },
  // 大屏: a signed link (?t=…) or a session; the page itself says when neither opens it.
  { path: "/screen", Page: lazy(() => import("../features/screen/screen-page")) },
];

/**
 * Opening the app on a module's URL: its page's code and its first request start now, beside the
 * session check (GET /api/auth/me) and the shell, instead of after them.
 */
export function preloadRoute(qc: QueryClient, pathname: string, search: string) {
  const m = MODULES.find((x) => pathname === x.path || pathname.startsWith(`${x.path}/`));
  if (!m) return;
  void m.Page.load().catch(() => {});
  m.preload?.(qc, pathname, new URLSearchParams(search));
}
