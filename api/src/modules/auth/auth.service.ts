import { createHash, randomBytes } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import {
  acceptInvitationSchema,
  AppError,
  badUserInput,
  conflict,
  forbidden,
  INVITATION_VALIDITY_MS,
  inviteUserSchema,
  logInSchema,
  notFound,
  parseInput,
  registerCompanySchema,
  Role,
  toGeoJsonPoint,
  unauthenticated,
} from '@promesse/shared';
import type { Actor, AppDeps } from '../../graphql/context';
import { companyModel } from '../company/company.model';
import { schoolModel, type SchoolDoc } from '../school/school.model';
import { studentModel } from '../student/student.model';
import { userModel, type UserDoc } from './auth.model';
import { invitationModel } from './auth.invitation.model';
import { hashPassword, verifyPassword } from './auth.password';
import { reserveLoginAttempt } from './auth.throttle';
import { signToken } from './auth.token';

export interface AuthPayload {
  token: string;
  user: UserDoc;
}

type Deps = Pick<AppDeps, 'connection' | 'env'>;

const WRONG_CREDENTIALS = 'E-mail ou mot de passe incorrect';

// Verified against when the e-mail is unknown, so both failures cost one argon2 verification.
let dummyHash: Promise<string> | null = null;

async function issueToken(deps: Deps, user: UserDoc): Promise<AuthPayload> {
  return { token: await signToken({ sub: String(user._id), role: user.role }, deps.env.JWT_SECRET), user };
}

function isDuplicateKey(error: unknown, field?: string): boolean {
  const e = error as {
    code?: unknown;
    keyValue?: Record<string, unknown>;
    keyPattern?: Record<string, unknown>;
    message?: string;
  };
  if (e?.code !== 11000) return false;
  if (!field) return true;
  return Boolean(
    e.keyValue?.[field] !== undefined || e.keyPattern?.[field] !== undefined || e.message?.includes(field),
  );
}

/**
 * Same answer (and one argon2 verification) for an unknown e-mail and a wrong password. Throttled per e-mail and
 * per IP before anything is verified.
 */
export async function logIn(deps: Deps, args: { email: string; password: string }, ip: string): Promise<AuthPayload> {
  const parsed = logInSchema.safeParse(args);
  // Malformed credentials are wrong credentials: no hint about which part is wrong.
  if (!parsed.success) throw unauthenticated(WRONG_CREDENTIALS);
  const { email, password } = parsed.data;
  const reservation = await reserveLoginAttempt(deps, email, ip);
  const user = await userModel(deps.connection).findOne({ email }).select('+passwordHash');
  dummyHash ??= hashPassword('not-a-real-password-0123');
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !ok) throw unauthenticated(WRONG_CREDENTIALS);
  await reservation.release();
  return issueToken(deps, user);
}

/** A company signs up: company + its first recruiter in one transaction. */
export async function registerCompany(deps: Deps, rawInput: unknown): Promise<AuthPayload> {
  const input = parseInput(registerCompanySchema, rawInput, 'input');
  const Company = companyModel(deps.connection);
  const User = userModel(deps.connection);
  if (await Company.exists({ siret: input.siret })) {
    throw conflict('Une entreprise avec ce SIRET est déjà inscrite', { fields: ['siret'] });
  }
  if (await User.exists({ email: input.email })) {
    throw conflict('Un compte existe déjà avec cette adresse e-mail', { fields: ['email'] });
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await deps.connection.transaction(async (session) => {
      const userId = new Types.ObjectId();
      const [company] = await Company.create(
        [
          {
            name: input.companyName,
            siret: input.siret,
            city: input.city,
            location: toGeoJsonPoint(input.location),
            contactName: input.contactName,
            createdBy: userId,
          },
        ],
        { session },
      );
      const [created] = await User.create(
        [
          {
            _id: userId,
            email: input.email,
            passwordHash,
            role: Role.COMPANY_RECRUITER,
            displayName: input.contactName,
            companyId: company!._id,
          },
        ],
        { session },
      );
      return created!;
    });
    return issueToken(deps, user);
  } catch (error) {
    // Lost a race with an identical registration.
    if (isDuplicateKey(error, 'siret'))
      throw conflict('Une entreprise avec ce SIRET est déjà inscrite', { fields: ['siret'] });
    if (isDuplicateKey(error, 'email'))
      throw conflict('Un compte existe déjà avec cette adresse e-mail', { fields: ['email'] });
    throw error;
  }
}

export function hashInvitationCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

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
export async function inviteUser(
  deps: Deps,
  rawInput: unknown,
  actor: Actor,
  now = new Date(),
): Promise<InvitationResult> {
  const input = parseInput(inviteUserSchema, rawInput, 'input');
  let schoolId: string;
  if (actor.role === Role.FEDERATION_ADMIN) {
    if (input.role !== Role.SCHOOL_STAFF) {
      throw forbidden('La fédération invite l’équipe des écoles ; les élèves sont invités par leur école');
    }
    if (!input.schoolId)
      throw badUserInput('input.schoolId : école obligatoire', [
        { path: 'input.schoolId', message: 'École obligatoire' },
      ]);
    schoolId = input.schoolId;
  } else if (actor.role === Role.SCHOOL_STAFF && actor.schoolId) {
    if (input.role !== Role.STUDENT) throw forbidden('L’équipe d’une école invite ses élèves');
    if (input.schoolId && input.schoolId !== actor.schoolId)
      throw forbidden('Vous ne pouvez inviter que dans votre école');
    schoolId = actor.schoolId;
  } else {
    throw forbidden();
  }
  const school = await schoolModel(deps.connection).findById(schoolId);
  if (!school) throw notFound('School', schoolId);
  if (await userModel(deps.connection).exists({ email: input.email })) {
    throw conflict('Un compte existe déjà avec cette adresse e-mail', { fields: ['email'] });
  }
  const code = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITATION_VALIDITY_MS);
  await invitationModel(deps.connection).create({
    codeHash: hashInvitationCode(code),
    email: input.email,
    role: input.role,
    schoolId: school._id,
    invitedBy: actor.userId,
    expiresAt,
  });
  return { code, email: input.email, role: input.role, expiresAt, school };
}

/** Consumes an invitation (single use) and creates the account (+ student profile) in one transaction. */
export async function acceptInvitation(deps: Deps, rawInput: unknown, now = new Date()): Promise<AuthPayload> {
  const input = parseInput(acceptInvitationSchema, rawInput, 'input');
  const codeHash = hashInvitationCode(input.code);
  const Invitation = invitationModel(deps.connection);
  const User = userModel(deps.connection);
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await deps.connection.transaction(async (session) => {
      const invitation = await Invitation.findOneAndUpdate(
        { codeHash, usedAt: null, expiresAt: { $gt: now } },
        { $set: { usedAt: now } },
        { returnDocument: 'after', session },
      );
      if (!invitation) {
        const existing = await Invitation.findOne({ codeHash }).session(session);
        if (!existing) throw notFound('Invitation');
        if (existing.usedAt)
          throw badUserInput('Cette invitation a déjà été utilisée', [
            { path: 'input.code', message: 'Invitation déjà utilisée' },
          ]);
        throw badUserInput('Cette invitation a expiré : demandez-en une nouvelle', [
          { path: 'input.code', message: 'Invitation expirée' },
        ]);
      }
      const userId = new Types.ObjectId();
      const [created] = await User.create(
        [
          {
            _id: userId,
            email: invitation.email,
            passwordHash,
            role: invitation.role,
            displayName: `${input.firstName} ${input.lastName}`,
            schoolId: invitation.schoolId,
          },
        ],
        { session },
      );
      await Invitation.updateOne({ _id: invitation._id }, { $set: { usedBy: userId } }, { session });
      if (invitation.role === Role.STUDENT) {
        await studentModel(deps.connection).create(
          [
            {
              userId,
              schoolId: invitation.schoolId,
              firstName: input.firstName,
              lastName: input.lastName,
              email: invitation.email,
            },
          ],
          { session },
        );
      }
      return created!;
    });
    return issueToken(deps, user);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isDuplicateKey(error, 'email'))
      throw conflict('Un compte existe déjà avec cette adresse e-mail', { fields: ['email'] });
    throw error;
  }
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
