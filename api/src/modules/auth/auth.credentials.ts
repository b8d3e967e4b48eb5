import {
  badUserInput,
  changeMyEmailSchema,
  changeMyPasswordSchema,
  conflict,
  DEFAULT_LOCALE,
  notFound,
  renderMessage,
} from '@promesse/shared';
import type { AppDeps } from '../../core/deps';
import { isDuplicateKeyError } from '../../core/ids';
import { inTransaction } from '../../core/transactions';
import { defineUseCase } from '../../core/use-case';
import { enqueueMail } from '../mail/mail.queries';
import { setStudentEmail } from '../student/student.queries';
import { userModel, type UserDoc } from './auth.model';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './auth.password';
import { passwordResetModel } from './auth.password-reset.model';
import { emailIsTaken } from './auth.queries';
import { revokeOtherSessions } from './auth.session';
import { reserveLoginAttempt } from './auth.throttle';

// The signed-in user's own e-mail address and password (issue 16, profile of every role). Both ask for the current
// password: a device left signed in is not enough to take the account over. Wrong guesses count against the same
// per-account and per-IP limits as log-ins (TOO_MANY_REQUESTS), so the form is no side door for guessing.

const wrongCurrentPassword = () =>
  badUserInput('auth.currentPasswordWrong', undefined, [
    { path: 'currentPassword', message: renderMessage('auth.currentPasswordWrongField') },
  ]);

/** The actor's account with its hash, once the current password is confirmed (throttled like a log-in). */
async function confirmCurrentPassword(
  deps: AppDeps,
  userId: string,
  password: string,
  ip: string | undefined,
): Promise<UserDoc> {
  const user = await userModel(deps.connection).findById(userId).select('+passwordHash');
  if (!user) throw notFound('User', userId);
  const reservation = await reserveLoginAttempt(deps, user.email, ip ?? '');
  if (!(await verifyPassword(user.passwordHash, password))) throw wrongCurrentPassword();
  await reservation.release();
  return user;
}

/**
 * A new password, confirmed with the current one and checked against the password policy. This device stays signed
 * in; every other session ends (their access tokens, refresh tokens and sockets), pending reset links stop working,
 * and the account's address is told by e-mail, all in one transaction.
 */
export const changeMyPassword = defineUseCase({
  name: 'changeMyPassword',
  input: changeMyPasswordSchema,
  access: 'authenticated',
  run: async ({ currentPassword, newPassword }, { actor, deps, ip }): Promise<boolean> => {
    const user = await confirmCurrentPassword(deps, actor.userId, currentPassword, ip);
    if (newPassword === currentPassword) {
      throw badUserInput('auth.passwordUnchanged', undefined, [
        { path: 'newPassword', message: renderMessage('auth.passwordUnchangedField') },
      ]);
    }
    assertAcceptablePassword(newPassword, 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    const now = deps.clock.now();
    await inTransaction(deps, async (session) => {
      await userModel(deps.connection).updateOne({ _id: user._id }, { $set: { passwordHash } }, { session });
      await revokeOtherSessions(deps, user._id, actor.sessionId ?? null, session);
      await passwordResetModel(deps.connection).updateMany(
        { userId: user._id, usedAt: null },
        { $set: { usedAt: now } },
        { session },
      );
      await enqueueMail(deps, session, {
        key: `passwordChanged:profile:${String(user._id)}:${now.getTime()}`,
        to: user.email,
        locale: user.locale ?? DEFAULT_LOCALE,
        recipientName: user.displayName,
        template: 'passwordChanged',
        params: { otherSessionsOnly: true },
      });
    });
    return true;
  },
});

const emailTaken = () =>
  conflict('auth.emailTaken', undefined, {
    fields: ['newEmail'],
  });

/**
 * A new e-mail address for the account (log-in, mail), confirmed with the current password; no other account may
 * have it. The previous address is told, in the transaction that changes it, so its owner learns of a change they
 * did not make. A student's profile copy of the address follows. Sessions stay open: the password did not change.
 */
export const changeMyEmail = defineUseCase({
  name: 'changeMyEmail',
  input: changeMyEmailSchema,
  access: 'authenticated',
  run: async ({ currentPassword, newEmail }, { actor, deps, ip }): Promise<UserDoc> => {
    const user = await confirmCurrentPassword(deps, actor.userId, currentPassword, ip);
    if (newEmail === user.email) {
      throw badUserInput('auth.emailUnchanged', undefined, [
        { path: 'newEmail', message: renderMessage('auth.emailUnchangedField') },
      ]);
    }
    if (await emailIsTaken(deps, newEmail)) throw emailTaken();
    const previous = user.email;
    const now = deps.clock.now();
    try {
      return await inTransaction(deps, async (session) => {
        const updated = await userModel(deps.connection).findOneAndUpdate(
          { _id: user._id, email: previous },
          { $set: { email: newEmail } },
          { returnDocument: 'after', session },
        );
        if (!updated) throw notFound('User', actor.userId);
        await setStudentEmail(deps, user._id, newEmail, session);
        await enqueueMail(deps, session, {
          key: `emailChanged:${String(user._id)}:${now.getTime()}`,
          to: previous,
          locale: user.locale ?? DEFAULT_LOCALE,
          recipientName: user.displayName,
          template: 'emailChanged',
          params: { newEmail },
        });
        return updated;
      });
    } catch (error) {
      // Lost a race with another account taking the address (unique index).
      if (isDuplicateKeyError(error)) throw emailTaken();
      throw error;
    }
  },
});
