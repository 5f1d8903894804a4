// The chart as a lazy component: a page or drawer that shows a chart only sometimes (a figure's
// breakdown) does not carry ECharts (~170 kB gzip) in its own first load; it comes when drawn.
import { lazy, Suspense } from "react";
import type { EChart as EChartType } from "./echart";

const Chart = lazy(() => import("./echart").then((m) => ({ default: m.EChart })));

export function LazyEChart(props: Parameters<typeof EChartType>[0]) {
  const height = props.style?.height ?? 260;
  return (
    <Suspense fallback={<div style={{ width: "100%", height }} role="img" aria-label={props.ariaLabel} aria-busy="true" />}>
      <Chart {...props} />
    </Suspense>
  );
}
