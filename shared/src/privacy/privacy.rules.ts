import * as z from 'zod';
import { idSchema } from '../common/common.schemas';

// Personal data (RGPD, issue 18): export and erasure. The retention rules live beside them (privacy.retention.ts,
// another part of the issue).

/**
 * What `Student.displayName` and `User.displayName` answer once the person was erased: a code, never a sentence,
 * which the web renders in the reader's language ("Ancien·ne élève").
 */
export const ERASED_STUDENT_NAME = 'ERASED_STUDENT';

/** Why an account was anonymised: kept on the anonymous record (no way back to the person). */
export const ERASURE_REASONS = ['SELF', 'SCHOOL_STAFF', 'RETENTION'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/** Roles that may delete their own account (the federation admin is removed by another admin's tools, not here). */
export const SELF_ERASABLE_ROLES = ['STUDENT', 'SCHOOL_STAFF', 'COMPANY_RECRUITER'] as const;

/** GET: the caller's export (a ZIP). */
export const PRIVACY_EXPORT_PATH = '/privacy/export';

/** The export of a student: the student, or the staff of their school. */
export function privacyExportUrl(studentId?: string): string {
  return studentId ? `${PRIVACY_EXPORT_PATH}/students/${studentId}` : PRIVACY_EXPORT_PATH;
}

export const deleteMyAccountSchema = z.object({
  /** Asked again: deleting is irreversible and a left-open session must not be enough. */
  password: z.string().min(1).max(200),
});
export type DeleteMyAccountInput = z.infer<typeof deleteMyAccountSchema>;

export const deleteStudentSchema = z.object({ studentId: idSchema });
export type DeleteStudentInput = z.infer<typeof deleteStudentSchema>;

export const exportStudentSchema = z.object({ studentId: idSchema.optional() });
