/**
 * Route guard for owner-only screens (settings, a customer's data export). Staff who type the
 * address see why they cannot go on, and with PINs set an owner can unlock right there. The data
 * functions behind these screens check the role again (src/db/roles.ts).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyPinForm as PinForm } from '../components/LazyPinForm';
import { useCounter } from '../hooks/useCounter';

export function OwnerOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const counter = useCounter();
  if (counter.loading) return <p className="muted">{t('app.loading')}</p>;
  if (counter.isOwner) return children;
  const owners = counter.staff.filter((s) => s.role === 'owner' && s.pin);
  return (
    <section className="page" aria-labelledby="owner-only-heading">
      <h1 id="owner-only-heading">{t('safety.ownerOnly.heading')}</h1>
      <p>{t('safety.ownerOnly.body')}</p>
      {counter.pinsRequired && owners.length > 0 ? (
        <section className="panel">
          <h2>{t('safety.ownerOnly.unlockAsOwner')}</h2>
          <PinForm people={owners} onUnlock={counter.unlock} />
        </section>
      ) : (
        <p className="muted">{t('safety.ownerOnly.chooseOwner')}</p>
      )}
    </section>
  );
}
