/**
 * How a ledger entry reads, in the person's language: the same words on screen, on paper and in
 * the CSV file, so a police officer reading any of them sees the same record.
 */
import { useMemo } from 'react';
import { useTranslation } from '../../i18n';
import type { LedgerRow } from '../../db/ledger/queries';
import type { IdCheck, LedgerEntry } from '../../model/ledger-types';
import { useCounter } from '../../hooks/useCounter';
import { useShopSettings } from '../../hooks/useShopSettings';
import { formatDateTime } from '../../lib/format';
import type { ItemCategory } from '../../lib/kobutsu-rules';
import { entryNumber } from './drafts';

export interface LedgerText {
  date: (ms: number) => string;
  /** Whether the owner wants the era year (和暦) beside the ledger's dates on screen and paper. */
  eraBesideDates: boolean;
  kind: (entry: LedgerEntry) => string;
  category: (category: ItemCategory) => string;
  idCheck: (idCheck: IdCheck | undefined) => string;
  staff: (staffId: string | undefined) => string;
  /** Corrections, exemptions and consents that explain the row. */
  notes: (row: LedgerRow, numberOf: (id: string) => string) => string[];
}

export function useLedgerText(): LedgerText {
  const { t, i18n } = useTranslation();
  const { nameOf } = useCounter();
  const eraBesideDates = useShopSettings().wareki?.ledger ?? false;
  const language = i18n.language;
  return useMemo<LedgerText>(
    () => ({
      date: (ms) => formatDateTime(ms, language),
      eraBesideDates,
      kind: (entry) => t(`ledger.kinds.${entry.kind}`),
      category: (category) => t(`kobutsu.categories.${category}`),
      idCheck: (idCheck) => {
        if (!idCheck) return '';
        if (idCheck.method === 'id-document') {
          const document = idCheck.document === 'other-document' ? idCheck.detail : undefined;
          return document ?? (idCheck.document ? t(`kobutsu.documents.${idCheck.document}`) : t('kobutsu.methods.id-document'));
        }
        if (idCheck.method === 'other') return idCheck.detail ?? t('kobutsu.methods.other');
        return t(`kobutsu.methods.${idCheck.method}`);
      },
      staff: (staffId) => nameOf(staffId) ?? '',
      notes: ({ entry, correctedBy }, numberOf) => {
        const notes: string[] = [];
        if (entry.corrects) {
          notes.push(t('ledger.correction', { no: numberOf(entry.corrects), reason: entry.correctionReason ?? '' }));
        }
        if (correctedBy) notes.push(t('ledger.corrected', { no: numberOf(correctedBy) }));
        if (!entry.rule.required) notes.push(t('ledger.notRequired'));
        if (entry.guardian) {
          notes.push(
            t('ledger.guardian', {
              name: entry.guardian.name,
              method: t(`kobutsu.guardian.methods.${entry.guardian.method}`),
            }),
          );
        }
        if (entry.erasedAt) notes.push(t('ledger.erased'));
        return notes;
      },
    }),
    [t, language, nameOf, eraBesideDates],
  );
}

/** Entry numbers as people read them; ids outside the list are shortened the same way. */
export function numberOf(id: string): string {
  return entryNumber({ id });
}
