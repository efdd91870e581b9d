/** Customers or visits as a CSV file for Excel (UTF-8 with BOM, or Shift_JIS for older software). */
import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { SelectField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import { exportCsv } from '../../db/privacy/exports';
import type { Counter } from '../../hooks/useCounter';
import { CUSTOMER_COLUMNS, VISIT_COLUMNS, type CsvEncoding } from '../../lib/csv-export';
import { downloadFile } from '../../lib/download';

export function CsvExportPanel({ counter }: { counter: Counter }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [what, setWhat] = useState<'customers' | 'visits'>('customers');
  const [encoding, setEncoding] = useState<CsvEncoding>('utf-8');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const run = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const header = (key: string) => t(`safety.csv.headers.${key as 'name'}`);
      const file = await exportCsv(counter.ctx, {
        what,
        encoding,
        customerHeaders: Object.fromEntries(CUSTOMER_COLUMNS.map((c) => [c, header(c)])) as Record<(typeof CUSTOMER_COLUMNS)[number], string>,
        visitHeaders: Object.fromEntries(VISIT_COLUMNS.map((c) => [c, header(c)])) as Record<(typeof VISIT_COLUMNS)[number], string>,
        kindLabel: (kind) => t(`visit.kinds.${kind}`),
      });
      downloadFile(file.fileName, file.bytes, file.mimeType);
      toast({ message: t('safety.csv.exported', { file: file.fileName, count: file.rows }) });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="csv-heading">
      <h2 id="csv-heading">{t('safety.csv.heading')}</h2>
      <div className="grid grid--2">
        <SelectField
          label={t('safety.csv.what')}
          value={what}
          options={[
            { value: 'customers', label: t('safety.csv.customers') },
            { value: 'visits', label: t('safety.csv.visits') },
          ]}
          onChange={setWhat}
        />
        <SelectField
          label={t('safety.csv.encoding')}
          value={encoding}
          options={[
            { value: 'utf-8', label: t('safety.csv.utf8') },
            { value: 'shift_jis', label: t('safety.csv.sjis') },
          ]}
          onChange={setEncoding}
        />
      </div>
      <FormAlert failure={failure} />
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void run()}>
          {t('safety.csv.export')}
        </button>
      </div>
    </section>
  );
}
