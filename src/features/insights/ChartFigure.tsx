/**
 * A chart with its table beside it (below it on a phone): the table carries every figure for
 * screen readers, for print and while the chart's code loads. The chart's code (Chart.js) is
 * fetched only when a chart is about to show, never for the first screen.
 */
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import type { ChartSpec } from './chart-spec';

const BarChart = lazy(() => import('./BarChart'));

/** Offline before the chart's chunk was cached, or no canvas: the table stays, with a word why. */
class ChartFallback extends Component<
  { children: ReactNode; fallback: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

interface Props {
  id: string;
  title: string;
  intro?: string;
  spec: ChartSpec;
  /** The table of the chart's figures. */
  children: ReactNode;
}

export function ChartFigure({ id, title, intro, spec, children }: Props) {
  const { t } = useTranslation();
  return (
    <section className="panel insights__section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro && <p className="muted">{intro}</p>}
      <div className="insights__figure">
        <div className="insights__chart">
          <ChartFallback fallback={<p className="muted">{t('insights.chartUnavailable')}</p>}>
            <Suspense fallback={<p className="muted">{t('insights.chartLoading')}</p>}>
              <BarChart spec={spec} label={t('insights.chartLabel', { title })} />
            </Suspense>
          </ChartFallback>
        </div>
        <div className="insights__table">{children}</div>
      </div>
    </section>
  );
}
