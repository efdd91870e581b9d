import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { db } from '../db/db';
import { DEFAULT_LOCK_AFTER_MINUTES, settingsFromRows } from '../db/settings';
import type { ShopSettings } from '../db/types';

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
      lockAfterMinutes: DEFAULT_LOCK_AFTER_MINUTES,
    }),
    // The language is what changes the defaults.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
}

export function useShopSettings(): ShopSettings {
  const defaults = useDefaultSettings();
  const rows = useLiveQuery(() => db.settings.toArray(), []);
  return useMemo(() => settingsFromRows(rows ?? [], defaults), [rows, defaults]);
}
