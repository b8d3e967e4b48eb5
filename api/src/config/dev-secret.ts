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
