import { forbidden, Role } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import type { GraphQLContext } from '../../graphql/context';
import { UserRef } from '../auth/auth.schema';
import {
  DiplomaLevelEnum,
  GeoPointInputRef,
  GeoPointRef,
  geoPointOf,
  SchoolRef,
  TradeEnum,
} from '../school/school.schema';
import type { StudentDoc } from './student.model';
import { canLookUpStudent, shortName, studentVisibility } from './student.policy';
import { StudentRef } from './student.ref';
import { getMyStudentProfile, getStudentById, updateStudentProfile } from './student.service';

export { StudentRef };

/** Resolves a private field: its value for FULL visibility, null otherwise. */
function privateField<T>(read: (s: StudentDoc) => T) {
  return async (s: StudentDoc, _args: unknown, ctx: GraphQLContext): Promise<T | null> =>
    (await studentVisibility(ctx.actor, s, ctx.loaders)) === 'FULL' ? read(s) : null;
}

StudentRef.implement({
  description:
    'A student (15-18) or graduate. Name and contact fields are null for a company until the student applied to ' +
    'one of its promises or was recommended to it (privacy of minors); displayName is then "Lina B.".',
  fields: (t) => ({
    id: t.id({ resolve: (s) => s._id }),
    firstName: t.exposeString('firstName'),
    lastName: t.string({ nullable: true, resolve: privateField((s) => s.lastName) }),
    displayName: t.string({
      resolve: async (s, _args, ctx) =>
        (await studentVisibility(ctx.actor, s, ctx.loaders)) === 'FULL'
          ? `${s.firstName} ${s.lastName}`
          : shortName(s.firstName, s.lastName),
    }),
    email: t.string({ nullable: true, resolve: privateField((s) => s.email) }),
    city: t.string({ nullable: true, resolve: privateField((s) => s.city ?? null) }),
    location: t.field({ type: GeoPointRef, nullable: true, resolve: privateField((s) => geoPointOf(s.location)) }),
    contactVisible: t.boolean({
      description: 'True when the caller sees names and contact details.',
      resolve: async (s, _args, ctx) => (await studentVisibility(ctx.actor, s, ctx.loaders)) === 'FULL',
    }),
    trade: t.field({ type: TradeEnum, nullable: true, resolve: (s) => s.trade ?? null }),
    diplomaLevel: t.field({ type: DiplomaLevelEnum, nullable: true, resolve: (s) => s.diplomaLevel ?? null }),
    graduationDate: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.graduationDate ?? null }),
    skills: t.stringList({ resolve: (s) => s.skills ?? [] }),
    mobilityKm: t.int({ resolve: (s) => s.mobilityKm ?? 0 }),
    availableFrom: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.availableFrom ?? null }),
    school: t.field({
      type: SchoolRef,
      resolve: async (s, _args, ctx) => {
        const school = await ctx.loaders.schoolById.load(String(s.schoolId));
        if (!school) throw new Error(`student ${String(s._id)} has no school`);
        return school;
      },
    }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'The student’s account: the student, their school’s staff and the admin only (null otherwise).',
      resolve: async (s, _args, ctx) => {
        const a = ctx.actor;
        const allowed =
          a &&
          (a.role === Role.FEDERATION_ADMIN ||
            (a.role === Role.SCHOOL_STAFF && a.schoolId === String(s.schoolId)) ||
            a.userId === String(s.userId));
        return allowed ? ctx.loaders.userById.load(String(s.userId)) : null;
      },
    }),
  }),
});

export const StudentProfileInputRef = builder.inputType('StudentProfileInput', {
  fields: (t) => ({
    studentId: t.id({ description: 'Staff only: the student to edit. A student omits it (own profile).' }),
    trade: t.field({ type: TradeEnum }),
    diplomaLevel: t.field({ type: DiplomaLevelEnum }),
    graduationDate: t.field({ type: 'DateTime' }),
    skills: t.stringList(),
    city: t.string(),
    location: t.field({ type: GeoPointInputRef }),
    mobilityKm: t.int(),
    availableFrom: t.field({ type: 'DateTime' }),
  }),
});

builder.mutationField('updateStudentProfile', (t) =>
  t.field({
    type: StudentRef,
    authScopes: { student: true, schoolStaff: true },
    description: 'A student edits their profile; staff edit a student of their school (studentId). Absent fields kept.',
    args: { input: t.arg({ type: StudentProfileInputRef, required: true }) },
    resolve: (_root, args, ctx) => updateStudentProfile(ctx.deps, args.input, ctx.actor!),
  }),
);

builder.queryField('myStudentProfile', (t) =>
  t.field({
    type: StudentRef,
    authScopes: { student: true },
    resolve: (_root, _args, ctx) => getMyStudentProfile(ctx.deps, ctx.actor!),
  }),
);

builder.queryField('student', (t) =>
  t.field({
    type: StudentRef,
    nullable: true,
    authScopes: { authenticated: true },
    description:
      'The student, their school’s staff, the admin, and recruiters of a partner company (limited view until the ' +
      'student applied or was recommended). Unknown id: NOT_FOUND.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const student = await getStudentById(ctx.deps, String(args.id));
      if (!(await canLookUpStudent(ctx.actor, student, ctx.loaders))) throw forbidden('Élève non accessible');
      return student;
    },
  }),
);

builder.objectFields(UserRef, (t) => ({
  studentProfile: t.field({
    type: StudentRef,
    nullable: true,
    description: 'The profile of a STUDENT user; null for other roles.',
    resolve: (u, _args, ctx) => (u.role === Role.STUDENT ? ctx.loaders.studentByUserId.load(String(u._id)) : null),
  }),
  school: t.field({
    type: SchoolRef,
    nullable: true,
    description: 'The school of a student or staff member.',
    resolve: (u, _args, ctx) => (u.schoolId ? ctx.loaders.schoolById.load(String(u.schoolId)) : null),
  }),
}));
