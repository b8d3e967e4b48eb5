import * as z from 'zod';
import { enumObject, type EnumLabels } from '../common/common.enum';

/** `extensions.code` of GraphQL errors (see CONTRACT.md "Authentication"). */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const ErrorCode = enumObject(ERROR_CODES);
export const errorCodeSchema = z.enum(ERROR_CODES);

/** HTTP status that goes with each code (REST endpoints, health checks, GraphQL `extensions.http`). */
export const ERROR_HTTP_STATUS: { readonly [C in ErrorCode]: number } = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
};

/** User-facing messages per code; the web app shows these, never raw server messages of masked errors. */
export const ERROR_MESSAGES: EnumLabels<ErrorCode> = {
  fr: {
    UNAUTHENTICATED: 'Vous devez vous connecter pour continuer.',
    FORBIDDEN: 'Vous n’avez pas accès à cette action.',
    BAD_USER_INPUT: 'Certaines informations sont invalides. Vérifiez le formulaire.',
    NOT_FOUND: 'Cet élément est introuvable. Il a peut-être été supprimé.',
    CONFLICT: 'Cette action n’est plus possible : la situation a changé entre-temps.',
    TOO_MANY_REQUESTS: 'Trop de tentatives. Patientez quelques minutes avant de réessayer.',
    INTERNAL_SERVER_ERROR: 'Une erreur inattendue est survenue. Réessayez dans un instant.',
  },
  en: {
    UNAUTHENTICATED: 'Please log in to continue.',
    FORBIDDEN: 'You are not allowed to do this.',
    BAD_USER_INPUT: 'Some information is invalid. Please check the form.',
    NOT_FOUND: 'This item could not be found. It may have been deleted.',
    CONFLICT: 'This action is no longer possible: things changed in the meantime.',
    TOO_MANY_REQUESTS: 'Too many attempts. Please wait a few minutes and try again.',
    INTERNAL_SERVER_ERROR: 'An unexpected error occurred. Please try again shortly.',
  },
};

/** Message of a code for the user, in a locale; unknown codes get the INTERNAL_SERVER_ERROR message. */
export function errorMessage(code: string | null | undefined, locale: 'fr' | 'en' = 'fr'): string {
  const messages = ERROR_MESSAGES[locale];
  return (code && (messages as Record<string, string>)[code]) || messages.INTERNAL_SERVER_ERROR;
}
