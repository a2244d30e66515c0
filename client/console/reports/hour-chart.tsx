import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface HourChartProps {
  /** Accessible name of the chart. */
  label: string;
  hours: number[];
  series: { label: string; values: number[]; color: string; dash?: number[] }[];
  formatValue: (v: number) => string;
}

/** A uPlot line chart of figures by hour of the day (loaded with the page that shows it, never up front). */
export default function HourChart({ label, hours, series, formatValue }: HourChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const width = Math.max(280, el.clientWidth);
    const plot = new uPlot(
      {
        width,
        height: 220,
        scales: { x: { time: false, range: [hours[0] ?? 0, hours.at(-1) ?? 23] } },
        axes: [
          { values: (_u, ticks) => ticks.map((t) => `${t}:00`) },
          { values: (_u, ticks) => ticks.map(formatValue), size: 80 },
        ],
        series: [
          { label: 'h' },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            ...(s.dash ? { dash: s.dash } : {}),
            value: (_u: uPlot, v: number | null) => (v === null ? '' : formatValue(v)),
          })),
        ],
      },
      [hours, ...series.map((s) => s.values)],
      el,
    );
    return () => plot.destroy();
  }, [hours, series, formatValue]);
  return <div ref={host} role="img" aria-label={label} className="chart" />;
}
