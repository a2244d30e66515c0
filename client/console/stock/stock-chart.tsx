import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './stock-chart.css';
import type { StockHistoryResponse } from '../../../shared/console/reports-stock';

export interface StockChartProps {
  /** Accessible name of the chart. */
  label: string;
  data: StockHistoryResponse;
  timeZone: string;
  levelLabel: string;
  offlineLabel: string;
  formatLevel: (v: number) => string;
  /** The console's language, for the time axis. */
  locale: string;
}

const LINE = '#1b5e9a';
const OFFLINE_FILL = 'rgba(179, 38, 30, 0.16)';

/** The level as a step line: it holds from one movement to the next, from the range's start to its end. */
function series(data: StockHistoryResponse): [number[], number[]] {
  const xs = [Date.parse(data.from) / 1000];
  const ys = [data.startLevel];
  for (const p of data.points) {
    xs.push(Date.parse(p.at) / 1000);
    ys.push(p.level);
  }
  xs.push(Date.parse(data.to) / 1000);
  ys.push(ys.at(-1)!);
  return [xs, ys];
}

/** A uPlot step chart of a product's stock, with the times the branch's tablets were offline shaded behind it. */
/** Ticks in the console's language and the branch's zone: hours over a day or two, dates beyond. */
function timeTicks(locale: string, timeZone: string, spanSeconds: number) {
  const f = new Intl.DateTimeFormat(
    locale,
    spanSeconds <= 2 * 86_400
      ? { timeZone, hour: '2-digit', minute: '2-digit' }
      : { timeZone, day: 'numeric', month: 'short' },
  );
  return (_u: uPlot, ticks: number[]) => ticks.map((t) => f.format(new Date(t * 1000)));
}

export default function StockChart(props: StockChartProps) {
  const { label, data, timeZone, levelLabel, offlineLabel, formatLevel, locale } = props;
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const shade = (u: uPlot) => {
      const { ctx, bbox } = u;
      ctx.save();
      ctx.fillStyle = OFFLINE_FILL;
      for (const p of data.offline) {
        const x0 = u.valToPos(Date.parse(p.from) / 1000, 'x', true);
        const x1 = u.valToPos(Date.parse(p.to) / 1000, 'x', true);
        // At least a pixel wide, so a short period at a 90-day scale is still seen.
        ctx.fillRect(x0, bbox.top, Math.max(1, x1 - x0), bbox.height);
      }
      ctx.restore();
    };
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 240,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
        scales: { x: { time: true, range: [Date.parse(data.from) / 1000, Date.parse(data.to) / 1000] } },
        // The key below the chart names the line and the shading; uPlot's own legend would speak English.
        legend: { show: false },
        axes: [
          { values: timeTicks(locale, timeZone, (Date.parse(data.to) - Date.parse(data.from)) / 1000) },
          { values: (_u, ticks) => ticks.map(formatLevel), size: 60 },
        ],
        series: [
          {},
          {
            label: levelLabel,
            stroke: LINE,
            width: 2,
            paths: uPlot.paths.stepped!({ align: 1 }),
            value: (_u: uPlot, v: number | null) => (v === null ? '' : formatLevel(v)),
          },
        ],
        hooks: { drawClear: [shade] },
      },
      series(data),
      el,
    );
    // The chart follows its box: a window resized or a tablet turned keeps the whole range in view.
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: 240 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, timeZone, levelLabel, formatLevel, locale]);
  return (
    <figure className="stock-chart">
      <div ref={host} role="img" aria-label={label} className="chart" />
      <figcaption className="chart-key">
        <span className="key-line" aria-hidden="true" /> {levelLabel}
        <span className="key-offline" aria-hidden="true" /> {offlineLabel}
      </figcaption>
    </figure>
  );
}
