import type { Types } from 'mongoose';
import { allowedMoves, type ApplicationStatus } from '@promesse/shared';
import { isAdmin, isStudent, type Actor } from '../../core/actor';
import { sameId } from '../../core/ids';
import { isRecruiterOf } from '../company/company.policy';
import { isStaffOf } from '../school/school.policy';
import type { ApplicationDoc } from './application.model';

type AppParties = Pick<ApplicationDoc, 'companyId' | 'schoolId'>;

/** Who may read an application: the student, recruiters of the company, staff of the student's school, the admin. */
export function canSeeApplication(
  actor: Actor | null,
  app: AppParties,
  studentUserId?: Types.ObjectId | null,
): boolean {
  if (isAdmin(actor) || isRecruiterOf(actor, app.companyId) || isStaffOf(actor, app.schoolId)) return true;
  return isStudent(actor) && sameId(studentUserId, actor.userId);
}

/**
 * Which side of the state machine the actor moves the application as: its company's recruiters, or the student
 * (`studentUserId`: the user of the application's student). Null: neither may move it.
 */
export function moverKind(
  actor: Actor | null,
  app: Pick<ApplicationDoc, 'companyId'>,
  studentUserId: Types.ObjectId | null | undefined,
): 'COMPANY' | 'STUDENT' | null {
  if (isRecruiterOf(actor, app.companyId)) return 'COMPANY';
  if (isStudent(actor) && sameId(studentUserId, actor.userId)) return 'STUDENT';
  return null;
}

/** Statuses the actor may move the application to now (empty for anyone who cannot move it). */
export function allowedMovesFor(
  actor: Actor | null,
  app: Pick<ApplicationDoc, 'companyId' | 'status'>,
  studentUserId: Types.ObjectId | null | undefined,
): readonly ApplicationStatus[] {
  const kind = moverKind(actor, app, studentUserId);
  return kind ? allowedMoves(app.status, kind) : [];
}
