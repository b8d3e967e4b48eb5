import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';

export function ForbiddenPage() {
  const { t } = useI18n();
  useDocumentTitle(t('forbidden.title'));
  return (
    <div className="page page--narrow">
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
      <p>
        <Link to="/" className="button button--primary">
          {t('forbidden.back')}
        </Link>
      </p>
    </div>
  );
}
