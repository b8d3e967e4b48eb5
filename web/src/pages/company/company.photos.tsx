import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { acceptAttribute, addCompanyPhotoSchema, COMPANY_PHOTO_LIMITS, FILE_RULES } from '@promesse/shared';
import { ActionError } from '../../components/action-error';
import { CompanyPhotos, type PhotoView } from '../../components/company-photos';
import { errorText } from '../../components/form-errors';
import { FormField } from '../../components/form-field';
import { uploadFile } from '../../lib/files/files.client';
import { useI18n } from '../../lib/i18n/i18n';
import { AddCompanyPhotoDocument, RemoveCompanyPhotoDocument } from './company.hiring.documents';

/**
 * The workshop photos of the company's profile: each uploaded (the API reads its type from its bytes and caps its
 * size), then added with the text that describes it to those who cannot see it; six at most; removable.
 */
export function WorkshopPhotos({ photos }: { photos: readonly PhotoView[] }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const [, add] = useMutation(AddCompanyPhotoDocument);
  const [removeState, remove] = useMutation(RemoveCompanyPhotoDocument);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [altError, setAltError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | null>(null);
  const full = photos.length >= COMPANY_PHOTO_LIMITS.max;
  const rule = FILE_RULES.WORKSHOP_PHOTO;

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const data = new FormData(formEl);
    const file = data.get('photo');
    setError(null);
    setStatus(null);
    const alt = addCompanyPhotoSchema.shape.alt.safeParse(data.get('alt') ?? '');
    setAltError(alt.success ? undefined : alt.error.issues[0]?.message);
    if (!(file instanceof File) || file.size === 0) {
      setError(t('hiring.photos.file'));
      return;
    }
    if (!alt.success) return;
    if (file.size > rule.maxBytes) {
      setError(t('student.cv.tooLarge', { limit: rule.label }));
      return;
    }
    setBusy(true);
    try {
      const uploaded = await uploadFile('WORKSHOP_PHOTO', file);
      const res = await add({ fileId: uploaded.id, alt: alt.data });
      if (res.error) throw res.error;
      formEl.reset();
      setStatus(t('hiring.photos.added'));
    } catch (failure) {
      setError(errorText(failure, locale));
    } finally {
      setBusy(false);
    }
  };

  const onRemove = async (photo: PhotoView) => {
    setError(null);
    const res = await remove({ fileId: photo.id });
    if (res.error) setError(errorText(res.error, locale));
    else setStatus(t('hiring.photos.removed'));
  };

  return (
    <section className="card" aria-labelledby={headingId} data-testid="workshop-photos">
      <h2 id={headingId}>{t('hiring.photos.title')}</h2>
      <p>{t('hiring.photos.lead', { max: COMPANY_PHOTO_LIMITS.max, limit: rule.label })}</p>
      <CompanyPhotos
        photos={photos}
        action={(p) => (
          <button
            type="button"
            className="button button--ghost button--compact"
            disabled={removeState.fetching}
            aria-label={t('hiring.photos.removeFor', { alt: p.alt })}
            onClick={() => void onRemove(p)}
          >
            {t('hiring.photos.remove')}
          </button>
        )}
      />
      <div role="status" aria-live="polite">
        {status ? <p className="alert alert--success">{status}</p> : null}
      </div>
      {full ? (
        <p>{t('hiring.photos.full', { max: COMPANY_PHOTO_LIMITS.max })}</p>
      ) : (
        <form className="form" aria-label={t('hiring.photos.add')} onSubmit={(e) => void onSubmit(e)}>
          <FormField
            label={t('hiring.photos.file')}
            name="photo"
            type="file"
            accept={acceptAttribute('WORKSHOP_PHOTO')}
            required
            disabled={busy}
          />
          <FormField
            label={t('hiring.photos.alt')}
            hint={t('hiring.photos.altHint')}
            name="alt"
            required
            maxLength={COMPANY_PHOTO_LIMITS.alt}
            disabled={busy}
            error={altError}
          />
          <ActionError text={error} />
          <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy}>
            {t('hiring.photos.add')}
          </button>
        </form>
      )}
    </section>
  );
}
