import { Types, type ClientSession } from 'mongoose';
import { DEFAULT_LOCALE, INVITATION_VALIDITY_MS, Role, type InvitableRole, type Locale } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { isDuplicateKeyError } from '../../core/ids';
import { enqueueMail } from '../mail/mail.queries';
import { findSchool } from '../school/school.queries';
import { hashInvitationCode, newInvitationCode } from './auth.invitation-code';
import { invitationModel } from './auth.invitation.model';
import { userModel, type UserDoc } from './auth.model';
import { hashPassword } from './auth.password';
import { passwordResetModel } from './auth.password-reset.model';
import { companyRegistrationModel } from './auth.registration.model';

// What other modules may ask of the users' module (it owns the users collection).

/** Ends every session of a user (password reset/change): see auth.session.ts. */
export { revokeAllSessions } from './auth.session';

export interface Recipients {
  staffOfSchool(schoolId: unknown): Types.ObjectId[];
  recruitersOfCompany(companyId: unknown): Types.ObjectId[];
}

/**
 * Staff of some schools and recruiters of some companies (the recipients of notifications about them), in ONE
 * query whatever the number of schools and companies (a hire cascade notifies many of both).
 */
export async function loadRecipients(
  deps: Pick<DataDeps, 'connection'>,
  refs: { schoolIds?: readonly unknown[]; companyIds?: readonly unknown[] },
  session: ClientSession | null = null,
): Promise<Recipients> {
  const ids = (xs: readonly unknown[] = []) => [...new Set(xs.map(String))].map((id) => new Types.ObjectId(id));
  const schoolIds = ids(refs.schoolIds);
  const companyIds = ids(refs.companyIds);
  const or: Record<string, unknown>[] = [];
  if (schoolIds.length) or.push({ role: Role.SCHOOL_STAFF, schoolId: { $in: schoolIds } });
  if (companyIds.length) or.push({ role: Role.COMPANY_RECRUITER, companyId: { $in: companyIds } });
  const users = or.length
    ? await userModel(deps.connection)
        .find({ $or: or }, { _id: 1, role: 1, schoolId: 1, companyId: 1 })
        .session(session)
        .lean()
    : [];
  const group = (role: Role, key: 'schoolId' | 'companyId') => {
    const map = new Map<string, Types.ObjectId[]>();
    for (const u of users) {
      if (u.role !== role || !u[key]) continue;
      const k = String(u[key]);
      map.set(k, [...(map.get(k) ?? []), u._id]);
    }
    return map;
  };
  const staff = group(Role.SCHOOL_STAFF, 'schoolId');
  const recruiters = group(Role.COMPANY_RECRUITER, 'companyId');
  return {
    staffOfSchool: (schoolId) => staff.get(String(schoolId)) ?? [],
    recruitersOfCompany: (companyId) => recruiters.get(String(companyId)) ?? [],
  };
}

export async function emailIsTaken(
  deps: Pick<DataDeps, 'connection'>,
  email: string,
  session: ClientSession | null = null,
): Promise<boolean> {
  return (await userModel(deps.connection).exists({ email }).session(session)) !== null;
}

/** The language each user reads in (French for users who never chose). */
export async function localesOfUsers(
  deps: Pick<DataDeps, 'connection'>,
  userIds: readonly string[],
): Promise<Map<string, Locale>> {
  const users = await userModel(deps.connection)
    .find({ _id: { $in: userIds.map((id) => new Types.ObjectId(id)) } }, { locale: 1 })
    .lean();
  return new Map(users.map((u) => [String(u._id), u.locale ?? DEFAULT_LOCALE]));
}

/**
 * Creates the federation admin (from BOOTSTRAP_ADMIN_EMAIL/PASSWORD) when none exists yet. Returns the created
 * user, or null when a federation admin was already there. Run by the server at start, before any actor exists.
 */
export async function ensureBootstrapAdmin(
  deps: Pick<DataDeps, 'connection'>,
  admin: { email: string; password: string; displayName?: string },
): Promise<UserDoc | null> {
  const User = userModel(deps.connection);
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
    if (isDuplicateKeyError(error)) return null;
    throw error;
  }
}

/** What the notification module reads of a user: role, preferences and where to e-mail them. */
export interface NotificationSettingsRow {
  _id: Types.ObjectId;
  email: string;
  role: Role;
  displayName: string;
  locale?: Locale | null;
  notificationPreferences?: { mutedTypes?: string[] | null; channels?: Record<string, string> | null } | null;
}

const NOTIFICATION_SETTINGS_PROJECTION = { email: 1, role: 1, displayName: 1, locale: 1, notificationPreferences: 1 };

/** The notification settings stored on the user (raw: the notification module reads them). */
export async function notificationSettingsOf(
  deps: Pick<DataDeps, 'connection'>,
  userId: string,
): Promise<NotificationSettingsRow | null> {
  return userModel(deps.connection).findById(userId, NOTIFICATION_SETTINGS_PROJECTION).lean<NotificationSettingsRow>();
}

/** The settings of several users at once (recipients of notifications), in the caller's transaction. */
export async function notificationSettingsOfUsers(
  deps: Pick<DataDeps, 'connection'>,
  userIds: readonly (string | Types.ObjectId)[],
  session: ClientSession | null = null,
): Promise<NotificationSettingsRow[]> {
  if (userIds.length === 0) return [];
  return userModel(deps.connection)
    .find({ _id: { $in: userIds.map((id) => new Types.ObjectId(String(id))) } }, NOTIFICATION_SETTINGS_PROJECTION)
    .session(session)
    .lean<NotificationSettingsRow[]>();
}

/**
 * Replaces the user's notification preferences. The whole sub-document is set, so the change event's
 * updatedFields names it whatever the previous value (realtime/realtime.feed.ts reads it).
 */
export async function setNotificationPreferences(
  deps: Pick<DataDeps, 'connection'>,
  userId: string,
  preferences: { mutedTypes: readonly string[]; channels: Record<string, string> },
): Promise<NotificationSettingsRow | null> {
  return userModel(deps.connection)
    .findOneAndUpdate(
      { _id: new Types.ObjectId(userId) },
      {
        $set: { notificationPreferences: { mutedTypes: [...preferences.mutedTypes], channels: preferences.channels } },
      },
      { returnDocument: 'after', projection: NOTIFICATION_SETTINGS_PROJECTION },
    )
    .lean<NotificationSettingsRow>();
}

/** Of these e-mails, those with an account, or else with a pending (unused, unexpired) invitation. */
export async function usedOrInvitedEmails(
  deps: DataDeps,
  emails: readonly string[],
  session: ClientSession | null = null,
): Promise<Map<string, 'account' | 'invited'>> {
  const [users, invitations] = [
    await userModel(deps.connection)
      .find({ email: { $in: emails } }, { email: 1 })
      .session(session)
      .lean(),
    await invitationModel(deps.connection)
      .find({ email: { $in: emails }, usedAt: null, expiresAt: { $gt: deps.clock.now() } }, { email: 1 })
      .session(session)
      .lean(),
  ];
  const state = new Map<string, 'account' | 'invited'>(invitations.map((i) => [i.email, 'invited']));
  for (const u of users) state.set(u.email, 'account');
  return state;
}

/** The invitation e-mail (link + code as fallback), queued in the caller's transaction; one key per sending. */
export async function queueInvitationMail(
  deps: DataDeps,
  session: ClientSession | null,
  invitation: {
    _id: Types.ObjectId;
    email: string;
    role: InvitableRole;
    expiresAt: Date;
    sentCount: number;
    invitedBy: Types.ObjectId | string;
    schoolId?: Types.ObjectId | string | null;
  },
  code: string,
): Promise<void> {
  const [inviter, school] = await Promise.all([
    userModel(deps.connection).findById(invitation.invitedBy, { displayName: 1, locale: 1 }).session(session).lean(),
    findSchool(deps, String(invitation.schoolId)),
  ]);
  await enqueueMail(deps, session, {
    key: `invitation:${String(invitation._id)}:${invitation.sentCount}`,
    to: invitation.email,
    // The invitee has no account yet: the inviter's language.
    locale: inviter?.locale ?? DEFAULT_LOCALE,
    template: 'invitation',
    params: {
      inviterName: inviter?.displayName ?? '',
      schoolName: school?.name ?? '',
      role: invitation.role,
      code,
      expiresAt: invitation.expiresAt.toISOString(),
    },
  });
}

/** Student invitations into a school, one per e-mail (codes returned once: only their hashes are stored). */
export async function createStudentInvitations(
  deps: DataDeps,
  refs: { schoolId: string; invitedBy: string; emails: readonly string[] },
  session: ClientSession | null = null,
): Promise<{ email: string; code: string; expiresAt: Date }[]> {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + INVITATION_VALIDITY_MS);
  const created = refs.emails.map((email) => ({ email, code: newInvitationCode(), expiresAt }));
  const docs = await invitationModel(deps.connection).insertMany(
    created.map(({ email, code }) => ({
      codeHash: hashInvitationCode(code),
      email,
      role: Role.STUDENT,
      schoolId: new Types.ObjectId(refs.schoolId),
      invitedBy: new Types.ObjectId(refs.invitedBy),
      expiresAt,
      sentCount: 1,
      lastSentAt: now,
    })),
    { session: session ?? undefined },
  );
  for (const [i, doc] of docs.entries()) {
    const code = created[i]?.code;
    if (code) await queueInvitationMail(deps, session, { ...doc.toObject(), role: Role.STUDENT }, code);
  }
  return created;
}

export interface MailContact {
  userId: Types.ObjectId;
  email: string;
  displayName: string;
  locale: Locale;
}

/** Address, name and language of some users (recipients of a message), in one query. */
export async function mailContactsOf(
  deps: Pick<DataDeps, 'connection'>,
  userIds: readonly (string | Types.ObjectId)[],
  session: ClientSession | null = null,
): Promise<MailContact[]> {
  if (userIds.length === 0) return [];
  const users = await userModel(deps.connection)
    .find(
      { _id: { $in: userIds.map((id) => new Types.ObjectId(String(id))) } },
      { email: 1, displayName: 1, locale: 1 },
    )
    .session(session)
    .lean();
  return users.map((u) => ({
    userId: u._id,
    email: u.email,
    displayName: u.displayName,
    locale: u.locale ?? DEFAULT_LOCALE,
  }));
}

/** The recruiter accounts of a company, by name (what its recruiters see of their colleagues). */
export async function recruiterUsersOfCompany(
  deps: Pick<DataDeps, 'connection'>,
  companyId: Types.ObjectId,
): Promise<UserDoc[]> {
  return userModel(deps.connection).find({ role: Role.COMPANY_RECRUITER, companyId }).sort({ displayName: 1, _id: 1 });
}

// ---------- retention (issue 18, modules/retention) ----------

/** An account as the retention of inactive accounts reads it. */
export interface InactiveAccount {
  _id: Types.ObjectId;
  email: string;
  displayName: string;
  locale?: string | null;
  /** The last activity: lastActiveAt, or the creation of an account never seen since activity was recorded. */
  lastActiveAt: Date;
}

/**
 * Accounts (every role but the federation admin's, which runs the platform) whose last activity is at or before
 * `before`: lastActiveAt, or createdAt for an account with none. Batched (`limit`) so a first run on an old database
 * stays bounded; the next run takes the rest.
 */
export async function accountsInactiveSince(deps: DataDeps, before: Date, limit = 500): Promise<InactiveAccount[]> {
  const rows = await userModel(deps.connection)
    .find(
      {
        role: { $ne: 'FEDERATION_ADMIN' },
        $or: [{ lastActiveAt: { $lte: before } }, { lastActiveAt: null, createdAt: { $lte: before } }],
      },
      { email: 1, displayName: 1, locale: 1, lastActiveAt: 1, createdAt: 1 },
    )
    .sort({ _id: 1 })
    .limit(limit)
    .lean();
  return rows.map((u) => ({
    _id: u._id,
    email: u.email,
    displayName: u.displayName,
    locale: u.locale ?? null,
    lastActiveAt: u.lastActiveAt ?? u.createdAt,
  }));
}

/** Deletes password-reset links and e-mail verifications (company sign-ups) expired at or before `before`. */
export async function purgeExpiredAccountTokens(deps: DataDeps, before: Date): Promise<number> {
  const filter = { expiresAt: { $lte: before } };
  const [resets, signups] = await Promise.all([
    passwordResetModel(deps.connection).deleteMany(filter),
    companyRegistrationModel(deps.connection).deleteMany(filter),
  ]);
  return resets.deletedCount + signups.deletedCount;
}

/** Deletes invitations (used, revoked or not) expired at or before `before`. */
export async function purgeExpiredInvitations(deps: DataDeps, before: Date): Promise<number> {
  return (await invitationModel(deps.connection).deleteMany({ expiresAt: { $lte: before } })).deletedCount;
}
