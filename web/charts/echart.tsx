import { type CSSProperties, useEffect, useRef } from "react";
import { type ECElementEvent, type EChartsCoreOption, echarts } from "./echarts";

type Props = {
  option: EChartsCoreOption;
  style?: CSSProperties;
  className?: string;
  onClick?: (e: ECElementEvent) => void;
  ariaLabel?: string;
};

/** One ECharts instance bound to a div: resized with its container, disposed on unmount. */
export function EChart({ option, style, className, onClick, ariaLabel }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: "canvas" });
    chart.current = c;
    c.on("click", (e) => clickRef.current?.(e as ECElementEvent));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} className={className} style={{ width: "100%", height: 260, ...style }} role="img" aria-label={ariaLabel} />;
}
