import * as z from 'zod';
import { msg } from '../messages/messages.zod';
import { geoPointSchema } from '../common/common.geo';
import {
  citySchema,
  emailSchema,
  idSchema,
  nameSchema,
  optionalInput,
  passwordSchema,
  TEXT_LIMITS,
} from '../common/common.schemas';
import { enumObject, localeSchema } from '../common/common.enum';
import { isValidSiret, normalizeSiret } from './auth.siret';

/** Invitations expire 14 days after creation. */
export const INVITATION_VALIDITY_DAYS = 14;
export const INVITATION_VALIDITY_MS = INVITATION_VALIDITY_DAYS * 24 * 60 * 60 * 1000;

/** A password one already has (log-in, confirming a change): any non-empty string up to the max. */
export const currentPasswordSchema = z
  .string(msg('validation.passwordExpected'))
  .min(1, msg('validation.required'))
  .max(TEXT_LIMITS.passwordMax, msg('validation.maxChars', { max: TEXT_LIMITS.passwordMax }));

/** Log-in password: any non-empty string up to the max (the length rule applies to new passwords only). */
export const logInSchema = z.object({
  email: emailSchema,
  password: currentPasswordSchema,
});
export type LogInInput = z.infer<typeof logInSchema>;

export const siretSchema = z
  .string(msg('validation.siretExpected'))
  .transform(normalizeSiret)
  .pipe(
    z
      .string()
      .regex(/^\d{14}$/, msg('validation.siretDigits'))
      .refine(isValidSiret, msg('validation.siretChecksum')),
  );

export const registerCompanySchema = z.object({
  companyName: nameSchema,
  siret: siretSchema,
  email: emailSchema,
  password: passwordSchema,
  contactName: nameSchema,
  city: citySchema,
  location: geoPointSchema,
});
export type RegisterCompanyInput = z.infer<typeof registerCompanySchema>;

/** Invitation codes are opaque; bounded so a huge string never reaches the hash function. */
export const invitationCodeSchema = z
  .string(msg('validation.codeExpected'))
  .trim()
  .min(8, msg('validation.invitationCodeInvalid'))
  .max(128, msg('validation.invitationCodeInvalid'));

export const acceptInvitationSchema = z.object({
  code: invitationCodeSchema,
  password: passwordSchema,
  firstName: nameSchema,
  lastName: nameSchema,
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

/** Roles that can be invited: the federation admin invites SCHOOL_STAFF, staff invite STUDENTs. */
export const INVITABLE_ROLES = ['STUDENT', 'SCHOOL_STAFF'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];
export const InvitableRole = enumObject(INVITABLE_ROLES);

/**
 * `schoolId` is required when the admin invites staff; staff inviting a student may omit it (their own school
 * is implied) — the API enforces which school an actor may invite into.
 */
export const inviteUserSchema = z.object({
  email: emailSchema,
  role: z.enum(INVITABLE_ROLES, msg('validation.invitableRole')),
  schoolId: optionalInput(idSchema),
});
export type InviteUserInput = z.infer<typeof inviteUserSchema>;

/** A log-in as the API receives it: checked with logInSchema inside, where malformed means wrong credentials. */
export const logInAttemptSchema = z.object({
  email: z.string().max(TEXT_LIMITS.email),
  password: z.string().max(TEXT_LIMITS.passwordMax),
});

/** The language a signed-in user reads the app, errors and notifications in. */
export const setMyLocaleSchema = z.object({ locale: localeSchema });
export type SetMyLocaleInput = z.infer<typeof setMyLocaleSchema>;

// Sessions: the refresh token comes from an HttpOnly cookie (the API reads it; the web never sees it).
const refreshTokenSchema = z.string().max(200).optional();

export const refreshSessionSchema = z.object({ refreshToken: refreshTokenSchema });
export type RefreshSessionInput = z.infer<typeof refreshSessionSchema>;

export const logOutSchema = z.object({ allDevices: z.boolean().default(false), refreshToken: refreshTokenSchema });
export type LogOutInput = z.input<typeof logOutSchema>;

// Password reset: asked from the log-in page with an e-mail (same answer whether it has an account), then a new
// password with the single-use token of the e-mailed link.
export const requestPasswordResetSchema = z.object({ email: emailSchema });
export type RequestPasswordResetInput = z.infer<typeof requestPasswordResetSchema>;
export const resetPasswordSchema = z.object({
  token: z.string(msg('validation.required')).min(1, msg('validation.required')).max(200, msg('validation.required')),
  password: passwordSchema,
});
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
/** How long a password reset link works. */
export const PASSWORD_RESET_VALIDITY_MS = 60 * 60 * 1000;

// E-mail verification of a self-registered company: the account exists only once the e-mailed single-use link is
// followed (issue 14; issue 13 item 4: no squatting of an address, same answer whether it has an account).
export const verifyEmailSchema = z.object({
  token: z.string(msg('validation.required')).min(1, msg('validation.required')).max(200, msg('validation.required')),
});
export type VerifyEmailInput = z.infer<typeof verifyEmailSchema>;
/** How long an e-mail verification link works. */
export const EMAIL_VERIFICATION_VALIDITY_HOURS = 48;
export const EMAIL_VERIFICATION_VALIDITY_MS = EMAIL_VERIFICATION_VALIDITY_HOURS * 60 * 60 * 1000;

// The signed-in user's own credentials (issue 16, profile): both confirmed with the current password.
export const changeMyPasswordSchema = z.object({
  currentPassword: currentPasswordSchema,
  newPassword: passwordSchema,
});
export type ChangeMyPasswordInput = z.infer<typeof changeMyPasswordSchema>;

export const changeMyEmailSchema = z.object({
  currentPassword: currentPasswordSchema,
  newEmail: emailSchema,
});
export type ChangeMyEmailInput = z.infer<typeof changeMyEmailSchema>;
