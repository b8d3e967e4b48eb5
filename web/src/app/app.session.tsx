import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { authStore, useAuth, type Me } from '../lib/auth/auth.store';
import { MeDocument } from '../lib/auth/auth.documents';

export type Session =
  | { status: 'anonymous'; me: null; endedBy?: 'user' | 'expired' }
  | { status: 'loading'; me: null }
  | { status: 'error'; me: null; error: unknown; retry: () => void }
  | { status: 'ready'; me: Me };

const SessionContext = createContext<Session>({ status: 'anonymous', me: null });

/** Resolves who is signed in: the session is restored from the refresh cookie before any role page renders. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { token, me, endedBy } = useAuth();
  const needsMe = token !== null && me === undefined;
  const [result, reexecute] = useQuery({ query: MeDocument, pause: !needsMe, requestPolicy: 'network-only' });

  useEffect(() => {
    if (!needsMe || result.fetching || result.error || !result.data) return;
    authStore.setMe(result.data.me ?? null);
  }, [needsMe, result.fetching, result.error, result.data]);

  const retry = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  const session = useMemo<Session>(() => {
    if (me === null) return { status: 'anonymous', me: null, endedBy };
    // No token yet and no user: the session is being restored from the refresh cookie.
    if (token === null) return { status: 'loading', me: null };
    if (me) return { status: 'ready', me };
    if (result.error) return { status: 'error', me: null, error: result.error, retry };
    return { status: 'loading', me: null };
  }, [token, me, endedBy, result.error, retry]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}
