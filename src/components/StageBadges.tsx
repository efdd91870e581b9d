/**
 * A customer's stage as words, never as colour alone: "Regular", and "Referrer" beside it when
 * they brought someone. Colour and a small mark only help the eye find it.
 */
import { useTranslation } from '../i18n';
import type { Stage } from '../lib/stages';

const MARKS = {
  none: '○',
  'first-time': '◔',
  occasional: '◑',
  regular: '●',
  lapsed: '◌',
} as const;

export function StageBadges({ stage, small }: { stage: Stage; small?: boolean }) {
  const { t } = useTranslation();
  const size = small ? ' stage--small' : '';
  return (
    <span className="stages">
      {/* The label sits in its own element so it reads (and is found) as exactly "Regular". */}
      <span className={`stage stage--${stage.visit}${size}`}>
        <span aria-hidden="true">{MARKS[stage.visit]} </span>
        <span>{t(`stage.${stage.visit}`)}</span>
      </span>
      {stage.referrer && (
        <span className={`stage stage--referrer${size}`}>
          <span aria-hidden="true">★ </span>
          <span>{t('stage.referrer')}</span>
        </span>
      )}
    </span>
  );
}
