import type { Role } from '@promesse/shared';
import type { TFunction } from 'i18next';
import { HOME_PATH } from '../lib/auth/auth.routes';

export interface NavItem {
  to: string;
  label: string;
  /** Match the path exactly (role homes), not every page below it. */
  end?: boolean;
}

/**
 * Main navigation per role; each area adds its pages here as they are built (only pages that exist, so no
 * link leads to a 404). Notifications are reached through the bell.
 */
export function navItemsFor(role: Role, t: TFunction): NavItem[] {
  const home: NavItem = { to: HOME_PATH[role], label: t('nav.home'), end: true };
  switch (role) {
    case 'STUDENT':
      return [
        home,
        { to: '/eleve/recherche', label: t('nav.studentSearch') },
        { to: '/eleve/candidatures', label: t('nav.studentApplications') },
        { to: '/eleve/recommandations', label: t('nav.studentRecommendations') },
        { to: '/eleve/profil', label: t('nav.studentProfile') },
      ];
    case 'COMPANY_RECRUITER':
      return [
        { to: HOME_PATH[role], label: t('nav.companyPromises'), end: true },
        { to: '/entreprise/partenariats', label: t('nav.companyPartnerships') },
        { to: '/entreprise/profil', label: t('nav.companyProfile') },
      ];
    case 'SCHOOL_STAFF':
      return [
        { to: HOME_PATH[role], label: t('nav.schoolStudents'), end: true },
        { to: '/ecole/promesses', label: t('nav.schoolPromises') },
        { to: '/ecole/candidatures', label: t('nav.schoolApplications') },
        { to: '/ecole/recommandations', label: t('nav.schoolRecommendations') },
        { to: '/ecole/partenariats', label: t('nav.schoolPartnerships') },
        { to: '/ecole/appariement', label: t('nav.schoolMatching') },
        { to: '/ecole/resultats', label: t('nav.schoolOutcomes') },
      ];
    case 'FEDERATION_ADMIN':
      return [home, { to: '/federation/resultats', label: t('nav.federationOutcomes') }];
  }
}
