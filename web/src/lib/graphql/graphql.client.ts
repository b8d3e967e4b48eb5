import { Client, cacheExchange, fetchExchange, mapExchange } from '@urql/core';
import { authStore } from '../auth/auth.store';
import { errorCodeOf } from '../errors/errors.map';
import { currentLocale } from '../i18n/i18n';
import { GRAPHQL_PATH } from './graphql.paths';

export { GRAPHQL_PATH };

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
        onError(error) {
          // The API no longer accepts the access token (expired, session ended): renew it through the refresh
          // cookie; the new token brings a new client, which runs the queries again. When the session cannot be
          // renewed, the store ends it ("Session expirée"). (A valid token on a forbidden operation gives FORBIDDEN,
          // so UNAUTHENTICATED here means the token itself.)
          if (errorCodeOf(error) === 'UNAUTHENTICATED' && authStore.token()) void authStore.refresh();
        },
      }),
      fetchExchange,
    ],
    // Read at each request: the API words its messages (field issues, texts it renders) in the UI language.
    fetchOptions: () => {
      const token = authStore.token();
      const headers: Record<string, string> = { 'Accept-Language': currentLocale() };
      if (token) headers['Authorization'] = `Bearer ${token}`;
      // The refresh cookie (HttpOnly, Path=/graphql) goes with every same-origin call; only logIn, refreshSession
      // and logOut use it.
      return { headers, credentials: 'same-origin' };
    },
  });
}
