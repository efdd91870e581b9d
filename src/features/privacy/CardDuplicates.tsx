/** On a card: other cards that look like the same person, with "Merge into this card" and undo. */
import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DuplicateNotice } from '../../components/DuplicateNotice';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import { mergeCustomers, undoMerge } from '../../db/privacy/merge-customers';
import type { Customer } from '../../model/types';
import type { Counter } from '../../hooks/useCounter';
import { useLikelyDuplicates } from '../../hooks/useLikelyDuplicates';

export function CardDuplicates({ customer, counter }: { customer: Customer; counter: Counter }) {
  const { t } = useTranslation();
  const toast = useToast();
  const candidates = useLikelyDuplicates(customer, customer.id);
  const [merging, setMerging] = useState<Customer | undefined>();
  const [failure, setFailure] = useState<unknown>();

  const merge = async (other: Customer) => {
    setMerging(undefined);
    setFailure(undefined);
    try {
      const undo = await mergeCustomers(customer.id, other.id, counter.ctx);
      toast({
        message: t('safety.duplicates.merged', { other: other.name }),
        action: { label: t('undo'), run: () => undoMerge(undo, counter.ctx) },
      });
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <>
      <DuplicateNotice
        candidates={candidates}
        action={(candidate) => (
          <button type="button" className="button button--small" onClick={() => setMerging(candidate.customer)}>
            {t('safety.duplicates.merge', { name: candidate.customer.name })}
          </button>
        )}
      />
      <FormAlert failure={failure} />
      <ConfirmDialog
        open={merging !== undefined}
        title={t('safety.duplicates.mergeTitle', { other: merging?.name ?? '', name: customer.name })}
        body={t('safety.duplicates.mergeBody', { other: merging?.name ?? '' })}
        confirmLabel={t('safety.duplicates.mergeConfirm')}
        cancelLabel={t('customer.cancel')}
        onConfirm={() => merging && void merge(merging)}
        onCancel={() => setMerging(undefined)}
      />
    </>
  );
}
