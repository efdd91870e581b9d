/** One item on an appraisal, a sale or a correction: 品目, 品名, 特徴, 数量, price and a photo. */
import { useTranslation } from '../../i18n';
import { Checkbox, SelectField, TextAreaField, TextField } from '../../components/Field';
import type { WriteContext } from '../../db/write-context';
import { ITEM_CATEGORIES, type ItemCategory } from '../../lib/kobutsu-rules';
import type { ItemDraft } from './drafts';
import { PhotoCapture } from './PhotoCapture';

interface Props {
  index: number;
  item: ItemDraft;
  update: (patch: Partial<ItemDraft>) => void;
  errorFor: (field: string) => string | undefined;
  ctx: WriteContext;
  /** Appraisals ask, per item, whether the customer accepts the offer. */
  showAccept: boolean;
  /** Absent for the only item. */
  onRemove?: () => void;
}

export function ItemFields({ index, item, update, errorFor, ctx, showAccept, onRemove }: Props) {
  const { t } = useTranslation();
  const n = index + 1;
  const field = (name: string) => errorFor(`items.${index}.${name}`);
  const legend = t('appraisal.item', { n });
  return (
    <fieldset className={`fieldset item${item.accepted && showAccept ? ' item--accepted' : ''}`}>
      <legend>{legend}</legend>
      <div className="grid grid--2">
        <SelectField<ItemCategory | ''>
          label={t('appraisal.category')}
          value={item.category}
          options={[
            { value: '', label: t('appraisal.chooseCategory') },
            ...ITEM_CATEGORIES.map((category) => ({ value: category, label: t(`kobutsu.categories.${category}`) })),
          ]}
          onChange={(category) => update({ category })}
          error={field('category')}
        />
        <TextField
          label={t('appraisal.description')}
          hint={t('appraisal.descriptionHint')}
          value={item.description}
          onChange={(description) => update({ description })}
          error={field('description')}
          autoComplete="off"
        />
      </div>
      <TextAreaField
        label={t('appraisal.features')}
        hint={t('appraisal.featuresHint')}
        value={item.features}
        onChange={(features) => update({ features })}
        error={field('features')}
        rows={2}
        autoComplete="off"
        spellCheck={false}
      />
      <div className="grid grid--2 item__numbers">
        <TextField
          label={t('appraisal.quantity')}
          value={item.quantity}
          onChange={(quantity) => update({ quantity })}
          error={field('quantity')}
          inputMode="numeric"
          autoComplete="off"
        />
        <TextField
          label={showAccept ? t('appraisal.price') : t('ledger.columns.price')}
          hint={t('appraisal.priceHint')}
          value={item.price}
          onChange={(price) => update({ price })}
          error={field('price')}
          inputMode="numeric"
          autoComplete="off"
        />
      </div>
      <PhotoCapture
        photoId={item.photoId}
        itemName={item.description || legend}
        ctx={ctx}
        onChange={(photoId) => update({ photoId })}
      />
      <div className="item__footer">
        {showAccept && (
          <Checkbox label={t('appraisal.accept')} checked={item.accepted} onChange={(accepted) => update({ accepted })} />
        )}
        {onRemove && (
          <button type="button" className="button button--small button--ghost button--danger-text" onClick={onRemove}>
            {t('appraisal.removeItem', { n })}
          </button>
        )}
      </div>
    </fieldset>
  );
}
