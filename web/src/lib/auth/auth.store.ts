import { useSyncExternalStore } from 'react';
import type { SessionUserFragment } from '../../gql';

/** The signed-in user as the API describes it (generated from the `SessionUser` fragment, never written by hand). */
export type Me = SessionUserFragment;

export interface AuthState {
  token: string | null;
  /** undefined: not known yet (token present, `me` not fetched); null: anonymous. */
  me: Me | null | undefined;
  /** How the last session ended: 'user' logged out on purpose, 'expired' when the API refused the token. */
  endedBy?: 'user' | 'expired';
}

const TOKEN_KEY = 'promesse.token';

function readToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    // Storage can be disabled (private mode, strict settings): the session then lives in memory only.
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(TOKEN_KEY, token);
    else window.localStorage.removeItem(TOKEN_KEY);
  } catch {
    /* memory-only session */
  }
}

type Listener = () => void;

function createAuthStore() {
  const initialToken = readToken();
  let state: AuthState = { token: initialToken, me: initialToken ? undefined : null };
  const listeners = new Set<Listener>();

  const set = (next: AuthState) => {
    state = next;
    for (const l of listeners) l();
  };

  // Another tab logging in or out changes localStorage; follow it so tabs never disagree on who is signed in.
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (e) => {
      if (e.key !== TOKEN_KEY || e.newValue === state.token) return;
      set({ token: e.newValue, me: e.newValue ? undefined : null });
    });
  }

  return {
    get: (): AuthState => state,
    token: (): string | null => state.token,
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** After logIn / registerCompany / acceptInvitation: the payload carries both token and user. */
    signIn(token: string, me: Me): void {
      writeToken(token);
      set({ token, me });
    },
    setMe(me: Me | null): void {
      if (me === null) writeToken(null);
      set(me === null ? { token: null, me, endedBy: 'expired' } : { token: state.token, me });
    },
    signOut(endedBy: 'user' | 'expired' = 'user'): void {
      writeToken(null);
      set({ token: null, me: null, endedBy });
    },
  };
}

export const authStore = createAuthStore();

export function useAuth(): AuthState {
  return useSyncExternalStore(authStore.subscribe, authStore.get, authStore.get);
}
