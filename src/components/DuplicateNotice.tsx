/** "Possibly already in the ledger": the likely duplicates, each with why and a way to open it. */
import type { ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { Link } from 'react-router';
import type { DuplicateCandidate } from '../db/privacy/merge-customers';

interface Props {
  candidates: readonly DuplicateCandidate[];
  /** Extra action per candidate (the card offers "Merge"). */
  action?: (candidate: DuplicateCandidate) => ReactNode;
}

export function DuplicateNotice({ candidates, action }: Props) {
  const { t } = useTranslation();
  if (candidates.length === 0) return null;
  return (
    <aside className="duplicate-notice" aria-label={t('safety.duplicates.notice', { count: candidates.length })}>
      <p className="small">
        <strong>{t('safety.duplicates.notice', { count: candidates.length })}</strong>
      </p>
      <ul className="duplicate-notice__list">
        {candidates.slice(0, 5).map((candidate) => (
          <li key={candidate.customer.id} className="row row--wrap">
            <Link to={`/customers/${candidate.customer.id}`} aria-label={t('safety.duplicates.open', { name: candidate.customer.name })}>
              {candidate.customer.name}
            </Link>
            <span className="muted small">{t(`safety.duplicates.reasons.${candidate.reason}`)}</span>
            {action?.(candidate)}
          </li>
        ))}
      </ul>
    </aside>
  );
}
