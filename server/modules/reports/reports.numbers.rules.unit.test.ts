import { describe, expect, it } from "vitest";
import { writeNumber } from "./reports.numbers.rules.js";

describe("the report's numbers, as the seed writes them", () => {
  it("exact small counts", () => {
    expect(writeNumber(46, "exact")).toBe("46");
    expect(writeNumber(33, "exact")).toBe("33");
    expect(writeNumber(52.84, "exact")).toBe("52.8");
  });
  it("余: tens under 100, two significant digits from 100, 万 from ten thousand", () => {
    expect(writeNumber(9, "余")).toBe("9");
    expect(writeNumber(20, "余")).toBe("20余");
    expect(writeNumber(29, "余")).toBe("20余");
    expect(writeNumber(99, "余")).toBe("90余");
    expect(writeNumber(199, "余")).toBe("190余");
    expect(writeNumber(200, "余")).toBe("200余");
    expect(writeNumber(209, "余")).toBe("200余");
    expect(writeNumber(210, "余")).toBe("210余");
    expect(writeNumber(356, "余")).toBe("350余");
    expect(writeNumber(140000, "余")).toBe("14万余");
    expect(writeNumber(149999, "余")).toBe("14万余");
    expect(writeNumber(150000, "余")).toBe("15万余");
  });
  it("逾: 逾百 for 101–199, 逾千, 逾万", () => {
    expect(writeNumber(100, "逾")).toBe("100");
    expect(writeNumber(101, "逾")).toBe("逾百");
    expect(writeNumber(199, "逾")).toBe("逾百");
    expect(writeNumber(200, "逾")).toBe("200");
    expect(writeNumber(250, "逾")).toBe("逾200");
    expect(writeNumber(1500, "逾")).toBe("逾千");
  });
  it("近: the next round number within 2.5%", () => {
    expect(writeNumber(7799, "近")).toBe("近7800");
    expect(writeNumber(7700, "近")).toBe("7700");
    expect(writeNumber(7800, "近")).toBe("近8000");
    expect(writeNumber(7999, "近")).toBe("近8000");
    expect(writeNumber(8000, "近")).toBe("8000");
    expect(writeNumber(8050, "近")).toBe("近8100");
  });
  it("超: floored to one significant digit", () => {
    expect(writeNumber(5000, "超")).toBe("5000");
    expect(writeNumber(5001, "超")).toBe("超5000");
    expect(writeNumber(5600, "超")).toBe("超5000");
    expect(writeNumber(71, "超")).toBe("超70");
    expect(writeNumber(70, "超")).toBe("70");
    expect(writeNumber(150001, "超")).toBe("超10万");
  });
  it("money in 万元, rates as percentages or 百分百", () => {
    expect(writeNumber(1560000, "万元")).toBe("156万元");
    expect(writeNumber(2820000, "万元")).toBe("282万元");
    expect(writeNumber(1565000, "万元")).toBe("156.5万元");
    expect(writeNumber(9999, "万元")).toBe("9999元");
    expect(writeNumber(1, "%")).toBe("100%");
    expect(writeNumber(0.93206, "%")).toBe("93.2%");
    expect(writeNumber(1, "百分百")).toBe("百分百");
    expect(writeNumber(0.98, "百分百")).toBe("98%");
  });
});
