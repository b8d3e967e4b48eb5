import { NavLink } from 'react-router';
import { useI18n } from '../../lib/i18n/i18n';

/** Sections of the school area. */
export function SchoolNav() {
  const { t } = useI18n();
  const items = [
    { to: '/ecole', label: t('school.navStudents'), end: true },
    { to: '/ecole/promesses', label: t('school.navPromises') },
    { to: '/ecole/candidatures', label: t('school.navApplications') },
    { to: '/ecole/recommandations', label: t('school.navRecommendations') },
    { to: '/ecole/partenariats', label: t('school.navPartnerships') },
    { to: '/ecole/appariement', label: t('school.navMatching') },
    { to: '/ecole/resultats', label: t('nav.schoolOutcomes') },
  ];
  return (
    <nav className="subnav" aria-label={t('school.navLabel')}>
      <ul>
        {items.map((i) => (
          <li key={i.to}>
            <NavLink to={i.to} end={i.end ?? false} className="subnav__link">
              {i.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
