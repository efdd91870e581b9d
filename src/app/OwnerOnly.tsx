/**
 * Route guard for owner-only screens (settings, a customer's data export). Staff who type the
 * address see why they cannot go on, and with PINs set an owner can unlock right there. The data
 * functions behind these screens check the role again (src/db/staff/roles.ts).
 */
import type { ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { LazyPinForm as PinForm } from '../components/LazyPinForm';
import { useCounter } from '../hooks/useCounter';

interface Props {
  children: ReactNode;
  /** A part of a screen (its heading is then a level-2 heading) rather than a whole screen. */
  section?: boolean;
}

export function OwnerOnly({ children, section = false }: Props) {
  const { t } = useTranslation();
  const counter = useCounter();
  if (counter.loading) return <p className="muted">{t('app.loading')}</p>;
  if (counter.isOwner) return children;
  const owners = counter.staff.filter((s) => s.role === 'owner' && s.pin);
  const Heading = section ? 'h2' : 'h1';
  return (
    <section className={section ? 'panel' : 'page'} aria-labelledby="owner-only-heading">
      <Heading id="owner-only-heading">{t('safety.ownerOnly.heading')}</Heading>
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
