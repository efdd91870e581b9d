import { useMemo } from 'react';
import { useTranslation } from '../../i18n';
import type { FollowUpFigures } from '../../lib/insights/follow-ups';
import { FOLLOW_UP_OUTCOMES } from '../../lib/insights/held-back';
import { ChartFigure } from './ChartFigure';
import type { ChartSpec } from './chart-spec';
import { FigureTable } from './FigureTable';
import { monthLabel } from './month-label';

/** Follow-ups by the month they were due: done, dismissed, held back, still open. */
export function FollowUpSection({ figures }: { figures: FollowUpFigures }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const title = t('insights.followUps.heading');
  const spec = useMemo<ChartSpec>(
    () => ({
      labels: figures.months.map((row) => monthLabel(row.month, language)),
      series: FOLLOW_UP_OUTCOMES.map((outcome) => ({
        label: t(`insights.followUps.${outcome}`),
        values: figures.months.map((row) => row[outcome]),
      })),
      stacked: true,
      format: (value) => value.toLocaleString(language),
    }),
    [figures, language, t],
  );
  return (
    <ChartFigure
      id="insights-follow-ups"
      title={title}
      intro={t('insights.followUps.intro')}
      spec={spec}
    >
      <FigureTable
        caption={title}
        columns={[
          t('insights.followUps.month'),
          ...FOLLOW_UP_OUTCOMES.map((outcome) => t(`insights.followUps.${outcome}`)),
        ]}
        rows={figures.months.map((row) => ({
          key: row.month,
          heading: monthLabel(row.month, language),
          cells: FOLLOW_UP_OUTCOMES.map((outcome) => row[outcome].toLocaleString(language)),
        }))}
        totals={{
          heading: t('insights.followUps.total'),
          cells: FOLLOW_UP_OUTCOMES.map((outcome) =>
            figures.totals[outcome].toLocaleString(language),
          ),
        }}
      />
    </ChartFigure>
  );
}
