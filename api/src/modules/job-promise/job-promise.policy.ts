import { Types } from 'mongoose';
import type { JobPromiseStatus } from '@promesse/shared';
import { isAdmin, isRecruiter, isStaff, isStudent, type Actor } from '../../core/actor';
import { sameId } from '../../core/ids';
import { isRecruiterOf } from '../company/company.policy';
import type { JobPromiseDoc } from './job-promise.model';

type PromiseLike = Pick<JobPromiseDoc, 'status' | 'expiresAt'>;

/** The status clients see: an OPEN promise whose expiresAt has passed is EXPIRED even before the sweep stores it. */
export function effectiveJobPromiseStatus(jp: PromiseLike, now: Date): JobPromiseStatus {
  return jp.status === 'OPEN' && jp.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : jp.status;
}

export function isOpenNow(jp: PromiseLike, now: Date): boolean {
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

/** Who may close a promise: its company, or the admin (moderation); null for anyone else. */
export function closerKind(actor: Actor, jp: Pick<JobPromiseDoc, 'companyId'>): 'ADMIN' | 'COMPANY' | null {
  return isAdmin(actor) ? 'ADMIN' : isOwnerRecruiter(actor, jp) ? 'COMPANY' : null;
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
  if (isAdmin(actor)) return {};
  if (isRecruiter(actor)) return { companyId: new Types.ObjectId(actor.companyId) };
  if (isStaff(actor)) return { schoolIds: new Types.ObjectId(actor.schoolId), status: { $ne: 'DRAFT' } };
  if (isStudent(actor) && actor.schoolId) {
    return { schoolIds: new Types.ObjectId(actor.schoolId), ...openNowFilter(now) };
  }
  return null;
}

/**
 * Same rule as visibilityFilter for one promise. A student also keeps sight of a promise they applied to or were
 * recommended for after it stops being open (`linkedToStudent`), so their applications stay readable.
 */
export function canSeeJobPromise(actor: Actor | null, jp: JobPromiseDoc, now: Date, linkedToStudent = false): boolean {
  if (isAdmin(actor)) return true;
  if (isRecruiter(actor)) return isOwnerRecruiter(actor, jp);
  if (isStaff(actor)) return jp.status !== 'DRAFT' && targetsSchool(jp, actor.schoolId);
  if (isStudent(actor)) return linkedToStudent || (isOpenNow(jp, now) && targetsSchool(jp, actor.schoolId));
  return false;
}

/** Owner company and the admin see every application; staff see their own students'; others none. */
export function applicationScopeOnPromise(
  actor: Actor | null,
  jp: Pick<JobPromiseDoc, 'companyId'>,
): { all: true } | { schoolId: string } | null {
  if (isAdmin(actor) || isOwnerRecruiter(actor, jp)) return { all: true };
  if (isStaff(actor)) return { schoolId: actor.schoolId };
  return null;
}
