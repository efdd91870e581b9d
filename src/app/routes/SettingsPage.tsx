/**
 * Settings, in sections with addresses of their own (/settings/sync, /settings/backup, …) and a
 * short index of them, beside the content on a tablet and above it on a phone. /settings itself
 * keeps what an owner does there most (sync, backup, import, export) under the device's own
 * settings, so a tap on "Settings" still reaches them at once. The device's section is for anyone
 * at the counter; the shop's are for owners only, and the index says which.
 */
import type { ComponentType } from 'react';
import { Link, NavLink, useParams } from 'react-router';
import { useTranslation } from '../../i18n';
import {
  AboutPanel,
  AuditSettings,
  BackupSettings,
  DeviceSettings,
  ExportSettings,
  FollowUpRulesSettings,
  ImportSettings,
  MessageSettings,
  QuickNotesSettings,
  ShopSettings,
  StaffSettings,
  StageSettings,
} from '../../features/settings/SettingsPage';
import { SyncSettings } from '../../features/sync/SyncSettings';
import { useCounter } from '../../hooks/useCounter';
import { OwnerOnly } from '../OwnerOnly';

type SectionId =
  | 'device'
  | 'sync'
  | 'backup'
  | 'import'
  | 'export'
  | 'staff'
  | 'shop'
  | 'quick-notes'
  | 'stages'
  | 'follow-ups'
  | 'messages'
  | 'ledger-rules'
  | 'audit';

interface Section {
  id: SectionId;
  /** Another screen's address, for a section that lives with its feature. */
  href?: string;
  ownerOnly: boolean;
  Content?: ComponentType;
}

/** In the order the index lists them: the shop's daily tasks first, then its set-up. */
export const SETTINGS_SECTIONS: readonly Section[] = [
  { id: 'device', ownerOnly: false, Content: DeviceSettings },
  { id: 'sync', ownerOnly: true, Content: SyncSettings },
  { id: 'backup', ownerOnly: true, Content: BackupSettings },
  { id: 'import', ownerOnly: true, Content: ImportSettings },
  { id: 'export', ownerOnly: true, Content: ExportSettings },
  { id: 'staff', ownerOnly: true, Content: StaffSettings },
  { id: 'shop', ownerOnly: true, Content: ShopSettings },
  { id: 'quick-notes', ownerOnly: true, Content: QuickNotesSettings },
  { id: 'stages', ownerOnly: true, Content: StageSettings },
  { id: 'follow-ups', ownerOnly: true, Content: FollowUpRulesSettings },
  { id: 'messages', ownerOnly: true, Content: MessageSettings },
  { id: 'ledger-rules', href: '/ledger/rules', ownerOnly: true },
  { id: 'audit', ownerOnly: true, Content: AuditSettings },
];

/** What /settings shows beside the index: the device, then the owner's everyday tasks. */
const OVERVIEW: readonly SectionId[] = ['sync', 'backup', 'import', 'export'];

function SettingsIndex({ current }: { current?: string }) {
  const { t } = useTranslation();
  const { isOwner } = useCounter();
  return (
    <nav className="settings-index" aria-label={t('settings.index.label')}>
      <ul>
        {SETTINGS_SECTIONS.map((section) => (
          <li key={section.id}>
            <NavLink
              to={section.href ?? `/settings/${section.id}`}
              className="settings-index__link"
              aria-current={current === section.id ? 'page' : undefined}
            >
              <span className="settings-index__name">{t(`settings.index.sections.${section.id}`)}</span>
              <span className="settings-index__hint">{t(`settings.index.hints.${section.id}`)}</span>
              {section.ownerOnly && !isOwner && <span className="settings-index__owner">{t('settings.index.ownerOnly')}</span>}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SectionContent({ section }: { section: Section }) {
  const Content = section.Content;
  if (!Content) return null;
  return section.ownerOnly ? (
    <OwnerOnly section>
      <Content />
    </OwnerOnly>
  ) : (
    <Content />
  );
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const { section: id } = useParams();
  const section = id === undefined ? undefined : SETTINGS_SECTIONS.find((s) => s.id === id && s.Content);
  const overview = SETTINGS_SECTIONS.filter((s) => OVERVIEW.includes(s.id));
  return (
    <section className={`page page--settings ${id ? 'page--settings-section' : 'page--settings-index'}`}>
      <h1>{t('settings.heading')}</h1>
      <div className="settings-layout">
        <SettingsIndex current={section?.id} />
        <div className="settings-content">
          {id !== undefined && (
            <Link className="settings-back" to="/settings">
              {t('settings.index.back')}
            </Link>
          )}
          {id === undefined ? (
            <>
              <DeviceSettings />
              <OwnerOnly section>
                {overview.map((s) => s.Content && <s.Content key={s.id} />)}
                <AboutPanel />
              </OwnerOnly>
            </>
          ) : section ? (
            <SectionContent section={section} />
          ) : (
            <p role="alert">{t('settings.index.unknown')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
