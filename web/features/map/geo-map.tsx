// The map drawn from the regions' own GeoJSON boundaries as SVG (no online tiles, no map library):
// areas shaded by a count layer, labelled with their name and count, and points coloured by state.
// Used by 一张图 (light, on a phone first) and by the big screen (dark).
import { useMemo } from "react";
import type { TMapArea } from "../../../contracts/map";

export type GeoPoint = { id: string; lng: number; lat: number; color: string; title?: string; onClick?: () => void };

type Ring = number[][];
const ringsOf = (a: TMapArea): Ring[] => {
  const b = a.boundary;
  if (!b) return [];
  return b.type === "Polygon" ? (b.coordinates as Ring[]) : (b.coordinates as Ring[][]).flat();
};

/** An equirectangular projection of the areas' extent, x shrunk by cos(latitude): right for a community's few kilometres. */
function projection(areas: TMapArea[], points: GeoPoint[]) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (lng: number, lat: number) => {
    x0 = Math.min(x0, lng);
    x1 = Math.max(x1, lng);
    y0 = Math.min(y0, lat);
    y1 = Math.max(y1, lat);
  };
  for (const a of areas) for (const r of ringsOf(a)) for (const [lng, lat] of r) add(lng, lat);
  if (!Number.isFinite(x0)) for (const p of points) add(p.lng, p.lat);
  if (!Number.isFinite(x0)) return null;
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const w = Math.max((x1 - x0) * k, 1e-4);
  const h = Math.max(y1 - y0, 1e-4);
  const scale = 1000 / Math.max(w, h);
  const pad = 20;
  return {
    width: w * scale + 2 * pad,
    height: h * scale + 2 * pad,
    xy: (lng: number, lat: number): [number, number] => [pad + (lng - x0) * k * scale, pad + (y1 - lat) * scale],
  };
}

export function GeoMap(props: {
  areas: TMapArea[];
  points?: GeoPoint[];
  /** A count per area: shades the areas and is printed under their names. */
  counts?: Map<string, number>;
  selected?: string | null;
  onSelect?: (id: string) => void;
  dark?: boolean;
  /** Font size of the labels, in map units (the map is about 1000 units across). */
  labelSize?: number;
  pointSize?: number;
  ariaLabel: string;
}) {
  const { areas, points = [], counts, selected, onSelect, dark, labelSize = 22, pointSize = 7 } = props;
  const proj = useMemo(() => projection(areas, points), [areas, points]);
  const max = counts ? Math.max(1, ...counts.values()) : 1;
  if (!proj) return null;
  const stroke = dark ? "#4fc3f7" : "#1f5fbf";
  const base = dark ? "#0d2b4a" : "#f0f5ff";
  const heat = dark ? "0,188,212" : "200,16,46";
  return (
    <svg
      viewBox={`0 0 ${proj.width.toFixed(0)} ${proj.height.toFixed(0)}`}
      preserveAspectRatio="xMidYMid meet"
      role="img"
      aria-label={props.ariaLabel}
      className="geo-map"
      style={{ width: "100%", height: "100%", display: "block", touchAction: "manipulation" }}
    >
      {areas.map((a) => {
        const rings = ringsOf(a);
        if (!rings.length) return null;
        const d = rings
          .map(
            (r) =>
              `M${r
                .map(([x, y]) =>
                  proj
                    .xy(x, y)
                    .map((v) => v.toFixed(1))
                    .join(","),
                )
                .join("L")}Z`,
          )
          .join("");
        const n = counts?.get(a.id) ?? 0;
        const fill = counts && n > 0 ? `rgba(${heat},${(0.15 + 0.6 * (n / max)).toFixed(2)})` : base;
        // Label at the middle of the area's outer ring's extent (or its representative point).
        const outer = rings[0];
        const xs = outer.map((p) => p[0]);
        const ys = outer.map((p) => p[1]);
        const [cx, cy] = proj.xy(a.lng ?? (Math.min(...xs) + Math.max(...xs)) / 2, a.lat ?? (Math.min(...ys) + Math.max(...ys)) / 2);
        const isSel = selected === a.id;
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG area is a button on the map
          <g
            key={a.id}
            data-area={a.id}
            role="button"
            tabIndex={0}
            aria-label={counts ? `${a.name} ${n}` : a.name}
            onClick={() => onSelect?.(a.id)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                onSelect?.(a.id);
              }
            }}
            style={{ cursor: onSelect ? "pointer" : "default", outline: "none" }}
          >
            <path d={d} fill={fill} stroke={isSel ? (dark ? "#ffeb3b" : "#c8102e") : stroke} strokeWidth={isSel ? 5 : 2} fillRule="evenodd" />
            <text x={cx} y={cy} textAnchor="middle" fontSize={labelSize} fill={dark ? "#e3f2fd" : "#1d2129"} style={{ pointerEvents: "none", fontWeight: 600 }}>
              {a.name}
            </text>
            {counts && (
              <text
                x={cx}
                y={cy + labelSize * 1.25}
                textAnchor="middle"
                fontSize={labelSize * 1.1}
                fill={dark ? "#ffeb3b" : "#c8102e"}
                style={{ pointerEvents: "none", fontWeight: 700 }}
              >
                {n}
              </text>
            )}
          </g>
        );
      })}
      {points.map((p) => {
        const [x, y] = proj.xy(p.lng, p.lat);
        return (
          // biome-ignore lint/a11y/noStaticElementInteractions: a point opens its record; the list pages are the keyboard's way
          <circle
            key={p.id}
            cx={x}
            cy={y}
            r={pointSize}
            fill={p.color}
            stroke={dark ? "#000" : "#fff"}
            strokeWidth={1.5}
            data-point={p.id}
            onClick={p.onClick}
            style={{ cursor: p.onClick ? "pointer" : "default" }}
          >
            {p.title && <title>{p.title}</title>}
          </circle>
        );
      })}
    </svg>
  );
}
