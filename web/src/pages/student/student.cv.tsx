import { useId, useState } from 'react';
import { acceptAttribute, FILE_RULES } from '@promesse/shared';
import { ActionError } from '../../components/action-error';
import { FileButton } from '../../components/conversation-panel';
import { errorText } from '../../components/form-errors';
import { formatDate } from '../../components/format';
import { LoadingState } from '../../components/states';
import { uploadFile } from '../../lib/files/files.client';
import { useI18n } from '../../lib/i18n/i18n';

interface Cv {
  name: string;
  url: string;
  uploadedAt: string;
}

/**
 * The student's CV: a PDF of 5 MB at most (the API checks the bytes). Who reads it is said next to the button:
 * the student, their school, and the companies they apply or are recommended to.
 */
export function StudentCvSection({ cv, onUploaded }: { cv: Cv | null | undefined; onUploaded: () => void }) {
  const { t, locale } = useI18n();
  const inputId = useId();
  const hintId = useId();
  const statusId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const onFile = async (file: File | undefined, input: HTMLInputElement) => {
    if (!file) return;
    setError(null);
    setDone(false);
    if (file.size > FILE_RULES.CV.maxBytes) {
      setError(t('student.cv.tooLarge', { limit: FILE_RULES.CV.label }));
      input.value = '';
      return;
    }
    setBusy(true);
    try {
      await uploadFile('CV', file);
      setDone(true);
      onUploaded();
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  return (
    <section className="card" aria-labelledby={`${inputId}-title`} data-testid="cv-section">
      <h2 id={`${inputId}-title`}>{t('student.cv.title')}</h2>
      <p>{t('student.cv.who')}</p>
      {cv ? (
        <p>
          {t('student.cv.current', { name: cv.name, date: formatDate(cv.uploadedAt, locale) })}{' '}
          <FileButton url={cv.url} label={t('student.cv.open')} />
        </p>
      ) : (
        <p>{t('student.cv.none')}</p>
      )}
      <div className="field">
        <label htmlFor={inputId} className="field__label">
          {cv ? t('student.cv.replace') : t('student.cv.upload')}
        </label>
        <p id={hintId} className="field__hint">
          {t('student.cv.hint', { limit: FILE_RULES.CV.label })}
        </p>
        <input
          id={inputId}
          type="file"
          className="field__input"
          accept={acceptAttribute('CV')}
          aria-describedby={hintId}
          disabled={busy}
          onChange={(e) => void onFile(e.currentTarget.files?.[0], e.currentTarget)}
        />
      </div>
      {busy ? <LoadingState label={t('student.cv.uploading')} /> : null}
      <ActionError text={error} />
      <p id={statusId} role="status" className="field__hint">
        {done ? t('student.cv.uploaded') : ''}
      </p>
    </section>
  );
}
