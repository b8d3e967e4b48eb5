import { EmptyState } from '../../components/states';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';

/** Placeholder until the notifications list is built (web issue): the bell already links here. */
export function NotificationsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('notifications.title'));
  return (
    <div className="page">
      <h1>{t('notifications.title')}</h1>
      <EmptyState title={t('notifications.emptyTitle')}>
        <p>{t('notifications.empty')}</p>
      </EmptyState>
    </div>
  );
}
