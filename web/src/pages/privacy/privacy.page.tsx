import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { RetentionTable } from './privacy.retention';

const COLLECTED = ['identity', 'contact', 'profile', 'cv', 'activity', 'messages', 'outcomes'] as const;
const RIGHTS = ['access', 'erasure', 'visibility', 'views', 'rectification'] as const;

/**
 * Public page (no log-in): what Promesse collects, why, for how long (the shared retention rules) and how to
 * exercise each right. Reached from the footer and the log-in page.
 */
export function PrivacyPage() {
  const { t } = useI18n();
  useDocumentTitle(t('privacy.title'));
  return (
    <div className="page page--narrow" data-testid="privacy-page">
      <h1>{t('privacy.title')}</h1>
      <p className="page__lead">{t('privacy.lead')}</p>

      <section className="card" aria-labelledby="privacy-collected">
        <h2 id="privacy-collected">{t('privacy.collected.title')}</h2>
        <ul>
          {COLLECTED.map((k) => (
            <li key={k}>
              <strong>{t(`privacy.collected.${k}.what`)}</strong>
              {t('privacy.separator')}
              {t(`privacy.collected.${k}.why`)}
            </li>
          ))}
        </ul>
        <p>{t('privacy.minors')}</p>
      </section>

      <section className="card" aria-labelledby="privacy-retention">
        <h2 id="privacy-retention">{t('privacy.retention.title')}</h2>
        <p>{t('privacy.retention.lead')}</p>
        <RetentionTable />
      </section>

      <section className="card" aria-labelledby="privacy-rights">
        <h2 id="privacy-rights">{t('privacy.rights.title')}</h2>
        <ul>
          {RIGHTS.map((k) => (
            <li key={k}>
              <strong>{t(`privacy.rights.${k}.title`)}</strong>
              {t('privacy.separator')}
              {t(`privacy.rights.${k}.how`)}
            </li>
          ))}
        </ul>
        <p>
          <Link to="/eleve/profil">{t('privacy.rights.profileLink')}</Link>
        </p>
        <p>{t('privacy.rights.contact')}</p>
      </section>
    </div>
  );
}
