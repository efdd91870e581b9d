/**
 * The other party as the law asks for them (住所・氏名・職業・年齢), how their identity was
 * confirmed (確認方法) and, for a seller under 18, their guardian's consent.
 */
import { useTranslation } from '../../i18n';
import { Checkbox, SelectField, TextAreaField, TextField } from '../../components/Field';
import type { Staff } from '../../model/types';
import {
  GUARDIAN_METHODS,
  ID_DOCUMENTS,
  ID_METHODS,
  idCheckNeedsDetail,
  needsGuardianConsent,
  type GuardianMethod,
  type IdDocument,
  type IdMethod,
} from '../../lib/kobutsu-rules';
import { parseAge, type RecordDraft } from './drafts';

interface Props {
  kind: 'buy-in' | 'sale';
  record: RecordDraft;
  update: (patch: Partial<RecordDraft>) => void;
  errorFor: (field: string) => string | undefined;
  staff: readonly Staff[];
}

export function RecordFields({ kind, record, update, errorFor, staff }: Props) {
  const { t } = useTranslation();
  const age = parseAge(record.age);
  const minor = kind === 'buy-in' && age !== undefined && Number.isFinite(age) && needsGuardianConsent(age);
  return (
    <>
      <div className="grid grid--2">
        <TextField
          label={kind === 'buy-in' ? t('kobutsu.nameOnId') : t('kobutsu.buyerName')}
          value={record.name}
          onChange={(name) => update({ name })}
          error={errorFor('counterparty.name')}
          autoComplete="off"
        />
        <TextAreaField
          label={t('kobutsu.address')}
          value={record.address}
          onChange={(address) => update({ address })}
          error={errorFor('counterparty.address')}
          rows={2}
          autoComplete="off"
        />
        <TextField
          label={t('kobutsu.occupation')}
          value={record.occupation}
          onChange={(occupation) => update({ occupation })}
          error={errorFor('counterparty.occupation')}
          autoComplete="off"
        />
        <TextField
          label={t('kobutsu.age')}
          hint={t('kobutsu.ageHint')}
          value={record.age}
          onChange={(typed) => update({ age: typed })}
          error={errorFor('counterparty.age')}
          inputMode="numeric"
          autoComplete="off"
        />
      </div>
      {kind === 'buy-in' && <IdCheckFields record={record} update={update} errorFor={errorFor} staff={staff} />}
      {minor && <GuardianFields record={record} update={update} errorFor={errorFor} />}
    </>
  );
}

function IdCheckFields({ record, update, errorFor, staff }: Omit<Props, 'kind'>) {
  const { t } = useTranslation();
  const document = record.document || undefined;
  const needsDetail = idCheckNeedsDetail(record.method, document);
  return (
    <div className="grid grid--2">
      <SelectField<IdMethod>
        label={t('kobutsu.method')}
        value={record.method}
        options={ID_METHODS.map((method) => ({ value: method, label: t(`kobutsu.methods.${method}`) }))}
        onChange={(method) => update({ method })}
        error={errorFor('idCheck.method')}
      />
      {record.method === 'id-document' && (
        <SelectField<IdDocument | ''>
          label={t('kobutsu.document')}
          value={record.document}
          options={[
            { value: '', label: t('kobutsu.chooseDocument') },
            ...ID_DOCUMENTS.map((doc) => ({ value: doc, label: t(`kobutsu.documents.${doc}`) })),
          ]}
          onChange={(doc) => update({ document: doc })}
          error={errorFor('idCheck.document')}
          hint={record.document === 'my-number-card' ? t('kobutsu.myNumberNote') : undefined}
        />
      )}
      {needsDetail && (
        <TextField
          label={record.method === 'other' ? t('kobutsu.methodDetail') : t('kobutsu.documentDetail')}
          value={record.detail}
          onChange={(detail) => update({ detail })}
          error={errorFor('idCheck.detail')}
          autoComplete="off"
        />
      )}
      <SelectField<string>
        label={t('kobutsu.checkedBy')}
        value={record.checkedBy}
        options={staff.map((s) => ({ value: s.id, label: s.name }))}
        onChange={(checkedBy) => update({ checkedBy })}
        error={errorFor('idCheck.checkedBy')}
      />
    </div>
  );
}

function GuardianFields({ record, update, errorFor }: Omit<Props, 'kind' | 'staff'>) {
  const { t } = useTranslation();
  const error = errorFor('guardian');
  return (
    <fieldset className={`fieldset fieldset--warning${error ? ' fieldset--invalid' : ''}`}>
      <legend>{t('kobutsu.guardian.legend')}</legend>
      <p className="small">{t('kobutsu.guardian.intro')}</p>
      <Checkbox
        label={t('kobutsu.guardian.consented')}
        checked={record.guardianConsents}
        onChange={(guardianConsents) => update({ guardianConsents })}
      />
      {error && <p className="field__error">{error}</p>}
      {record.guardianConsents && (
        <div className="grid grid--2">
          <TextField
            label={t('kobutsu.guardian.name')}
            hint={t('kobutsu.guardian.nameHint')}
            value={record.guardianName}
            onChange={(guardianName) => update({ guardianName })}
            error={errorFor('guardian.name')}
            autoComplete="off"
          />
          <SelectField<GuardianMethod>
            label={t('kobutsu.guardian.method')}
            value={record.guardianMethod}
            options={GUARDIAN_METHODS.map((method) => ({ value: method, label: t(`kobutsu.guardian.methods.${method}`) }))}
            onChange={(guardianMethod) => update({ guardianMethod })}
          />
        </div>
      )}
    </fieldset>
  );
}
