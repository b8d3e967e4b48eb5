import {
  MATCHING_CRITERIA,
  matchReasonKind,
  renderMatchReason,
  renderMessage,
  type MatchingCriterion,
  type MatchReason,
} from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { DistanceBandEnum, required } from '../../graphql/common.types';
import type { GraphQLContext } from '../../graphql/context';
import { JobPromiseRef, RecommendationRef, SchoolRef, StudentRef, UserRef } from '../../graphql/refs';
import type { JobPromiseRow } from '../job-promise/job-promise.model';
import type { RecommendationDoc } from '../recommendation/recommendation.model';
import type { StudentDoc } from '../student/student.model';
import { MATCHING_ROUND_STATUSES, type MatchingRoundDoc } from './matching.model';
import {
  confirmMatchingRound,
  getMatchingRound,
  listMatchingRounds,
  matchGraduatesForPromise,
  matchJobPromisesForStudent,
  proposeMatchingRound,
  type GraduateMatchResult,
  type JobPromiseMatchResult,
  type MatchComponents,
} from './matching.use-cases';

// Reasons travel as codes; `reasons` renders them in the reader's language (the request's locale), `reasonCodes`
// gives the web the keys and params to render itself.
const MatchReasonRef = builder.objectRef<MatchReason>('MatchReason').implement({
  description: 'A reason of a match score: a message key of the shared catalog and its params (JSON object).',
  fields: (t) => ({
    key: t.exposeString('key'),
    params: t.string({ description: 'JSON object of the params.', resolve: (r) => JSON.stringify(r.params) }),
    text: t.string({ description: 'In the reader’s language.', resolve: (r) => renderMatchReason(r) }),
    kind: t.string({
      description: 'How it reads for the student: strength, gap or neutral (shared matchReasonKind).',
      resolve: (r) => matchReasonKind(r),
    }),
  }),
});

const renderReasons = (reasons: readonly MatchReason[]) => reasons.map((r) => renderMatchReason(r));

const MatchComponentsRef = builder.objectRef<MatchComponents>('MatchComponents').implement({
  description:
    'Each criterion’s component in [0, 1] before weighting (weights: MATCHING_WEIGHTS in @promesse/shared). Out of ' +
    'the mobility radius, distance is 0 and the whole score is halved.',
  fields: (t) =>
    Object.fromEntries(
      MATCHING_CRITERIA.map((c: MatchingCriterion) => [c, t.float({ resolve: (m) => m[c] })]),
    ) as Record<MatchingCriterion, ReturnType<typeof t.float>>,
});

const JobPromiseMatchRef = builder.objectRef<JobPromiseMatchResult>('JobPromiseMatch').implement({
  description: 'A promise for the calling student, with its score in [0, 1] and its reasons.',
  fields: (t) => ({
    jobPromise: t.field({ type: JobPromiseRef, resolve: (m) => m.jobPromise }),
    score: t.exposeFloat('score'),
    reasons: t.stringList({ description: 'In the reader’s language.', resolve: (m) => renderReasons(m.reasons) }),
    reasonCodes: t.field({ type: [MatchReasonRef], resolve: (m) => m.reasons }),
    components: t.field({ type: MatchComponentsRef, resolve: (m) => m.components }),
    distanceKm: t.float({ nullable: true, resolve: (m) => m.distanceKm }),
    outOfRadius: t.exposeBoolean('outOfRadius', {
      description: 'Beyond the student’s mobility radius (score halved).',
    }),
  }),
});

const GraduateMatchRef = builder.objectRef<GraduateMatchResult>('GraduateMatch').implement({
  description:
    'A graduate for a promise, with score and reasons. `student` follows the privacy of minors (a company ' +
    'sees first name + initial, trade, diploma, school, availability and skills until an application or a ' +
    'recommendation). Distances are measured from the student’s town centre (never a home address): staff and the ' +
    'admin get whole kilometres, companies only the band containing them (published promises only; throttled).',
  fields: (t) => ({
    student: t.field({ type: StudentRef, resolve: (m) => m.student }),
    score: t.exposeFloat('score'),
    reasons: t.stringList({ description: 'In the reader’s language.', resolve: (m) => renderReasons(m.reasons) }),
    reasonCodes: t.field({ type: [MatchReasonRef], resolve: (m) => m.reasons }),
    components: t.field({ type: MatchComponentsRef, resolve: (m) => m.components }),
    outOfRadius: t.exposeBoolean('outOfRadius', {
      description: 'Beyond the student’s mobility radius (score halved); for companies, judged from the band.',
    }),
    distanceBand: t.field({
      type: DistanceBandEnum,
      nullable: true,
      description: 'The band containing the distance; null when a place is unknown.',
      resolve: (m) => m.distanceBand,
    }),
    distanceKm: t.int({
      nullable: true,
      description: 'Whole kilometres from the student’s town: staff and the admin only (null for companies).',
      resolve: (m) => m.distanceKm,
    }),
  }),
});

builder.queryField('matchingJobPromises', (t) =>
  t.withAuth({ student: true }).field({
    type: [JobPromiseMatchRef],
    description:
      'STUDENT: open promises targeting their school, of their trade or a related one (same ROME family), best first ' +
      '(score, then distance, then id). `first`: 1 to 100, default 20.',
    args: { first: t.arg.int() },
    resolve: (_root, args, ctx) => matchJobPromisesForStudent(ctx, { first: args.first }),
  }),
);

builder.queryField('matchingGraduates', (t) =>
  t.withAuth({ companyRecruiter: true, schoolStaff: true, federationAdmin: true }).field({
    type: [GraduateMatchRef],
    description:
      'Graduates (graduation date within 12 months before or after today) of the targeted schools whose trade is the ' +
      'promise’s or a related one, best first. Recruiters of the owner company and the admin: every targeted school; ' +
      'staff of a targeted school: their own students (published promises). Others: FORBIDDEN. A DRAFT promise: ' +
      'CONFLICT (reason place.matchingOnDraft). Companies are throttled (TOO_MANY_REQUESTS, retryAfterSeconds).',
    args: { jobPromiseId: t.arg.id({ required: true }), first: t.arg.int() },
    resolve: (_root, args, ctx) =>
      matchGraduatesForPromise(ctx, { jobPromiseId: String(args.jobPromiseId), first: args.first }),
  }),
);

// ---------- matching rounds ----------

export const MatchingRoundStatusEnum = builder.enumType('MatchingRoundStatus', { values: MATCHING_ROUND_STATUSES });

interface PairView {
  studentId: unknown;
  jobPromiseId: unknown;
  score?: number | null;
  /** Codes; French texts in rounds proposed before codes. */
  reasonCodes?: readonly { key?: string | null; params?: unknown }[] | null;
  reasons?: readonly string[] | null;
  /** A matching.skip.* key (French text in rounds confirmed before). */
  reason?: string | null;
}

/** A stored reason code as text in the reader's language. */
function storedReason(code: { key?: string | null; params?: unknown }): string {
  const params = typeof code.params === 'object' && code.params !== null ? code.params : {};
  return renderMatchReason({ key: (code.key ?? '') as MatchReason['key'], params: params as MatchReason['params'] });
}

const pairStudent = async (p: PairView, ctx: GraphQLContext): Promise<StudentDoc> =>
  required(await ctx.loaders.studentById.load(String(p.studentId)), 'student');
const pairPromise = async (p: PairView, ctx: GraphQLContext): Promise<JobPromiseRow> =>
  required(await ctx.loaders.jobPromiseById.load(String(p.jobPromiseId)), 'jobPromise');

const MatchingPairRef = builder.objectRef<PairView>('MatchingPair').implement({
  description: 'A proposed (graduate, promise) pair of a matching round, with its score and reasons.',
  fields: (t) => ({
    student: t.field({ type: StudentRef, resolve: (p, _a, ctx) => pairStudent(p, ctx) }),
    jobPromise: t.field({ type: JobPromiseRef, resolve: (p, _a, ctx) => pairPromise(p, ctx) }),
    score: t.float({ resolve: (p) => p.score ?? 0 }),
    reasons: t.stringList({ resolve: (p) => p.reasonCodes?.map(storedReason) ?? p.reasons ?? [] }),
  }),
});

const MatchingSkippedPairRef = builder.objectRef<PairView>('MatchingSkippedPair').implement({
  description: 'A confirmed pair that did not become a recommendation, and why.',
  fields: (t) => ({
    student: t.field({ type: StudentRef, resolve: (p, _a, ctx) => pairStudent(p, ctx) }),
    jobPromise: t.field({ type: JobPromiseRef, resolve: (p, _a, ctx) => pairPromise(p, ctx) }),
    reason: t.string({ resolve: (p) => (p.reason ? renderMessage(p.reason) : '') }),
  }),
});

const loadStudents = async (ids: unknown[], ctx: GraphQLContext): Promise<StudentDoc[]> =>
  (await ctx.loaders.studentById.loadMany(ids.map(String))).filter(
    (s): s is StudentDoc => s != null && !(s instanceof Error),
  );

const MatchingRoundRef = builder.objectRef<MatchingRoundDoc>('MatchingRound').implement({
  description:
    'A school-mediated matching round: a cohort of the school’s graduates matched with open promises targeting the ' +
    'school by graduate-proposing deferred acceptance (a stable matching: no graduate and promise both prefer each ' +
    'other to what they got; capacity = open positions; preferences = scores). Confirming it creates the ' +
    'recommendations in one transaction.',
  fields: (t) => ({
    id: t.id({ resolve: (r) => r._id }),
    status: t.field({ type: MatchingRoundStatusEnum, resolve: (r) => r.status }),
    school: t.field({
      type: SchoolRef,
      resolve: async (r, _a, ctx) => required(await ctx.loaders.schoolById.load(String(r.schoolId)), 'school'),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (r) => r.createdAt }),
    createdBy: t.field({
      type: UserRef,
      nullable: true,
      resolve: (r, _a, ctx) => ctx.loaders.userById.load(String(r.createdBy)),
    }),
    students: t.field({
      type: [StudentRef],
      description: 'The cohort.',
      resolve: (r, _a, ctx) => loadStudents(r.studentIds, ctx),
    }),
    jobPromiseCount: t.int({ description: 'Promises considered.', resolve: (r) => r.jobPromiseIds.length }),
    minScore: t.float({ nullable: true, resolve: (r) => r.minScore ?? null }),
    pairs: t.field({ type: [MatchingPairRef], description: 'Proposed pairs, by student id.', resolve: (r) => r.pairs }),
    unmatchedStudents: t.field({
      type: [StudentRef],
      resolve: (r, _a, ctx) => loadStudents(r.unmatchedStudentIds, ctx),
    }),
    confirmedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.confirmedAt ?? null }),
    confirmedBy: t.field({
      type: UserRef,
      nullable: true,
      resolve: (r, _a, ctx) => (r.confirmedBy ? ctx.loaders.userById.load(String(r.confirmedBy)) : null),
    }),
    note: t.string({ nullable: true, resolve: (r) => r.note ?? null }),
    recommendations: t.field({
      type: [RecommendationRef],
      description: 'Created at confirmation.',
      resolve: async (r, _a, ctx) =>
        (await ctx.loaders.recommendationById.loadMany(r.recommendationIds.map(String))).filter(
          (x): x is RecommendationDoc => x != null && !(x instanceof Error),
        ),
    }),
    skipped: t.field({ type: [MatchingSkippedPairRef], resolve: (r) => r.skipped }),
  }),
});

const MatchingPairInputRef = builder.inputType('MatchingPairInput', {
  fields: (t) => ({
    studentId: t.id({ required: true }),
    jobPromiseId: t.id({ required: true }),
  }),
});

builder.queryField('matchingRounds', (t) =>
  t.withAuth({ schoolStaff: true, federationAdmin: true }).field({
    type: [MatchingRoundRef],
    description: 'Staff: their school’s matching rounds; admin: all. Newest first; `first` 1 to 100, default 20.',
    args: { first: t.arg.int() },
    resolve: (_root, args, ctx) => listMatchingRounds(ctx, { first: args.first }),
  }),
);

builder.queryField('matchingRound', (t) =>
  t.withAuth({ schoolStaff: true, federationAdmin: true }).field({
    type: MatchingRoundRef,
    nullable: true,
    description: 'Staff of the round’s school, the admin. Unknown id: NOT_FOUND.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getMatchingRound(ctx, { id: String(args.id) }),
  }),
);

builder.mutationField('proposeMatchingRound', (t) =>
  t.withAuth({ schoolStaff: true }).field({
    type: MatchingRoundRef,
    description:
      'SCHOOL_STAFF: proposes pairs for a cohort of their graduates (1 to 200 student ids of their school) and the open ' +
      'promises targeting the school (`jobPromiseIds`, or all those of the cohort’s trade families). Pairs of unrelated ' +
      'trades, below `minScore`, or already applied / recommended are not proposed. Stored as PROPOSED; nothing is sent.',
    args: {
      studentIds: t.arg.idList({ required: true }),
      jobPromiseIds: t.arg.idList(),
      minScore: t.arg.float({ description: '0 to 1' }),
    },
    resolve: (_root, args, ctx) =>
      proposeMatchingRound(ctx, {
        studentIds: args.studentIds.map(String),
        jobPromiseIds: args.jobPromiseIds?.map(String) ?? null,
        minScore: args.minScore ?? null,
      }),
  }),
);

builder.mutationField('confirmMatchingRound', (t) =>
  t.withAuth({ schoolStaff: true }).field({
    type: MatchingRoundRef,
    description:
      'SCHOOL_STAFF of the round’s school: creates the recommendations of the proposed pairs (or of the subset `pairs`) ' +
      'in one transaction, with their notifications, and marks the round CONFIRMED. Pairs with a pending ' +
      'recommendation, a promise no longer open or full are skipped (see `skipped`). A confirmed round is returned as is.',
    args: {
      roundId: t.arg.id({ required: true }),
      pairs: t.arg({ type: [MatchingPairInputRef] }),
      note: t.arg.string({ description: 'Sent with every recommendation (default: a note naming the round).' }),
    },
    resolve: (_root, args, ctx) =>
      confirmMatchingRound(ctx, {
        roundId: String(args.roundId),
        pairs:
          args.pairs?.map((p) => ({ studentId: String(p.studentId), jobPromiseId: String(p.jobPromiseId) })) ?? null,
        note: args.note ?? null,
      }),
  }),
);
