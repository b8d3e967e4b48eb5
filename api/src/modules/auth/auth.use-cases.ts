import { Types, type ClientSession } from 'mongoose';
import * as z from 'zod';
import {
  acceptInvitationSchema,
  badUserInput,
  byIdInputSchema,
  DEFAULT_LOCALE,
  PASSWORD_RESET_VALIDITY_MS,
  requestPasswordResetSchema,
  resetPasswordSchema,
  conflict,
  forbidden,
  INVITATION_VALIDITY_MS,
  inviteUserSchema,
  isAppError,
  logInAttemptSchema,
  logInSchema,
  logOutSchema,
  refreshSessionSchema,
  notFound,
  registerCompanySchema,
  activeLocale,
  EMAIL_VERIFICATION_VALIDITY_HOURS,
  EMAIL_VERIFICATION_VALIDITY_MS,
  verifyEmailSchema,
  type Locale,
  type RegisterCompanyInput,
  renderMessage,
  Role,
  setMyLocaleSchema,
  unauthenticated,
} from '@promesse/shared';
import { isRecruiter, type Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { isDuplicateKeyError, validObjectIds } from '../../core/ids';
import { inTransaction } from '../../core/transactions';
import { defineUseCase } from '../../core/use-case';
import { createCompany, siretIsTaken } from '../company/company.queries';
import { findSchool } from '../school/school.queries';
import type { SchoolDoc } from '../school/school.model';
import { createStudentProfile } from '../student/student.queries';
import { hashInvitationCode, newInvitationCode } from './auth.invitation-code';
import { enqueueMail } from '../mail/mail.queries';
import { assertInvitationCap } from './auth.caps';
import { invitationModel, type InvitationDoc } from './auth.invitation.model';
import { passwordResetModel } from './auth.password-reset.model';
import { userModel, type UserDoc } from './auth.model';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './auth.password';
import { emailIsTaken, queueInvitationMail } from './auth.queries';
import { checkInvitationAttempts, recordInvitationFailure, reserveLoginAttempt, reserveSignup } from './auth.throttle';
import { companyRegistrationModel } from './auth.registration.model';
import { openSession, revokeAllSessions, revokeSession, rotateSession, type IssuedRefresh } from './auth.session';
import { signToken } from './auth.token';

export interface AuthPayload {
  token: string;
  user: UserDoc;
  /** The device session's refresh token: set as an HttpOnly cookie by the GraphQL layer, never in the body. */
  refresh: IssuedRefresh;
}

// Verified against when the e-mail is unknown, so both failures cost one argon2 verification.
let dummyHash: Promise<string> | null = null;

/** A new device session and its first short-lived access token. */
async function issueToken(deps: AppDeps, user: UserDoc): Promise<AuthPayload> {
  const refresh = await openSession(deps, user._id);
  return { token: await accessTokenFor(deps, user, refresh.sessionId), user, refresh };
}

function accessTokenFor(deps: Pick<AppDeps, 'env'>, user: UserDoc, sessionId: string): Promise<string> {
  return signToken({ sub: String(user._id), role: user.role, sid: sessionId }, deps.env.JWT_SECRET);
}

const siretTaken = () => conflict('auth.siretTaken', undefined, { fields: ['siret'] });
const emailTaken = () => conflict('auth.emailTaken', undefined, { fields: ['email'] });

/** Which unique index refused a write (E11000), from the driver's keyValue/keyPattern. */
function duplicateOf(error: unknown, field: string): boolean {
  if (!isDuplicateKeyError(error)) return false;
  const { keyPattern } = error as { keyPattern?: Record<string, unknown> };
  return error.keyValue?.[field] !== undefined || keyPattern?.[field] !== undefined || error.message.includes(field);
}

/** The newest sign-up of this address still waiting for its e-mail link, with its password hash. */
async function pendingSignUp(deps: AppDeps, email: string) {
  return companyRegistrationModel(deps.connection)
    .findOne({ email, usedAt: null, expiresAt: { $gt: deps.clock.now() } })
    .sort({ createdAt: -1 })
    .select('+passwordHash')
    .lean();
}

/**
 * Same answer (and one argon2 verification) for an unknown e-mail and a wrong password. Throttled per e-mail and
 * per IP before anything is verified.
 */
export const logIn = defineUseCase({
  name: 'logIn',
  input: logInAttemptSchema,
  access: 'public',
  run: async (attempt, { deps, ip }): Promise<AuthPayload> => {
    const parsed = logInSchema.safeParse(attempt);
    // Malformed credentials are wrong credentials: no hint about which part is wrong.
    if (!parsed.success) throw unauthenticated('auth.wrongCredentials');
    const { email, password } = parsed.data;
    const reservation = await reserveLoginAttempt(deps, email, ip ?? '');
    const user = await userModel(deps.connection).findOne({ email }).select('+passwordHash');
    // No account: the address may have a sign-up waiting for its e-mail link; its password is checked instead of
    // the dummy one (still one argon2 verification), and only the right password learns why it cannot log in.
    const pending = user ? null : await pendingSignUp(deps, email);
    dummyHash ??= hashPassword('not-a-real-password-0123');
    const ok = await verifyPassword(user?.passwordHash ?? pending?.passwordHash ?? (await dummyHash), password);
    if (pending && ok) {
      await reservation.release();
      throw forbidden('auth.emailNotVerified');
    }
    if (!user || !ok) throw unauthenticated('auth.wrongCredentials');
    await reservation.release();
    return issueToken(deps, user);
  },
});

/** The company and its first recruiter, created in one transaction (from a verified sign-up, or the demo seed). */
export async function createCompanyAccount(
  deps: AppDeps,
  input: Omit<RegisterCompanyInput, 'password'> & { locale?: Locale },
  passwordHash: string,
  onCreated?: (session: ClientSession) => Promise<void>,
): Promise<UserDoc> {
  try {
    return await inTransaction(deps, async (session) => {
      const userId = new Types.ObjectId();
      const company = await createCompany(
        deps,
        {
          name: input.companyName,
          siret: input.siret,
          city: input.city,
          location: input.location,
          contactName: input.contactName,
          createdBy: userId,
        },
        session,
      );
      const [created] = await userModel(deps.connection).create(
        [
          {
            _id: userId,
            email: input.email,
            passwordHash,
            role: Role.COMPANY_RECRUITER,
            displayName: input.contactName,
            companyId: company._id,
            ...(input.locale ? { locale: input.locale } : {}),
          },
        ],
        { session },
      );
      if (!created) throw new Error('recruiter not created');
      await onCreated?.(session);
      return created;
    });
  } catch (error) {
    // Lost a race with an identical registration.
    if (duplicateOf(error, 'siret')) throw siretTaken();
    if (duplicateOf(error, 'email')) throw emailTaken();
    throw error;
  }
}

/** Verification e-mails one address may be sent per hour; past that the answer stays the same and nothing is sent. */
export const VERIFICATION_MAILS_PER_HOUR = 3;

/** What registerCompany answers: no session until the address is proven (CONTRACT v2), the same for every address. */
export interface SignUpAnswer {
  token: string;
  user: UserDoc;
}

/**
 * A company signs up (issue 14; issue 13 item 4). Nothing is created and nobody is logged in: a sign-up waits for
 * its e-mailed single-use link (verifyEmail). An address that already has an account is told by e-mail that someone
 * tried to sign up with it (at most once an hour). The answer, and the work done (one argon2 hash), are the same
 * either way; sign-ups are throttled per client IP.
 */
export const registerCompany = defineUseCase({
  name: 'registerCompany',
  input: registerCompanySchema,
  inputPath: 'input',
  access: 'public',
  run: async (input, { deps, ip }): Promise<SignUpAnswer> => {
    await reserveSignup(deps, ip ?? '', deps.env.SIGNUPS_PER_IP_PER_HOUR);
    // A SIRET is public (the national register): saying it is taken teaches nothing about an e-mail address.
    if (await siretIsTaken(deps, input.siret)) throw siretTaken();
    assertAcceptablePassword(input.password, 'input.password');
    const passwordHash = await hashPassword(input.password);
    const locale = activeLocale();
    const now = deps.clock.now();
    const existing = await userModel(deps.connection)
      .findOne({ email: input.email }, { email: 1, locale: 1, displayName: 1 })
      .lean();
    if (existing) {
      // One warning per address and hour: the idempotency key dedupes repeated attempts.
      const hour = Math.floor(now.getTime() / 3_600_000);
      await enqueueMail(deps, null, {
        key: `accountExists:${String(existing._id)}:${hour}`,
        to: existing.email,
        locale: existing.locale ?? DEFAULT_LOCALE,
        recipientName: existing.displayName,
        template: 'accountExists',
        params: {},
      });
    } else {
      const Registration = companyRegistrationModel(deps.connection);
      const recent = await Registration.countDocuments({
        email: input.email,
        createdAt: { $gt: new Date(now.getTime() - 3_600_000) },
      });
      if (recent < VERIFICATION_MAILS_PER_HOUR) {
        const token = newInvitationCode();
        await inTransaction(deps, async (session) => {
          const [registration] = await Registration.create(
            [
              {
                tokenHash: hashInvitationCode(token),
                email: input.email,
                passwordHash,
                companyName: input.companyName,
                siret: input.siret,
                contactName: input.contactName,
                city: input.city,
                location: input.location,
                locale,
                expiresAt: new Date(now.getTime() + EMAIL_VERIFICATION_VALIDITY_MS),
              },
            ],
            { session },
          );
          if (!registration) throw new Error('registration not created');
          await enqueueMail(deps, session, {
            key: `emailVerification:${String(registration._id)}`,
            to: input.email,
            locale,
            recipientName: input.contactName,
            template: 'emailVerification',
            params: { companyName: input.companyName, token, hours: EMAIL_VERIFICATION_VALIDITY_HOURS },
          });
        });
      }
    }
    // Never saved: the shape of the account to come, with a fresh id, whatever the address.
    const User = userModel(deps.connection);
    const user = new User({
      email: input.email,
      role: Role.COMPANY_RECRUITER,
      displayName: input.contactName,
      locale,
    });
    return { token: '', user };
  },
});

/**
 * Follows the e-mailed link: the address is proven, the company and its recruiter are created and logged in. The
 * link works once, within EMAIL_VERIFICATION_VALIDITY_HOURS; the address's other pending sign-ups stop working.
 * If the address got an account meanwhile (an invitation), or the SIRET was registered: CONFLICT.
 */
export const verifyEmail = defineUseCase({
  name: 'verifyEmail',
  input: verifyEmailSchema,
  access: 'public',
  run: async ({ token }, { deps, ip }): Promise<AuthPayload> => {
    checkInvitationAttempts(ip ?? '');
    const now = deps.clock.now();
    const Registration = companyRegistrationModel(deps.connection);
    const registration = await Registration.findOne({
      tokenHash: hashInvitationCode(token),
      usedAt: null,
      expiresAt: { $gt: now },
    }).select('+passwordHash');
    if (!registration) {
      recordInvitationFailure(ip ?? '');
      throw badUserInput('auth.verificationTokenInvalid', undefined, [
        { path: 'token', message: renderMessage('auth.verificationTokenInvalidField') },
      ]);
    }
    if (await emailIsTaken(deps, registration.email)) throw emailTaken();
    if (await siretIsTaken(deps, registration.siret)) throw siretTaken();
    const user = await createCompanyAccount(
      deps,
      {
        companyName: registration.companyName,
        siret: registration.siret,
        email: registration.email,
        contactName: registration.contactName,
        city: registration.city,
        location: { lat: registration.location?.lat ?? 0, lng: registration.location?.lng ?? 0 },
        locale: registration.locale as Locale,
      },
      registration.passwordHash,
      async (session) => {
        // Single use, checked inside the transaction: two clicks cannot create two accounts.
        const used = await Registration.updateOne(
          { _id: registration._id, usedAt: null },
          { $set: { usedAt: now } },
          { session },
        );
        if (used.modifiedCount !== 1) throw badUserInput('auth.verificationTokenInvalid');
        await Registration.updateMany(
          { email: registration.email, usedAt: null },
          { $set: { usedAt: now } },
          { session },
        );
      },
    );
    return issueToken(deps, user);
  },
});

export interface InvitationResult {
  code: string;
  email: string;
  role: 'STUDENT' | 'SCHOOL_STAFF';
  expiresAt: Date;
  school: SchoolDoc;
}

/**
 * The admin invites SCHOOL_STAFF into any school; staff invite STUDENTs into their own school. The plain code is
 * returned once, only its hash is kept.
 */
export const inviteUser = defineUseCase({
  name: 'inviteUser',
  input: inviteUserSchema,
  inputPath: 'input',
  access: [Role.FEDERATION_ADMIN, Role.SCHOOL_STAFF],
  run: async (input, { actor, deps }): Promise<InvitationResult> => {
    let schoolId: string;
    if (actor.role === Role.FEDERATION_ADMIN) {
      if (input.role !== Role.SCHOOL_STAFF) throw forbidden('auth.adminInvitesStaffOnly');
      if (!input.schoolId) {
        throw badUserInput('auth.schoolRequired', undefined, [
          { path: 'input.schoolId', message: renderMessage('auth.schoolRequiredField') },
        ]);
      }
      schoolId = input.schoolId;
    } else if (actor.schoolId) {
      if (input.role !== Role.STUDENT) throw forbidden('auth.staffInvitesStudentsOnly');
      if (input.schoolId && input.schoolId !== actor.schoolId) throw forbidden('auth.ownSchoolOnly');
      schoolId = actor.schoolId;
    } else {
      throw forbidden();
    }
    const school = await findSchool(deps, schoolId);
    if (!school) throw notFound('School', schoolId);
    if (await emailIsTaken(deps, input.email)) throw emailTaken();
    const code = newInvitationCode();
    const now = deps.clock.now();
    await assertInvitationCap(deps, actor.userId, now);
    const expiresAt = new Date(now.getTime() + INVITATION_VALIDITY_MS);
    // The invitation and its e-mail commit together: no invitation without its message, no message for nothing.
    await inTransaction(deps, async (session) => {
      const [invitation] = await invitationModel(deps.connection).create(
        [
          {
            codeHash: hashInvitationCode(code),
            email: input.email,
            role: input.role,
            schoolId: school._id,
            invitedBy: actor.userId,
            expiresAt,
            sentCount: 1,
            lastSentAt: now,
          },
        ],
        { session },
      );
      if (!invitation) throw new Error('invitation not created');
      await queueInvitationMail(deps, session, { ...invitation.toObject(), role: input.role }, code);
    });
    return { code, email: input.email, role: input.role, expiresAt, school };
  },
});

/**
 * Invitations sent and not used yet (expired ones included, to resend): the school's for staff, own for the admin,
 * the company's colleague invitations for a recruiter. Each sees only its own kind.
 */
function pendingInvitationsFilter(actor: Actor): Record<string, unknown> {
  const unused = { usedAt: null, revokedAt: null };
  if (isRecruiter(actor)) return { companyId: actor.companyId, role: Role.COMPANY_RECRUITER, ...unused };
  const scope =
    actor.role === Role.SCHOOL_STAFF && actor.schoolId ? { schoolId: actor.schoolId } : { invitedBy: actor.userId };
  // Colleague invitations (recruiters) are the companies' own: never listed nor resent here.
  return { ...scope, role: { $in: [Role.STUDENT, Role.SCHOOL_STAFF] }, ...unused };
}

export const listPendingInvitations = defineUseCase({
  name: 'listPendingInvitations',
  input: z.object({}),
  access: [Role.FEDERATION_ADMIN, Role.SCHOOL_STAFF, Role.COMPANY_RECRUITER],
  run: async (_input, { actor, deps }): Promise<InvitationDoc[]> =>
    invitationModel(deps.connection).find(pendingInvitationsFilter(actor)).sort({ createdAt: -1, _id: -1 }).limit(500),
});

async function pendingInvitation(deps: AppDeps, actor: Actor, id: string): Promise<InvitationDoc> {
  const [objectId] = validObjectIds([id]);
  const invitation = objectId
    ? await invitationModel(deps.connection).findOne({ _id: objectId, ...pendingInvitationsFilter(actor) })
    : null;
  if (!invitation) throw notFound('Invitation', id);
  return invitation;
}

/**
 * Gives one of the actor's pending invitations a new code (the old link stops working) and a new validity, and
 * queues its e-mail with `queueMail` in the same transaction: only the code's hash is stored, so the first one
 * cannot be sent again. Shared by the schools' resend and the companies' (colleagues).
 */
export async function reissueInvitation(
  deps: AppDeps,
  actor: Actor,
  id: string,
  queueMail: (session: ClientSession, invitation: InvitationDoc, code: string) => Promise<void>,
): Promise<{ code: string; invitation: InvitationDoc }> {
  const current = await pendingInvitation(deps, actor, id);
  if (await emailIsTaken(deps, current.email)) throw emailTaken();
  const code = newInvitationCode();
  const now = deps.clock.now();
  await assertInvitationCap(deps, actor.userId, now);
  const expiresAt = new Date(now.getTime() + INVITATION_VALIDITY_MS);
  const invitation = await inTransaction(deps, async (session) => {
    const updated = await invitationModel(deps.connection).findOneAndUpdate(
      { _id: current._id, usedAt: null, revokedAt: null },
      { $set: { codeHash: hashInvitationCode(code), expiresAt, lastSentAt: now }, $inc: { sentCount: 1 } },
      { returnDocument: 'after', session },
    );
    if (!updated) throw notFound('Invitation', id);
    await queueMail(session, updated, code);
    return updated;
  });
  return { code, invitation };
}

/** Sends a school invitation again (see reissueInvitation). */
export const resendInvitation = defineUseCase({
  name: 'resendInvitation',
  input: byIdInputSchema,
  access: [Role.FEDERATION_ADMIN, Role.SCHOOL_STAFF],
  run: async ({ id }, { actor, deps }): Promise<InvitationResult> => {
    const roleOf = (i: InvitationDoc): InvitationResult['role'] =>
      i.role === Role.STUDENT ? Role.STUDENT : Role.SCHOOL_STAFF;
    const { code, invitation } = await reissueInvitation(deps, actor, id, (session, updated, newCode) =>
      queueInvitationMail(deps, session, { ...updated.toObject(), role: roleOf(updated) }, newCode),
    );
    const role = roleOf(invitation);
    const school = await findSchool(deps, String(invitation.schoolId));
    if (!school) throw notFound('School', String(invitation.schoolId));
    return { code, email: invitation.email, role, expiresAt: invitation.expiresAt, school };
  },
});

/** Withdraws an invitation (a school's, or a company's colleague invitation): its link and code stop working. */
export const revokeInvitation = defineUseCase({
  name: 'revokeInvitation',
  input: byIdInputSchema,
  access: [Role.FEDERATION_ADMIN, Role.SCHOOL_STAFF, Role.COMPANY_RECRUITER],
  run: async ({ id }, { actor, deps }): Promise<InvitationDoc> => {
    const current = await pendingInvitation(deps, actor, id);
    const revoked = await invitationModel(deps.connection).findOneAndUpdate(
      { _id: current._id, usedAt: null, revokedAt: null },
      { $set: { revokedAt: deps.clock.now() } },
      { returnDocument: 'after' },
    );
    if (!revoked) throw notFound('Invitation', id);
    return revoked;
  },
});

/** Consumes an invitation (single use) and creates the account (+ student profile) in one transaction. */
export const acceptInvitation = defineUseCase({
  name: 'acceptInvitation',
  input: acceptInvitationSchema,
  inputPath: 'input',
  access: 'public',
  run: async (input, { deps, ip }): Promise<AuthPayload> => {
    checkInvitationAttempts(ip ?? '');
    const now = deps.clock.now();
    const codeHash = hashInvitationCode(input.code);
    const Invitation = invitationModel(deps.connection);
    // The code first: a junk code costs one indexed read, never an argon2 hash (which slowed every log-in down).
    const usable = await Invitation.exists({ codeHash, usedAt: null, revokedAt: null, expiresAt: { $gt: now } });
    if (usable) assertAcceptablePassword(input.password, 'input.password');
    const passwordHash = usable ? await hashPassword(input.password) : null;
    try {
      const user = await inTransaction(deps, async (session) => {
        const invitation = await Invitation.findOneAndUpdate(
          { codeHash, usedAt: null, revokedAt: null, expiresAt: { $gt: now } },
          { $set: { usedAt: now } },
          { returnDocument: 'after', session },
        );
        if (!invitation || !passwordHash) {
          recordInvitationFailure(ip ?? '');
          const existing = await Invitation.findOne({ codeHash }).session(session);
          if (!existing) throw notFound('Invitation');
          if (existing.revokedAt) {
            throw badUserInput('auth.invitationRevoked', undefined, [
              { path: 'input.code', message: renderMessage('auth.invitationRevokedField') },
            ]);
          }
          if (existing.usedAt) {
            throw badUserInput('auth.invitationUsed', undefined, [
              { path: 'input.code', message: renderMessage('auth.invitationUsedField') },
            ]);
          }
          throw badUserInput('auth.invitationExpired', undefined, [
            { path: 'input.code', message: renderMessage('auth.invitationExpiredField') },
          ]);
        }
        const userId = new Types.ObjectId();
        const [created] = await userModel(deps.connection).create(
          [
            {
              _id: userId,
              email: invitation.email,
              passwordHash,
              role: invitation.role,
              displayName: `${input.firstName} ${input.lastName}`,
              ...(invitation.schoolId ? { schoolId: invitation.schoolId } : {}),
              ...(invitation.companyId ? { companyId: invitation.companyId } : {}),
            },
          ],
          { session },
        );
        if (!created) throw new Error('invited user not created');
        await Invitation.updateOne({ _id: invitation._id }, { $set: { usedBy: userId } }, { session });
        if (invitation.role === Role.STUDENT && invitation.schoolId) {
          await createStudentProfile(
            deps,
            {
              userId,
              schoolId: invitation.schoolId,
              firstName: input.firstName,
              lastName: input.lastName,
              email: invitation.email,
            },
            session,
          );
        }
        return created;
      });
      return await issueToken(deps, user);
    } catch (error) {
      if (isAppError(error)) throw error;
      if (duplicateOf(error, 'email')) throw emailTaken();
      throw error;
    }
  },
});

/** Any signed-in user chooses the language of the app, its errors and their notifications. */
export const setMyLocale = defineUseCase({
  name: 'setMyLocale',
  input: setMyLocaleSchema,
  access: 'authenticated',
  run: async ({ locale }, { actor, deps }): Promise<UserDoc> => {
    const user = await userModel(deps.connection).findByIdAndUpdate(
      actor.userId,
      { $set: { locale } },
      { returnDocument: 'after' },
    );
    if (!user) throw notFound('User', actor.userId);
    return user;
  },
});

/**
 * Renews a session from its refresh cookie: the token rotates (single use), a replayed one ends the session.
 * Anything else than a live token is "session expired".
 */
export const refreshSession = defineUseCase({
  name: 'refreshSession',
  input: refreshSessionSchema,
  access: 'public',
  run: async ({ refreshToken }, { deps }): Promise<AuthPayload> => {
    if (!refreshToken) throw unauthenticated('auth.sessionExpired');
    const rotated = await rotateSession(deps, refreshToken);
    if (!rotated.ok) throw unauthenticated('auth.sessionExpired');
    const user = await userModel(deps.connection).findById(rotated.userId);
    if (!user) throw unauthenticated('auth.sessionExpired');
    return { token: await accessTokenFor(deps, user, rotated.issued.sessionId), user, refresh: rotated.issued };
  },
});

/**
 * Ends this device's session (the refresh cookie's, and the access token's), or every session of the signed-in
 * user with allDevices. Idempotent: logging out twice is not an error.
 */
export const logOut = defineUseCase({
  name: 'logOut',
  input: logOutSchema,
  access: 'public',
  run: async ({ allDevices, refreshToken }, { deps, actor }): Promise<boolean> => {
    if (allDevices) {
      if (!actor) throw unauthenticated();
      await revokeAllSessions(deps, actor.userId);
      return true;
    }
    await revokeSession(deps, {
      ...(refreshToken ? { refreshToken } : {}),
      ...(actor?.sessionId ? { sessionId: actor.sessionId } : {}),
    });
    return true;
  },
});

/** Reset e-mails one account may be sent per hour; past that the answer stays the same and nothing is sent. */
export const PASSWORD_RESETS_PER_HOUR = 3;

/**
 * Asked from the log-in page. Same answer whether the address has an account or not (nothing to learn from it);
 * for an account, a single-use link valid one hour is e-mailed, queued in the transaction that stores its hash.
 */
export const requestPasswordReset = defineUseCase({
  name: 'requestPasswordReset',
  input: requestPasswordResetSchema,
  access: 'public',
  run: async ({ email }, { deps }): Promise<boolean> => {
    const user = await userModel(deps.connection).findOne({ email }, { email: 1, locale: 1, displayName: 1 }).lean();
    if (!user) return true;
    const now = deps.clock.now();
    const Reset = passwordResetModel(deps.connection);
    const recent = await Reset.countDocuments({
      userId: user._id,
      createdAt: { $gt: new Date(now.getTime() - 3_600_000) },
    });
    if (recent >= PASSWORD_RESETS_PER_HOUR) return true;
    const token = newInvitationCode();
    await inTransaction(deps, async (session) => {
      const [reset] = await Reset.create(
        [
          {
            tokenHash: hashInvitationCode(token),
            userId: user._id,
            expiresAt: new Date(now.getTime() + PASSWORD_RESET_VALIDITY_MS),
          },
        ],
        { session },
      );
      if (!reset) throw new Error('password reset not created');
      await enqueueMail(deps, session, {
        key: `passwordReset:${String(reset._id)}`,
        to: user.email,
        locale: user.locale ?? DEFAULT_LOCALE,
        recipientName: user.displayName,
        template: 'passwordReset',
        params: { token },
      });
    });
    return true;
  },
});

/**
 * Sets a new password with the e-mailed token (once, within the hour); every session of the account ends and a
 * confirmation is e-mailed, in one transaction. The user then logs in with the new password.
 */
export const resetPassword = defineUseCase({
  name: 'resetPassword',
  input: resetPasswordSchema,
  access: 'public',
  run: async ({ token, password }, { deps }): Promise<boolean> => {
    const now = deps.clock.now();
    assertAcceptablePassword(password, 'password');
    const passwordHash = await hashPassword(password);
    const Reset = passwordResetModel(deps.connection);
    await inTransaction(deps, async (session) => {
      const reset = await Reset.findOneAndUpdate(
        { tokenHash: hashInvitationCode(token), usedAt: null, expiresAt: { $gt: now } },
        { $set: { usedAt: now } },
        { returnDocument: 'after', session },
      );
      if (!reset) {
        throw badUserInput('auth.resetTokenInvalid', undefined, [
          { path: 'token', message: renderMessage('auth.resetTokenInvalidField') },
        ]);
      }
      const user = await userModel(deps.connection).findOneAndUpdate(
        { _id: reset.userId },
        { $set: { passwordHash } },
        { returnDocument: 'after', session, projection: { email: 1, locale: 1, displayName: 1 } },
      );
      if (!user) throw badUserInput('auth.resetTokenInvalid');
      // The other links asked for stop working too.
      await Reset.updateMany({ userId: reset.userId, usedAt: null }, { $set: { usedAt: now } }, { session });
      await revokeAllSessions(deps, reset.userId, session);
      await enqueueMail(deps, session, {
        key: `passwordChanged:${String(reset._id)}`,
        to: user.email,
        locale: user.locale ?? DEFAULT_LOCALE,
        recipientName: user.displayName,
        template: 'passwordChanged',
        params: {},
      });
    });
    return true;
  },
});
