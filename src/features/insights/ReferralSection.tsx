import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import type { ReferralForest, ReferralNode } from '../../lib/insights/referrals';

/** Trees shown before "Show all": the largest, enough for a phone's screen. */
const SHOWN = 10;

function Branch({ node }: { node: ReferralNode }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link to={`/customers/${node.id}`}>{node.name || '—'}</Link>
      {node.descendants > 0 && (
        <span className="muted">
          {' '}
          ({t('insights.referrals.brought', { count: node.descendants })})
        </span>
      )}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <Branch key={child.id} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * Who brought whom, as nested lists (a tree a screen reader announces level by level, and that
 * prints as it shows), each name a way to the card.
 */
export function ReferralSection({ forest }: { forest: ReferralForest }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const trees = all ? forest.trees : forest.trees.slice(0, SHOWN);
  return (
    <section className="panel insights__section" aria-labelledby="insights-referrals">
      <h2 id="insights-referrals">{t('insights.referrals.heading')}</h2>
      {forest.trees.length === 0 ? (
        <p className="muted">{t('insights.referrals.none')}</p>
      ) : (
        <>
          <p>
            {t('insights.referrals.summary', {
              referrers: forest.referrers,
              referred: forest.referred,
              chains: forest.chains,
              deepest: forest.deepest,
            })}
          </p>
          <ul className="insights__tree">
            {trees.map((tree) => (
              <Branch key={tree.id} node={tree} />
            ))}
          </ul>
          {!all && forest.trees.length > SHOWN && (
            <button type="button" className="button no-print" onClick={() => setAll(true)}>
              {t('insights.referrals.showAll', { count: forest.trees.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
