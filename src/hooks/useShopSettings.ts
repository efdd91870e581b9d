import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { shopSettingRows } from '../db/first-screen-reads';
import { DEFAULT_LOCK_AFTER_MINUTES, settingsFromRows } from '../db/first-screen-settings';
import { relationshipSettingDefaults } from '../i18n/relationship-defaults';
import type { ShopSettings } from '../model/types';

/** Defaults in the current language; what the shop saved wins over them. */
export function useDefaultSettings(): ShopSettings {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      shopName: t('defaults.shopName'),
      shopAddress: '',
      purposeText: t('defaults.purposeText'),
      purposeVersion: 1,
      quickNotes: t('defaults.quickNotes', { returnObjects: true }) as string[],
      ...relationshipSettingDefaults(),
      lockAfterMinutes: DEFAULT_LOCK_AFTER_MINUTES,
    }),
    // The language is what changes the defaults.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
}

const SettingsContext = createContext<ShopSettings | null>(null);

/** Reads the settings once for the whole app; every screen shares them through context. */
export function ShopSettingsProvider({ children }: { children: ReactNode }) {
  const defaults = useDefaultSettings();
  const rows = useLiveQuery(shopSettingRows, []);
  const settings = useMemo(() => settingsFromRows(rows ?? [], defaults), [rows, defaults]);
  return createElement(SettingsContext.Provider, { value: settings }, children);
}

export function useShopSettings(): ShopSettings {
  const settings = useContext(SettingsContext);
  if (!settings) throw new Error('useShopSettings needs a ShopSettingsProvider above it');
  return settings;
}
