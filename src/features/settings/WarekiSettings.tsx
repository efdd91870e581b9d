/** Where the owner wants the Japanese era (和暦) beside dates: birthdays, the 古物台帳. */
import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { Checkbox } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { saveSetting } from '../../db/settings';
import type { WriteContext } from '../../db/write-context';
import type { WarekiDisplay } from '../../model/types';
import { eraYearOfIsoDate } from '../../lib/wareki';

const NOWHERE: WarekiDisplay = { birthdays: false, ledger: false };

export function WarekiSettings({
  wareki = NOWHERE,
  ctx,
}: {
  wareki?: WarekiDisplay;
  ctx: WriteContext;
}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>();
  const set = async (patch: Partial<WarekiDisplay>) => {
    setFailure(undefined);
    try {
      await saveSetting('wareki', { ...wareki, ...patch }, ctx);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="panel" aria-labelledby="wareki-heading">
      <h2 id="wareki-heading">{t('settings.wareki.heading')}</h2>
      <p className="muted small">
        {t('settings.wareki.hint', { example: eraYearOfIsoDate('1985-04-12') ?? '' })}
      </p>
      <Checkbox
        label={t('settings.wareki.birthdays')}
        checked={wareki.birthdays}
        onChange={(birthdays) => void set({ birthdays })}
      />
      <Checkbox
        label={t('settings.wareki.ledger')}
        checked={wareki.ledger}
        onChange={(ledger) => void set({ ledger })}
      />
      <FormAlert failure={failure} />
    </section>
  );
}
