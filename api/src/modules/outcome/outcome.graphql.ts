import {
  EXIT_OUTCOMES,
  forbidden,
  LEDGER_ENTRY_SOURCES,
  OUTCOME_RECORD_SOURCES,
  type OutcomeFigures,
  type OutcomeStats,
  type PromisesPerGraduate,
} from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { ContractTypeEnum, DiplomaLevelEnum, required, TradeEnum } from '../../graphql/common.types';
import type { GraphQLContext } from '../../graphql/context';
import { CompanyRef, SchoolRef, StudentRef } from '../../graphql/refs';
import { regionOfTown } from '../place/place.queries';
import type { StudentDoc } from '../student/student.model';
import type { LatestExam, LatestOutcome } from './outcome.records';
import type { LedgerEntryDoc } from './outcome.model';
import { canSeeOutcomeDetail } from './outcome.policy';
import {
  getOutcomeStats,
  getPublicOutcomeStats,
  listOutcomeGraduates,
  recordExamResult,
  recordExitOutcome,
  recordOffPlatformPromise,
  type GraduateOutcomeRow,
} from './outcome.use-cases';

const ExitOutcomeEnum = builder.enumType('ExitOutcome', { values: EXIT_OUTCOMES });
const LedgerEntrySourceEnum = builder.enumType('LedgerEntrySource', { values: LEDGER_ENTRY_SOURCES });
const OutcomeRecordSourceEnum = builder.enumType('OutcomeRecordSource', { values: OUTCOME_RECORD_SOURCES });

const ExitOutcomeRecordRef = builder.objectRef<LatestOutcome>('ExitOutcomeRecord').implement({
  description: 'One record of a graduate’s exit outcome; the latest is their outcome, older ones are the history.',
  fields: (t) => ({
    id: t.id({ resolve: (r) => r._id }),
    outcome: t.field({ type: ExitOutcomeEnum, resolve: (r) => r.outcome }),
    companyName: t.string({ nullable: true, resolve: (r) => r.companyName ?? null }),
    company: t.field({
      type: CompanyRef,
      nullable: true,
      description: 'The company of the app, when the record names one.',
      resolve: (r, _args, ctx) => (r.companyId ? ctx.loaders.companyById.load(String(r.companyId)) : null),
    }),
    contractType: t.field({ type: ContractTypeEnum, nullable: true, resolve: (r) => r.contractType ?? null }),
    startDate: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.startDate ?? null }),
    note: t.string({ nullable: true, resolve: (r) => r.note ?? null }),
    source: t.field({
      type: OutcomeRecordSourceEnum,
      description: 'STAFF by hand, APPLICATION_HIRED when a hire through the app recorded it.',
      resolve: (r) => r.source,
    }),
    recordedAt: t.field({ type: 'DateTime', resolve: (r) => r.recordedAt }),
  }),
});

const ExamResultRef = builder.objectRef<LatestExam>('ExamResult').implement({
  fields: (t) => ({
    diploma: t.field({ type: DiplomaLevelEnum, resolve: (r) => r.diploma }),
    passed: t.exposeBoolean('passed'),
    recordedAt: t.field({ type: 'DateTime', resolve: (r) => r.recordedAt }),
  }),
});

const LedgerEntryRef = builder.objectRef<LedgerEntryDoc>('LedgerEntry').implement({
  description:
    'A promise of hire a graduate received: an offer made in the app (an application that reached OFFERED, once ' +
    'per application) or a promise received outside the app that their school recorded.',
  fields: (t) => ({
    id: t.id({ resolve: (e) => e._id }),
    source: t.field({ type: LedgerEntrySourceEnum, resolve: (e) => e.source }),
    companyName: t.exposeString('companyName'),
    date: t.field({ type: 'DateTime', resolve: (e) => e.date }),
    note: t.string({ nullable: true, resolve: (e) => e.note ?? null }),
  }),
});

/** A graduate's outcome detail, for their school's staff, the admin and themself (FORBIDDEN otherwise). */
function detail<T>(read: (s: StudentDoc, ctx: GraphQLContext) => Promise<T>) {
  return (s: StudentDoc, _args: unknown, ctx: GraphQLContext): Promise<T> => {
    if (!canSeeOutcomeDetail(ctx.actor, s)) throw forbidden('outcome.detailNotAccessible');
    return read(s, ctx);
  };
}

builder.objectFields(StudentRef, (t) => ({
  exitOutcome: t.field({
    type: ExitOutcomeRecordRef,
    nullable: true,
    description: 'The latest exit-outcome record (null: none). Detail: the school’s staff, the admin, the graduate.',
    resolve: detail(async (s, ctx) => (await ctx.loaders.exitOutcomesByStudentId.load(String(s._id))).at(-1) ?? null),
  }),
  exitOutcomeHistory: t.field({
    type: [ExitOutcomeRecordRef],
    description: 'Every exit-outcome record, oldest first.',
    resolve: detail((s, ctx) => ctx.loaders.exitOutcomesByStudentId.load(String(s._id))),
  }),
  examResult: t.field({
    type: ExamResultRef,
    nullable: true,
    description: 'The latest exam result recorded (null: none).',
    resolve: detail(async (s, ctx) => (await ctx.loaders.examResultsByStudentId.load(String(s._id))).at(-1) ?? null),
  }),
  promiseLedger: t.field({
    type: [LedgerEntryRef],
    description: 'Every promise of hire the graduate received, oldest first.',
    resolve: detail((s, ctx) => ctx.loaders.ledgerByStudentId.load(String(s._id))),
  }),
}));

builder.objectFields(SchoolRef, (t) => ({
  region: t.string({
    nullable: true,
    description: 'The region of the school’s city (INSEE name), as the outcome filter takes it.',
    resolve: (s) => regionOfTown(s.city),
  }),
}));

const PromisesPerGraduateRef = builder.objectRef<PromisesPerGraduate>('PromisesPerGraduate').implement({
  description: 'Ledger entries per graduate: mean (entries / graduates) and median of the per-graduate counts.',
  fields: (t) => ({
    mean: t.float({ nullable: true, resolve: (p) => p.mean }),
    median: t.float({ nullable: true, resolve: (p) => p.median }),
  }),
});

const OutcomeFiguresRef = builder.interfaceRef<OutcomeFigures>('OutcomeFigures').implement({
  description:
    'The figures of a group of graduates (definitions in CONTRACT.md and shared/src/outcome/outcome.stats.ts). Rates ' +
    'are in [0, 1]; null when the group is suppressed (fewer than 10 graduates, outside their own school) or empty.',
  fields: (t) => ({
    graduates: t.exposeInt('graduates'),
    suppressed: t.exposeBoolean('suppressed', { description: 'Fewer than 10 graduates, seen from outside.' }),
    examResults: t.exposeInt('examResults', { description: 'Denominator of examSuccessRate.' }),
    outcomesRecorded: t.exposeInt('outcomesRecorded', { description: 'Graduates with a recorded outcome.' }),
    examSuccessRate: t.float({ nullable: true, resolve: (f) => f.examSuccessRate }),
    positiveOutcomeRate: t.float({ nullable: true, resolve: (f) => f.positiveOutcomeRate }),
    employedWithinTwoMonthsRate: t.float({ nullable: true, resolve: (f) => f.employedWithinTwoMonthsRate }),
    continuingStudiesRate: t.float({ nullable: true, resolve: (f) => f.continuingStudiesRate }),
    promisesPerGraduate: t.field({ type: PromisesPerGraduateRef, resolve: (f) => f.promisesPerGraduate }),
    medianDaysToHire: t.float({ nullable: true, resolve: (f) => f.medianDaysToHire }),
  }),
});

type SchoolFigures = OutcomeStats['bySchool'][number];
type TradeFigures = OutcomeStats['byTrade'][number];
type CohortFigures = OutcomeStats['byCohort'][number];

const SchoolOutcomeStatsRef = builder.objectRef<SchoolFigures>('SchoolOutcomeStats').implement({
  interfaces: [OutcomeFiguresRef],
  fields: (t) => ({
    school: t.field({
      type: SchoolRef,
      resolve: async (f, _args, ctx) => required(await ctx.loaders.schoolById.load(f.schoolId), 'school'),
    }),
  }),
});
const TradeOutcomeStatsRef = builder.objectRef<TradeFigures>('TradeOutcomeStats').implement({
  interfaces: [OutcomeFiguresRef],
  fields: (t) => ({ trade: t.field({ type: TradeEnum, resolve: (f) => f.trade }) }),
});
const CohortOutcomeStatsRef = builder.objectRef<CohortFigures>('CohortOutcomeStats').implement({
  interfaces: [OutcomeFiguresRef],
  fields: (t) => ({ cohort: t.exposeInt('cohort', { description: 'Graduation year.' }) }),
});

const OutcomeStatsRef = builder.objectRef<OutcomeStats>('OutcomeStats').implement({
  interfaces: [OutcomeFiguresRef],
  fields: (t) => ({
    bySchool: t.field({ type: [SchoolOutcomeStatsRef], resolve: (s) => s.bySchool }),
    byTrade: t.field({ type: [TradeOutcomeStatsRef], resolve: (s) => s.byTrade }),
    byCohort: t.field({ type: [CohortOutcomeStatsRef], resolve: (s) => s.byCohort }),
  }),
});

const GraduateOutcomeRef = builder.objectRef<GraduateOutcomeRow>('GraduateOutcome').implement({
  description: 'A graduate of a school and how they count in its figures.',
  fields: (t) => ({
    student: t.field({
      type: StudentRef,
      resolve: async (g, _args, ctx) => required(await ctx.loaders.studentById.load(g.studentId), 'student'),
    }),
    outcome: t.field({ type: ExitOutcomeRecordRef, nullable: true, resolve: (g) => g.latestOutcome }),
    examResult: t.field({ type: ExamResultRef, nullable: true, resolve: (g) => g.latestExam }),
    ledgerEntries: t.exposeInt('ledgerEntries'),
    daysToHire: t.int({ nullable: true, resolve: (g) => g.daysToHire }),
    positive: t.exposeBoolean('positive'),
    continuing: t.exposeBoolean('continuing'),
    employedWithinTwoMonths: t.exposeBoolean('employedWithinTwoMonths'),
    outcomeOverdue: t.exposeBoolean('outcomeOverdue', {
      description: 'No outcome recorded more than two months after graduation: the school should record it.',
    }),
  }),
});

const OutcomeFilterRef = builder.inputType('OutcomeFilter', {
  description: 'Every field narrows (AND); values of one list combine with OR. Absent or empty: no restriction.',
  fields: (t) => ({
    schoolIds: t.idList(),
    trades: t.field({ type: [TradeEnum] }),
    cohort: t.int({ description: 'Graduation year.' }),
    region: t.string({ description: 'A region name, as School.region gives it.' }),
  }),
});

const filterArg = (filter: { schoolIds?: readonly (string | number)[] | null } | null | undefined) =>
  filter ? { ...filter, schoolIds: filter.schoolIds?.map(String) ?? null } : null;

builder.queryField('outcomeStats', (t) =>
  t.withAuth({ schoolStaff: true, federationAdmin: true }).field({
    type: OutcomeStatsRef,
    description:
      'Staff: their school’s figures (naming another school: FORBIDDEN). Admin: the network, by school, trade and ' +
      'cohort, groups under 10 graduates suppressed. Companies and students: FORBIDDEN (see publicOutcomeStats).',
    args: { filter: t.arg({ type: OutcomeFilterRef }) },
    resolve: (_root, args, ctx) => getOutcomeStats(ctx, { filter: filterArg(args.filter) }),
  }),
);

builder.queryField('publicOutcomeStats', (t) =>
  t.field({
    type: OutcomeStatsRef,
    description: 'Public, no log-in: the network’s aggregated figures; every group under 10 graduates suppressed.',
    args: { filter: t.arg({ type: OutcomeFilterRef }) },
    resolve: (_root, args, ctx) => getPublicOutcomeStats(ctx, { filter: filterArg(args.filter) }),
  }),
);

builder.queryField('outcomeGraduates', (t) =>
  t.withAuth({ schoolStaff: true, federationAdmin: true }).field({
    type: [GraduateOutcomeRef],
    description:
      'The graduates of a school and how each counts, oldest graduation first. Staff: their school (schoolId ' +
      'omitted or their own); admin: the school named.',
    args: { schoolId: t.arg.id(), cohort: t.arg.int() },
    resolve: (_root, args, ctx) =>
      listOutcomeGraduates(ctx, { schoolId: args.schoolId?.toString() ?? null, cohort: args.cohort ?? null }),
  }),
);

const RecordExitOutcomeInputRef = builder.inputType('RecordExitOutcomeInput', {
  fields: (t) => ({
    studentId: t.id({ required: true }),
    outcome: t.field({ type: ExitOutcomeEnum, required: true }),
    companyId: t.id({ description: 'A company of the app (its name is used when companyName is omitted).' }),
    companyName: t.string({ description: 'EMPLOYED: required unless companyId. APPRENTICESHIP: optional.' }),
    contractType: t.field({ type: ContractTypeEnum, description: 'EMPLOYED only, required (not APPRENTICESHIP).' }),
    startDate: t.field({ type: 'DateTime', description: 'EMPLOYED: required. At most one year ahead.' }),
    note: t.string(),
  }),
});

builder.mutationField('recordExitOutcome', (t) =>
  t.withAuth({ schoolStaff: true }).field({
    type: StudentRef,
    description: 'Staff of the graduate’s school. Adds a record: the latest is the outcome, the history is kept.',
    args: { input: t.arg({ type: RecordExitOutcomeInputRef, required: true }) },
    resolve: (_root, args, ctx) =>
      recordExitOutcome(ctx, {
        ...args.input,
        studentId: String(args.input.studentId),
        companyId: args.input.companyId?.toString() ?? null,
      }),
  }),
);

builder.mutationField('recordExamResult', (t) =>
  t.withAuth({ schoolStaff: true }).field({
    type: StudentRef,
    description: 'Staff of the graduate’s school. The latest result recorded is the graduate’s.',
    args: {
      studentId: t.arg.id({ required: true }),
      diploma: t.arg({ type: DiplomaLevelEnum, required: true }),
      passed: t.arg.boolean({ required: true }),
    },
    resolve: (_root, args, ctx) =>
      recordExamResult(ctx, { studentId: String(args.studentId), diploma: args.diploma, passed: args.passed }),
  }),
);

builder.mutationField('recordOffPlatformPromise', (t) =>
  t.withAuth({ schoolStaff: true }).field({
    type: StudentRef,
    description: 'Staff of the graduate’s school add a promise received outside the app (date: today at the latest).',
    args: {
      studentId: t.arg.id({ required: true }),
      companyName: t.arg.string({ required: true }),
      date: t.arg({ type: 'DateTime', required: true }),
      note: t.arg.string(),
    },
    resolve: (_root, args, ctx) =>
      recordOffPlatformPromise(ctx, {
        studentId: String(args.studentId),
        companyName: args.companyName,
        date: args.date,
        note: args.note ?? null,
      }),
  }),
);
