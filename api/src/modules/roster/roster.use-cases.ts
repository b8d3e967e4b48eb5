import {
  forbidden,
  importStudentsSchema,
  parseStudentImport,
  Role,
  type StudentImportLine,
  type StudentImportProblem,
} from '@promesse/shared';
import { isStaff } from '../../core/actor';
import { defineUseCase } from '../../core/use-case';
import { inTransaction } from '../../core/transactions';
import { createStudentInvitations, usedOrInvitedEmails } from '../auth/auth.queries';

export interface ImportedStudent {
  student: StudentImportLine;
  /** The invitation code, given once (link and QR code); only its hash is stored. */
  code: string;
  expiresAt: Date;
}

export interface StudentImportResult {
  lines: StudentImportLine[];
  problems: StudentImportProblem[];
  /** Empty for a preview and whenever a line has a problem: then nothing was written. */
  imported: ImportedStudent[];
}

/**
 * Staff import their students from a CSV (one invitation each, into their own school). Every line is checked
 * first (format, duplicates, e-mails with an account or a pending invitation); any problem, or `dryRun`, answers
 * the preview and writes nothing; else all the invitations are created in one transaction.
 */
export const importStudents = defineUseCase({
  name: 'importStudents',
  input: importStudentsSchema,
  inputPath: 'input',
  access: [Role.SCHOOL_STAFF],
  run: async ({ csv, dryRun }, { actor, deps }): Promise<StudentImportResult> => {
    if (!isStaff(actor)) throw forbidden();
    const { schoolId } = actor;
    const { lines, problems } = parseStudentImport(csv);
    const check = async (session: Parameters<typeof usedOrInvitedEmails>[2]) => {
      const used = await usedOrInvitedEmails(
        deps,
        lines.map((l) => l.email),
        session,
      );
      const accountProblems = lines.flatMap((l): StudentImportProblem[] => {
        const state = used.get(l.email);
        if (state === 'account') return [{ line: l.line, key: 'roster.import.emailTaken' }];
        if (state === 'invited') return [{ line: l.line, key: 'roster.import.alreadyInvited' }];
        return [];
      });
      return [...problems, ...accountProblems].sort((a, b) => a.line - b.line);
    };
    const preview = await check(null);
    if (dryRun || preview.length > 0 || lines.length === 0) return { lines, problems: preview, imported: [] };
    const outcome = await inTransaction(deps, async (session) => {
      // Checked again inside the transaction: an account or invitation created since the preview refuses it all.
      const again = await check(session);
      if (again.length > 0) return { problems: again, imported: [] };
      const created = await createStudentInvitations(
        deps,
        { schoolId, invitedBy: actor.userId, emails: lines.map((l) => l.email) },
        session,
      );
      const byEmail = new Map(created.map((c) => [c.email, c]));
      return {
        problems: [],
        imported: lines.flatMap((l) => {
          const invitation = byEmail.get(l.email);
          return invitation ? [{ student: l, code: invitation.code, expiresAt: invitation.expiresAt }] : [];
        }),
      };
    });
    return { lines, ...outcome };
  },
});
