// ECharts from echarts/core with only what the pages use, so the chart chunk stays small.
import { BarChart, PieChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type { ECElementEvent, EChartsCoreOption } from "echarts/core";
export { echarts };

/** Palette close to the app theme. */
export const PALETTE = ["#c8102e", "#1f5fbf", "#f5a623", "#2f9e72", "#7a4fd1", "#e8684a", "#13a8a8", "#8c8c8c"];
