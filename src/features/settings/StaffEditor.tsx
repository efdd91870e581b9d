import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { addStaff, removeStaff, renameStaff } from '../../db/staff/staff';
import type { Staff, StaffRole } from '../../model/types';
import type { Counter } from '../../hooks/useCounter';
import { useDraft } from '../../hooks/useDraft';

export function StaffEditor({ counter }: { counter: Counter }) {
  const { t } = useTranslation();
  const [draft, update, clearDraft] = useDraft<{ name: string; role: StaffRole }>('new-staff', {
    name: '',
    role: 'staff',
  });
  const { name, role } = draft;
  const [failure, setFailure] = useState<unknown>();

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setFailure(undefined);
    try {
      await addStaff(name, role, counter.ctx);
      clearDraft();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className="panel" aria-labelledby="staff-heading">
      <h2 id="staff-heading">{t('settings.staff')}</h2>
      <p className="muted small">{t('settings.staffHint')}</p>
      <ul className="staff-list">
        {counter.staff.map((s) => (
          <StaffRow key={s.id} staff={s} counter={counter} canRemove={counter.staff.length > 1} onFailure={setFailure} />
        ))}
      </ul>
      <form className="row row--end row--wrap" onSubmit={(e) => void add(e)}>
        <TextField
          className="grow"
          label={t('settings.newStaff')}
          value={name}
          onChange={(text) => update({ name: text })}
          autoComplete="off"
        />
        <SelectField
          label={t('settings.role')}
          value={role}
          options={(['staff', 'owner'] as const).map((r) => ({ value: r, label: t(`settings.roles.${r}`) }))}
          onChange={(next) => update({ role: next })}
        />
        <button type="submit" className="button">
          {t('settings.addStaff')}
        </button>
      </form>
      <FormAlert failure={failure} />
    </section>
  );
}

interface StaffRowProps {
  staff: Staff;
  counter: Counter;
  canRemove: boolean;
  onFailure: (error: unknown) => void;
}

function StaffRow({ staff, counter, canRemove, onFailure }: StaffRowProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(staff.name);
  const commit = () => {
    if (name.trim() && name.trim() !== staff.name) renameStaff(staff.id, name, counter.ctx).catch(onFailure);
    else setName(staff.name);
  };
  return (
    <li className="row row--end">
      <TextField
        className="grow"
        label={t('settings.renameStaff', { name: staff.name })}
        value={name}
        onChange={setName}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      <span className="badge">{t(`settings.roles.${staff.role}`)}</span>
      {canRemove && (
        <button
          type="button"
          className="button button--ghost button--danger-text"
          onClick={() => {
            onFailure(undefined);
            removeStaff(staff.id, counter.ctx).catch(onFailure);
          }}
        >
          {t('settings.removeStaff', { name: staff.name })}
        </button>
      )}
    </li>
  );
}
