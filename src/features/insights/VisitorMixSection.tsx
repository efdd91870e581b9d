import { useMemo } from 'react';
import { useTranslation } from '../../i18n';
import { VISITOR_STAGES, type VisitorMixRow } from '../../lib/insights/relationships';
import { ChartFigure } from './ChartFigure';
import type { ChartSpec } from './chart-spec';
import { FigureTable } from './FigureTable';
import { monthLabel } from './month-label';

/** Each month's visitors by the stage they came in with. */
export function VisitorMixSection({ mix }: { mix: VisitorMixRow[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const title = t('insights.mix.heading');
  const spec = useMemo<ChartSpec>(
    () => ({
      labels: mix.map((row) => monthLabel(row.month, language)),
      series: VISITOR_STAGES.map((stage) => ({
        label: t(`insights.mix.${stage}`),
        values: mix.map((row) => row[stage]),
      })),
      stacked: true,
      format: (value) => value.toLocaleString(language),
    }),
    [mix, language, t],
  );
  return (
    <ChartFigure id="insights-mix" title={title} intro={t('insights.mix.intro')} spec={spec}>
      <FigureTable
        caption={title}
        columns={[
          t('insights.mix.month'),
          ...VISITOR_STAGES.map((stage) => t(`insights.mix.${stage}`)),
        ]}
        rows={mix.map((row) => ({
          key: row.month,
          heading: monthLabel(row.month, language),
          cells: VISITOR_STAGES.map((stage) => row[stage].toLocaleString(language)),
        }))}
      />
    </ChartFigure>
  );
}
