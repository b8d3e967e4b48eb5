import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const DEV_SECRET_FILE = 'jwt-secret';

/**
 * Development without JWT_SECRET: the signing secret is kept in DATA_DIR (owner-only, 0600), so restarting the server
 * does not silently end every session. Created on first use; a file someone else made readable is tightened.
 */
export function persistentDevSecret(dataDir: string): string {
  const file = path.join(dataDir, DEV_SECRET_FILE);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) {
      chmodSync(file, 0o600);
      return existing;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/**
 * What the server says at start when JWT_SECRET is unset (development): one plain sentence for a person reading the
 * terminal, saying what happens and what to do; null when a secret is configured.
 */
export function jwtSecretWarning(env: {
  JWT_SECRET_GENERATED: boolean;
  JWT_SECRET_FILE?: string | null;
}): string | null {
  if (!env.JWT_SECRET_GENERATED) return null;
  return env.JWT_SECRET_FILE
    ? `JWT_SECRET is not set, so log-in tokens are signed with a development secret kept in ${env.JWT_SECRET_FILE}: ` +
        'sessions survive a restart while that file stays. Set JWT_SECRET (32 characters or more) outside development.'
    : 'JWT_SECRET is not set, so this process signs log-in tokens with a random secret and everyone is logged out ' +
        'when it stops. Set JWT_SECRET (32 characters or more) to keep sessions across restarts.';
}
