/** The top of a customer's card: who they are, how to reach them, and what they agreed to. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useNavigate } from 'react-router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/Toasts';
import { deleteCustomer, restoreCustomer } from '../../db/customers/customers';
import type { Consent, Customer, VisitsBefore } from '../../model/types';
import type { Counter } from '../../hooks/useCounter';
import { EraYear } from '../../components/EraYear';
import { useShopSettings } from '../../hooks/useShopSettings';
import { formatCalendarDate, formatDate } from '../../lib/format';
import { formatPhone } from '../../lib/phone';

interface Props {
  customer: Customer;
  consents: readonly Consent[];
  counter: Counter;
  /** Shown above the name: what every member of staff must see first (a caution flag). */
  banner?: ReactNode;
  /** Shown after the banner and before the name: what a check-in glances at (talk-about). */
  lead?: ReactNode;
  /** Shown right under the name: how the relationship stands and what to talk about. */
  top?: ReactNode;
  /** Further rows of the details list (referrals). */
  rows?: ReactNode;
  /** Shown at the end of the card. */
  children?: ReactNode;
  /** Said when deleting: records the law keeps anyway (the buy-in ledger's three years). */
  deletionNotice?: string;
}

/**
 * What another system (a POS) counted before the card was imported: said as it said it, beside
 * the timeline rather than on it, since those visits have no dates of their own.
 */
function VisitsBeforeRow({ visitsBefore, language }: { visitsBefore: VisitsBefore; language: string }) {
  const { t } = useTranslation();
  const { count, firstAt, lastAt, since, source } = visitsBefore;
  const dates = [
    firstAt !== undefined && t('customer.visitsBeforeFirst', { date: formatDate(firstAt, language) }),
    lastAt !== undefined && t('customer.visitsBeforeLast', { date: formatDate(lastAt, language) }),
    since !== undefined && t('customer.visitsBeforeSince', { date: formatDate(since, language) }),
  ].filter((text): text is string => Boolean(text));
  return (
    <div className="details__row">
      <dt>{t('customer.visitsBefore')}</dt>
      <dd>
        {t('customer.visitsBeforeCount', { count, source: t(`customer.visitSources.${source}`) })}
        {dates.length > 0 && <span className="muted block">{dates.join(language === 'ja' ? '、' : ', ')}</span>}
      </dd>
    </div>
  );
}

export function CustomerDetails({ customer, consents, counter, banner, lead, top, rows, children, deletionNotice }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const language = i18n.language;
  const eraBesideBirthday = useShopSettings().wareki?.birthdays ?? false;

  const remove = async () => {
    setConfirming(false);
    await deleteCustomer(customer.id, counter.ctx);
    navigate('/', { replace: true });
    toast({
      message: t('customer.deleted', { name: customer.name }),
      action: { label: t('undo'), run: () => restoreCustomer(customer.id, counter.ctx) },
    });
  };

  const hasContact = customer.phones.length > 0 || customer.email || customer.handles.length > 0 || customer.address;
  const latestGrant = consents[0];

  return (
    <section className="card" aria-labelledby="customer-name">
      {banner}
      {lead}
      <header className="card__header">
        <div>
          <h1 id="customer-name" className="card__name">
            {customer.name}
          </h1>
          {customer.reading && (
            <p className="card__reading" lang="ja">
              {customer.reading}
            </p>
          )}
        </div>
        <div className="card__actions">
          <Link className="button" to={`/customers/${customer.id}/edit`}>
            {t('customer.edit')}
          </Link>
          <button type="button" className="button button--ghost button--danger-text" onClick={() => setConfirming(true)}>
            {t('customer.delete')}
          </button>
        </div>
      </header>
      {top}

      {customer.tags.length > 0 && (
        <ul className="tags" aria-label={t('customer.tags')}>
          {customer.tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
            </li>
          ))}
        </ul>
      )}

      {customer.about && <p className="card__about">{customer.about}</p>}

      <dl className="details">
        <div className="details__row">
          <dt>{t('customer.contact')}</dt>
          <dd>
            {!hasContact && <span className="muted">{t('customer.noContact')}</span>}
            <ul className="contact-list">
              {customer.phones.map((phone) => (
                <li key={phone}>
                  <a href={`tel:${phone}`} aria-label={t('customer.call', { phone: formatPhone(phone) })}>
                    {formatPhone(phone)}
                  </a>
                </li>
              ))}
              {customer.email && (
                <li>
                  <span className="contact-list__email">{customer.email}</span>
                </li>
              )}
              {customer.handles.map((handle) => (
                <li key={`${handle.kind}:${handle.value}`}>
                  {t(`customer.handleKinds.${handle.kind}`)}: {handle.value}
                </li>
              ))}
              {customer.address && <li className="pre-line">{customer.address}</li>}
            </ul>
          </dd>
        </div>
        {customer.birthday && (
          <div className="details__row">
            <dt>{t('customer.birthday')}</dt>
            <dd>
              {formatCalendarDate(customer.birthday, language)}
              {eraBesideBirthday && <EraYear date={customer.birthday} />}
            </dd>
          </div>
        )}
        {customer.memberNumber && (
          <div className="details__row">
            <dt>{t('customer.memberNumber')}</dt>
            <dd>{customer.memberNumber}</dd>
          </div>
        )}
        {customer.visitsBefore && <VisitsBeforeRow visitsBefore={customer.visitsBefore} language={language} />}
        <div className="details__row">
          <dt>{t('consent.legend')}</dt>
          <dd>
            {consents.length === 0 ? (
              <span className="muted">{t('consent.none')}</span>
            ) : (
              <>
                <span>
                  {t('consent.summary', {
                    channels: consents.map((c) => t(`consent.channel.${c.channel}`)).join(language === 'ja' ? '・' : ', '),
                  })}
                </span>
                {latestGrant && (
                  <span className="muted block">
                    {counter.nameOf(latestGrant.staffId)
                      ? t('consent.grantedBy', {
                          date: formatDate(latestGrant.grantedAt, language),
                          staff: counter.nameOf(latestGrant.staffId),
                        })
                      : t('consent.granted', { date: formatDate(latestGrant.grantedAt, language) })}
                    {' · '}
                    {t('consent.purposeVersion', { version: latestGrant.purposeVersion })}
                  </span>
                )}
              </>
            )}
          </dd>
        </div>
        {rows}
      </dl>
      <p className="muted small">{t('customer.since', { date: formatDate(customer.createdAt, language) })}</p>
      {children}

      <ConfirmDialog
        open={confirming}
        title={t('customer.deleteConfirmTitle', { name: customer.name })}
        body={deletionNotice ? `${t('customer.deleteConfirmBody')} ${deletionNotice}` : t('customer.deleteConfirmBody')}
        confirmLabel={t('customer.deleteConfirm')}
        cancelLabel={t('customer.cancel')}
        danger
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
