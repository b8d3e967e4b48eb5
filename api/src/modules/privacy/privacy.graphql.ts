import { builder } from '../../graphql/builder';
import { deleteMyAccount, deleteStudent } from './privacy.erasure';

// Erasure (issue 18). The export is a ZIP on its own HTTP route (privacy.http.ts), not a GraphQL field.

builder.mutationField('deleteMyAccount', (t) =>
  t.withAuth({ student: true, schoolStaff: true, companyRecruiter: true }).boolean({
    description:
      'Deletes the caller’s account for good, confirmed with their password (BAD_USER_INPUT when wrong). A ' +
      'student’s identity, contacts, messages and files are removed; anonymous records stay for the statistics.',
    args: { password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => deleteMyAccount(ctx, { password: args.password }),
  }),
);

builder.mutationField('deleteStudent', (t) =>
  t.withAuth({ schoolStaff: true }).boolean({
    description:
      'Staff delete a student of their school (same erasure as deleteMyAccount). True again for a student already ' +
      'erased; another school’s student: FORBIDDEN.',
    args: { studentId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => deleteStudent(ctx, { studentId: String(args.studentId) }),
  }),
);
