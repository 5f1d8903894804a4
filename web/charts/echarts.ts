// ECharts from echarts/core with only what the pages use, so the chart chunk stays small.
import { BarChart, PieChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type { ECElementEvent, EChartsCoreOption } from "echarts/core";
export { PALETTE } from "./palette";
export { echarts };
