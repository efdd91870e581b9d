/**
 * A card's personal-data actions: stop every message (anyone at the counter may record a
 * customer's request), health-note consent, and for owners the export of everything held and
 * the deletion of personal data.
 */
import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import { exportCustomerVCard } from '../../db/privacy/exports';
import { deletePersonalData, grantHealthConsent, hasHealthConsent, withdrawAllConsent, withdrawHealthConsent } from '../../db/privacy/personal-data';
import type { Consent, Customer } from '../../model/types';
import type { Counter } from '../../hooks/useCounter';
import { downloadFile } from '../../lib/download';
import { removeDraftsMentioning } from '../../lib/drafts';
import { formatDate } from '../../lib/format';
import { downloadCustomerData } from './download-customer-data';

type Asking = 'withdraw' | 'delete' | undefined;

export function CustomerPrivacyPanel({ customer, consents, counter }: { customer: Customer; consents: readonly Consent[]; counter: Counter }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const toast = useToast();
  const [asking, setAsking] = useState<Asking>();
  const [failure, setFailure] = useState<unknown>();
  const attempt = (action: () => Promise<void>) => {
    setFailure(undefined);
    action().catch(setFailure);
  };
  const health = hasHealthConsent(customer);

  return (
    <section className="panel privacy" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t('safety.privacy.heading')}</h2>
      <p className="small">
        {health
          ? t('safety.privacy.healthGranted', { date: formatDate(customer.healthConsent!.grantedAt, i18n.language) })
          : t('safety.privacy.healthNone')}
      </p>
      <div className="actions actions--wrap">
        {health ? (
          <button type="button" className="button button--ghost" onClick={() => attempt(() => withdrawHealthConsent(customer.id, counter.ctx))}>
            {t('safety.privacy.withdrawHealthConsent')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--ghost"
            title={t('safety.privacy.healthPurpose')}
            onClick={() => attempt(() => grantHealthConsent(customer.id, t('safety.privacy.healthPurpose'), 'in-person', counter.ctx))}
          >
            {t('safety.privacy.recordHealthConsent')}
          </button>
        )}
        {consents.length > 0 && (
          <button type="button" className="button button--ghost button--danger-text" onClick={() => setAsking('withdraw')}>
            {t('safety.privacy.withdraw')}
          </button>
        )}
      </div>
      {counter.isOwner && (
        <div className="actions actions--wrap">
          <button
            type="button"
            className="button"
            onClick={() =>
              attempt(async () => {
                await downloadCustomerData(customer.id, counter.ctx);
                navigate(`/customers/${customer.id}/data`);
              })
            }
          >
            {t('safety.privacy.exportData')}
          </button>
          <button
            type="button"
            className="button button--ghost"
            onClick={() =>
              attempt(async () => {
                const file = await exportCustomerVCard(customer.id, counter.ctx);
                downloadFile(file.fileName, file.bytes, file.mimeType);
              })
            }
          >
            {t('safety.privacy.exportVCard')}
          </button>
          <button type="button" className="button button--ghost button--danger-text" onClick={() => setAsking('delete')}>
            {t('safety.privacy.deleteData')}
          </button>
        </div>
      )}
      <FormAlert failure={failure} />
      <ConfirmDialog
        open={asking === 'withdraw'}
        title={t('safety.privacy.withdrawTitle', { name: customer.name })}
        body={t('safety.privacy.withdrawBody')}
        confirmLabel={t('safety.privacy.withdrawConfirm')}
        cancelLabel={t('customer.cancel')}
        danger
        onConfirm={() => {
          setAsking(undefined);
          attempt(async () => {
            await withdrawAllConsent(customer.id, counter.ctx);
            toast({ message: t('safety.privacy.withdrawn', { name: customer.name }) });
          });
        }}
        onCancel={() => setAsking(undefined)}
      />
      <ConfirmDialog
        open={asking === 'delete'}
        title={t('safety.privacy.deleteTitle', { name: customer.name })}
        body={t('safety.privacy.deleteBody')}
        confirmLabel={t('safety.privacy.deleteConfirm')}
        cancelLabel={t('customer.cancel')}
        danger
        onConfirm={() => {
          setAsking(undefined);
          attempt(async () => {
            await deletePersonalData(customer.id, counter.ctx);
            // Half-typed notes or edits about them on this device go too (drafts name the card).
            removeDraftsMentioning(customer.id);
            navigate('/', { replace: true });
            toast({ message: t('safety.privacy.deleted') });
          });
        }}
        onCancel={() => setAsking(undefined)}
      />
    </section>
  );
}
