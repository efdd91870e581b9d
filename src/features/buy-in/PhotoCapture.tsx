/**
 * The tablet's camera for one item: `capture="environment"` opens the back camera on tablets and
 * phones (a file picker elsewhere). The photo is resized on the device and stored at once, so the
 * draft only has to remember its id.
 */
import { useId, useState } from 'react';
import { useTranslation } from '../../i18n';
import { StorageError } from '../../db/errors';
import { discardDraftPhoto, savePhoto } from '../../db/ledger/ledger';
import type { WriteContext } from '../../db/write-context';
import { resizePhoto } from '../../lib/photo-resize';
import { PhotoThumb } from './PhotoThumb';

interface Props {
  photoId: string | undefined;
  itemName: string;
  ctx: WriteContext;
  onChange: (photoId: string | undefined) => void;
}

export function PhotoCapture({ photoId, itemName, ctx, onChange }: Props) {
  const { t } = useTranslation();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  // Why the last photo was not kept: a full disk is not a photo to take again at once.
  const [failed, setFailed] = useState<'unreadable' | 'storage-full' | undefined>();

  const take = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setFailed(undefined);
    try {
      const resized = await resizePhoto(file);
      const id = await savePhoto(resized, ctx);
      if (photoId) await discardDraftPhoto(photoId);
      onChange(id);
    } catch (error) {
      console.error('Daifuku photo', error);
      setFailed(
        error instanceof StorageError && error.kind === 'quota' ? 'storage-full' : 'unreadable',
      );
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (photoId) await discardDraftPhoto(photoId);
    onChange(undefined);
  };

  return (
    <div className="photo-capture">
      {photoId && <PhotoThumb photoId={photoId} alt={t('appraisal.photoOf', { item: itemName })} />}
      <label className={`button photo-capture__take${busy ? ' photo-capture__take--busy' : ''}`}>
        <input
          type="file"
          accept="image/*"
          capture="environment"
          className="visually-hidden"
          aria-describedby={hintId}
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            void take(file);
          }}
        />
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="photo-capture__icon">
          <path
            d="M4 8h3l2-3h6l2 3h3v11H4zM12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinejoin="round"
          />
        </svg>
        {t('appraisal.photo')}
      </label>
      {photoId && (
        <button type="button" className="button button--small button--ghost" onClick={() => void remove()}>
          {t('appraisal.removePhoto')}
        </button>
      )}
      <p className="field__hint photo-capture__hint" id={hintId}>
        {failed ? (
          <span className="field__error">
            {t(failed === 'storage-full' ? 'appraisal.photoStorageFull' : 'appraisal.photoFailed')}
          </span>
        ) : (
          t('appraisal.photoHint')
        )}
      </p>
    </div>
  );
}
