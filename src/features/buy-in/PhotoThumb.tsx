import { useLiveQuery } from 'dexie-react-hooks';
import { photoById } from '../../db/ledger/queries';
import { useObjectUrl } from './useObjectUrl';

/** A stored photo, small; it opens full size in a new tab (still offline: it is a blob URL). */
export function PhotoThumb({ photoId, alt, large }: { photoId: string; alt: string; large?: boolean }) {
  const photo = useLiveQuery(() => photoById(photoId), [photoId]);
  const url = useObjectUrl(photo?.blob);
  if (!url || !photo) return <span className={`thumb thumb--empty${large ? ' thumb--large' : ''}`} aria-hidden="true" />;
  return (
    <a className={`thumb${large ? ' thumb--large' : ''}`} href={url} target="_blank" rel="noreferrer">
      <img src={url} alt={alt} width={photo.width} height={photo.height} />
    </a>
  );
}
