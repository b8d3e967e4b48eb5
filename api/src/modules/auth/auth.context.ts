import { LRUCache } from 'lru-cache';
import { DEFAULT_LOCALE } from '@promesse/shared';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import type { AuthLoaders } from './auth.loaders';
import { sessionIsActive } from './auth.session';
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
// kept. The claims say who, never what: the user (and the session) are still read on every request, so a role,
// membership or revocation shows on the next one.
const verifiedTokens = new LRUCache<string, VerifiedToken>({ max: 10_000 });

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
      (claims.sid !== undefined && !(await sessionIsActive(deps, claims.sid)));
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
