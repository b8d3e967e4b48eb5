import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';

/** The refresh token's cookie: only ever sent to the GraphQL endpoint, never readable by scripts. */
export const REFRESH_COOKIE = 'promesse_refresh';
// The GraphQL endpoint (app.ts's GRAPHQL_PATH): the browser sends the cookie nowhere else.
const COOKIE_PATH = '/graphql';

/** What a GraphQL resolver may do with the session cookie (the only HTTP detail resolvers see). */
export interface SessionCookie {
  read(): string | undefined;
  set(refreshToken: string, expiresAt: Date): void;
  clear(): void;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * HttpOnly, SameSite=Strict, Path=/graphql; Secure everywhere except plain-http development on this machine
 * (browsers drop Secure cookies received over http, and `npm start` serves http://localhost).
 */
export function sessionCookie(req: Request, res: Response, isProduction: boolean): SessionCookie {
  const secure = isProduction || req.secure || !LOCAL_HOSTS.has(req.hostname);
  const write = (value: string, expires: Date) =>
    res.append(
      'Set-Cookie',
      serialize(REFRESH_COOKIE, value, {
        httpOnly: true,
        secure,
        sameSite: 'strict',
        path: COOKIE_PATH,
        expires,
      }),
    );
  return {
    read: () => parse(req.headers.cookie ?? '')[REFRESH_COOKIE] || undefined,
    set: (refreshToken, expiresAt) => write(refreshToken, expiresAt),
    clear: () => write('', new Date(0)),
  };
}
