import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { NotFoundPage } from './not-found.page';

/** Last-resort boundary: a page that throws while rendering (or a chunk that fails to load) lands here. */
export function RouteErrorPage() {
  const error = useRouteError();
  const { t } = useI18n();
  useDocumentTitle(t('state.errorTitle'));
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <main className="main" id="contenu">
        <NotFoundPage />
      </main>
    );
  }
  return (
    <main className="main" id="contenu">
      <div className="page page--narrow" role="alert">
        <h1>{t('state.errorTitle')}</h1>
        <p>{t('errors.routeCrashed')}</p>
        <p>
          <Link to="/" className="button button--primary" reloadDocument>
            {t('notFound.back')}
          </Link>
        </p>
      </div>
    </main>
  );
}
