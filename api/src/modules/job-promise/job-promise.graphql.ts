import { forbidden, isSearchSort, SEARCH_SORTS } from '@promesse/shared';
import { isStudent } from '../../core/actor';
import { sameId } from '../../core/ids';
import { builder } from '../../graphql/builder';
import {
  ContractTypeEnum,
  DiplomaLevelEnum,
  GeoPointInputRef,
  GeoPointRef,
  geoPointOf,
  JobPromiseStatusEnum,
  required,
  TradeEnum,
} from '../../graphql/common.types';
import { ApplicationRef, CompanyRef, JobPromiseRef, RecommendationRef, SchoolRef } from '../../graphql/refs';
import type { SchoolDoc } from '../school/school.model';
import { applicationScopeOnPromise, effectiveJobPromiseStatus, isOwnerRecruiter } from './job-promise.policy';
import {
  closeJobPromise,
  createJobPromise,
  draftJobPromise,
  getJobPromise,
  listJobPromises,
  publishJobPromise,
  updateJobPromise,
} from './job-promise.use-cases';

JobPromiseRef.implement({
  description:
    'A company’s promise to hire graduates of the targeted Écoles de Production. `status` is computed at read: an OPEN ' +
    'promise whose expiresAt has passed reads EXPIRED.',
  fields: (t) => ({
    id: t.id({ resolve: (jp) => jp._id }),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    trade: t.field({ type: TradeEnum, resolve: (jp) => jp.trade }),
    contractType: t.field({ type: ContractTypeEnum, resolve: (jp) => jp.contractType }),
    positions: t.exposeInt('positions'),
    hiredCount: t.exposeInt('hiredCount'),
    diplomaLevel: t.field({ type: DiplomaLevelEnum, nullable: true, resolve: (jp) => jp.diplomaLevel ?? null }),
    skills: t.stringList({ resolve: (jp) => jp.skills ?? [] }),
    city: t.exposeString('city'),
    location: t.field({
      type: GeoPointRef,
      resolve: (jp) => required(geoPointOf(jp.location), 'job promise location'),
    }),
    startDate: t.field({ type: 'DateTime', resolve: (jp) => jp.startDate }),
    expiresAt: t.field({ type: 'DateTime', resolve: (jp) => jp.expiresAt }),
    status: t.field({
      type: JobPromiseStatusEnum,
      resolve: (jp, _args, ctx) => effectiveJobPromiseStatus(jp, ctx.deps.clock.now()),
    }),
    publishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (jp) => jp.publishedAt ?? null }),
    closedAt: t.field({ type: 'DateTime', nullable: true, resolve: (jp) => jp.closedAt ?? null }),
    filledAt: t.field({ type: 'DateTime', nullable: true, resolve: (jp) => jp.filledAt ?? null }),
    createdAt: t.field({ type: 'DateTime', resolve: (jp) => jp.createdAt }),
    company: t.field({
      type: CompanyRef,
      resolve: async (jp, _args, ctx) => required(await ctx.loaders.companyById.load(String(jp.companyId)), 'company'),
    }),
    schools: t.field({
      type: [SchoolRef],
      description: 'The targeted schools.',
      resolve: async (jp, _args, ctx) => {
        const schools = await ctx.loaders.schoolById.loadMany(jp.schoolIds.map(String));
        return schools.filter((s): s is SchoolDoc => s != null && !(s instanceof Error));
      },
    }),
    applicationCount: t.int({
      description: 'Applications received, whatever their status.',
      resolve: (jp, _args, ctx) => ctx.loaders.applicationCountByJobPromiseId.load(String(jp._id)),
    }),
    applications: t.field({
      type: [ApplicationRef],
      nullable: true,
      description:
        'The owner company and the admin: all; staff of a targeted school: their own students’ ones; others FORBIDDEN.',
      resolve: async (jp, _args, ctx) => {
        const scope = applicationScopeOnPromise(ctx.actor, jp);
        if (!scope) throw forbidden('jobPromise.partiesOnly');
        const all = await ctx.loaders.applicationsByJobPromiseId.load(String(jp._id));
        return 'all' in scope ? all : all.filter((a) => sameId(a.schoolId, scope.schoolId));
      },
    }),
    recommendations: t.field({
      type: [RecommendationRef],
      nullable: true,
      description: 'The owner company and the admin: all; staff: their school’s; others FORBIDDEN.',
      resolve: async (jp, _args, ctx) => {
        const scope = applicationScopeOnPromise(ctx.actor, jp);
        if (!scope) throw forbidden('jobPromise.partiesOnly');
        const all = await ctx.loaders.recommendationsByJobPromiseId.load(String(jp._id));
        return 'all' in scope ? all : all.filter((r) => sameId(r.schoolId, scope.schoolId));
      },
    }),
    myApplication: t.field({
      type: ApplicationRef,
      nullable: true,
      description: 'A student’s own application to this promise (null for others or when none).',
      resolve: async (jp, _args, ctx) => {
        if (!isStudent(ctx.actor)) return null;
        const student = await ctx.loaders.studentByUserId.load(ctx.actor.userId);
        return student
          ? ctx.loaders.applicationByStudentAndPromise.load(`${String(student._id)}:${String(jp._id)}`)
          : null;
      },
    }),
    viewerIsOwner: t.boolean({
      description: 'True for recruiters of the company that posted it.',
      resolve: (jp, _args, ctx) => isOwnerRecruiter(ctx.actor, jp),
    }),
  }),
});

export const JobPromiseSortEnum = builder.enumType('JobPromiseSort', {
  description: 'RELEVANCE needs `text`, DISTANCE a place (`origin` or `near`); otherwise the default order applies.',
  values: SEARCH_SORTS,
});

const JobPromiseConnectionRef = builder.connectionObject(
  {
    type: JobPromiseRef,
    name: 'JobPromiseConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'Promises matching the filter, on every page.',
        resolve: (conn) => ('totalCount' in conn && typeof conn.totalCount === 'function' ? conn.totalCount() : 0),
      }),
      sort: t.field({
        type: JobPromiseSortEnum,
        description: 'The order applied (the one asked for when it can apply).',
        resolve: (conn) => ('sort' in conn && isSearchSort(conn.sort) ? conn.sort : 'NEWEST'),
      }),
    }),
  },
  {
    name: 'JobPromiseEdge',
    fields: (t) => ({
      distanceKm: t.int({
        nullable: true,
        description: 'Whole kilometres from the filter’s place (`origin` or `near`); null without one.',
        resolve: (edge) => ('distanceKm' in edge && typeof edge.distanceKm === 'number' ? edge.distanceKm : null),
      }),
    }),
  },
);

export const NearInputRef = builder.inputType('NearInput', {
  fields: (t) => ({
    lat: t.float({ required: true }),
    lng: t.float({ required: true }),
    radiusKm: t.float({ required: true, description: '1 to 1000 km' }),
  }),
});

export const JobPromiseFilterRef = builder.inputType('JobPromiseFilter', {
  description:
    'Every field narrows the list (AND). `text` orders by relevance, else `near` by distance, else newest first.',
  fields: (t) => ({
    trade: t.field({ type: TradeEnum }),
    contractType: t.field({ type: ContractTypeEnum }),
    status: t.field({ type: JobPromiseStatusEnum, description: 'Effective status (stale OPEN counts as EXPIRED).' }),
    text: t.string({ description: 'French full-text search on title, skills and description (200 characters max).' }),
    near: t.field({ type: NearInputRef }),
    origin: t.field({
      type: GeoPointInputRef,
      description: 'Where distances are measured from (e.g. the student’s town); `near` also sets it.',
    }),
    schoolId: t.id(),
  }),
});

export const JobPromiseInputRef = builder.inputType('JobPromiseInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    description: t.string({ required: true }),
    trade: t.field({ type: TradeEnum, required: true }),
    contractType: t.field({ type: ContractTypeEnum, required: true }),
    positions: t.int({ required: true, description: '1 to 50' }),
    diplomaLevel: t.field({ type: DiplomaLevelEnum }),
    skills: t.stringList(),
    city: t.string({ required: true }),
    location: t.field({ type: GeoPointInputRef, required: true }),
    startDate: t.field({ type: 'DateTime', required: true, description: 'Today or later' }),
    expiresAt: t.field({ type: 'DateTime', required: true, description: 'In the future, at most one year ahead' }),
    schoolIds: t.idList({ description: 'Approved partner schools; empty or omitted: all of them' }),
  }),
});

export const UpdateJobPromiseInputRef = builder.inputType('UpdateJobPromiseInput', {
  description:
    'Edits a DRAFT, or the text, dates and positions of an OPEN promise (its trade, contract, place and schools are ' +
    'fixed once published): omitted fields are kept.',
  fields: (t) => ({
    id: t.id({ required: true }),
    title: t.string(),
    description: t.string(),
    trade: t.field({ type: TradeEnum }),
    contractType: t.field({ type: ContractTypeEnum }),
    positions: t.int(),
    diplomaLevel: t.field({ type: DiplomaLevelEnum }),
    skills: t.stringList(),
    city: t.string(),
    location: t.field({ type: GeoPointInputRef }),
    startDate: t.field({ type: 'DateTime' }),
    expiresAt: t.field({ type: 'DateTime' }),
    schoolIds: t.idList(),
  }),
});

/** GraphQL input objects to plain values (nulls of omitted optional fields become absent). */
function withoutNulls<T extends object>(input: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}

builder.queryField('jobPromise', (t) =>
  t.withAuth({ authenticated: true }).field({
    type: JobPromiseRef,
    nullable: true,
    description:
      'A promise the caller may see (student: OPEN ones targeting their school, or one they applied to / were ' +
      'recommended for; company: its own; staff: published ones targeting their school; admin: all). Unknown id: ' +
      'NOT_FOUND; not visible: FORBIDDEN; anonymous: UNAUTHENTICATED.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getJobPromise(ctx, { id: String(args.id) }),
  }),
);

builder.queryField('jobPromises', (t) =>
  t.withAuth({ authenticated: true }).field({
    type: JobPromiseConnectionRef,
    description:
      'Relay connection of the promises the caller may see (student: OPEN promises targeting their school; company: ' +
      'its own, drafts included; staff: published promises targeting their school; admin: all). Anonymous callers ' +
      'get UNAUTHENTICATED. Words find inclusive and other-gender forms ("soudeuse" finds "Soudeur·se"). `sort`: ' +
      'RELEVANCE (with text), DISTANCE (with origin or near), NEWEST, CLOSING_DATE; default relevance with text, else ' +
      'distance with a place, else newest. Pages forwards (`first`/`after`) or backwards (`last`/`before`), 1 to 100, ' +
      'default 20; cursors are opaque and tied to the order.',
    args: {
      filter: t.arg({ type: JobPromiseFilterRef }),
      sort: t.arg({ type: JobPromiseSortEnum }),
      first: t.arg.int(),
      after: t.arg.string(),
      last: t.arg.int(),
      before: t.arg.string(),
    },
    resolve: async (_root, args, ctx) => {
      const page = await listJobPromises(ctx, {
        filter: args.filter ? withoutNulls(args.filter) : undefined,
        sort: args.sort,
        first: args.first,
        after: args.after,
        last: args.last,
        before: args.before,
      });
      return {
        edges: page.edges,
        totalCount: page.totalCount,
        sort: page.sort,
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: page.hasPreviousPage,
          startCursor: page.edges[0]?.cursor ?? null,
          endCursor: page.edges.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
);

builder.mutationField('createJobPromise', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: JobPromiseRef,
    description: 'A recruiter whose company has an approved partnership drafts a promise (DRAFT) for partner schools.',
    args: { input: t.arg({ type: JobPromiseInputRef, required: true }) },
    resolve: (_root, args, ctx) => createJobPromise(ctx, withoutNulls(args.input)),
  }),
);

builder.mutationField('draftJobPromise', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: JobPromiseRef,
    description:
      'Saves a DRAFT without waiting for a partnership: schoolIds among the schools asked (pending or approved), or ' +
      'empty (resolved to the approved partners at publication). Publishing still needs an approved partnership.',
    args: { input: t.arg({ type: JobPromiseInputRef, required: true }) },
    resolve: (_root, args, ctx) => draftJobPromise(ctx, withoutNulls(args.input)),
  }),
);

builder.mutationField('updateJobPromise', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: JobPromiseRef,
    description:
      'Edits a DRAFT of the caller’s company, or an OPEN one (text, dates, positions ≥ hires; history kept, applicants ' +
      'and recommended graduates notified of material changes). Other statuses, or a fixed field changed: CONFLICT.',
    args: { input: t.arg({ type: UpdateJobPromiseInputRef, required: true }) },
    resolve: (_root, args, ctx) => updateJobPromise(ctx, withoutNulls(args.input)),
  }),
);

builder.mutationField('publishJobPromise', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: JobPromiseRef,
    description: 'DRAFT -> OPEN; notifies students of the targeted schools whose trade matches (JOB_PROMISE_MATCH).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => publishJobPromise(ctx, { id: String(args.id) }),
  }),
);

builder.mutationField('closeJobPromise', (t) =>
  t.withAuth({ companyRecruiter: true, federationAdmin: true }).field({
    type: JobPromiseRef,
    description: 'DRAFT|OPEN -> CLOSED, by the owner company or the admin (moderation).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => closeJobPromise(ctx, { id: String(args.id) }),
  }),
);
