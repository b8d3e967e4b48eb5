import { DEFAULT_LOCALE } from '@promesse/shared';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import type { AuthLoaders } from './auth.loaders';
import { TokenError, verifyToken } from './auth.token';

export interface Authentication {
  actor: Actor | null;
  authProblem: 'EXPIRED' | 'INVALID' | null;
}

const ANONYMOUS: Authentication = { actor: null, authProblem: null };

/**
 * Turns a bearer token into an actor. Never throws: a bad token leaves the caller anonymous, so public fields still
 * answer and protected ones report UNAUTHENTICATED (with the reason kept in authProblem).
 */
export async function authenticate(
  token: string | undefined,
  deps: Pick<AppDeps, 'env'>,
  loaders: Pick<AuthLoaders, 'userById'>,
): Promise<Authentication> {
  if (!token) return ANONYMOUS;
  try {
    const claims = await verifyToken(token, deps.env.JWT_SECRET);
    // The user must still exist; role, school, company and language are read from it, not trusted from the token.
    const user = await loaders.userById.load(claims.sub);
    if (!user) return { actor: null, authProblem: 'INVALID' };
    return {
      actor: {
        userId: String(user._id),
        role: user.role,
        locale: user.locale ?? DEFAULT_LOCALE,
        ...(user.schoolId ? { schoolId: String(user.schoolId) } : {}),
        ...(user.companyId ? { companyId: String(user.companyId) } : {}),
      },
      authProblem: null,
    };
  } catch (error) {
    if (error instanceof TokenError) return { actor: null, authProblem: error.problem };
    throw error;
  }
}
