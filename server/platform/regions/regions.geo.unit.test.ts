import { describe, expect, it } from "vitest";
import { geometryProblems, selfIntersection } from "./regions.geo.js";

const square: [number, number][] = [
  [114.0, 22.6],
  [114.01, 22.6],
  [114.01, 22.61],
  [114.0, 22.61],
  [114.0, 22.6],
];
const bowtie: [number, number][] = [
  [114.0, 22.6],
  [114.01, 22.61],
  [114.01, 22.6],
  [114.0, 22.61],
  [114.0, 22.6],
];

describe("boundary checks", () => {
  it("accepts a closed simple polygon and a multipolygon of them", () => {
    expect(geometryProblems({ type: "Polygon", coordinates: [square] })).toEqual([]);
    expect(geometryProblems({ type: "MultiPolygon", coordinates: [[square], [square.map(([x, y]) => [x + 0.02, y])]] })).toEqual([]);
    expect(selfIntersection(square)).toBeNull();
  });
  it("names a self-intersection with its segments, an open ring, too few positions, and other types", () => {
    expect(selfIntersection(bowtie)).toEqual([1, 3]);
    expect(geometryProblems({ type: "Polygon", coordinates: [bowtie] })[0].zh).toBe("第1个环自相交（第1段与第3段）");
    expect(geometryProblems({ type: "Polygon", coordinates: [square.slice(0, 4)] })[0].zh).toContain("未闭合");
    expect(geometryProblems({ type: "Polygon", coordinates: [[square[0], square[1], square[0]]] })[0].zh).toContain("至少需要4个坐标");
    expect(geometryProblems({ type: "Point", coordinates: [114, 22] })[0].en).toContain("Polygon");
    expect(
      geometryProblems({
        type: "Polygon",
        coordinates: [
          [
            [114, 22],
            ["x", 1],
          ],
        ],
      })[0].zh,
    ).toContain("数字对");
    expect(geometryProblems({ type: "MultiPolygon", coordinates: [[square], [bowtie]] })[0].zh).toContain("第2个多边形第1个环自相交");
  });
});
