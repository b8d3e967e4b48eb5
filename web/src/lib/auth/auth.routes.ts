import type { Role } from '@promesse/shared';

/** Where each role lands after logging in (French paths: the URL is part of the interface). */
export const HOME_PATH: { readonly [R in Role]: string } = {
  STUDENT: '/eleve',
  COMPANY_RECRUITER: '/entreprise',
  SCHOOL_STAFF: '/ecole',
  FEDERATION_ADMIN: '/federation',
};

export const LOGIN_PATH = '/connexion';

/** Only same-site paths may be used as a return target, so a crafted link cannot send users elsewhere. */
export function safeReturnPath(value: string | null): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}
