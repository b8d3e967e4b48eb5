import { hash, verify } from '@node-rs/argon2';
import { badUserInput, renderMessage } from '@promesse/shared';

// argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** False for a wrong password or a malformed hash; never throws for bad input. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let common: Set<string> | null = null;

/**
 * The most common passwords (issue 13, item 8): the 49,000 of zxcvbn-ts's common-language dictionary (npm
 * `@zxcvbn-ts/language-common`, from leaked-password frequency lists), lower-cased, read once on first use.
 */
export function isCommonPassword(password: string): boolean {
  if (!common) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { dictionary } = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
    common = new Set((dictionary['passwords-common'] ?? []).map((p) => p.toLowerCase()));
  }
  return common.has(password.toLowerCase());
}

/**
 * A new password's policy beyond the shared schema's (length, one repeated character): not one of the most common
 * passwords. BAD_USER_INPUT with the coded reason on the field, so the web says why.
 */
export function assertAcceptablePassword(password: string, path: string): void {
  if (!isCommonPassword(password)) return;
  throw badUserInput('validation.passwordCommon', undefined, [
    { path, message: renderMessage('validation.passwordCommon') },
  ]);
}
