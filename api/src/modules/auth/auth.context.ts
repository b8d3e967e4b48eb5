import { LRUCache } from 'lru-cache';
import { DEFAULT_LOCALE } from '@promesse/shared';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import type { AuthLoaders } from './auth.loaders';
import { activeSession } from './auth.session';
import { TokenError, verifyAccessToken, type VerifiedToken } from './auth.token';

export interface Authentication {
  actor: Actor | null;
  authProblem: 'EXPIRED' | 'INVALID' | null;
  /** When the presented token expires (ms since the epoch); null without a valid token. */
  expiresAt: number | null;
}

const ANONYMOUS: Authentication = { actor: null, authProblem: null, expiresAt: null };

// Checking the HS256 signature through WebCrypto was 6-9% of a list request's CPU (profile of issue 19). A token never
// changes, so what its verification found is kept (keyed by secret and token) until it expires; only valid tokens are
// kept. The claims say who, never what: the user is still read on every request, so a role, membership or
// revocation shows on the next one.
const verifiedTokens = new LRUCache<string, VerifiedToken>({ max: 10_000 });

// The session check was one of the six database commands of a list request (profile of issue 19). A session found
// active is kept, with its expiry and the user's revocation stamps read in the same request. Every end of a session
// first revokes it, then touches the user document (sessionRevokedAt or sessionsValidFrom: auth.session.ts), and the
// user is read on every request: a changed stamp sends the check back to the database, on every instance, from the
// next request on; an expired session is read again too.
interface KnownSession {
  userId: string;
  expiresAt: number;
  stamp: string;
}
const activeSessions = new LRUCache<string, KnownSession>({ max: 10_000 });

function revocationStamp(user: { sessionRevokedAt?: Date | null; sessionsValidFrom?: Date | null }): string {
  return `${user.sessionRevokedAt?.getTime() ?? 0}:${user.sessionsValidFrom?.getTime() ?? 0}`;
}

async function sessionStillActive(
  deps: Pick<AppDeps, 'connection' | 'clock'>,
  sessionId: string,
  userId: string,
  stamp: string,
): Promise<boolean> {
  const now = deps.clock.now().getTime();
  const known = activeSessions.get(sessionId);
  if (known && known.userId === userId && known.stamp === stamp && now < known.expiresAt) return true;
  const session = await activeSession(deps, sessionId);
  if (!session || session.userId !== userId) {
    activeSessions.delete(sessionId);
    return false;
  }
  activeSessions.set(sessionId, { userId, expiresAt: session.expiresAt.getTime(), stamp });
  return true;
}

async function verified(token: string, secret: string): Promise<VerifiedToken> {
  const key = `${secret}\n${token}`;
  const cached = verifiedTokens.get(key);
  if (cached) return cached;
  const claims = await verifyAccessToken(token, secret);
  const ttl = claims.expiresAt - Date.now();
  if (ttl > 0) verifiedTokens.set(key, claims, { ttl });
  return claims;
}

/**
 * Turns a bearer token into an actor. Never throws: a bad token leaves the caller anonymous, so public fields still
 * answer and protected ones report UNAUTHENTICATED (with the reason kept in authProblem). A token whose session was
 * revoked (log-out, log-out everywhere, password change) counts as expired.
 */
export async function authenticate(
  token: string | undefined,
  deps: Pick<AppDeps, 'env' | 'connection' | 'clock'>,
  loaders: Pick<AuthLoaders, 'userById'>,
): Promise<Authentication> {
  if (!token) return ANONYMOUS;
  try {
    const claims = await verified(token, deps.env.JWT_SECRET);
    // The user must still exist; role, school, company and language are read from it, not trusted from the token.
    const user = await loaders.userById.load(claims.sub);
    if (!user) return { actor: null, authProblem: 'INVALID', expiresAt: null };
    const revoked =
      (user.sessionsValidFrom && claims.issuedAt < user.sessionsValidFrom.getTime()) ||
      (claims.sid !== undefined &&
        !(await sessionStillActive(deps, claims.sid, String(user._id), revocationStamp(user))));
    if (revoked) return { actor: null, authProblem: 'EXPIRED', expiresAt: null };
    return {
      actor: {
        userId: String(user._id),
        role: user.role,
        locale: user.locale ?? DEFAULT_LOCALE,
        ...(user.schoolId ? { schoolId: String(user.schoolId) } : {}),
        ...(user.companyId ? { companyId: String(user.companyId) } : {}),
        ...(claims.sid ? { sessionId: claims.sid } : {}),
      },
      authProblem: null,
      expiresAt: claims.expiresAt,
    };
  } catch (error) {
    if (error instanceof TokenError) return { actor: null, authProblem: error.problem, expiresAt: null };
    throw error;
  }
}
