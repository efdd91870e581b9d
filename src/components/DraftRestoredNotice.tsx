/**
 * Tells the person that a form opened with changes they typed earlier and never saved (kept as a
 * draft through a reload or an update), and lets them go back to what is stored.
 */
import { useTranslation } from '../i18n';

export function DraftRestoredNotice({ onDiscard }: { onDiscard: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice draft-notice" role="status">
      <p>{t('draft.restored')}</p>
      <button type="button" className="button button--small button--ghost" onClick={onDiscard}>
        {t('draft.discard')}
      </button>
    </div>
  );
}
