/**
 * Lists for postcards and birthdays: customers filtered by stage, tag, birthday month and the
 * channel they agreed to, in 50音 order, ready to print (the print stylesheet keeps only the list).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from '../../i18n';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../components/Field';
import { StageBadges } from '../../components/StageBadges';
import {
  customersForList,
  tagsInUse,
  type ListFilter,
  type StageFilter,
} from '../../db/relationships/queries';
import { CONSENT_CHANNELS, type ConsentChannel } from '../../model/types';
import { useNow } from '../../hooks/useNow';
import { useShopSettings } from '../../hooks/useShopSettings';
import { formatCalendarDate } from '../../lib/format';
import { stageOf, VISIT_STAGES } from '../../lib/stages';

const STAGE_FILTERS: readonly StageFilter[] = [...VISIT_STAGES, 'referrer'];
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

function filterFrom(params: URLSearchParams): ListFilter {
  const stage = params.get('stage');
  const channel = params.get('channel');
  const month = Number(params.get('month'));
  return {
    stage: STAGE_FILTERS.find((s) => s === stage),
    tag: params.get('tag') || undefined,
    birthMonth: month >= 1 && month <= 12 ? month : undefined,
    channel: CONSENT_CHANNELS.find((c) => c === channel),
  };
}

export default function ListsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const { stageRules } = useShopSettings();
  const now = useNow();
  const tags = useLiveQuery(tagsInUse, []);
  const customers = useLiveQuery(
    () => customersForList(filter, { now, rules: stageRules }),
    [filter.stage, filter.tag, filter.birthMonth, filter.channel, now, stageRules],
  );
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' });

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <section className="page page--lists">
      <h1>{t('lists.heading')}</h1>
      <p className="muted no-print">{t('lists.intro')}</p>
      <div className="lists__filters grid no-print" role="group" aria-label={t('lists.filters')}>
        <SelectField
          label={t('lists.stage')}
          value={filter.stage ?? ''}
          options={[
            { value: '', label: t('lists.any') },
            ...STAGE_FILTERS.map((s) => ({ value: s, label: t(`stage.${s}`) })),
          ]}
          onChange={(v) => set('stage', v)}
        />
        <SelectField
          label={t('lists.tag')}
          value={filter.tag ?? ''}
          options={[
            { value: '', label: t('lists.any') },
            ...(tags ?? []).map((tag) => ({ value: tag, label: tag })),
          ]}
          onChange={(v) => set('tag', v)}
        />
        <SelectField
          label={t('lists.birthMonth')}
          value={filter.birthMonth ? String(filter.birthMonth) : ''}
          options={[
            { value: '', label: t('lists.any') },
            ...MONTHS.map((m) => ({
              value: String(m),
              label: monthName.format(Date.UTC(2000, m - 1, 1)),
            })),
          ]}
          onChange={(v) => set('month', v)}
        />
        <SelectField<ConsentChannel | ''>
          label={t('lists.channel')}
          value={filter.channel ?? ''}
          options={[
            { value: '', label: t('lists.any') },
            ...CONSENT_CHANNELS.map((c) => ({ value: c, label: t(`consent.channel.${c}`) })),
          ]}
          onChange={(v) => set('channel', v)}
        />
      </div>
      <div className="list-header no-print">
        <p className="muted" aria-live="polite">
          {customers ? t('lists.count', { count: customers.length }) : t('app.loading')}
        </p>
        <button
          type="button"
          className="button"
          disabled={!customers?.length}
          onClick={() => window.print()}
        >
          <span aria-hidden="true">🖨 </span>
          {t('lists.print')}
        </button>
      </div>
      {customers && customers.length === 0 && <p className="empty">{t('lists.empty')}</p>}
      {customers && customers.length > 0 && (
        <table className="print-list">
          <thead>
            <tr>
              <th scope="col">{t('lists.columns.name')}</th>
              <th scope="col">{t('lists.columns.address')}</th>
              <th scope="col">{t('lists.columns.birthday')}</th>
              <th scope="col" className="no-print">
                {t('lists.columns.stage')}
              </th>
            </tr>
          </thead>
          <tbody>
            {customers.map((customer) => (
              <tr key={customer.id}>
                <td>
                  <Link to={`/customers/${customer.id}`} className="print-list__name">
                    {customer.name}
                  </Link>
                  {customer.reading && (
                    <span className="block muted small" lang="ja">
                      {customer.reading}
                    </span>
                  )}
                </td>
                <td className="pre-line">{customer.address}</td>
                <td>
                  {customer.birthday ? formatCalendarDate(customer.birthday, i18n.language) : ''}
                </td>
                <td className="no-print">
                  <StageBadges
                    stage={stageOf(customer.visitTimes ?? [], {
                      now,
                      rules: stageRules,
                      referredCount: customer.referredCount,
                      earlier: customer.visitsBefore,
                    })}
                    small
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
