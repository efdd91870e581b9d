/**
 * The Japanese era year written beside a date ("（昭和60年）"), where the owner chose to show it
 * (Settings → 和暦). Always in Japanese: it is how the era is written, whatever the screen's language.
 */
import { eraYearOfIsoDate, eraYearOfMoment } from '../lib/wareki';

export function EraYear({ date }: { date: string | number }) {
  const era = typeof date === 'number' ? eraYearOfMoment(date) : eraYearOfIsoDate(date);
  if (!era) return null;
  return (
    <span className="era-year" lang="ja">
      （{era}）
    </span>
  );
}
