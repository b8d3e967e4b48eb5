import { Client, cacheExchange, fetchExchange, mapExchange } from '@urql/core';
import { authStore } from '../auth/auth.store';
import { errorCodeOf } from '../errors/errors.map';
import { currentLocale } from '../i18n/i18n';

export const GRAPHQL_PATH = '/graphql';

/**
 * One client per signed-in token: a new session never sees the previous user's cached data.
 * The token is read at request time so a token cleared elsewhere is never sent again.
 */
export function createGraphqlClient(): Client {
  return new Client({
    url: GRAPHQL_PATH,
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      mapExchange({
        onError(error, operation) {
          // A stored token the API no longer accepts (expired, user removed): drop the session.
          // (A valid token on a forbidden operation gives FORBIDDEN, so UNAUTHENTICATED here means the token itself.)
          if (errorCodeOf(error) === 'UNAUTHENTICATED' && authStore.token() && operation.kind === 'query') {
            authStore.signOut('expired');
          }
        },
      }),
      fetchExchange,
    ],
    // Read at each request: the API words its messages (field issues, texts it renders) in the UI language.
    fetchOptions: () => {
      const token = authStore.token();
      const headers: Record<string, string> = { 'Accept-Language': currentLocale() };
      if (token) headers['Authorization'] = `Bearer ${token}`;
      return { headers };
    },
  });
}
