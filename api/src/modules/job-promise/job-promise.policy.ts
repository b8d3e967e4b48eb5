import { Types } from 'mongoose';
import { Role, type JobPromiseStatus } from '@promesse/shared';
import type { Actor } from '../../graphql/context';
import { isRecruiterOf } from '../company/company.policy';
import { sameId } from '../school/school.service';
import type { JobPromiseDoc } from './job-promise.model';

type PromiseLike = Pick<JobPromiseDoc, 'status' | 'expiresAt'>;

/** The status clients see: an OPEN promise whose expiresAt has passed is EXPIRED even before the sweep stores it. */
export function effectiveJobPromiseStatus(jp: PromiseLike, now = new Date()): JobPromiseStatus {
  return jp.status === 'OPEN' && jp.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : jp.status;
}

export function isOpenNow(jp: PromiseLike, now = new Date()): boolean {
  return effectiveJobPromiseStatus(jp, now) === 'OPEN';
}

/** Database filter of the promises that are OPEN at `now` (the stored status alone may be stale). */
export function openNowFilter(now: Date): Record<string, unknown> {
  return { status: 'OPEN', expiresAt: { $gt: now } };
}

/** Database filter of an effective status (EXPIRED includes stale OPEN ones, OPEN excludes them). */
export function effectiveStatusFilter(status: JobPromiseStatus, now: Date): Record<string, unknown> {
  if (status === 'OPEN') return openNowFilter(now);
  if (status === 'EXPIRED') return { $or: [{ status: 'EXPIRED' }, { status: 'OPEN', expiresAt: { $lte: now } }] };
  return { status };
}

export function targetsSchool(
  jp: Pick<JobPromiseDoc, 'schoolIds'>,
  schoolId: string | Types.ObjectId | undefined,
): boolean {
  return schoolId != null && jp.schoolIds.some((id) => sameId(id, schoolId));
}

export function isOwnerRecruiter(actor: Actor | null, jp: Pick<JobPromiseDoc, 'companyId'>): boolean {
  return isRecruiterOf(actor, jp.companyId);
}

/**
 * What each role may list (and look up):
 * - student: OPEN promises targeting their school;
 * - recruiter: every promise of their company, drafts included;
 * - school staff: published promises (not drafts) targeting their school;
 * - federation admin: all.
 * Anonymous callers are refused (UNAUTHENTICATED) before this is reached. Null: nothing at all. Ids are ObjectIds
 * (aggregation pipelines do not cast).
 */
export function visibilityFilter(actor: Actor, now: Date): Record<string, unknown> | null {
  switch (actor.role) {
    case Role.FEDERATION_ADMIN:
      return {};
    case Role.COMPANY_RECRUITER:
      return actor.companyId ? { companyId: new Types.ObjectId(actor.companyId) } : null;
    case Role.SCHOOL_STAFF:
      return actor.schoolId ? { schoolIds: new Types.ObjectId(actor.schoolId), status: { $ne: 'DRAFT' } } : null;
    case Role.STUDENT:
      return actor.schoolId ? { schoolIds: new Types.ObjectId(actor.schoolId), ...openNowFilter(now) } : null;
  }
}

/**
 * Same rule as visibilityFilter for one promise. A student also keeps sight of a promise they applied to or were
 * recommended for after it stops being open (`linkedToStudent`), so their applications stay readable.
 */
export function canSeeJobPromise(actor: Actor | null, jp: JobPromiseDoc, now: Date, linkedToStudent = false): boolean {
  if (!actor) return false;
  switch (actor.role) {
    case Role.FEDERATION_ADMIN:
      return true;
    case Role.COMPANY_RECRUITER:
      return isOwnerRecruiter(actor, jp);
    case Role.SCHOOL_STAFF:
      return jp.status !== 'DRAFT' && targetsSchool(jp, actor.schoolId);
    case Role.STUDENT:
      return linkedToStudent || (isOpenNow(jp, now) && targetsSchool(jp, actor.schoolId));
  }
}

/** Owner company and the admin see every application; staff see their own students'; others none. */
export function applicationScopeOnPromise(
  actor: Actor | null,
  jp: Pick<JobPromiseDoc, 'companyId'>,
): { all: true } | { schoolId: string } | null {
  if (!actor) return null;
  if (actor.role === Role.FEDERATION_ADMIN || isOwnerRecruiter(actor, jp)) return { all: true };
  if (actor.role === Role.SCHOOL_STAFF && actor.schoolId) return { schoolId: actor.schoolId };
  return null;
}
