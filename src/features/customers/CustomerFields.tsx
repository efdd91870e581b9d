/** The inputs of a customer card; quick capture shows only the essentials. */
import { useTranslation } from '../../i18n';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { HANDLE_KINDS } from '../../model/types';
import { LIMITS } from '../../lib/customer-input';
import { formatCalendarDate } from '../../lib/format';
import { eraYearOfIsoDate, parseBirthday } from '../../lib/wareki';
import type { CustomerDraft } from './customer-draft';
import { ReferredByField } from './ReferredByField';

interface Props {
  draft: CustomerDraft;
  update: (patch: Partial<CustomerDraft>) => void;
  errorFor: (field: string) => string | undefined;
  variant: 'essentials' | 'full';
  autoFocusName?: boolean;
  /** The card being edited, so it is not offered as its own referrer. */
  customerId?: string;
}

export function CustomerFields({ draft, update, errorFor, variant, autoFocusName, customerId }: Props) {
  const { t, i18n } = useTranslation();
  const full = variant === 'full';
  const phones = full ? draft.phones : draft.phones.slice(0, 1);
  // Typed as staff write it (S60.4.12, 昭和60年4月12日, 4/12): say how it will be read.
  const birthdayHint = (typed: string): string => {
    const parsed = parseBirthday(typed);
    if (parsed.ok && parsed.value) {
      const era = eraYearOfIsoDate(parsed.value);
      const date = formatCalendarDate(parsed.value, i18n.language);
      return t('customer.birthdayReadsAs', { date: era ? `${date}（${era}）` : date });
    }
    if (!parsed.ok && parsed.suggestion) return t('customer.birthdayEraSuggestion', { suggestion: parsed.suggestion });
    return t('customer.birthdayHint');
  };
  const setPhone = (index: number, value: string) =>
    update({ phones: draft.phones.map((p, i) => (i === index ? value : p)) });

  return (
    <>
      <div className="grid grid--2">
        <TextField
          label={t('customer.name')}
          value={draft.name}
          onChange={(name) => update({ name })}
          error={errorFor('name')}
          hint={full ? t('customer.nameHint') : undefined}
          autoComplete="off"
          autoFocus={autoFocusName}
          required
          aria-required="true"
        />
        <TextField
          label={t('customer.reading')}
          value={draft.reading}
          onChange={(reading) => update({ reading })}
          error={errorFor('reading')}
          hint={t('customer.readingHint')}
          autoComplete="off"
          lang="ja"
        />
      </div>
      <div className="grid grid--2">
        <div className="stack">
          {phones.map((phone, index) => (
            <div key={index} className="row row--end">
              <TextField
                className="grow"
                label={index === 0 ? t('customer.phone') : t('customer.phoneN', { n: index + 1 })}
                value={phone}
                onChange={(value) => setPhone(index, value)}
                error={errorFor(`phones.${index}`)}
                type="tel"
                inputMode="tel"
                autoComplete="off"
              />
              {index > 0 && (
                <button
                  type="button"
                  className="button button--icon"
                  aria-label={t('customer.removePhone', { n: index + 1 })}
                  onClick={() => update({ phones: draft.phones.filter((_, i) => i !== index) })}
                >
                  ×
                </button>
              )}
            </div>
          ))}
          {full && draft.phones.length < LIMITS.phones && (
            <button type="button" className="button button--ghost" onClick={() => update({ phones: [...draft.phones, ''] })}>
              <span aria-hidden="true">+ </span>
              {t('customer.addPhone')}
            </button>
          )}
        </div>
        <TextField
          label={t('customer.email')}
          value={draft.email}
          onChange={(email) => update({ email })}
          error={errorFor('email')}
          type="email"
          inputMode="email"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
        />
      </div>
      <ReferredByField
        value={draft.referredBy}
        text={draft.referredByName}
        onChange={update}
        excludeId={customerId}
        error={errorFor('referredBy')}
      />
      {full && (
        <>
          <div className="grid grid--handle">
            <SelectField
              label={t('customer.handleKind')}
              value={draft.handleKind}
              options={HANDLE_KINDS.map((kind) => ({ value: kind, label: t(`customer.handleKinds.${kind}`) }))}
              onChange={(handleKind) => update({ handleKind })}
            />
            <TextField
              label={t('customer.handle')}
              value={draft.handle}
              onChange={(handle) => update({ handle })}
              error={errorFor('handles.0.value')}
              autoComplete="off"
              autoCapitalize="off"
            />
          </div>
          <TextAreaField
            label={t('customer.address')}
            value={draft.address}
            onChange={(address) => update({ address })}
            error={errorFor('address')}
            rows={2}
            autoComplete="off"
          />
          <div className="grid grid--2">
            <TextField
              label={t('customer.birthday')}
              value={draft.birthday}
              onChange={(birthday) => update({ birthday })}
              error={errorFor('birthday')}
              hint={birthdayHint(draft.birthday)}
              autoComplete="off"
            />
            <TextField
              label={t('customer.tags')}
              value={draft.tags}
              onChange={(tags) => update({ tags })}
              error={errorFor('tags')}
              hint={t('customer.tagsHint')}
              autoComplete="off"
            />
          </div>
          <TextField
            label={t('customer.memberNumber')}
            value={draft.memberNumber ?? ''}
            onChange={(memberNumber) => update({ memberNumber })}
            error={errorFor('memberNumber')}
            hint={t('customer.memberNumberHint')}
            autoComplete="off"
            autoCapitalize="off"
          />
          <TextAreaField
            label={t('customer.about')}
            value={draft.about}
            onChange={(about) => update({ about })}
            error={errorFor('about')}
            hint={t('customer.aboutHint')}
            rows={4}
          />
        </>
      )}
    </>
  );
}
