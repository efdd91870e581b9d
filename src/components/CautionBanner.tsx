/**
 * The caution flag as every member of staff sees it: the word "Caution", a warning mark, the level
 * when it refuses something (買取お断り, 来店お断り) with what that stops, and the reason; on a
 * card, on the appraisal and sale screens, and in search results. Not colour alone: the words and
 * the mark carry it.
 */
import { useTranslation } from '../i18n';
import { blocksBuyIns, cautionLevelOf, stopsFollowUps } from '../lib/refusal';
import type { CautionFlag } from '../model/types';

export function CautionBanner({ caution, detail }: { caution: CautionFlag; detail?: string }) {
  const { t } = useTranslation();
  const level = cautionLevelOf(caution) ?? 'caution';
  return (
    <div className={`caution caution--${level}`} role="note" aria-label={t('caution.banner')}>
      <span className="caution__mark" aria-hidden="true">
        ⚠
      </span>
      <div>
        <strong className="caution__title">
          {t('caution.banner')}
          {level !== 'caution' && <>: {t(`caution.levels.${level}`)}</>}
        </strong>
        <p className="caution__reason">{caution.reason}</p>
        {(stopsFollowUps(level) || blocksBuyIns(level)) && (
          <p className="caution__stops small">
            {blocksBuyIns(level) && t('caution.blocksBuyIns')}{' '}
            {stopsFollowUps(level) && t('caution.stopsFollowUps')}
          </p>
        )}
        {detail && <p className="caution__detail small">{detail}</p>}
      </div>
    </div>
  );
}

/** The one-line form for lists, where the whole row is a link. */
export function CautionTag({ caution }: { caution: CautionFlag }) {
  const { t } = useTranslation();
  const level = cautionLevelOf(caution) ?? 'caution';
  return (
    <span className="caution-tag">
      <span aria-hidden="true">⚠ </span>
      <strong>
        {t('caution.banner')}
        {level !== 'caution' && <> ({t(`caution.levels.${level}`)})</>}
      </strong>
      <span className="caution-tag__reason">: {caution.reason}</span>
    </span>
  );
}
