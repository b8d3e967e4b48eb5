import {
  badUserInput,
  deleteMyAccountSchema,
  deleteStudentSchema,
  forbidden,
  notFound,
  renderMessage,
  SELF_ERASABLE_ROLES,
  type ErasureReason,
} from '@promesse/shared';
import type { Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { toObjectId } from '../../core/ids';
import { inTransaction } from '../../core/transactions';
import { defineUseCase } from '../../core/use-case';
import { eraseAccessLogOf } from '../access-log/access-log.privacy';
import { anonymiseApplicationsOf, applicationIdsOf } from '../application/application.privacy';
import { accountOf, eraseAccount, passwordMatches } from '../auth/auth.privacy';
import { eraseConversationsOf } from '../conversation/conversation.privacy';
import { eraseFilesOf } from '../file/file.privacy';
import { anonymiseInterviewsOf } from '../interview/interview.privacy';
import { eraseJobAlertsOf } from '../job-alert/job-alert.privacy';
import { eraseMailsOf } from '../mail/mail.privacy';
import { eraseNotificationsOf } from '../notification/notification.privacy';
import { anonymiseOutcomeRecordsOf } from '../outcome/outcome.privacy';
import { anonymiseRecommendationsOf } from '../recommendation/recommendation.privacy';
import { eraseInactivityWarningsOf } from '../retention/retention.privacy';
import { shortName } from '../student/student.policy';
import { eraseStudentProfile, findStudent, findStudentByUserId } from '../student/student.queries';
import { canEraseStudent } from './privacy.policy';

// Erasure (RGPD right to erasure, issue 18). Identity, contact details, place, messages, files, sessions,
// notifications, alerts, invitations and queued mail go; what the statistics need stays as anonymous records
// (the student document without names, applications' statuses and dates, recommendations' statuses, outcome
// records, ledger entries) so the outcome figures do not move and nothing leads back to the person. Every other
// module is reached through its *.privacy.ts functions, all inside one transaction; each step is a filtered
// update or delete, so running the whole again (a retry after a crash, a second click) changes nothing more.

export interface ErasureResult {
  userId: string;
  studentId: string | null;
  /** Files deleted (with their chunks). */
  files: number;
}

/**
 * Anonymises a user (any role): a student keeps an anonymous record for the figures, other roles' accounts are
 * removed with what names them. The retention job calls it too (reason RETENTION). Idempotent.
 */
export async function anonymiseUser(
  deps: DataDeps,
  userId: string | Types.ObjectId,
  reason: ErasureReason,
): Promise<ErasureResult> {
  const uid = toObjectId(String(userId));
  const account = await accountOf(deps, uid);
  const student = await findStudentByUserId(deps, uid);
  const names = new Set<string>();
  if (account?.displayName) names.add(account.displayName);
  if (student?.firstName) {
    names.add(`${student.firstName} ${student.lastName}`);
    names.add(shortName(student.firstName, student.lastName));
  }
  const email = account?.email ?? (student?.email || null);
  const files = await inTransaction(deps, async (session) => {
    let applicationIds: Types.ObjectId[] = [];
    let recommendationIds: Types.ObjectId[] = [];
    if (student) {
      applicationIds = await applicationIdsOf(deps, student._id, session);
      recommendationIds = await anonymiseRecommendationsOf(deps, student._id, session);
      await anonymiseApplicationsOf(deps, student._id, session);
      await anonymiseInterviewsOf(deps, student._id, session);
      await anonymiseOutcomeRecordsOf(deps, student._id, session);
      await eraseConversationsOf(deps, { userId: uid, applicationIds }, session);
      await eraseStudentProfile(deps, { studentId: student._id, reason, at: deps.clock.now() }, session);
    } else {
      await eraseConversationsOf(deps, { userId: uid, applicationIds: [] }, session);
    }
    const deleted = await eraseFilesOf(deps, { userId: uid, studentId: student?._id, applicationIds }, session);
    await eraseNotificationsOf(
      deps,
      { userId: uid, studentId: student?._id, applicationIds, recommendationIds, names: [...names] },
      session,
    );
    await eraseJobAlertsOf(deps, uid, session);
    await eraseAccessLogOf(deps, { userId: uid, studentId: student?._id }, session);
    await eraseInactivityWarningsOf(deps, uid, session);
    await eraseMailsOf(deps, { userId: uid, email, names: [...names] }, session);
    await eraseAccount(deps, { userId: uid, email }, session);
    return deleted;
  });
  return { userId: String(uid), studentId: student ? String(student._id) : null, files };
}

/**
 * A signed-in user deletes their own account, confirming with their password (a session left open is not
 * enough). Students, staff and recruiters; the federation admin is not removed this way.
 */
export const deleteMyAccount = defineUseCase({
  name: 'deleteMyAccount',
  input: deleteMyAccountSchema,
  access: SELF_ERASABLE_ROLES,
  run: async ({ password }, { actor, deps }): Promise<boolean> => {
    if (!(await passwordMatches(deps, actor.userId, password))) {
      throw badUserInput('privacy.wrongPassword', undefined, [
        { path: 'password', message: renderMessage('privacy.wrongPassword') },
      ]);
    }
    await anonymiseUser(deps, actor.userId, 'SELF');
    return true;
  },
});

/**
 * Staff delete a student of their school. A student already erased answers true again (a retried request);
 * another school's student is FORBIDDEN, an unknown one NOT_FOUND.
 */
export const deleteStudent = defineUseCase({
  name: 'deleteStudent',
  input: deleteStudentSchema,
  access: ['SCHOOL_STAFF'],
  run: async ({ studentId }, { actor, deps }): Promise<boolean> => {
    const student = await findStudent(deps, studentId);
    if (!student) throw notFound('Student', studentId);
    if (!canEraseStudent(actor, student)) throw forbidden('privacy.ownStudentsOnly');
    await anonymiseUser(deps, student.userId, 'SCHOOL_STAFF');
    return true;
  },
});
