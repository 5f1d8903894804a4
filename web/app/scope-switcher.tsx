// 数据范围: the region subtree the user is currently looking at. A user may narrow it to any
// subdistrict, community or grid inside their own (home) scope and come back.
import { AimOutlined, EnvironmentOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Breadcrumb, Button, TreeSelect, Typography } from "antd";
import { useMemo, useState } from "react";
import type { TRegion } from "../../contracts/platform";
import { api } from "../api/client";
import { useAuth, useMe } from "./auth";
import { useI18n } from "./i18n";
import { notify } from "./notify";

type ScopeNode = { id: string; parentId: string | null; name: string; level: string };
const SWITCHABLE = new Set(["district", "subdistrict", "community", "grid"]);

function cacheKey(userId: string, homeId: string) {
  return `shequ.scopeTree.${userId}.${homeId}`;
}
function load(key: string): ScopeNode[] | null {
  try {
    const v = sessionStorage.getItem(key);
    return v ? (JSON.parse(v) as ScopeNode[]) : null;
  } catch {
    return null;
  }
}
function save(key: string, nodes: ScopeNode[]) {
  try {
    sessionStorage.setItem(key, JSON.stringify(nodes));
  } catch {
    // storage full or blocked: the switcher then shows the current subtree only
  }
}

/**
 * The tree of switchable regions of the HOME scope. GET /api/regions answers for the current scope
 * only, so the home tree is remembered (per browser session) from a fetch made while at home.
 */
function useScopeTree() {
  const me = useMe();
  const { can } = useAuth();
  const atHome = me.scope.regionId === me.home.regionId;
  const key = cacheKey(me.user.id, me.home.regionId);
  const enabled = can("regions.read");
  const q = useQuery({
    queryKey: ["regions", "scope-tree", me.scope.regionId],
    queryFn: ({ signal }) => api.get<{ items: TRegion[] }>("/api/regions", undefined, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
  const nodes = useMemo<ScopeNode[]>(() => {
    const fetched = q.data?.items
      .filter((r) => SWITCHABLE.has(r.level) && !r.archived)
      .map((r) => ({ id: r.id, parentId: r.parentId, name: r.name, level: r.level }));
    if (atHome && fetched) {
      save(key, fetched);
      return fetched;
    }
    return load(key) ?? fetched ?? [];
  }, [q.data, atHome, key]);
  const names = useMemo(() => new Map(nodes.map((n) => [n.id, n.name])), [nodes]);
  return { nodes, names, enabled };
}

/** Names from the home scope down to the current scope: 福城街道 / 福民社区 / 第3网格. */
function useScopeTrail(names: Map<string, string>): string[] {
  const me = useMe();
  const ids = me.scope.path.split("/").filter(Boolean);
  const start = ids.indexOf(me.home.regionId);
  const chain = start >= 0 ? ids.slice(start) : [me.scope.regionId];
  const known = chain.map((id) => names.get(id) ?? (id === me.scope.regionId ? me.scope.name : id === me.home.regionId ? me.home.name : null));
  if (known.every((n): n is string => !!n)) return known;
  return me.scope.regionId === me.home.regionId ? [me.scope.name] : [me.home.name, "…", me.scope.name];
}

type TreeItem = { value: string; title: string; children?: TreeItem[] };

function toTree(nodes: ScopeNode[]): TreeItem[] {
  const ids = new Set(nodes.map((n) => n.id));
  const byParent = new Map<string | null, ScopeNode[]>();
  for (const n of nodes) {
    const p = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), n]);
  }
  const build = (p: string | null): TreeItem[] =>
    (byParent.get(p) ?? []).map((n) => {
      const children = build(n.id);
      return { value: n.id, title: n.name, children: children.length ? children : undefined };
    });
  return build(null);
}

export function ScopeBar({ compact, onSwitched }: { compact?: boolean; onSwitched?: () => void }) {
  const me = useMe();
  const { switchScope } = useAuth();
  const { t } = useI18n();
  const { nodes, names, enabled } = useScopeTree();
  const trail = useScopeTrail(names);
  const tree = useMemo(() => toTree(nodes), [nodes]);
  const [busy, setBusy] = useState(false);
  const atHome = me.scope.regionId === me.home.regionId;

  const go = async (regionId: string) => {
    if (!regionId || regionId === me.scope.regionId) return;
    setBusy(true);
    try {
      const m = await switchScope(regionId);
      notify.success(t(`已切换到「${m.scope.name}」`, `Now viewing ${m.scope.name}`));
      onSwitched?.();
    } catch (e) {
      notify.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const switcher = enabled ? (
    <TreeSelect
      className="scope-select"
      size={compact ? "medium" : "small"}
      variant="filled"
      value={me.scope.regionId}
      treeData={tree}
      treeDefaultExpandedKeys={[me.home.regionId, me.scope.regionId]}
      showSearch={{ treeNodeFilterProp: "title" }}
      popupMatchSelectWidth={false}
      loading={busy}
      disabled={busy}
      placeholder={t("切换数据范围", "Switch scope")}
      aria-label={t("切换数据范围", "Switch scope")}
      onChange={(v: string) => go(v)}
      styles={{ popup: { root: { minWidth: 260 } } }}
    />
  ) : null;
  const homeButton = !atHome ? (
    <Button size="small" type="link" icon={<AimOutlined />} onClick={() => go(me.home.regionId)} disabled={busy}>
      {t(`返回我的范围（${me.home.name}）`, `Back to my scope (${me.home.name})`)}
    </Button>
  ) : null;

  // With the switcher, the trail's last step is the switcher itself: 福城街道 / [福民社区 ▾]
  const parents = switcher ? trail.slice(0, -1) : trail;
  if (compact) {
    return (
      <div className="scope-compact">
        <Typography.Text type="secondary" className="scope-label">
          <EnvironmentOutlined /> {t("数据范围", "Data scope")}
        </Typography.Text>
        {parents.length > 0 && <Breadcrumb items={parents.map((n, i) => ({ key: i, title: n }))} />}
        {switcher}
        {homeButton}
      </div>
    );
  }
  return (
    <div className="scope-bar">
      <EnvironmentOutlined className="scope-icon" />
      <Typography.Text type="secondary" className="scope-label-inline">
        {t("数据范围", "Scope")}
      </Typography.Text>
      {parents.length > 0 && (
        <>
          <Breadcrumb className="scope-trail" items={parents.map((n, i) => ({ key: i, title: n }))} />
          {switcher && <span className="scope-sep">/</span>}
        </>
      )}
      {switcher}
      {homeButton}
    </div>
  );
}
