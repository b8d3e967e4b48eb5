import { useMemo, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Provider as UrqlProvider } from 'urql';
import { useAuth } from '../lib/auth/auth.store';
import { createGraphqlClient } from '../lib/graphql/graphql.client';
import { i18n } from '../lib/i18n/i18n';
import { LocaleSync } from '../lib/i18n/locale-sync';
import { RealtimeConnection } from './app.realtime';
import { SessionProvider } from './app.session';

export function AppProviders({ children }: { children: ReactNode }) {
  const { token } = useAuth();
  // A new client per token: the document cache never leaks one user's data into the next session.
  const client = useMemo(() => createGraphqlClient(), [token]);
  return (
    <I18nextProvider i18n={i18n}>
      <UrqlProvider value={client}>
        <SessionProvider>
          <RealtimeConnection />
          <LocaleSync />
          {children}
        </SessionProvider>
      </UrqlProvider>
    </I18nextProvider>
  );
}
