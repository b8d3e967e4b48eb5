import type { ClientSession, Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { invitationModel } from './auth.invitation.model';
import { userModel } from './auth.model';
import { verifyPassword } from './auth.password';
import { passwordResetModel } from './auth.password-reset.model';
import { sessionModel } from './auth.session.model';
import { loginThrottleModel } from './auth.throttle';

// What the privacy module (issue 18: export, erasure) may ask of the users' module.

type Deps = Pick<DataDeps, 'connection'>;

export interface AccountFacts {
  _id: Types.ObjectId;
  email: string;
  role: string;
  displayName: string;
  schoolId?: Types.ObjectId | null;
  companyId?: Types.ObjectId | null;
}

/** The account's identity (no password hash), or null once erased. */
export function accountOf(deps: Deps, userId: string | Types.ObjectId): Promise<AccountFacts | null> {
  return userModel(deps.connection)
    .findById(userId, { email: 1, role: 1, displayName: 1, schoolId: 1, companyId: 1 })
    .lean<AccountFacts>();
}

/** The account as its export shows it: every stored field except the password hash, plus its device sessions. */
export async function accountForExport(deps: Deps, userId: Types.ObjectId) {
  const user = await userModel(deps.connection).findById(userId).lean();
  const sessions = await sessionModel(deps.connection)
    .find({ userId }, { tokenHash: 0, retiredHashes: 0 })
    .sort({ createdAt: 1 })
    .lean();
  return { user, sessions };
}

/** True when `password` is the account's current one (one argon2 verification). */
export async function passwordMatches(deps: Deps, userId: string, password: string): Promise<boolean> {
  const user = await userModel(deps.connection).findById(userId).select('+passwordHash').lean();
  return user ? verifyPassword(user.passwordHash, password) : false;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes the account and everything of the users' module that names or reaches it: device sessions, password
 * resets, the invitations sent to its address, the log-in counters keyed by its address. Other records keep the
 * user id, which then designates nobody. Idempotent.
 */
export async function eraseAccount(
  deps: Deps,
  account: { userId: Types.ObjectId; email: string | null },
  session: ClientSession,
): Promise<void> {
  const { userId, email } = account;
  await sessionModel(deps.connection).deleteMany({ userId }, { session });
  await passwordResetModel(deps.connection).deleteMany({ userId }, { session });
  const invitations = email ? [{ email }, { usedBy: userId }] : [{ usedBy: userId }];
  await invitationModel(deps.connection).deleteMany({ $or: invitations }, { session });
  if (email) {
    const e = escapeRegex(email);
    await loginThrottleModel(deps.connection).deleteMany(
      { key: { $regex: `^(email:${e}$|known:${e}:|pair:${e}:)` } },
      { session },
    );
  }
  await userModel(deps.connection).deleteOne({ _id: userId }, { session });
}
