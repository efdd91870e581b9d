import { useTranslation } from '../../i18n';
import type { TwoWayFigures } from '../../lib/insights/relationships';
import { formatRate } from './month-label';

/** The headline figures: the shop's two-way relationships and who came back after thanks. */
export function RelationshipFigures({ figures }: { figures: TwoWayFigures }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const count = (n: number) => n.toLocaleString(language);
  const items: [string, string][] = [
    [t('insights.relationships.twoWay'), count(figures.twoWay)],
    [t('insights.relationships.visited'), count(figures.visited)],
    [
      t('insights.relationships.repeatRate'),
      formatRate(figures.repeatRate, language, t('insights.none')),
    ],
    [t('insights.relationships.thanked'), count(figures.thanked)],
    [t('insights.relationships.backAfterThanks'), count(figures.backAfterThanks)],
  ];
  return (
    <section className="panel insights__section" aria-labelledby="insights-relationships">
      <h2 id="insights-relationships">{t('insights.relationships.heading')}</h2>
      <dl className="insights__figures">
        {items.map(([label, value]) => (
          <div key={label} className="insights__figure-item">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
