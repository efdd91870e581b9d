import { useTranslation } from '../../i18n';
import { discardDraftPhoto } from '../../db/ledger/ledger';
import type { WriteContext } from '../../db/write-context';
import { emptyItem, type ItemDraft } from './drafts';
import { ItemFields } from './ItemFields';

interface Props {
  items: ItemDraft[];
  change: (next: (items: ItemDraft[]) => ItemDraft[]) => void;
  errorFor: (field: string) => string | undefined;
  ctx: WriteContext;
  showAccept: boolean;
  /** Shown beside "Add item" (the totals). */
  children?: React.ReactNode;
}

/** The list of items with "Add item"; removing an item lets its draft photo go. */
export function ItemsEditor({ items, change, errorFor, ctx, showAccept, children }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <div className="items" role="group" aria-label={t('appraisal.items')}>
        {items.map((item, index) => (
          <ItemFields
            key={item.key}
            index={index}
            item={item}
            update={(patch) => change((all) => all.map((it, i) => (i === index ? { ...it, ...patch } : it)))}
            errorFor={errorFor}
            ctx={ctx}
            showAccept={showAccept}
            onRemove={
              items.length > 1
                ? () => {
                    if (item.photoId) void discardDraftPhoto(item.photoId);
                    change((all) => all.filter((_, i) => i !== index));
                  }
                : undefined
            }
          />
        ))}
      </div>
      {errorFor('items') && <p className="field__error">{errorFor('items')}</p>}
      <div className="row row--wrap items__after">
        <button type="button" className="button" onClick={() => change((all) => [...all, emptyItem()])}>
          <span aria-hidden="true">+ </span>
          {t('appraisal.addItem')}
        </button>
        {children}
      </div>
    </>
  );
}
