import { useMemo } from 'react';
import { useTranslation } from '../../i18n';
import type { CohortRow } from '../../lib/insights/relationships';
import { ChartFigure } from './ChartFigure';
import type { ChartSpec } from './chart-spec';
import { FigureTable } from './FigureTable';
import { formatRate, monthLabel } from './month-label';

/** First visits that became a second within 90 days, by the month of the first. */
export function CohortSection({ cohorts }: { cohorts: CohortRow[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const none = t('insights.none');
  const title = t('insights.cohorts.heading');
  const spec = useMemo<ChartSpec>(
    () => ({
      labels: cohorts.map((row) => monthLabel(row.month, language)),
      series: [{ label: t('insights.cohorts.rate'), values: cohorts.map((row) => row.rate ?? 0) }],
      stacked: false,
      max: 1,
      format: (value) => formatRate(value, language, none),
    }),
    [cohorts, language, none, t],
  );
  return (
    <ChartFigure
      id="insights-cohorts"
      title={title}
      intro={t('insights.cohorts.intro')}
      spec={spec}
    >
      <FigureTable
        caption={title}
        columns={[
          t('insights.cohorts.month'),
          t('insights.cohorts.firstVisits'),
          t('insights.cohorts.returned'),
          t('insights.cohorts.waiting'),
          t('insights.cohorts.rate'),
        ]}
        rows={cohorts.map((row) => ({
          key: row.month,
          heading: monthLabel(row.month, language),
          cells: [
            row.firstVisits.toLocaleString(language),
            row.returned.toLocaleString(language),
            row.waiting.toLocaleString(language),
            formatRate(row.rate, language, none),
          ],
        }))}
      />
    </ChartFigure>
  );
}
