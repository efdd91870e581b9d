import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { TextAreaField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useToast } from '../../components/Toasts';
import { savePurposeText, saveSetting } from '../../db/settings';
import type { ShopSettings } from '../../db/types';
import type { WriteContext } from '../../db/write-context';

/** Shop name, address and the purpose text customers see before giving their details. */
export function ShopForm({ settings, ctx }: { settings: ShopSettings; ctx: WriteContext }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [shopName, setShopName] = useState(settings.shopName);
  const [shopAddress, setShopAddress] = useState(settings.shopAddress);
  const [purposeText, setPurposeText] = useState(settings.purposeText);
  const [failure, setFailure] = useState<unknown>();

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      if (shopName.trim() !== settings.shopName) await saveSetting('shopName', shopName.trim(), ctx);
      if (shopAddress.trim() !== settings.shopAddress) await saveSetting('shopAddress', shopAddress.trim(), ctx);
      if (purposeText.trim() && purposeText.trim() !== settings.purposeText) await savePurposeText(purposeText.trim(), ctx);
      toast({ message: t('settings.shopSaved') });
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className="panel" aria-labelledby="shop-heading">
      <h2 id="shop-heading">{t('settings.shop')}</h2>
      <form className="form" onSubmit={(e) => void save(e)}>
        <TextField label={t('settings.shopName')} value={shopName} onChange={setShopName} autoComplete="organization" />
        <TextAreaField label={t('settings.shopAddress')} value={shopAddress} onChange={setShopAddress} rows={2} />
        <TextAreaField
          label={t('settings.purpose')}
          value={purposeText}
          onChange={setPurposeText}
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
