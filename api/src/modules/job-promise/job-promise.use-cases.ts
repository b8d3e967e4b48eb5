import { Types, type ClientSession, type PipelineStage } from 'mongoose';
import {
  assertJobPromiseTransition,
  badUserInput,
  conflict,
  forbidden,
  isObjectId,
  jobPromiseFilterSchema,
  kmToRadians,
  makeJobPromiseInputSchema,
  makeJobPromiseUpdateSchema,
  notFound,
  PAGE_SIZE_DEFAULT,
  paginationSchema,
  parseInput,
  Role,
  toGeoJsonPoint,
  type JobPromiseFilter,
} from '@promesse/shared';
import type { Actor, AppDeps } from '../../graphql/context';
import type { Logger } from '../../logger';
import { applicationModel } from '../application/application.model';
import { companyModel } from '../company/company.model';
import { approvedSchoolIdsOfCompany } from '../company/company.service';
import { createNotifications } from '../notification/notification.service';
import { recommendationModel } from '../recommendation/recommendation.model';
import { schoolModel } from '../school/school.model';
import { studentModel } from '../student/student.model';
import { jobPromiseModel, type JobPromiseDoc } from './job-promise.model';
import {
  canSeeJobPromise,
  effectiveJobPromiseStatus,
  effectiveStatusFilter,
  isOwnerRecruiter,
  visibilityFilter,
} from './job-promise.policy';

type Deps = Pick<AppDeps, 'connection'>;

function requireRecruiter(actor: Actor): string {
  if (actor.role !== Role.COMPANY_RECRUITER || !actor.companyId) throw forbidden('Réservé aux recruteurs');
  return actor.companyId;
}

/** Unknown and malformed ids are both "not found" (never a cast error). */
export async function findJobPromise(
  deps: Deps,
  id: string,
  session: ClientSession | null = null,
): Promise<JobPromiseDoc> {
  const jp = isObjectId(id) ? await jobPromiseModel(deps.connection).findById(id).session(session) : null;
  if (!jp) throw notFound('JobPromise', String(id));
  return jp;
}

async function findOwnedJobPromise(deps: Deps, id: string, actor: Actor): Promise<JobPromiseDoc> {
  const jp = await findJobPromise(deps, id);
  if (!isOwnerRecruiter(actor, jp)) throw forbidden('Cette promesse appartient à une autre entreprise');
  return jp;
}

/**
 * Checks requested schools against the company's approved partners (empty request = all of them). Unknown schools
 * are NOT_FOUND; existing schools without an approved partnership are FORBIDDEN.
 */
async function resolveSchoolIds(deps: Deps, companyId: string, requested: string[]): Promise<Types.ObjectId[]> {
  const approved = await approvedSchoolIdsOfCompany(deps, companyId);
  if (approved.length === 0) {
    throw forbidden('Votre entreprise doit d’abord avoir un partenariat approuvé avec une école');
  }
  if (requested.length === 0) return approved;
  const approvedSet = new Set(approved.map(String));
  const outside = requested.filter((id) => !approvedSet.has(id));
  if (outside.length) {
    const existing = await schoolModel(deps.connection)
      .find({ _id: { $in: outside } }, { _id: 1 })
      .lean();
    const existingSet = new Set(existing.map((s) => String(s._id)));
    const missing = outside.find((id) => !existingSet.has(id));
    if (missing) throw notFound('School', missing);
    throw forbidden('Vous ne pouvez publier que pour vos écoles partenaires', { schoolIds: outside });
  }
  return requested.map((id) => new Types.ObjectId(id));
}

/** A recruiter of a company with an approved partnership drafts a promise (status DRAFT). */
export async function createJobPromise(
  deps: Deps,
  rawInput: unknown,
  actor: Actor,
  now = new Date(),
): Promise<JobPromiseDoc> {
  const companyId = requireRecruiter(actor);
  const input = parseInput(makeJobPromiseInputSchema(now), rawInput, 'input');
  const schoolIds = await resolveSchoolIds(deps, companyId, input.schoolIds);
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
    listedAt: now,
    createdBy: actor.userId,
  });
}

/** Edits a DRAFT (published promises are frozen: students may already have applied). */
export async function updateJobPromise(
  deps: Deps,
  rawInput: unknown,
  actor: Actor,
  now = new Date(),
): Promise<JobPromiseDoc> {
  const companyId = requireRecruiter(actor);
  const raw = (rawInput ?? {}) as { id?: unknown };
  const current = await findOwnedJobPromise(deps, String(raw.id), actor);
  const input = parseInput(makeJobPromiseUpdateSchema(now), rawInput, 'input');
  if (current.status !== 'DRAFT') {
    throw conflict('Seul un brouillon peut être modifié', { entity: 'JobPromise', status: current.status });
  }
  const { id, location, schoolIds, diplomaLevel, ...fields } = input;
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) set[key] = value;
  if (location) set['location'] = toGeoJsonPoint(location);
  if (diplomaLevel) set['diplomaLevel'] = diplomaLevel;
  if (schoolIds) set['schoolIds'] = await resolveSchoolIds(deps, companyId, schoolIds);
  const updated = await jobPromiseModel(deps.connection).findOneAndUpdate(
    { _id: id, companyId, status: 'DRAFT' },
    { $set: set },
    { returnDocument: 'after', runValidators: true },
  );
  if (!updated) throw conflict('Cette promesse a été publiée ou clôturée entre-temps', { entity: 'JobPromise', id });
  return updated;
}

/**
 * DRAFT -> OPEN. In the same transaction, every student of the targeted schools whose trade matches gets a
 * JOB_PROMISE_MATCH notification (one insert for all of them).
 */
export async function publishJobPromise(
  deps: Deps,
  args: { id: string },
  actor: Actor,
  now = new Date(),
): Promise<JobPromiseDoc> {
  requireRecruiter(actor);
  const jp = await findOwnedJobPromise(deps, args.id, actor);
  assertJobPromiseTransition(effectiveJobPromiseStatus(jp, now), 'OPEN', 'COMPANY');
  if (jp.expiresAt.getTime() <= now.getTime()) {
    throw conflict('La date d’expiration est passée : modifiez-la avant de publier', {
      entity: 'JobPromise',
      id: args.id,
    });
  }
  const company = await companyModel(deps.connection).findById(jp.companyId);
  return deps.connection.transaction(async (session) => {
    const updated = await jobPromiseModel(deps.connection).findOneAndUpdate(
      { _id: jp._id, status: 'DRAFT' },
      { $set: { status: 'OPEN', publishedAt: now, listedAt: now } },
      { returnDocument: 'after', session },
    );
    if (!updated)
      throw conflict('Cette promesse a déjà été publiée ou clôturée', { entity: 'JobPromise', id: args.id });
    const students = await studentModel(deps.connection)
      .find({ schoolId: { $in: updated.schoolIds }, trade: updated.trade }, { userId: 1 })
      .session(session)
      .lean();
    await createNotifications(
      deps,
      session,
      students.map((s) => ({
        userId: s.userId,
        type: 'JOB_PROMISE_MATCH' as const,
        data: {
          jobPromiseId: String(updated._id),
          jobPromiseTitle: updated.title,
          ...(company ? { companyName: company.name } : {}),
          city: updated.city,
        },
      })),
    );
    return updated;
  });
}

/** DRAFT|OPEN -> CLOSED by the owner company (or the admin, for moderation). */
export async function closeJobPromise(
  deps: Deps,
  args: { id: string },
  actor: Actor,
  now = new Date(),
): Promise<JobPromiseDoc> {
  const jp = await findJobPromise(deps, args.id);
  const kind = actor.role === Role.FEDERATION_ADMIN ? 'ADMIN' : isOwnerRecruiter(actor, jp) ? 'COMPANY' : null;
  if (!kind) throw forbidden('Cette promesse appartient à une autre entreprise');
  const from = effectiveJobPromiseStatus(jp, now);
  assertJobPromiseTransition(from, 'CLOSED', kind);
  const updated = await jobPromiseModel(deps.connection).findOneAndUpdate(
    { _id: jp._id, ...effectiveStatusFilter(from, now) },
    { $set: { status: 'CLOSED', closedAt: now } },
    { returnDocument: 'after' },
  );
  if (!updated)
    throw conflict('Le statut de cette promesse a changé entre-temps', { entity: 'JobPromise', id: args.id });
  return updated;
}

/** One promise, if the actor may see it (see job-promise.policy.ts); otherwise FORBIDDEN. */
export async function getJobPromise(deps: Deps, id: string, actor: Actor, now = new Date()): Promise<JobPromiseDoc> {
  const jp = await findJobPromise(deps, id);
  if (canSeeJobPromise(actor, jp, now)) return jp;
  if (actor.role === Role.STUDENT && (await studentIsLinked(deps, actor, jp._id))) return jp;
  throw forbidden('Cette promesse d’embauche ne vous est pas accessible');
}

/** True when the student applied to, or was recommended for, the promise. */
async function studentIsLinked(deps: Deps, actor: Actor, jobPromiseId: Types.ObjectId): Promise<boolean> {
  const student = await studentModel(deps.connection).findOne({ userId: actor.userId }, { _id: 1 }).lean();
  if (!student) return false;
  const key = { studentId: student._id, jobPromiseId };
  const [application, recommendation] = await Promise.all([
    applicationModel(deps.connection).exists(key),
    recommendationModel(deps.connection).exists(key),
  ]);
  return Boolean(application || recommendation);
}

// ---------- listing ----------

type SortMode = 'recent' | 'text' | 'near';

interface CursorKey {
  mode: SortMode;
  /** listedAt (ms) for 'recent', text score for 'text', distance in metres for 'near'. */
  key: number;
  id: string;
}

export function encodeJobPromiseCursor(c: CursorKey): string {
  return Buffer.from(JSON.stringify([c.mode, c.key, c.id])).toString('base64url');
}

function invalidCursor(): never {
  throw badUserInput('after : curseur invalide', [{ path: 'after', message: 'Curseur invalide' }]);
}

export function decodeJobPromiseCursor(cursor: string, mode: SortMode): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) invalidCursor();
  const [m, key, id] = parsed as unknown[];
  // A cursor only continues the ordering it came from (a new filter starts a new pagination).
  if (m !== mode || typeof key !== 'number' || !Number.isFinite(key) || !isObjectId(id)) invalidCursor();
  return { mode, key, id: id.toLowerCase() };
}

export interface JobPromisePage {
  edges: { node: JobPromiseDoc; cursor: string }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface ListJobPromisesArgs {
  filter?: unknown;
  first?: number | null;
  after?: string | null;
}

function and(parts: Record<string, unknown>[]): Record<string, unknown> {
  const nonEmpty = parts.filter((p) => Object.keys(p).length > 0);
  const keys = nonEmpty.flatMap((p) => Object.keys(p));
  // Flat when the parts do not collide (simpler plans), $and otherwise.
  if (new Set(keys).size === keys.length) return Object.assign({}, ...nonEmpty) as Record<string, unknown>;
  return { $and: nonEmpty };
}

/** Database filter of the attribute filters (everything but text and near, which set the ordering). */
function attributeFilter(filter: JobPromiseFilter, now: Date): Record<string, unknown>[] {
  const parts: Record<string, unknown>[] = [];
  if (filter.trade) parts.push({ trade: filter.trade });
  if (filter.contractType) parts.push({ contractType: filter.contractType });
  if (filter.schoolId) parts.push({ schoolIds: new Types.ObjectId(filter.schoolId) });
  if (filter.status) parts.push(effectiveStatusFilter(filter.status, now));
  return parts;
}

/**
 * The promises the actor may see (job-promise.policy.ts visibilityFilter), filtered, as a Relay page. Order:
 * relevance when `text` is given (French text index; with `near`, restricted to the radius), else distance when
 * `near` is given (2dsphere), else newest first (listedAt). Ties are broken by id so pages never overlap.
 */
export async function listJobPromises(
  deps: Deps,
  actor: Actor,
  args: ListJobPromisesArgs,
  now = new Date(),
): Promise<JobPromisePage> {
  const page = parseInput(paginationSchema, { first: args.first, after: args.after });
  const filter = parseInput(jobPromiseFilterSchema, args.filter ?? {}, 'filter');
  const first = page.first ?? PAGE_SIZE_DEFAULT;
  const visible = visibilityFilter(actor, now);
  if (!visible) return { edges: [], hasNextPage: false, hasPreviousPage: false };
  const JobPromise = jobPromiseModel(deps.connection);
  const mode: SortMode = filter.text ? 'text' : filter.near ? 'near' : 'recent';
  const after = page.after ? decodeJobPromiseCursor(page.after, mode) : null;
  const base = [visible, ...attributeFilter(filter, now)];

  let rows: { doc: JobPromiseDoc; key: number }[];
  if (mode === 'recent') {
    const cursorPart = after
      ? {
          $or: [
            { listedAt: { $lt: new Date(after.key) } },
            { listedAt: new Date(after.key), _id: { $lt: new Types.ObjectId(after.id) } },
          ],
        }
      : {};
    const docs = await JobPromise.find(and([...base, cursorPart]))
      .sort({ listedAt: -1, _id: -1 })
      .limit(first + 1);
    rows = docs.map((doc) => ({ doc, key: doc.listedAt.getTime() }));
  } else {
    const pipeline: PipelineStage[] = [];
    const KEY = '__sortKey';
    if (mode === 'text') {
      const near = filter.near;
      const within = near
        ? { location: { $geoWithin: { $centerSphere: [[near.lng, near.lat], kmToRadians(near.radiusKm)] } } }
        : {};
      pipeline.push(
        { $match: { $text: { $search: filter.text! }, ...and([...base, within]) } },
        { $addFields: { [KEY]: { $meta: 'textScore' } } },
      );
      if (after) {
        pipeline.push({
          $match: {
            $or: [{ [KEY]: { $lt: after.key } }, { [KEY]: after.key, _id: { $lt: new Types.ObjectId(after.id) } }],
          },
        });
      }
      pipeline.push({ $sort: { [KEY]: -1, _id: -1 } });
    } else {
      const near = filter.near!;
      pipeline.push({
        $geoNear: {
          near: { type: 'Point', coordinates: [near.lng, near.lat] },
          distanceField: KEY,
          maxDistance: near.radiusKm * 1000,
          spherical: true,
          key: 'location',
          query: and(base),
        },
      });
      if (after) {
        pipeline.push({
          $match: {
            $or: [{ [KEY]: { $gt: after.key } }, { [KEY]: after.key, _id: { $gt: new Types.ObjectId(after.id) } }],
          },
        });
      }
      pipeline.push({ $sort: { [KEY]: 1, _id: 1 } });
    }
    pipeline.push({ $limit: first + 1 });
    const raw = await JobPromise.aggregate<Record<string, unknown>>(pipeline);
    rows = raw.map(({ [KEY]: key, ...fields }) => ({ doc: JobPromise.hydrate(fields), key: Number(key) }));
  }

  const hasNextPage = rows.length > first;
  return {
    edges: rows.slice(0, first).map(({ doc, key }) => ({
      node: doc,
      cursor: encodeJobPromiseCursor({ mode, key, id: String(doc._id) }),
    })),
    hasNextPage,
    hasPreviousPage: after !== null,
  };
}

// ---------- expiry ----------

/** Stores EXPIRED on every OPEN promise whose expiresAt has passed; returns how many changed. */
export async function expireJobPromises(deps: Deps, now = new Date()): Promise<number> {
  const result = await jobPromiseModel(deps.connection).updateMany(
    { status: 'OPEN', expiresAt: { $lte: now } },
    { $set: { status: 'EXPIRED' } },
  );
  return result.modifiedCount;
}

export const EXPIRY_SWEEP_INTERVAL_MS = 60_000;

/**
 * Runs expireJobPromises periodically. Reads never depend on it (an overdue OPEN promise already reads as
 * EXPIRED); it keeps stored statuses, indexes and exports honest. The timer never keeps the process alive.
 */
export function startJobPromiseExpirySweep(
  deps: Deps & { logger: Logger },
  intervalMs = EXPIRY_SWEEP_INTERVAL_MS,
): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running || deps.connection.readyState !== 1) return;
    running = true;
    expireJobPromises(deps)
      .then((count) => {
        if (count) deps.logger.info({ count }, 'job promises expired');
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'job promise expiry sweep failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
