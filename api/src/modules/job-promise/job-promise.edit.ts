import type { Types } from 'mongoose';
import {
  badUserInput,
  conflict,
  FIXED_ONCE_PUBLISHED,
  MATERIAL_PROMISE_FIELDS,
  parseInput,
  jobPromiseDatesSchema,
  renderMessage,
  type JobPromiseUpdateInput,
} from '@promesse/shared';
import type { Actor } from '../../core/actor';
import type { DataDeps } from '../../core/deps';
import { inTransaction } from '../../core/transactions';
import { openApplicantStudentIds, rejectOpenApplicationsOfPromise } from '../application/application.queries';
import { mailContactsOf } from '../auth/auth.queries';
import { companyNameOf } from '../company/company.queries';
import { createNotifications } from '../notification/notification.queries';
import { closePendingRecommendationsOfPromise, recommendedStudentIds } from '../recommendation/recommendation.queries';
import { findStudents } from '../student/student.queries';
import { jobPromiseEditModel, type JobPromiseEditDoc } from './job-promise.edit.model';
import { jobPromiseModel, type JobPromiseDoc } from './job-promise.model';

/** Fields of a published promise its company may still change. */
const EDITABLE = ['title', 'description', 'skills', 'diplomaLevel', 'startDate', 'expiresAt', 'positions'] as const;
type Editable = (typeof EDITABLE)[number];

function comparable(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && 'coordinates' in value) {
    return JSON.stringify((value as { coordinates: unknown }).coordinates);
  }
  if (value && typeof value === 'object' && 'lat' in value && 'lng' in value) {
    const p = value as { lat: number; lng: number };
    return JSON.stringify([p.lng, p.lat]);
  }
  if (Array.isArray(value)) return JSON.stringify(value.map(String));
  return JSON.stringify(value ?? null);
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(String);
  return value ?? null;
}

/**
 * Edits an OPEN promise: text, dates and positions (never below the hires already made). Its place, trade, contract
 * and schools are fixed once published (CONFLICT when a different value is sent: students applied to them). The
 * change is recorded (who, when, each field before/after); applicants with an open application and recommended
 * graduates who have not declined are notified (JOB_PROMISE_UPDATED) of material changes — all in one transaction.
 */
export async function editPublishedJobPromise(
  deps: DataDeps,
  actor: Actor,
  current: JobPromiseDoc,
  input: JobPromiseUpdateInput,
): Promise<JobPromiseDoc> {
  const now = deps.clock.now();
  const fixed = FIXED_ONCE_PUBLISHED.filter((f) => {
    const sent = input[f];
    if (sent === undefined) return false;
    if (f === 'schoolIds') {
      const before = current.schoolIds.map(String).sort();
      return JSON.stringify([...(sent as string[])].sort()) !== JSON.stringify(before) && (sent as string[]).length > 0;
    }
    return comparable(sent) !== comparable(current[f]);
  });
  if (fixed.length) {
    throw conflict('hiring.fixedOncePublished', { fields: fixed.join(', ') }, { entity: 'JobPromise', fields: fixed });
  }
  const changes: { field: Editable; before: unknown; after: unknown }[] = [];
  for (const field of EDITABLE) {
    const sent = input[field];
    if (sent === undefined) continue;
    if (comparable(sent) !== comparable(current[field])) {
      changes.push({ field, before: plain(current[field]), after: plain(sent) });
    }
  }
  if (changes.length === 0) return current;
  const changed = new Set(changes.map((c) => c.field));
  // Only dates that change are checked: an unchanged start date may already be past.
  parseInput(
    jobPromiseDatesSchema(now),
    {
      ...(changed.has('startDate') ? { startDate: input.startDate } : {}),
      ...(changed.has('expiresAt') ? { expiresAt: input.expiresAt } : {}),
    },
    'input',
  );
  if (input.positions !== undefined && input.positions < current.hiredCount) {
    throw badUserInput('hiring.positionsBelowHires', { count: current.hiredCount }, [
      { path: 'input.positions', message: renderMessage('hiring.positionsBelowHires', { count: current.hiredCount }) },
    ]);
  }
  const set: Record<string, unknown> = {};
  for (const c of changes) set[c.field] = input[c.field];
  // Lowered to the hires already made: the promise is filled, exactly as when the last position is taken by a hire
  // (application hire()): its other open applications are REJECTED "position filled" and its pending
  // recommendations closed, each student told. Leaving them open would keep students waiting on a promise no offer
  // of which can be accepted any more (no position left).
  const fills = input.positions !== undefined && input.positions === current.hiredCount;
  if (fills) {
    set['status'] = 'FILLED';
    set['filledAt'] = now;
  }
  const material = changes
    .map((c) => c.field)
    .filter((f) => (MATERIAL_PROMISE_FIELDS as readonly string[]).includes(f));
  const [editor] = await mailContactsOf(deps, [actor.userId]);
  const companyName = await companyNameOf(deps, current.companyId);
  return inTransaction(deps, async (session) => {
    const updated = await jobPromiseModel(deps.connection).findOneAndUpdate(
      // A hire meanwhile must not leave positions below hires.
      {
        _id: current._id,
        status: 'OPEN',
        ...(input.positions !== undefined ? { hiredCount: { $lte: input.positions } } : {}),
      },
      { $set: set },
      { returnDocument: 'after', runValidators: true, session },
    );
    if (!updated)
      throw conflict('jobPromise.changedMeanwhile', undefined, { entity: 'JobPromise', id: String(current._id) });
    if (fills) {
      await rejectOpenApplicationsOfPromise(deps, session, updated, 'FILLED', now);
      await closePendingRecommendationsOfPromise(deps, session, updated, 'FILLED', now);
    }
    let notified = 0;
    // Told of the change: those still concerned (after a fill, the rejection above already told the applicants).
    if (material.length) {
      const studentIds: Types.ObjectId[] = [
        ...(await openApplicantStudentIds(deps, current._id, session)),
        ...(await recommendedStudentIds(deps, current._id, session)),
      ];
      const students = await findStudents(deps, studentIds, session);
      const userIds = [...new Set(students.map((s) => String(s.userId)))];
      await createNotifications(
        deps,
        session,
        userIds.map((userId) => ({
          userId,
          type: 'JOB_PROMISE_UPDATED' as const,
          data: {
            jobPromiseId: String(updated._id),
            jobPromiseTitle: updated.title,
            ...(companyName ? { companyName } : {}),
            fields: material,
          },
        })),
      );
      notified = userIds.length;
    }
    await jobPromiseEditModel(deps.connection).create(
      [
        {
          jobPromiseId: current._id,
          companyId: current.companyId,
          byUserId: actor.userId,
          byName: editor?.displayName ?? '',
          at: now,
          changes,
          notified,
        },
      ],
      { session },
    );
    return updated;
  });
}

/** The promise's edit history, newest first. */
export function editHistoryOf(deps: DataDeps, jobPromiseId: Types.ObjectId): Promise<JobPromiseEditDoc[]> {
  return jobPromiseEditModel(deps.connection).find({ jobPromiseId }).sort({ at: -1, _id: -1 });
}
