import { createHash, randomBytes } from 'node:crypto';

/** A new invitation code: 32 random bytes, URL-safe. Shown once; only its hash is stored. */
export function newInvitationCode(): string {
  return randomBytes(32).toString('base64url');
}

export function hashInvitationCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}
