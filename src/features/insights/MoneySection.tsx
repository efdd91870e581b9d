import { useMemo } from 'react';
import { useTranslation, type TFunction } from '../../i18n';
import { formatYen } from '../../lib/format';
import {
  moneySeries,
  seriesAmount,
  type MoneyFigures,
  type MoneySeries,
} from '../../lib/insights/money';
import { ChartFigure } from './ChartFigure';
import type { ChartSpec } from './chart-spec';
import { FigureTable } from './FigureTable';
import { monthLabel } from './month-label';

function seriesLabel(series: MoneySeries, t: TFunction): string {
  if (series.kind === 'category') return t(`kobutsu.categories.${series.category}`);
  if (series.kind === 'other-categories') return t('insights.money.otherCategories');
  return t('insights.money.unitemised');
}

interface Props {
  id: string;
  title: string;
  figures: MoneyFigures;
}

/** Buy-ins or sales, month by month, stacked by category, with the year's totals by category. */
export function MoneySection({ id, title, figures }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const series = useMemo(() => moneySeries(figures), [figures]);
  const spec = useMemo<ChartSpec>(
    () => ({
      labels: figures.months.map((row) => monthLabel(row.month, language)),
      series: series.map((s) => ({
        label: seriesLabel(s, t),
        values: figures.months.map((row) => seriesAmount(row, s)),
      })),
      stacked: true,
      format: (value) => formatYen(value, language),
    }),
    [figures, series, language, t],
  );
  const yen = (amount: number) => formatYen(amount, language);
  return (
    <ChartFigure id={id} title={title} intro={t('insights.money.intro')} spec={spec}>
      {figures.total === 0 ? (
        <p className="muted">{t('insights.money.none')}</p>
      ) : (
        <>
          <FigureTable
            caption={title}
            columns={[
              t('insights.money.month'),
              ...series.map((s) => seriesLabel(s, t)),
              t('insights.money.total'),
            ]}
            rows={figures.months.map((row) => ({
              key: row.month,
              heading: monthLabel(row.month, language),
              cells: [...series.map((s) => yen(seriesAmount(row, s))), yen(row.total)],
            }))}
            totals={{
              heading: t('insights.money.total'),
              cells: [
                ...series.map((s) =>
                  yen(figures.months.reduce((sum, row) => sum + seriesAmount(row, s), 0)),
                ),
                yen(figures.total),
              ],
            }}
          />
          <FigureTable
            caption={`${title}: ${t('insights.money.byCategory')}`}
            columns={[t('insights.money.category'), t('insights.money.amount')]}
            rows={[
              ...figures.categories.map(({ category, amount }) => ({
                key: category,
                heading: t(`kobutsu.categories.${category}`),
                cells: [yen(amount)],
              })),
              ...(figures.unitemised > 0
                ? [
                    {
                      key: 'unitemised',
                      heading: t('insights.money.unitemised'),
                      cells: [yen(figures.unitemised)],
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
    </ChartFigure>
  );
}
