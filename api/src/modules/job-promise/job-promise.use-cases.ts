import { Types, type PipelineStage } from 'mongoose';
import {
  appError,
  assertJobPromiseTransition,
  byIdInputSchema,
  compareSortKeys,
  decodeSortCursor,
  encodeSortCursor,
  conflict,
  distanceKm,
  effectiveSearchSort,
  forbidden,
  fromGeoJsonPoint,
  jobPromiseCreateFieldsSchema,
  jobPromiseDatesSchema,
  jobPromiseUpdateFieldsSchema,
  kmToRadians,
  listJobPromisesSchema,
  notFound,
  PAGE_SIZE_DEFAULT,
  parseInput,
  searchSortKey,
  sortedPage,
  textSearchString,
  toGeoJsonPoint,
  type GeoJsonPoint,
  type JobPromiseFilter,
  type SearchCandidate,
  type SearchSort,
  type SortKey,
} from '@promesse/shared';
import type * as z from 'zod';
import { isRecruiter, isStudent, type Actor } from '../../core/actor';
import type { DataDeps } from '../../core/deps';
import { inTransaction } from '../../core/transactions';
import { defineUseCase } from '../../core/use-case';
import { hasApplied, rejectOpenApplicationsOfPromise } from '../application/application.queries';
import { approvedSchoolIdsOfCompany, companyNameOf, requestedSchoolIdsOfCompany } from '../company/company.queries';
import { notifyJobAlerts } from '../job-alert/job-alert.queries';
import { createNotifications } from '../notification/notification.queries';
import { closePendingRecommendationsOfPromise, wasRecommended } from '../recommendation/recommendation.queries';
import { existingSchoolIds } from '../school/school.queries';
import { findStudentByUserId, studentUserIdsOf } from '../student/student.queries';
import { editPublishedJobPromise } from './job-promise.edit';
import { jobPromiseModel, type JobPromiseDoc, type JobPromiseRow } from './job-promise.model';
import {
  canSeeJobPromise,
  closerKind,
  effectiveJobPromiseStatus,
  effectiveStatusFilter,
  isOwnerRecruiter,
  visibilityFilter,
} from './job-promise.policy';
import { findJobPromise } from './job-promise.queries';

/** The actor's company; a recruiter without one may do nothing here. */
function companyOf(actor: Actor): string {
  if (!isRecruiter(actor)) throw forbidden('jobPromise.recruitersOnly');
  return actor.companyId;
}

async function findOwnedJobPromise(deps: DataDeps, id: string, actor: Actor): Promise<JobPromiseDoc> {
  const jp = await findJobPromise(deps, id);
  if (!isOwnerRecruiter(actor, jp)) throw forbidden('jobPromise.otherCompany');
  return jp;
}

/**
 * Checks requested schools against the company's approved partners (empty request = all of them). Unknown schools
 * are NOT_FOUND; existing schools without an approved partnership are FORBIDDEN.
 */
async function resolveSchoolIds(
  deps: DataDeps,
  companyId: string,
  requested: string[],
  draft = false,
): Promise<Types.ObjectId[]> {
  const approved = await approvedSchoolIdsOfCompany(deps, companyId);
  // A draft (draftJobPromise) may be prepared while partnerships wait for the schools' answer: it may target
  // requested schools, or none yet (empty: resolved to the approved partners when published).
  if (!draft && approved.length === 0) throw forbidden('jobPromise.partnershipRequired');
  if (requested.length === 0) return approved;
  const allowed = draft ? await requestedSchoolIdsOfCompany(deps, companyId) : approved;
  const approvedSet = new Set(allowed.map(String));
  const outside = requested.filter((id) => !approvedSet.has(id));
  if (outside.length) {
    const existing = new Set(await existingSchoolIds(deps, outside));
    const missing = outside.find((id) => !existing.has(id));
    if (missing) throw notFound('School', missing);
    throw appError('FORBIDDEN', 'jobPromise.partnerSchoolsOnly', undefined, { details: { schoolIds: outside } });
  }
  return requested.map((id) => new Types.ObjectId(id));
}

/** The date rules read the clock of the deps (a test or a replay moves it). */
function checkDates(deps: DataDeps, input: { startDate?: Date | undefined; expiresAt?: Date | undefined }): void {
  parseInput(jobPromiseDatesSchema(deps.clock.now()), input, 'input');
}

/** A recruiter of a company with an approved partnership drafts a promise (status DRAFT). */
export const createJobPromise = defineUseCase({
  name: 'createJobPromise',
  input: jobPromiseCreateFieldsSchema,
  inputPath: 'input',
  access: ['COMPANY_RECRUITER'],
  run: (input, { actor, deps }) => insertDraft(deps, actor, input, false),
});

/**
 * Like createJobPromise, without waiting for a partnership: a new company prepares its drafts while its requests are
 * pending (targeting schools it asked, or none yet); publishing still needs the approved partnerships.
 */
export const draftJobPromise = defineUseCase({
  name: 'draftJobPromise',
  input: jobPromiseCreateFieldsSchema,
  inputPath: 'input',
  access: ['COMPANY_RECRUITER'],
  run: (input, { actor, deps }) => insertDraft(deps, actor, input, true),
});

async function insertDraft(
  deps: DataDeps,
  actor: Actor,
  input: z.output<typeof jobPromiseCreateFieldsSchema>,
  beforePartnership: boolean,
): Promise<JobPromiseDoc> {
  checkDates(deps, input);
  const companyId = companyOf(actor);
  const schoolIds = await resolveSchoolIds(deps, companyId, input.schoolIds, beforePartnership);
  return jobPromiseModel(deps.connection).create({
    companyId,
    schoolIds,
    title: input.title,
    description: input.description,
    trade: input.trade,
    contractType: input.contractType,
    positions: input.positions,
    ...(input.diplomaLevel ? { diplomaLevel: input.diplomaLevel } : {}),
    skills: input.skills,
    city: input.city,
    location: toGeoJsonPoint(input.location),
    startDate: input.startDate,
    expiresAt: input.expiresAt,
    status: 'DRAFT',
    hiredCount: 0,
    listedAt: deps.clock.now(),
    createdBy: actor.userId,
  });
}

/** Edits a DRAFT freely; an OPEN promise keeps its place, trade, contract and schools (job-promise.edit.ts). */
export const updateJobPromise = defineUseCase({
  name: 'updateJobPromise',
  input: jobPromiseUpdateFieldsSchema,
  inputPath: 'input',
  access: ['COMPANY_RECRUITER'],
  run: async (input, { actor, deps }): Promise<JobPromiseDoc> => {
    const companyId = companyOf(actor);
    const current = await findOwnedJobPromise(deps, input.id, actor);
    const status = effectiveJobPromiseStatus(current, deps.clock.now());
    if (status === 'OPEN') return editPublishedJobPromise(deps, actor, current, input);
    checkDates(deps, input);
    if (current.status !== 'DRAFT') {
      throw conflict('jobPromise.onlyDraftEditable', undefined, { entity: 'JobPromise', status: current.status });
    }
    const { id, location, schoolIds, diplomaLevel, ...fields } = input;
    const set: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) set[key] = value;
    if (location) set['location'] = toGeoJsonPoint(location);
    if (diplomaLevel) set['diplomaLevel'] = diplomaLevel;
    if (schoolIds) set['schoolIds'] = await resolveSchoolIds(deps, companyId, schoolIds, true);
    const updated = await jobPromiseModel(deps.connection).findOneAndUpdate(
      { _id: id, companyId, status: 'DRAFT' },
      { $set: set },
      { returnDocument: 'after', runValidators: true },
    );
    if (!updated) throw conflict('jobPromise.changedMeanwhile', undefined, { entity: 'JobPromise', id });
    return updated;
  },
});

/**
 * DRAFT -> OPEN. In the same transaction, the students of the targeted schools hear of it once each: a
 * JOB_ALERT_MATCH when one of their saved searches matches it, otherwise a JOB_PROMISE_MATCH when their trade does
 * (one insert for all of them).
 */
export const publishJobPromise = defineUseCase({
  name: 'publishJobPromise',
  input: byIdInputSchema,
  access: ['COMPANY_RECRUITER'],
  run: async ({ id }, { actor, deps }): Promise<JobPromiseDoc> => {
    const now = deps.clock.now();
    const jp = await findOwnedJobPromise(deps, id, actor);
    assertJobPromiseTransition(effectiveJobPromiseStatus(jp, now), 'OPEN', 'COMPANY');
    if (jp.expiresAt.getTime() <= now.getTime()) {
      throw conflict('jobPromise.expiredBeforePublishing', undefined, { entity: 'JobPromise', id });
    }
    const companyName = await companyNameOf(deps, jp.companyId);
    // A draft prepared before the partnerships were approved is checked against them now (empty: all of them).
    const schoolIds = await resolveSchoolIds(deps, String(jp.companyId), jp.schoolIds.map(String));
    return inTransaction(deps, async (session) => {
      const updated = await jobPromiseModel(deps.connection).findOneAndUpdate(
        { _id: jp._id, status: 'DRAFT' },
        { $set: { status: 'OPEN', publishedAt: now, listedAt: now, schoolIds } },
        { returnDocument: 'after', session },
      );
      if (!updated) throw conflict('jobPromise.alreadyPublished', undefined, { entity: 'JobPromise', id });
      // Saved searches of the targeted schools' students (job-alert module): once per (alert, promise).
      const { alertedUserIds } = await notifyJobAlerts(deps, session, updated, { companyName, now });
      // One notification per student and promise: the alert wins over the trade match. It is the more specific of
      // the two (it names the search the student saved) and follows the channel they chose for their alerts; both
      // would tell the same student of the same promise twice, in-app and by e-mail.
      const userIds = (
        await studentUserIdsOf(deps, { schoolIds: updated.schoolIds, trade: updated.trade }, session)
      ).filter((userId) => !alertedUserIds.has(String(userId)));
      await createNotifications(
        deps,
        session,
        userIds.map((userId) => ({
          userId,
          type: 'JOB_PROMISE_MATCH' as const,
          data: {
            jobPromiseId: String(updated._id),
            jobPromiseTitle: updated.title,
            ...(companyName ? { companyName } : {}),
            city: updated.city,
          },
        })),
      );
      return updated;
    });
  },
});

/** DRAFT|OPEN -> CLOSED by the owner company (or the admin, for moderation). */
export const closeJobPromise = defineUseCase({
  name: 'closeJobPromise',
  input: byIdInputSchema,
  access: ['COMPANY_RECRUITER', 'FEDERATION_ADMIN'],
  run: async ({ id }, { actor, deps }): Promise<JobPromiseDoc> => {
    const now = deps.clock.now();
    const jp = await findJobPromise(deps, id);
    const kind = closerKind(actor, jp);
    if (!kind) throw forbidden('jobPromise.otherCompany');
    const from = effectiveJobPromiseStatus(jp, now);
    assertJobPromiseTransition(from, 'CLOSED', kind);
    // The promise and what hangs on it end together: open applications REJECTED ("promise closed"), pending
    // recommendations DECLINED, everyone concerned notified, in one transaction.
    return inTransaction(deps, async (session) => {
      const updated = await jobPromiseModel(deps.connection).findOneAndUpdate(
        { _id: jp._id, ...effectiveStatusFilter(from, now) },
        { $set: { status: 'CLOSED', closedAt: now } },
        { returnDocument: 'after', session },
      );
      if (!updated) throw conflict('jobPromise.statusChanged', undefined, { entity: 'JobPromise', id });
      await rejectOpenApplicationsOfPromise(deps, session, updated, 'CLOSED', now);
      await closePendingRecommendationsOfPromise(deps, session, updated, 'CLOSED', now);
      return updated;
    });
  },
});

/** True when the student applied to, or was recommended for, the promise. */
async function studentIsLinked(deps: DataDeps, actor: Actor, jobPromiseId: Types.ObjectId): Promise<boolean> {
  const student = await findStudentByUserId(deps, actor.userId);
  if (!student) return false;
  const [applied, recommended] = await Promise.all([
    hasApplied(deps, student._id, jobPromiseId),
    wasRecommended(deps, student._id, jobPromiseId),
  ]);
  return applied || recommended;
}

/** One promise, if the actor may see it (see job-promise.policy.ts); otherwise FORBIDDEN. */
export const getJobPromise = defineUseCase({
  name: 'getJobPromise',
  input: byIdInputSchema,
  access: 'authenticated',
  run: async ({ id }, { actor, deps }): Promise<JobPromiseDoc> => {
    const jp = await findJobPromise(deps, id);
    if (canSeeJobPromise(actor, jp, deps.clock.now())) return jp;
    if (isStudent(actor) && (await studentIsLinked(deps, actor, jp._id))) return jp;
    throw forbidden('jobPromise.notVisible');
  },
});

// ---------- listing ----------

export interface JobPromiseSearchHit {
  /** A plain row: lists only read fields (hydrating each promise was a visible share of a list's CPU, issue 19). */
  node: JobPromiseRow;
  cursor: string;
  /** Whole km from the search's place (filter.origin or filter.near); null without one. */
  distanceKm: number | null;
}

export interface JobPromisePage {
  edges: JobPromiseSearchHit[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Counted only when asked for (GraphQL `totalCount`): a plain page costs no count. */
  totalCount: () => Promise<number>;
  sort: SearchSort;
}

/** One field of an ordered list: how it stands in the shared sort key (searchSortKey) and in the database. */
interface KeyField {
  path: string;
  kind: 'date' | 'negatedDate' | 'id';
}

// The database orders of the sorts that need neither words nor a place, field for field like searchSortKey, so a
// cursor is the same whichever path made it.
const KEYSET_ORDERS: Partial<Record<SearchSort, KeyField[]>> = {
  NEWEST: [
    { path: 'listedAt', kind: 'negatedDate' },
    { path: '_id', kind: 'id' },
  ],
  CLOSING_DATE: [
    { path: 'expiresAt', kind: 'date' },
    { path: 'listedAt', kind: 'negatedDate' },
    { path: '_id', kind: 'id' },
  ],
};

function keyValue(field: KeyField, key: number | string): Date | Types.ObjectId {
  if (field.kind === 'id') return new Types.ObjectId(String(key));
  return new Date(field.kind === 'negatedDate' ? -Number(key) : Number(key));
}

/** Documents whose sort key is after (or before) `key`: one $or branch per field, equal on the fields before it. */
function keysetFilter(fields: KeyField[], key: SortKey, after: boolean): Record<string, unknown> {
  const branches = fields.map((field, i) => {
    const equal = Object.fromEntries(fields.slice(0, i).map((f, j) => [f.path, keyValue(f, key[j] as number)]));
    const ascending = field.kind !== 'negatedDate';
    const op = ascending === after ? '$gt' : '$lt';
    return { ...equal, [field.path]: { [op]: keyValue(field, key[i] as number) } };
  });
  return { $or: branches };
}

function distanceFrom(place: { lat: number; lng: number }, coordinates: readonly number[] | undefined): number | null {
  const [lng, lat] = coordinates ?? [];
  return lng === undefined || lat === undefined ? null : distanceKm(place, { lat, lng });
}

function keysetSort(fields: KeyField[], forwards: boolean): Record<string, 1 | -1> {
  return Object.fromEntries(
    fields.map((f) => [f.path, (f.kind === 'negatedDate') === forwards ? -1 : 1] as [string, 1 | -1]),
  );
}

function and(parts: Record<string, unknown>[]): Record<string, unknown> {
  const nonEmpty = parts.filter((p) => Object.keys(p).length > 0);
  const keys = nonEmpty.flatMap((p) => Object.keys(p));
  // Flat when the parts do not collide (simpler plans), $and otherwise.
  if (new Set(keys).size === keys.length) return Object.assign({}, ...nonEmpty) as Record<string, unknown>;
  return { $and: nonEmpty };
}

/** Database filter of the attribute filters (everything but text and places). */
function attributeFilter(filter: JobPromiseFilter, now: Date): Record<string, unknown>[] {
  const parts: Record<string, unknown>[] = [];
  if (filter.trade) parts.push({ trade: filter.trade });
  if (filter.contractType) parts.push({ contractType: filter.contractType });
  if (filter.schoolId) parts.push({ schoolIds: new Types.ObjectId(filter.schoolId) });
  if (filter.status) parts.push(effectiveStatusFilter(filter.status, now));
  return parts;
}

interface CandidateRow {
  _id: Types.ObjectId;
  listedAt: Date;
  expiresAt: Date;
  location?: GeoJsonPoint;
  __score?: number;
}

/**
 * The promises the actor may see (job-promise.policy.ts visibilityFilter), filtered, as a Relay page both ways with
 * the total count and each one's distance. Words are searched with their inclusive and other-gender forms
 * ("soudeuse" finds "Soudeur·se") in the French text index; `near` keeps the radius around its place. Orders:
 * relevance (with words), distance (with a place: `origin` or `near`), newest, closing date; by default relevance
 * with words, else distance with a place, else newest. The matching promises are ordered in memory by one sort key
 * (ties: newest, then id), so pages never overlap and cursors work both ways.
 */
export const listJobPromises = defineUseCase({
  name: 'listJobPromises',
  input: listJobPromisesSchema,
  access: 'authenticated',
  run: async (input, { actor, deps }): Promise<JobPromisePage> => {
    const now = deps.clock.now();
    const filter = input.filter ?? {};
    const place = filter.near ?? filter.origin;
    const terms = filter.text ? textSearchString(filter.text) : '';
    const sort = effectiveSearchSort(input.sort, terms !== '', place !== undefined);
    const visible = visibilityFilter(actor, now);
    if (!visible) {
      return { edges: [], hasNextPage: false, hasPreviousPage: false, totalCount: async () => 0, sort };
    }
    const near = filter.near;
    const within = near
      ? { location: { $geoWithin: { $centerSphere: [[near.lng, near.lat], kmToRadians(near.radiusKm)] } } }
      : {};
    const match = and([visible, ...attributeFilter(filter, now), within]);
    const JobPromise = jobPromiseModel(deps.connection);
    const keyset = !terms && !near ? KEYSET_ORDERS[sort] : undefined;
    if (keyset) {
      // The plain list (no words, no radius): the page straight from the database in its order, one read.
      const forwards = input.last === undefined || input.first !== undefined;
      const size = (forwards ? input.first : input.last) ?? PAGE_SIZE_DEFAULT;
      const bounds = [
        input.after ? keysetFilter(keyset, decodeSortCursor(input.after, sort, 'after'), true) : {},
        input.before ? keysetFilter(keyset, decodeSortCursor(input.before, sort, 'before'), false) : {},
      ];
      // Straight through the driver, as the by-id loaders (core/ids.ts): every value of the filter is typed already
      // (the same filter goes to aggregations, which mongoose does not cast), and a Query cost more than the read.
      const found = (await JobPromise.collection
        .find(and([match, ...bounds]), { sort: keysetSort(keyset, forwards), limit: size + 1 })
        .toArray()) as unknown as JobPromiseRow[];
      const more = found.length > size;
      const docs = found.slice(0, size);
      if (!forwards) docs.reverse();
      return {
        edges: docs.map((doc) => {
          const candidate = {
            id: String(doc._id),
            listedAt: doc.listedAt,
            expiresAt: doc.expiresAt,
            textScore: 0,
            distanceKm: place ? distanceFrom(place, doc.location?.coordinates) : null,
          };
          return {
            node: doc,
            cursor: encodeSortCursor(sort, searchSortKey(sort, candidate)),
            distanceKm: candidate.distanceKm,
          };
        }),
        hasNextPage: forwards ? more : input.before !== undefined,
        hasPreviousPage: forwards ? input.after !== undefined : more,
        totalCount: () => JobPromise.countDocuments(match),
        sort,
      };
    }
    const pipeline: PipelineStage[] = terms
      ? [{ $match: { $text: { $search: terms }, ...match } }, { $addFields: { __score: { $meta: 'textScore' } } }]
      : [{ $match: match }];
    pipeline.push({ $project: { listedAt: 1, expiresAt: 1, location: 1, __score: 1 } });
    const rows = await JobPromise.aggregate<CandidateRow>(pipeline);
    const candidates = rows.map((r) => ({
      id: String(r._id),
      listedAt: r.listedAt,
      expiresAt: r.expiresAt,
      textScore: r.__score ?? 0,
      distanceKm: place && r.location ? distanceKm(place, fromGeoJsonPoint(r.location)) : null,
    }));
    const keyOf = (c: SearchCandidate) => searchSortKey(sort, c);
    candidates.sort((a, b) => compareSortKeys(keyOf(a), keyOf(b)));
    const page = sortedPage(candidates, keyOf, sort, input, PAGE_SIZE_DEFAULT);
    const docs = await JobPromise.find({
      _id: { $in: page.edges.map((e) => new Types.ObjectId(e.node.id)) },
    }).lean<JobPromiseRow[]>();
    const byId = new Map(docs.map((d) => [String(d._id), d]));
    return {
      edges: page.edges.flatMap(({ node, cursor }) => {
        const doc = byId.get(node.id);
        return doc ? [{ node: doc, cursor, distanceKm: node.distanceKm }] : [];
      }),
      hasNextPage: page.pageInfo.hasNextPage,
      hasPreviousPage: page.pageInfo.hasPreviousPage,
      totalCount: async () => page.totalCount,
      sort,
    };
  },
});
