/**
 * The caution flag as every member of staff sees it: the word "Caution", a warning mark and the
 * reason, on a card and in search results. Not colour alone: the word and the mark carry it.
 */
import { useTranslation } from '../i18n';
import type { CautionFlag } from '../model/types';

export function CautionBanner({ caution, detail }: { caution: CautionFlag; detail?: string }) {
  const { t } = useTranslation();
  return (
    <div className="caution" role="note" aria-label={t('caution.banner')}>
      <span className="caution__mark" aria-hidden="true">
        ⚠
      </span>
      <div>
        <strong className="caution__title">{t('caution.banner')}</strong>
        <p className="caution__reason">{caution.reason}</p>
        {detail && <p className="caution__detail small">{detail}</p>}
      </div>
    </div>
  );
}

/** The one-line form for lists, where the whole row is a link. */
export function CautionTag({ caution }: { caution: CautionFlag }) {
  const { t } = useTranslation();
  return (
    <span className="caution-tag">
      <span aria-hidden="true">⚠ </span>
      <strong>{t('caution.banner')}</strong>
      <span className="caution-tag__reason">: {caution.reason}</span>
    </span>
  );
}
