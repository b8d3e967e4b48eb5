import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="page page--narrow">
      <p className="page__eyebrow" aria-hidden="true">
        404
      </p>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/" className="button button--primary">
          {t('notFound.back')}
        </Link>
      </p>
    </div>
  );
}
