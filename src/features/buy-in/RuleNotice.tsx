import { useTranslation } from '../../i18n';
import { formatYen } from '../../lib/format';
import { RECORD_THRESHOLD_YEN, type RecordRuleOutcome } from '../../lib/kobutsu-rules';

interface Props {
  kind: 'buy-in' | 'sale';
  outcome: RecordRuleOutcome;
  /** Nothing is being bought yet (no item accepted). */
  nothing?: boolean;
  /** The heading of the section it speaks for. */
  labelledBy: string;
}

/** Says, before saving, which of the law's rules applies to what is on the form. */
export function RuleNotice({ kind, outcome, nothing, labelledBy }: Props) {
  const { t, i18n } = useTranslation();
  const threshold = formatYen(RECORD_THRESHOLD_YEN, i18n.language);
  const categories = outcome.categories
    .map((category) => t(`kobutsu.categories.${category}`))
    .join(i18n.language === 'ja' ? '・' : ', ');
  const lines: string[] = [];
  if (kind === 'sale') {
    lines.push(outcome.required ? t('kobutsu.rule.saleRequired', { categories }) : t('kobutsu.rule.saleOptional'));
  } else if (nothing) {
    lines.push(t('kobutsu.rule.nothingAccepted'));
  } else {
    if (outcome.byTotal) lines.push(t('kobutsu.rule.byTotal', { threshold }));
    if (outcome.categories.length > 0) lines.push(t('kobutsu.rule.categories', { categories }));
    if (!outcome.required) lines.push(t('kobutsu.rule.optional', { threshold }));
  }
  return (
    <div className={`rule-notice${outcome.required ? ' rule-notice--required' : ''}`} role="status" aria-live="polite" aria-labelledby={labelledBy}>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
