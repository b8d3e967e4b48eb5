import * as z from 'zod';
import { msg } from '../messages/messages.zod';
import { enumObject, type ActorKind } from './common.enum';

// Exact spellings of ../../CONTRACT.md "Vocabulary".

export const ROLES = ['STUDENT', 'SCHOOL_STAFF', 'COMPANY_RECRUITER', 'FEDERATION_ADMIN'] as const;
export type Role = (typeof ROLES)[number];
export const Role = enumObject(ROLES);
export const roleSchema = z.enum(ROLES, msg('validation.roleUnknown'));

export const TRADES = [
  'MACHINING',
  'BOILERMAKING',
  'WELDING',
  'METALWORK',
  'INDUSTRIAL_ELECTRICITY',
  'INDUSTRIAL_MAINTENANCE',
  'WOODWORK',
  'TEXTILE',
  'JEWELRY',
  'AUTOMOTIVE',
  'CATERING',
  'DIGITAL',
] as const;
export type Trade = (typeof TRADES)[number];
export const Trade = enumObject(TRADES);
export const tradeSchema = z.enum(TRADES, msg('validation.tradeUnknown'));

export const DIPLOMA_LEVELS = ['CAP', 'BAC_PRO', 'CQP', 'TITRE_PRO'] as const;
export type DiplomaLevel = (typeof DIPLOMA_LEVELS)[number];
export const DiplomaLevel = enumObject(DIPLOMA_LEVELS);
export const diplomaLevelSchema = z.enum(DIPLOMA_LEVELS, msg('validation.diplomaUnknown'));

export const CONTRACT_TYPES = ['CDI', 'CDD', 'APPRENTICESHIP', 'INTERIM'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const ContractType = enumObject(CONTRACT_TYPES);
export const contractTypeSchema = z.enum(CONTRACT_TYPES, msg('validation.contractTypeUnknown'));

/** The actor kind of a human user of a role (state machines speak of actor kinds, not roles). */
export function actorKindForRole(role: Role): ActorKind {
  switch (role) {
    case 'STUDENT':
      return 'STUDENT';
    case 'SCHOOL_STAFF':
      return 'SCHOOL';
    case 'COMPANY_RECRUITER':
      return 'COMPANY';
    case 'FEDERATION_ADMIN':
      return 'ADMIN';
  }
}
