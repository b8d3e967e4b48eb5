import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ROLES, type Role } from '@promesse/shared';

export const TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;
const ISSUER = 'promesse';
const ALGORITHM = 'HS256';

export interface TokenClaims {
  /** User id. */
  sub: string;
  role: Role;
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

export async function signToken(claims: TokenClaims, secret: string, ttlSeconds = TOKEN_TTL_SECONDS): Promise<string> {
  return new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(keyFor(secret));
}

/** Verifies signature, algorithm, issuer and expiry; throws TokenError otherwise. */
export async function verifyToken(token: string, secret: string): Promise<TokenClaims> {
  try {
    const { payload } = await jwtVerify(token, keyFor(secret), { algorithms: [ALGORITHM], issuer: ISSUER });
    const role = payload['role'];
    if (typeof payload.sub !== 'string' || typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw new TokenError('INVALID');
    }
    return { sub: payload.sub, role: role as Role };
  } catch (error) {
    if (error instanceof TokenError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new TokenError('EXPIRED');
    throw new TokenError('INVALID');
  }
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined | null): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
