import type { Connection } from 'mongoose';
import { AppError, Role } from '@promesse/shared';
import { userModel, type UserDoc } from './auth.model';
import { hashPassword, verifyPassword } from './auth.password';
import { signToken } from './auth.token';

export interface AuthPayload {
  token: string;
  user: UserDoc;
}

// Verified against when the e-mail is unknown, so both failures cost one argon2 verification.
let dummyHash: Promise<string> | null = null;

export async function logIn(
  connection: Connection,
  jwtSecret: string,
  email: string,
  password: string,
): Promise<AuthPayload> {
  const user = await userModel(connection)
    .findOne({ email: email.trim().toLowerCase() })
    .select('+passwordHash');
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'E-mail ou mot de passe incorrect');
  return { token: await signToken({ sub: String(user._id), role: user.role }, jwtSecret), user };
}

/**
 * Creates the federation admin from BOOTSTRAP_ADMIN_EMAIL/PASSWORD when none exists yet.
 * Returns the created user, or null when a federation admin was already there.
 */
export async function ensureBootstrapAdmin(
  connection: Connection,
  admin: { email: string; password: string; displayName?: string },
): Promise<UserDoc | null> {
  const User = userModel(connection);
  if (await User.exists({ role: Role.FEDERATION_ADMIN })) return null;
  try {
    return await User.create({
      email: admin.email,
      passwordHash: await hashPassword(admin.password),
      role: Role.FEDERATION_ADMIN,
      displayName: admin.displayName ?? 'Fédération des Écoles de Production',
    });
  } catch (error) {
    // Another instance created it at the same time (unique e-mail): fine.
    if ((error as { code?: unknown }).code === 11000) return null;
    throw error;
  }
}
