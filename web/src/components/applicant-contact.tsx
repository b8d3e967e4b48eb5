import { useI18n } from '../lib/i18n/i18n';
import { FileButton } from './conversation-panel';
import { studentName } from './format';

export interface ContactStudent {
  displayName: string;
  email?: string | null;
  phone?: string | null;
  contactVisible: boolean;
  cv?: { name: string; url: string } | null;
}

/**
 * E-mail, phone and CV of an applicant. The API sends them only once the student applied or was recommended to the
 * company (privacy of minors); before that the card says so instead of showing empty fields.
 */
export function ApplicantContact({ student }: { student: ContactStudent }) {
  const { t, locale } = useI18n();
  if (!student.contactVisible) return <p className="promise-card__meta">{t('contact.hidden')}</p>;
  return (
    <dl className="contact-list" aria-label={t('contact.title', { name: studentName(student.displayName, locale) })}>
      {student.email ? (
        <>
          <dt>{t('contact.email')}</dt>
          <dd>
            <a href={`mailto:${student.email}`}>{student.email}</a>
          </dd>
        </>
      ) : null}
      <dt>{t('contact.phone')}</dt>
      <dd>
        {student.phone ? <a href={`tel:${student.phone.replace(/\s/g, '')}`}>{student.phone}</a> : t('contact.none')}
      </dd>
      <dt>{t('contact.cv')}</dt>
      <dd>
        {student.cv ? (
          <FileButton
            url={student.cv.url}
            label={t('contact.openCv', { name: studentName(student.displayName, locale) })}
            className="button button--secondary button--compact"
          />
        ) : (
          t('contact.noCv')
        )}
      </dd>
    </dl>
  );
}
