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
      return [home];
    case 'COMPANY_RECRUITER':
      return [home];
    case 'SCHOOL_STAFF':
      return [home];
    case 'FEDERATION_ADMIN':
      return [home];
  }
}
