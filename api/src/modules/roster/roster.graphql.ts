import {
  forbidden,
  renderMessage,
  studentSituation,
  type StudentImportLine,
  type StudentImportProblem,
} from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { StudentSituationEnum } from '../../graphql/common.types';
import type { GraphQLContext } from '../../graphql/context';
import { ApplicationRef, RecommendationRef, StudentRef } from '../../graphql/refs';
import type { StudentDoc } from '../student/student.model';
import { canFollowStudent } from './roster.policy';
import { importStudents, type ImportedStudent, type StudentImportResult } from './roster.use-cases';

const StudentImportLineRef = builder.objectRef<StudentImportLine>('StudentImportLine').implement({
  description: 'A student line of the file, as read.',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'Line number in the file (1 = first line).' }),
    email: t.exposeString('email'),
    firstName: t.string({ nullable: true, resolve: (l) => l.firstName ?? null }),
    lastName: t.string({ nullable: true, resolve: (l) => l.lastName ?? null }),
  }),
});

const ImportedStudentRef = builder.objectRef<ImportedStudent>('ImportedStudent').implement({
  description: 'An invitation created by the import; the code is shown once (link and QR code).',
  fields: (t) => ({
    student: t.field({ type: StudentImportLineRef, resolve: (s) => s.student }),
    code: t.exposeString('code'),
    expiresAt: t.field({ type: 'DateTime', resolve: (s) => s.expiresAt }),
  }),
});

const StudentImportProblemRef = builder.objectRef<StudentImportProblem>('StudentImportProblem').implement({
  description: 'What is wrong with one line (line 0: the whole file), in the caller’s language.',
  fields: (t) => ({
    line: t.exposeInt('line'),
    message: t.string({ resolve: (p) => renderMessage(p.key, p.params) }),
    reason: t.string({ description: 'The message key (e.g. roster.import.emailTaken).', resolve: (p) => p.key }),
  }),
});

const StudentImportResultRef = builder.objectRef<StudentImportResult>('StudentImportResult').implement({
  fields: (t) => ({
    lines: t.field({ type: [StudentImportLineRef], resolve: (r) => r.lines }),
    problems: t.field({ type: [StudentImportProblemRef], resolve: (r) => r.problems }),
    imported: t.field({
      type: [ImportedStudentRef],
      description: 'Empty for a preview and when any line has a problem (then nothing was written).',
      resolve: (r) => r.imported,
    }),
  }),
});

const ImportStudentsInputRef = builder.inputType('ImportStudentsInput', {
  fields: (t) => ({
    csv: t.string({ required: true, description: 'E-mail, first name, last name; ; or , separated; header optional.' }),
    dryRun: t.boolean({ description: 'true: check and preview, write nothing.' }),
  }),
});

builder.mutationField('importStudents', (t) =>
  t.withAuth({ schoolStaff: true }).field({
    type: StudentImportResultRef,
    description:
      'School staff invite the students of a CSV into their school: every line checked first; any problem (or ' +
      'dryRun) writes nothing and answers the problems per line; else one invitation per line, in one transaction.',
    args: { input: t.arg({ type: ImportStudentsInputRef, required: true }) },
    resolve: (_root, args, ctx) => importStudents(ctx, { csv: args.input.csv, dryRun: args.input.dryRun ?? undefined }),
  }),
);

// A student's follow-up for the roster and the staff's student page. Every field reads through loaders, so the
// roster's list keeps a constant number of database commands whatever the number of students.
function followUp<T>(read: (s: StudentDoc, ctx: GraphQLContext) => Promise<T>) {
  return (s: StudentDoc, _args: unknown, ctx: GraphQLContext): Promise<T> => {
    if (!canFollowStudent(ctx.actor, s)) throw forbidden('roster.followUpNotAccessible');
    return read(s, ctx);
  };
}

builder.objectFields(StudentRef, (t) => ({
  situation: t.field({
    type: StudentSituationEnum,
    description:
      'Where the student stands (shared studentSituation): from their applications, recommendations and latest ' +
      'exit outcome. Their school’s staff, the admin and the student only (FORBIDDEN otherwise).',
    resolve: followUp(async (s, ctx) => {
      const id = String(s._id);
      const [applications, recommendations, outcomes] = await Promise.all([
        ctx.loaders.applicationsByStudentId.load(id),
        ctx.loaders.recommendationsByStudentId.load(id),
        ctx.loaders.exitOutcomesByStudentId.load(id),
      ]);
      return studentSituation({ applications, recommendations, exitOutcome: outcomes.at(-1)?.outcome ?? null });
    }),
  }),
  applications: t.field({
    type: [ApplicationRef],
    description: 'Every application of the student, newest first. Their school’s staff, the admin and the student.',
    resolve: followUp((s, ctx) => ctx.loaders.applicationsByStudentId.load(String(s._id))),
  }),
  recommendations: t.field({
    type: [RecommendationRef],
    description: 'Every recommendation of the student, newest first. Their school’s staff, the admin and the student.',
    resolve: followUp((s, ctx) => ctx.loaders.recommendationsByStudentId.load(String(s._id))),
  }),
}));
