import type { Actor } from '../core/actor';
import type { AppDeps } from '../core/deps';
import type { SessionCookie } from '../http/http.session-cookie';
import type { Logger } from '../logger';
import type { Loaders } from './loaders';

export interface GraphQLContext {
  actor: Actor | null;
  /** Why a presented token was refused ('EXPIRED' | 'INVALID'); null when there was none or it was valid. */
  authProblem: 'EXPIRED' | 'INVALID' | null;
  requestId: string;
  ip: string;
  deps: AppDeps;
  loaders: Loaders;
  logger: Logger;
  /** The refresh-token cookie of this request (sessions: logIn sets it, refreshSession rotates it, logOut clears it). */
  sessionCookie: SessionCookie;
}

/** The context once a scope guaranteed a signed-in actor (`t.withAuth({ authenticated: true })`…). */
export type SignedInContext = GraphQLContext & { actor: Actor };
