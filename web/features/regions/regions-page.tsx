// 地区网格: the region tree of the scope (街道 > 社区 > 网格 > 小区 > 楼栋), its details, and a map
// of grid boundaries.
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Checkbox, Col, Descriptions, Empty, Input, Row, Skeleton, Space, Tag, Tree, Typography } from "antd";
import type { DataNode } from "antd/es/tree";
import { useMemo, useState } from "react";
import type { TRegion } from "../../../contracts/platform";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { levelLabel } from "../../shared/labels";
import { QueryError } from "../../shared/list-table";
import { PageHead } from "../../shared/page-head";
import { buildRegionTree, nextLevel, type RegionNode, useRegions } from "../../shared/regions";
import { RegionForm, type RegionFormTarget } from "./region-form";
import { RegionMap } from "./region-map";

const LEVEL_COLORS: Record<string, string> = {
  district: "purple",
  subdistrict: "geekblue",
  community: "red",
  grid: "orange",
  estate: "green",
  building: "default",
};

function filterTree(nodes: RegionNode[], text: string): RegionNode[] {
  if (!text) return nodes;
  const s = text.toLowerCase();
  return nodes.flatMap((n) => {
    const kids = n.children ? filterTree(n.children, text) : [];
    if (n.name.toLowerCase().includes(s) || (n.code ?? "").includes(s) || kids.length) return [{ ...n, children: kids.length ? kids : n.children }];
    return [];
  });
}

export default function RegionsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [showArchived, setShowArchived] = useState(false);
  const [search, setSearch] = useState("");
  const [selectedId, setSelectedId] = useState<string>();
  const [form, setForm] = useState<RegionFormTarget>(null);
  const [expanded, setExpanded] = useState<React.Key[] | null>(null);
  const q = useRegions({ archived: showArchived });
  const items = q.data ?? [];
  const byId = useMemo(() => new Map(items.map((r) => [r.id, r])), [items]);
  const tree = useMemo(() => buildRegionTree(items), [items]);
  const shown = useMemo(() => filterTree(tree, search.trim()), [tree, search]);
  // the root of the scope is selected until the user picks another region
  const selected = (selectedId ? byId.get(selectedId) : undefined) ?? tree[0];
  const canWrite = can("regions.write");

  // open down to the grids by default; everything that matches while searching
  const defaultExpanded = useMemo(() => items.filter((r) => ["district", "subdistrict", "community"].includes(r.level)).map((r) => r.id), [items]);
  const expandedKeys = search ? undefined : (expanded ?? defaultExpanded);

  const toData = (nodes: RegionNode[]): DataNode[] =>
    nodes.map((n) => ({
      key: n.id,
      title: (
        <span className="region-tree-title">
          <span className={n.archived ? "region-archived" : undefined}>{n.name}</span>
          <Tag color={LEVEL_COLORS[n.level]} variant="filled" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: "18px" }}>
            {levelLabel(n.level, lang)}
          </Tag>
          {n.code && <span className="region-code">{n.code}</span>}
        </span>
      ),
      children: n.children ? toData(n.children) : undefined,
    }));

  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const r of items) if (!r.archived) c[r.level] = (c[r.level] ?? 0) + 1;
    return c;
  }, [items]);
  const summary = ["community", "grid", "estate", "building"]
    .filter((l) => counts[l])
    .map((l) => (lang === "zh" ? `${levelLabel(l, lang)} ${counts[l]} 个` : `${counts[l]} ${levelLabel(l, lang).toLowerCase()}${counts[l] > 1 ? "s" : ""}`))
    .join(" · ");

  const child = selected ? nextLevel(selected.level) : undefined;
  const parent = selected?.parentId ? byId.get(selected.parentId) : undefined;

  return (
    <>
      <PageHead
        title={t("地区网格", "Regions & grids")}
        subtitle={summary || t("区 > 街道 > 社区 > 网格 > 小区 > 楼栋", "District > subdistrict > community > grid > estate > building")}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={9}>
          <Card
            title={t("地区树", "Region tree")}
            extra={
              <Checkbox checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)}>
                {t("含已归档", "Show archived")}
              </Checkbox>
            }
            styles={{ body: { paddingTop: 12 } }}
          >
            <Input.Search
              allowClear
              placeholder={t("搜索名称或编码", "Search name or code")}
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            {q.isError ? (
              <QueryError error={q.error} onRetry={() => q.refetch()} />
            ) : q.isPending ? (
              <Skeleton active paragraph={{ rows: 8 }} />
            ) : shown.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={search ? t("没有匹配的地区", "No matching region") : t("暂无地区", "No regions")} />
            ) : (
              <div style={{ maxHeight: 560, overflow: "auto" }}>
                <Tree
                  showLine
                  blockNode
                  treeData={toData(shown)}
                  selectedKeys={selected ? [selected.id] : []}
                  onSelect={(keys) => keys[0] && setSelectedId(String(keys[0]))}
                  {...(expandedKeys ? { expandedKeys } : { defaultExpandAll: true })}
                  onExpand={(keys) => setExpanded(keys)}
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Card
              title={selected ? selected.name : t("地区详情", "Region details")}
              extra={
                selected &&
                canWrite && (
                  <Space wrap>
                    <Button size="small" icon={<EditOutlined />} onClick={() => setForm({ mode: "edit", region: selected })}>
                      {t("编辑", "Edit")}
                    </Button>
                    {child && !selected.archived && (
                      <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: "create", parent: selected, level: child })}>
                        {t(`新增${levelLabel(child, "zh")}`, `New ${levelLabel(child, "en").toLowerCase()}`)}
                      </Button>
                    )}
                  </Space>
                )
              }
            >
              {selected ? (
                <Descriptions
                  size="small"
                  column={{ xs: 1, sm: 2 }}
                  items={[
                    { key: "level", label: t("层级", "Level"), children: <Tag color={LEVEL_COLORS[selected.level]}>{levelLabel(selected.level, lang)}</Tag> },
                    { key: "code", label: t("编码", "Code"), children: selected.code ?? "—" },
                    { key: "established", label: t("设立日期", "Set up on"), children: selected.establishedOn ?? "—" },
                    { key: "parent", label: t("上级", "Parent"), children: parent?.name ?? "—" },
                    {
                      key: "children",
                      label: t("下级", "Children"),
                      children: t(`${items.filter((r) => r.parentId === selected.id).length} 个`, `${items.filter((r) => r.parentId === selected.id).length}`),
                    },
                    {
                      key: "pos",
                      label: t("中心点", "Centre"),
                      children: selected.lat != null && selected.lng != null ? `${selected.lat.toFixed(5)}, ${selected.lng.toFixed(5)}` : "—",
                    },
                    {
                      key: "boundary",
                      label: t("边界", "Boundary"),
                      children: selected.boundary ? (
                        <Tag color="green">{t("已绘制", "Drawn")}</Tag>
                      ) : (
                        <Typography.Text type="secondary">{t("未绘制", "None")}</Typography.Text>
                      ),
                    },
                    {
                      key: "status",
                      label: t("状态", "Status"),
                      children: selected.archived ? <Tag>{t("已归档", "Archived")}</Tag> : <Tag color="success">{t("在用", "Active")}</Tag>,
                    },
                  ]}
                />
              ) : (
                <Typography.Text type="secondary">
                  {t("在左侧地区树或地图上选择一个地区查看详情。", "Pick a region in the tree or on the map to see its details.")}
                </Typography.Text>
              )}
            </Card>
            <Card title={t("网格地图", "Grid map")} styles={{ body: { padding: 8 } }}>
              <RegionMap selectedId={selected?.id} onSelect={(id) => setSelectedId(id)} height={380} />
            </Card>
          </Space>
        </Col>
      </Row>
      <RegionForm
        target={form}
        onClose={() => setForm(null)}
        onSaved={(r: TRegion) => {
          setForm(null);
          setSelectedId(r.id);
        }}
      />
    </>
  );
}
