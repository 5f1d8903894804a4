// Checks on a boundary brought in as GeoJSON (a grid drawn in another GIS): the shape the map and
// "which grid is this point in" rely on. Pure: each problem is a message naming where it is.

type Pos = [number, number];
export type GeoProblem = { zh: string; en: string };

const isPos = (p: unknown): p is Pos =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === "number" && typeof p[1] === "number" && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/** Whether segments ab and cd cross or touch (other than at a shared end of neighbouring segments). */
function segmentsMeet(a: Pos, b: Pos, c: Pos, d: Pos) {
  const o = (p: Pos, q: Pos, r: Pos) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const on = (p: Pos, q: Pos, r: Pos) =>
    Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
  const [o1, o2, o3, o4] = [o(a, b, c), o(a, b, d), o(c, d, a), o(c, d, b)];
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && on(a, c, b)) || (o2 === 0 && on(a, d, b)) || (o3 === 0 && on(c, a, d)) || (o4 === 0 && on(c, b, d));
}

/** The first place a ring crosses itself, as the two segment numbers (1-based), or null. */
export function selfIntersection(ring: Pos[]): [number, number] | null {
  const n = ring.length - 1; // segments; the ring is closed (last = first)
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      // Neighbouring segments share an end; the first and the last too.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsMeet(ring[i], ring[i + 1], ring[j], ring[j + 1])) return [i + 1, j + 1];
    }
  return null;
}

/** Everything wrong with a Polygon or MultiPolygon boundary (empty when it is fine). */
export function geometryProblems(g: unknown): GeoProblem[] {
  const out: GeoProblem[] = [];
  const geom = g as { type?: string; coordinates?: unknown } | null;
  if (!geom || (geom.type !== "Polygon" && geom.type !== "MultiPolygon"))
    return [{ zh: "边界须为 Polygon 或 MultiPolygon", en: "The boundary must be a Polygon or a MultiPolygon" }];
  const polys = (geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates) as unknown[];
  if (!Array.isArray(polys) || polys.length === 0) return [{ zh: "边界没有坐标", en: "The boundary has no coordinates" }];
  polys.forEach((rings, pi) => {
    const where = (ri: number) => (geom.type === "MultiPolygon" ? `第${pi + 1}个多边形第${ri + 1}个环` : `第${ri + 1}个环`);
    const whereEn = (ri: number) => (geom.type === "MultiPolygon" ? `polygon ${pi + 1}, ring ${ri + 1}` : `ring ${ri + 1}`);
    if (!Array.isArray(rings) || rings.length === 0) {
      out.push({ zh: `第${pi + 1}个多边形没有环`, en: `Polygon ${pi + 1} has no rings` });
      return;
    }
    rings.forEach((ring: unknown, ri: number) => {
      if (!Array.isArray(ring) || !ring.every(isPos)) {
        out.push({ zh: `${where(ri)}的坐标不是 [经度, 纬度] 数字对`, en: `${whereEn(ri)}: positions must be [lng, lat] numbers` });
        return;
      }
      const r = ring as Pos[];
      if (r.some(([x, y]) => x < -180 || x > 180 || y < -90 || y > 90))
        out.push({ zh: `${where(ri)}有超出经纬度范围的坐标`, en: `${whereEn(ri)} has a position out of range` });
      if (r.length < 4) out.push({ zh: `${where(ri)}至少需要4个坐标（首尾相同）`, en: `${whereEn(ri)} needs at least 4 positions (first = last)` });
      else if (r[0][0] !== r[r.length - 1][0] || r[0][1] !== r[r.length - 1][1])
        out.push({ zh: `${where(ri)}未闭合（首尾坐标须相同）`, en: `${whereEn(ri)} is not closed (first and last positions must be equal)` });
      else {
        const x = selfIntersection(r);
        if (x) out.push({ zh: `${where(ri)}自相交（第${x[0]}段与第${x[1]}段）`, en: `${whereEn(ri)} intersects itself (segments ${x[0]} and ${x[1]})` });
      }
    });
  });
  return out;
}
