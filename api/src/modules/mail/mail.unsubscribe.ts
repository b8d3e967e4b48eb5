import { createHmac } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@promesse/shared';

// One-click unsubscribe links (RFC 8058): a signed (user, topic) pair, with no expiry, since an old message's link
// must still work. Its key is derived from the app secret for this use only, so it can never pass for a login token.

const ISSUER = 'promesse-mail';
const AUDIENCE = 'unsubscribe';
const ALGORITHM = 'HS256';

export interface UnsubscribeClaims {
  userId: string;
  /** `digest`, `jobAlert`, `reminder` or `notification:<TYPE>`. */
  topic: string;
  /** The language of the confirmation page. */
  locale: Locale;
}

function keyFor(secret: string): Uint8Array {
  return createHmac('sha256', secret).update('mail-unsubscribe').digest();
}

export function signUnsubscribeToken(claims: UnsubscribeClaims, secret: string): Promise<string> {
  return new SignJWT({ topic: claims.topic, lang: claims.locale })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .sign(keyFor(secret));
}

/** The claims of a valid token; null for anything else (forged, truncated, another kind of token). */
export async function verifyUnsubscribeToken(token: string, secret: string): Promise<UnsubscribeClaims | null> {
  try {
    const { payload } = await jwtVerify(token, keyFor(secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const { sub, topic, lang } = payload;
    if (typeof sub !== 'string' || typeof topic !== 'string') return null;
    const locale = (LOCALES as readonly unknown[]).includes(lang) ? (lang as Locale) : DEFAULT_LOCALE;
    return { userId: sub, topic, locale };
  } catch {
    return null;
  }
}
