import { defineMessages } from '../messages/messages.define';

// Refusals of the HTTP layer (before GraphQL runs) and of sessions.
export const securityMessages = defineMessages({
  fr: {
    'security.bodyTooLarge': 'Requête trop volumineuse (au plus {{limit}})',
    'security.unsupportedContentType': 'Type de contenu refusé : envoyez la requête GraphQL en application/json',
    'security.tooManyRequests': 'Trop de requêtes. Réessayez dans quelques instants.',
    'security.queryTooComplex': 'Requête trop complexe (profondeur, alias, coût ou taille)',
    'security.introspectionDisabled': 'L’introspection du schéma est désactivée en production',
  },
  en: {
    'security.bodyTooLarge': 'Request too large (at most {{limit}})',
    'security.unsupportedContentType': 'Content type refused: send the GraphQL request as application/json',
    'security.tooManyRequests': 'Too many requests. Try again in a moment.',
    'security.queryTooComplex': 'Query too complex (depth, aliases, cost or size)',
    'security.introspectionDisabled': 'Schema introspection is disabled in production',
  },
});
