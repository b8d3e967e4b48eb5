import { useEffect, useState, type ReactNode } from 'react';
import { fetchFile } from '../lib/files/files.client';
import { useI18n } from '../lib/i18n/i18n';

// Workshop photos of a company: files are read with the session (Bearer header, never a cookie), so each image is
// fetched and shown from a blob URL (the app's CSP allows blob: images), with its alternative text.

export interface PhotoView {
  id: string;
  url: string;
  alt: string;
}

/** One photo: a placeholder with its text while loading, the image once here, its text alone if it fails. */
export function SessionImage({ photo }: { photo: PhotoView }) {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    let objectUrl: string | null = null;
    fetchFile(photo.url, controller.signal).then(
      (blob) => {
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      },
      () => {
        if (!controller.signal.aborted) setFailed(true);
      },
    );
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [photo.url]);
  if (src) return <img className="company-photo__image" src={src} alt={photo.alt} loading="lazy" />;
  return (
    <span className="company-photo__placeholder" role="img" aria-label={photo.alt}>
      {failed ? photo.alt : t('hiring.photos.loading')}
    </span>
  );
}

/** The photos as a list of figures; `action` adds a control under each (the company removes one). */
export function CompanyPhotos({
  photos,
  action,
}: {
  photos: readonly PhotoView[];
  action?: (photo: PhotoView) => ReactNode;
}) {
  const { t } = useI18n();
  if (!photos.length) return null;
  return (
    <ul className="company-photos" aria-label={t('hiring.photos.title')} data-testid="company-photos">
      {photos.map((p) => (
        <li key={p.id} className="company-photo">
          <SessionImage photo={p} />
          {action ? action(p) : null}
        </li>
      ))}
    </ul>
  );
}
