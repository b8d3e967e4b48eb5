import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ROLES, type Role } from '@promesse/shared';

/** Access tokens are short-lived: a session lasts through its refresh cookie (auth.session.ts), not the token. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** Clock skew tolerated between instances for `iat` (expiry itself is exact: a socket closes right at it). */
const CLOCK_TOLERANCE_SECONDS = 30;
const ISSUER = 'promesse';
const ALGORITHM = 'HS256';

export interface TokenClaims {
  /** User id. */
  sub: string;
  role: Role;
  /** The session (refresh-token family) the token was issued for; revoking it ends the token too. */
  sid?: string;
}

export interface VerifiedToken extends TokenClaims {
  /** Issued-at, in ms since the epoch. */
  issuedAt: number;
  /** Expiry, in ms since the epoch. */
  expiresAt: number;
}

export type TokenProblem = 'EXPIRED' | 'INVALID';

export class TokenError extends Error {
  constructor(public readonly problem: TokenProblem) {
    super(problem === 'EXPIRED' ? 'Token expired' : 'Invalid token');
    this.name = 'TokenError';
  }
}

const keys = new Map<string, Uint8Array>();
function keyFor(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new TextEncoder().encode(secret);
    keys.set(secret, key);
  }
  return key;
}

export async function signToken(
  claims: TokenClaims,
  secret: string,
  ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: claims.role, ...(claims.sid ? { sid: claims.sid } : {}) })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(keyFor(secret));
}

/**
 * Verifies signature, algorithm, issuer and expiry, and refuses what a leaked or forged-by-insider token would look
 * like: no `exp` or `iat`, an `iat` in the future, a lifetime longer than an access token's. Throws TokenError.
 */
export async function verifyAccessToken(token: string, secret: string): Promise<VerifiedToken> {
  try {
    const { payload } = await jwtVerify(token, keyFor(secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    const { role, sid, exp, iat } = payload;
    if (
      typeof payload.sub !== 'string' ||
      typeof role !== 'string' ||
      !(ROLES as readonly string[]).includes(role) ||
      (sid !== undefined && typeof sid !== 'string') ||
      typeof exp !== 'number' ||
      typeof iat !== 'number' ||
      iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS ||
      exp - iat > ACCESS_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS
    ) {
      throw new TokenError('INVALID');
    }
    return {
      sub: payload.sub,
      role: role as Role,
      ...(typeof sid === 'string' ? { sid } : {}),
      issuedAt: iat * 1000,
      expiresAt: exp * 1000,
    };
  } catch (error) {
    if (error instanceof TokenError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new TokenError('EXPIRED');
    throw new TokenError('INVALID');
  }
}

/** The claims of a valid token (verifyAccessToken's rules); throws TokenError. */
export async function verifyToken(token: string, secret: string): Promise<TokenClaims> {
  const { sub, role, sid } = await verifyAccessToken(token, secret);
  return { sub, role, ...(sid ? { sid } : {}) };
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined | null): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
