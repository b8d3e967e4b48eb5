import { isRecruiter } from '../../core/actor';
import { builder } from '../../graphql/builder';
import {
  DiplomaLevelEnum,
  GeoPointInputRef,
  GeoPointRef,
  geoPointOf,
  required,
  TradeEnum,
} from '../../graphql/common.types';
import type { GraphQLContext } from '../../graphql/context';
import { SchoolRef, StudentRef, UserRef } from '../../graphql/refs';
import type { StudentDoc } from './student.model';
import { ERASED_STUDENT_NAME, fileUrl } from '@promesse/shared';
import {
  canReadCv,
  canSeeStudentAccount,
  shortName,
  studentVisibility,
  type StudentVisibility,
} from './student.policy';
import { getMyStudentProfile, getStudent, setHiddenFromMatching, updateStudentProfile } from './student.use-cases';
import { accessKey } from '../access-log/access-log.loaders';

function visibility(s: StudentDoc, ctx: GraphQLContext): Promise<StudentVisibility> {
  const companyId = isRecruiter(ctx.actor) ? ctx.actor.companyId : null;
  return studentVisibility(ctx.actor, s, {
    knowsStudent: () =>
      companyId ? ctx.loaders.companyKnowsStudent.load(`${companyId}:${String(s._id)}`) : Promise.resolve(false),
  });
}

function companyLinksOf(s: StudentDoc, ctx: GraphQLContext) {
  const companyId = isRecruiter(ctx.actor) ? ctx.actor.companyId : null;
  return {
    knowsStudent: () =>
      companyId ? ctx.loaders.companyKnowsStudent.load(`${companyId}:${String(s._id)}`) : Promise.resolve(false),
  };
}

type StudentCv = NonNullable<StudentDoc['cv']>;

const StudentCvRef = builder.objectRef<StudentCv>('StudentCv').implement({
  description: 'A student’s CV (PDF). `url` is read with the same bearer token (GET, streamed from storage).',
  fields: (t) => ({
    id: t.id({ resolve: (cv) => cv.fileId }),
    name: t.string({ resolve: (cv) => cv.name }),
    size: t.int({ description: 'Bytes.', resolve: (cv) => cv.size }),
    uploadedAt: t.field({ type: 'DateTime', resolve: (cv) => cv.uploadedAt }),
    url: t.string({ resolve: (cv) => fileUrl(String(cv.fileId)) }),
  }),
});

/** Resolves a private field: its value for FULL visibility, null otherwise (and always null once erased). */
function privateField<T>(read: (s: StudentDoc) => T) {
  return async (s: StudentDoc, _args: unknown, ctx: GraphQLContext): Promise<T | null> =>
    !s.erasedAt && (await visibility(s, ctx)) === 'FULL' ? read(s) : null;
}

/**
 * A contact detail (e-mail, phone): like a private field (null once erased), and a company user who gets a value
 * is recorded in the access log (issue 18), once per request and student whatever the number of fields or rows
 * showing it.
 */
function contactField(read: (s: StudentDoc) => string | null) {
  return async (s: StudentDoc, _args: unknown, ctx: GraphQLContext): Promise<string | null> => {
    if (s.erasedAt || (await visibility(s, ctx)) !== 'FULL') return null;
    const value = read(s) || null;
    if (value !== null && isRecruiter(ctx.actor)) {
      const { userId, companyId } = ctx.actor;
      await ctx.loaders.recordAccess.load(
        accessKey({ viewerId: userId, companyId, studentId: s._id, schoolId: s.schoolId, kind: 'CONTACT' }),
      );
    }
    return value;
  };
}

StudentRef.implement({
  description:
    'A student (15-18) or graduate. Name and contact fields are null for a company until the student applied to ' +
    'one of its promises or was recommended to it (privacy of minors); displayName is then "Lina B.".',
  fields: (t) => ({
    id: t.id({ resolve: (s) => s._id }),
    firstName: t.string({
      description: `${ERASED_STUDENT_NAME} once the student was erased (the web words it).`,
      resolve: (s) => (s.erasedAt ? ERASED_STUDENT_NAME : s.firstName),
    }),
    lastName: t.string({ nullable: true, resolve: privateField((s) => s.lastName) }),
    displayName: t.string({
      description: `${ERASED_STUDENT_NAME} once the student was erased (the web words it: "Ancien·ne élève").`,
      resolve: async (s, _args, ctx) => {
        if (s.erasedAt) return ERASED_STUDENT_NAME;
        return (await visibility(s, ctx)) === 'FULL'
          ? `${s.firstName} ${s.lastName}`
          : shortName(s.firstName, s.lastName);
      },
    }),
    erased: t.boolean({
      description: 'True once the student’s personal data was erased (an anonymous record kept for the figures).',
      resolve: (s) => Boolean(s.erasedAt),
    }),
    email: t.string({
      nullable: true,
      description: 'A contact detail; a company user who reads it is recorded in the access log (profileViews).',
      resolve: contactField((s) => s.email),
    }),
    phone: t.string({
      nullable: true,
      description: 'Optional; a contact detail (null for a company until the student applied or was recommended).',
      resolve: contactField((s) => s.phone ?? null),
    }),
    cv: t.field({
      type: StudentCvRef,
      nullable: true,
      description:
        'The student, their school’s staff, and recruiters of a company the student applied or was recommended ' +
        'to; null for anyone else (the admin included) and when no CV was uploaded.',
      resolve: async (s, _args, ctx) => (s.cv && (await canReadCv(ctx.actor, s, companyLinksOf(s, ctx))) ? s.cv : null),
    }),
    city: t.string({ nullable: true, resolve: privateField((s) => s.city ?? null) }),
    location: t.field({ type: GeoPointRef, nullable: true, resolve: privateField((s) => geoPointOf(s.location)) }),
    contactVisible: t.boolean({
      description: 'True when the caller sees names and contact details.',
      resolve: async (s, _args, ctx) => (await visibility(s, ctx)) === 'FULL',
    }),
    trade: t.field({ type: TradeEnum, nullable: true, resolve: (s) => s.trade ?? null }),
    diplomaLevel: t.field({ type: DiplomaLevelEnum, nullable: true, resolve: (s) => s.diplomaLevel ?? null }),
    graduationDate: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.graduationDate ?? null }),
    skills: t.stringList({ resolve: (s) => s.skills ?? [] }),
    mobilityKm: t.int({ resolve: (s) => s.mobilityKm ?? 0 }),
    availableFrom: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.availableFrom ?? null }),
    school: t.field({
      type: SchoolRef,
      resolve: async (s, _args, ctx) =>
        required(await ctx.loaders.schoolById.load(String(s.schoolId)), 'student school'),
    }),
    hiddenFromMatching: t.boolean({
      nullable: true,
      description:
        'The student’s choice to stay out of the companies’ graduate matching (they can still apply). The student, ' +
        'their school’s staff and the admin; null for others.',
      resolve: (s, _args, ctx) => (canSeeStudentAccount(ctx.actor, s) ? s.hiddenFromMatching === true : null),
    }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'The student’s account: the student, their school’s staff and the admin only (null otherwise).',
      resolve: (s, _args, ctx) =>
        !s.erasedAt && canSeeStudentAccount(ctx.actor, s) ? ctx.loaders.userById.load(String(s.userId)) : null,
    }),
  }),
});

const StudentProfileInputRef = builder.inputType('StudentProfileInput', {
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
    phone: t.string({ description: 'French number (06 12 34 56 78, +33 6 12 34 56 78…).' }),
    removePhone: t.boolean({ description: 'True removes the phone number.' }),
  }),
});

builder.mutationField('updateStudentProfile', (t) =>
  t.withAuth({ student: true, schoolStaff: true }).field({
    type: StudentRef,
    description: 'A student edits their profile; staff edit a student of their school (studentId). Absent fields kept.',
    args: { input: t.arg({ type: StudentProfileInputRef, required: true }) },
    resolve: (_root, args, ctx) =>
      updateStudentProfile(ctx, { ...args.input, studentId: args.input.studentId?.toString() ?? null }),
  }),
);

builder.mutationField('setHiddenFromMatching', (t) =>
  t.withAuth({ student: true }).field({
    type: StudentRef,
    description:
      'STUDENT: hides their own profile from the companies’ graduate matching and browsing (true) or shows it again. ' +
      'They still apply themselves; the company then sees them on the application. Staff still see them.',
    args: { hidden: t.arg.boolean({ required: true }) },
    resolve: (_root, args, ctx) => setHiddenFromMatching(ctx, { hidden: args.hidden }),
  }),
);

builder.queryField('myStudentProfile', (t) =>
  t.withAuth({ student: true }).field({
    type: StudentRef,
    resolve: (_root, _args, ctx) => getMyStudentProfile(ctx, {}),
  }),
);

builder.queryField('student', (t) =>
  t.withAuth({ authenticated: true }).field({
    type: StudentRef,
    nullable: true,
    description:
      'The student, their school’s staff, the admin, and recruiters of a partner company (limited view until the ' +
      'student applied or was recommended). Unknown id: NOT_FOUND.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getStudent(ctx, { id: String(args.id) }),
  }),
);

builder.objectFields(UserRef, (t) => ({
  studentProfile: t.field({
    type: StudentRef,
    nullable: true,
    description: 'The profile of a STUDENT user; null for other roles.',
    resolve: (u, _args, ctx) => (u.role === 'STUDENT' ? ctx.loaders.studentByUserId.load(String(u._id)) : null),
  }),
  school: t.field({
    type: SchoolRef,
    nullable: true,
    description: 'The school of a student or staff member.',
    resolve: (u, _args, ctx) => (u.schoolId ? ctx.loaders.schoolById.load(String(u.schoolId)) : null),
  }),
}));
