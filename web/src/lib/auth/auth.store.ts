import { useSyncExternalStore } from 'react';
import type { SessionUserFragment } from '../../gql';
import { GRAPHQL_PATH } from '../graphql/graphql.paths';

/** The signed-in user as the API describes it (generated from the `SessionUser` fragment, never written by hand). */
export type Me = SessionUserFragment;

export interface AuthState {
  /** The short-lived access token, in memory only (never in storage a script could read back later). */
  token: string | null;
  /** undefined: not known yet (the session is being restored from the refresh cookie); null: anonymous. */
  me: Me | null | undefined;
  /** How the last session ended: 'user' logged out on purpose, 'expired' when it could not be renewed. */
  endedBy?: 'user' | 'expired';
}

// The refresh token lives in an HttpOnly cookie the browser sends to /graphql only; these two operations are sent
// with fetch, outside urql, so renewing a session never depends on the client it renews.
const REFRESH = `mutation RefreshSession { refreshSession { token user { id email role displayName } } }`;
const LOG_OUT = `mutation LogOut { logOut }`;
/** Renew this long before the access token expires. */
const RENEW_MARGIN_MS = 60_000;

type Listener = () => void;

async function post(query: string, token: string | null): Promise<{ data?: Record<string, unknown> | null }> {
  const res = await fetch(GRAPHQL_PATH, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, unknown> | null };
}

/** When a JWT expires (ms), from its payload; the API checks it, this only schedules the renewal. */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

function createAuthStore() {
  let state: AuthState = { token: null, me: undefined };
  const listeners = new Set<Listener>();
  let renewal: Promise<string | null> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const set = (next: AuthState) => {
    state = next;
    for (const l of listeners) l();
  };

  const schedule = (token: string | null) => {
    clearTimeout(timer);
    const exp = token ? expiryOf(token) : null;
    if (exp !== null) timer = setTimeout(() => void store.refresh(), Math.max(0, exp - Date.now() - RENEW_MARGIN_MS));
  };

  const signedIn = (token: string, me: Me) => {
    schedule(token);
    set({ token, me });
  };

  /** One renewal at a time, across tabs too (Web Locks): a refresh token is single use. */
  const renew = async (): Promise<{ token: string; user: Me } | null> => {
    const run = async () => {
      try {
        const answer = await post(REFRESH, null);
        const payload = answer.data?.['refreshSession'] as { token: string; user: Me } | undefined;
        return payload ?? null;
      } catch {
        return null;
      }
    };
    return typeof navigator !== 'undefined' && navigator.locks
      ? navigator.locks.request('promesse.refresh', run)
      : run();
  };

  const store = {
    get: (): AuthState => state,
    token: (): string | null => state.token,
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** At start-up: a session left open in this browser comes back through the refresh cookie. */
    async restore(): Promise<void> {
      const payload = await renew();
      if (payload) signedIn(payload.token, payload.user);
      else if (state.me === undefined) set({ token: null, me: null });
    },
    /**
     * A new access token from the refresh cookie (before expiry, or after the API refused the current one).
     * Resolves to the new token, or null once the session ended ("Session expirée").
     */
    refresh(): Promise<string | null> {
      renewal ??= (async () => {
        const had = state.token;
        const payload = await renew();
        renewal = null;
        if (payload) {
          signedIn(payload.token, payload.user);
          return payload.token;
        }
        if (had !== null) store.signOut('expired', { tellServer: false });
        return null;
      })();
      return renewal;
    },
    /** After logIn / registerCompany / acceptInvitation: the payload carries both token and user. */
    signIn(token: string, me: Me): void {
      signedIn(token, me);
    },
    setMe(me: Me | null): void {
      if (me === null) store.signOut('expired', { tellServer: false });
      else set({ token: state.token, me });
    },
    /** Ends the session here; a deliberate log-out also ends it on the server (refresh cookie and token). */
    signOut(endedBy: 'user' | 'expired' = 'user', { tellServer = endedBy === 'user' } = {}): void {
      const token = state.token;
      clearTimeout(timer);
      if (tellServer) void post(LOG_OUT, token).catch(() => undefined);
      set({ token: null, me: null, endedBy });
    },
  };
  return store;
}

export const authStore = createAuthStore();
if (typeof window !== 'undefined') void authStore.restore();

export function useAuth(): AuthState {
  return useSyncExternalStore(authStore.subscribe, authStore.get, authStore.get);
}
