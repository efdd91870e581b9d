/**
 * A bar chart drawn by Chart.js, in a chunk of its own that only the Insights screen loads, after
 * its tables are on screen (see ChartFigure). Only the pieces used here are registered, so the
 * chunk carries bars, two scales, the legend and tooltips, not the whole library.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import type { ChartSpec } from './chart-spec';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Colours told apart in print and by most colour-blind readers (Okabe–Ito), one per series. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999999'];

interface Props {
  spec: ChartSpec;
  /** The chart's accessible name; the table beside it carries the figures. */
  label: string;
}

export default function BarChart({ spec, label }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: spec.series.map((series, i) => ({
          label: series.label,
          data: series.values,
          backgroundColor: COLOURS[i % COLOURS.length],
        })),
      },
      options: {
        // No animation: the owner reads figures, and a printed page must not catch a bar mid-way.
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: spec.stacked },
          y: {
            stacked: spec.stacked,
            beginAtZero: true,
            ...(spec.max !== undefined ? { max: spec.max } : {}),
            ticks: { callback: (value) => spec.format(Number(value)) },
          },
        },
        plugins: {
          legend: { display: spec.series.length > 1, position: 'bottom' },
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label ?? ''}: ${spec.format(Number(item.raw))}`,
            },
          },
        },
      },
    });
    // Print styles change the chart's box, and Chart.js does not notice on its own (its docs on
    // printing resizable charts): redraw at the printed size, and back after.
    const print = window.matchMedia?.('print');
    const resize = () => chart.resize();
    print?.addEventListener('change', resize);
    return () => {
      print?.removeEventListener('change', resize);
      chart.destroy();
    };
  }, [spec]);
  return <canvas ref={canvas} role="img" aria-label={label} />;
}
