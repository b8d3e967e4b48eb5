import { labelOf, ROLE_LABELS } from '@promesse/shared';
import { useSession } from '../app/app.session';
import { useI18n } from '../lib/i18n/i18n';
import { useDocumentTitle } from '../lib/i18n/use-document-title';
import { EmptyState } from './states';

/** Placeholder home of a role area: greets the signed-in user (`me`) and says what the area will hold. */
export function RoleHome({ title, comingSoon }: { title: string; comingSoon: string }) {
  const { t, locale } = useI18n();
  const session = useSession();
  useDocumentTitle(title);
  if (session.status !== 'ready') return null; // guarded by RequireSession
  const { me } = session;
  return (
    <div className="page">
      <p className="page__eyebrow">{title}</p>
      <h1>{t('home.greeting', { name: me.displayName })}</h1>
      <p className="page__lead" data-testid="me-summary">
        {t('home.signedInAs', { role: labelOf(ROLE_LABELS, me.role, locale), email: me.email })}
      </p>
      <EmptyState title={t('home.comingSoonTitle')}>
        <p>{comingSoon}</p>
      </EmptyState>
    </div>
  );
}
