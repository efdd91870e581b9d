/**
 * Importing customers: choose a file, see how its columns were matched and its first rows, change
 * the matching if needed, import with a progress bar, then read what happened, line by line.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { joinSentences, useTranslation } from '../../i18n';
import { importCustomers, previewImport, type ImportPreview } from '../../db/import/import';
import type { Counter } from '../../hooks/useCounter';
import type { FieldError } from '../../lib/customer-input';
import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from '../../lib/import/columns';
import { ImportProgressBar, ImportStopped } from './ImportRunNotice';
import { importRun, subscribeToImportRun } from './import-run';
import { forgetImportRun, runImport, showImportReport } from './run-import';

export function ImportPanel({ counter }: { counter: Counter }) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | undefined>();
  const [preview, setPreview] = useState<ImportPreview | undefined>();
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [unreadable, setUnreadable] = useState(false);
  // The import outlives this screen (staff go back to the counter while it runs): its progress
  // and outcome are the page's, and shown here whenever this screen is open.
  const current = useSyncExternalStore(subscribeToImportRun, importRun);
  useEffect(showImportReport, []);
  const progress = current?.phase === 'running' ? current : undefined;
  const result = current?.phase === 'done' ? current.result : undefined;

  const choose = async (chosen: File | undefined) => {
    setFile(chosen);
    setPreview(undefined);
    forgetImportRun();
    setUnreadable(false);
    if (!chosen) return;
    try {
      const next = await previewImport(chosen);
      setPreview(next);
      setMapping(next.mapping);
    } catch {
      setUnreadable(true);
    }
  };

  const remap = (column: number, field: ImportField | null) => {
    const next = [...mapping];
    while (next.length <= column) next.push(null);
    next[column] = field;
    setMapping(next);
  };

  const run = async () => {
    if (!file) return;
    forgetImportRun();
    const csv = preview?.format === 'csv';
    const options = csv ? { ctx: counter.ctx, mapping, hasHeaders: preview.hasHeaders } : { ctx: counter.ctx };
    await runImport(file.name, (onProgress) => importCustomers(file, options, onProgress));
  };

  const reasons = (errors: readonly FieldError[]) =>
    errors.map((e) => `${fieldLabel(e.field)}: ${t(`errors.${e.code}`, { max: e.max })}`).join('; ');
  const fieldLabel = (field: string) => {
    const base = field.split('.')[0] ?? field;
    const known: Record<string, string> = {
      name: t('customer.name'),
      reading: t('customer.reading'),
      phones: t('customer.phone'),
      email: t('customer.email'),
      address: t('customer.address'),
      birthday: t('customer.birthday'),
      tags: t('customer.tags'),
      about: t('customer.about'),
    };
    const importField = IMPORT_FIELDS.find((f) => f === base);
    return known[base] ?? (importField ? t(`safety.import.fields.${importField}`) : base);
  };
  const mapsName = mapping.some((f) => f === 'name' || f === 'familyName' || f === 'givenName');

  return (
    <section className="panel" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('safety.import.heading')}</h2>
      <p className="muted small">{t('safety.import.intro')}</p>
      <div className="form">
        <div className="field">
          <label className="field__label" htmlFor="import-file">
            {t('safety.import.file')}
          </label>
          <input
            id="import-file"
            className="input input--file"
            type="file"
            accept=".csv,.tsv,.txt,.vcf,text/csv,text/vcard,text/x-vcard"
            aria-describedby="import-file-hint"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
          <p className="field__hint" id="import-file-hint">
            {t('safety.import.fileHint')}
          </p>
        </div>
        {unreadable && (
          <p className="form-alert" role="alert">
            {t('safety.import.failed')}
          </p>
        )}
        {preview && (
          <>
            <p className="muted small">
              {t('safety.import.detected', { format: preview.format === 'csv' ? 'CSV' : 'vCard', encoding: preview.encoding.toUpperCase() })}
            </p>
            {preview.format === 'csv' && (
              <fieldset className="fieldset">
                <legend>{t('safety.import.mapping')}</legend>
                <div className="grid grid--mapping">
                  {preview.headers.map((header, i) => (
                    <label key={i} className="field">
                      <span className="field__label">{t('safety.import.column', { n: i + 1, header })}</span>
                      <select
                        className="input select"
                        value={mapping[i] ?? ''}
                        onChange={(e) => remap(i, (e.target.value || null) as ImportField | null)}
                      >
                        <option value="">{t('safety.import.ignore')}</option>
                        {IMPORT_FIELDS.map((field) => (
                          <option key={field} value={field}>
                            {t(`safety.import.fields.${field}`)}
                          </option>
                        ))}
                      </select>
                    </label>
                  ))}
                </div>
                {!mapsName && <p className="field__error">{t('safety.import.noNameColumn')}</p>}
              </fieldset>
            )}
            <PreviewTable preview={preview} mapping={mapping} />
          </>
        )}
        {progress && <ImportProgressBar done={progress.done} total={progress.total} />}
        {current?.phase === 'failed' && (
          <p className="form-alert" role="alert">
            <ImportStopped failure={current.failure} file={current.file} />
          </p>
        )}
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={!file || progress !== undefined || (preview?.format === 'csv' && !mapsName)}
            onClick={() => void run()}
          >
            {t('safety.import.import')}
          </button>
        </div>
        <div role="status" className="import-result">
          {result && (
            <>
              <p>
                <strong>{t('safety.import.result', { count: result.imported })}</strong>
                {joinSentences(i18n.language, [
                  '',
                  result.updated > 0 && t('safety.import.updated', { count: result.updated }),
                  result.unchanged > 0 && t('safety.import.unchanged', { count: result.unchanged }),
                ])}
              </p>
              {result.bad.length > 0 && (
                <>
                  <h3 className="small">{t('safety.import.badHeading')}</h3>
                  <ul className="import-result__list">
                    {result.bad.map((bad) => (
                      <li key={bad.line}>
                        {t('safety.import.badLine', { line: bad.line, name: bad.name || t('safety.import.noName'), reasons: reasons(bad.errors) })}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {result.likelyDuplicates.length > 0 && (
                <>
                  <h3 className="small">{t('safety.import.likelyHeading')}</h3>
                  <ul className="import-result__list">
                    {result.likelyDuplicates.map((d) => (
                      <li key={d.line}>{t('safety.import.likelyLine', { line: d.line, name: d.name, existing: d.existingName })}</li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function PreviewTable({ preview, mapping }: { preview: ImportPreview; mapping: ColumnMapping }) {
  const { t } = useTranslation();
  const records = preview.format === 'csv' ? preview.sample.map((cells, i) => ({ cells, line: preview.records[i]?.line ?? i + 1 })) : [];
  if (preview.format === 'vcard') {
    return (
      <table className="preview-table">
        <caption>{t('safety.import.preview')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('safety.import.fields.name')}</th>
            <th scope="col">{t('safety.import.fields.reading')}</th>
            <th scope="col">{t('safety.import.fields.phone')}</th>
            <th scope="col">{t('safety.import.fields.email')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.records.map((r) => (
            <tr key={r.line}>
              <td>{r.name}</td>
              <td>{r.reading}</td>
              <td>{r.phones.join(', ')}</td>
              <td>{r.email}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <div className="preview-scroll">
      <table className="preview-table">
        <caption>{t('safety.import.preview')}</caption>
        <thead>
          <tr>
            {preview.headers.map((header, i) => (
              <th key={i} scope="col">
                {mapping[i] ? t(`safety.import.fields.${mapping[i]}`) : <span className="muted">{header}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {records.map(({ cells, line }) => (
            <tr key={line}>
              {preview.headers.map((_, i) => (
                <td key={i}>{cells[i]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
