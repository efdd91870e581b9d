import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { DraftRestoredNotice } from '../../components/DraftRestoredNotice';
import { TextAreaField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import { savePurposeText, saveSetting } from '../../db/settings';
import type { ShopSettings } from '../../model/types';
import type { WriteContext } from '../../db/write-context';
import { useDraftOver } from '../../hooks/useDraft';

/** Shop name, address and the purpose text customers see before giving their details. */
export function ShopForm({ settings, ctx }: { settings: ShopSettings; ctx: WriteContext }) {
  const { t } = useTranslation();
  const toast = useToast();
  const draft = useDraftOver('shop', {
    shopName: settings.shopName,
    shopAddress: settings.shopAddress,
    purposeText: settings.purposeText,
  });
  const { shopName, shopAddress, purposeText } = draft.shown;
  const [failure, setFailure] = useState<unknown>();

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      if (shopName.trim() !== settings.shopName) await saveSetting('shopName', shopName.trim(), ctx);
      if (shopAddress.trim() !== settings.shopAddress) await saveSetting('shopAddress', shopAddress.trim(), ctx);
      if (purposeText.trim() && purposeText.trim() !== settings.purposeText) await savePurposeText(purposeText.trim(), ctx);
      draft.clear();
      toast({ message: t('settings.shopSaved') });
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className="panel" aria-labelledby="shop-heading">
      <h2 id="shop-heading">{t('settings.shop')}</h2>
      {draft.restored && <DraftRestoredNotice onDiscard={draft.clear} />}
      <form className="form" onSubmit={(e) => void save(e)}>
        <TextField
          label={t('settings.shopName')}
          value={shopName}
          onChange={(v) => draft.set('shopName', v)}
          autoComplete="organization"
        />
        <TextAreaField
          label={t('settings.shopAddress')}
          value={shopAddress}
          onChange={(v) => draft.set('shopAddress', v)}
          rows={2}
        />
        <TextAreaField
          label={t('settings.purpose')}
          value={purposeText}
          onChange={(v) => draft.set('purposeText', v)}
          hint={t('settings.purposeHint', { version: settings.purposeVersion })}
          rows={4}
        />
        <FormAlert failure={failure} />
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t('settings.saveShop')}
          </button>
        </div>
      </form>
    </section>
  );
}
