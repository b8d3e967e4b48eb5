import * as z from 'zod';
import { geoPointSchema } from '../common/common.geo';
import { citySchema, emailSchema, idSchema, nameSchema, optionalInput, passwordSchema } from '../common/common.schemas';
import { enumObject } from '../common/common.enum';
import { isValidSiret, normalizeSiret } from './auth.siret';

/** Invitations expire 14 days after creation. */
export const INVITATION_VALIDITY_DAYS = 14;
export const INVITATION_VALIDITY_MS = INVITATION_VALIDITY_DAYS * 24 * 60 * 60 * 1000;

/** Log-in password: any non-empty string up to the max (the length rule applies to new passwords only). */
export const logInSchema = z.object({
  email: emailSchema,
  password: z.string('Mot de passe attendu').min(1, 'Ce champ est obligatoire').max(200, '200 caractères maximum'),
});
export type LogInInput = z.infer<typeof logInSchema>;

export const siretSchema = z
  .string('SIRET attendu')
  .transform(normalizeSiret)
  .pipe(
    z
      .string()
      .regex(/^\d{14}$/, 'Le SIRET compte 14 chiffres')
      .refine(isValidSiret, 'Ce SIRET n’existe pas (clé de contrôle invalide)'),
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
  .string('Code attendu')
  .trim()
  .min(8, 'Code d’invitation invalide')
  .max(128, 'Code d’invitation invalide');

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
  role: z.enum(INVITABLE_ROLES, 'Rôle invitable : élève ou équipe de l’école'),
  schoolId: optionalInput(idSchema),
});
export type InviteUserInput = z.infer<typeof inviteUserSchema>;
