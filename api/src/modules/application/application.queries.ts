import { Types, type ClientSession } from 'mongoose';
import { Role, type ApplicationStatus } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { toObjectId } from '../../core/ids';
import { loadRecipients } from '../auth/auth.queries';
import type { JobPromiseDoc } from '../job-promise/job-promise.model';
import { createNotifications } from '../notification/notification.queries';
import type { StudentDoc } from '../student/student.model';
import { applicationModel, type ApplicationDoc } from './application.model';

// What other modules may read or write of applications (recommendations, job promises, matching).

type Deps = Pick<DataDeps, 'connection'>;
type Id = string | Types.ObjectId;

export type HistoryRole = Role | 'SYSTEM';

export interface HistoryEntry {
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  byUserId: Types.ObjectId | null;
  byRole: HistoryRole;
  at: Date;
  reason?: string;
}

export function historyEntry(
  from: ApplicationStatus | null,
  to: ApplicationStatus,
  by: { userId: string | null; role: HistoryRole },
  at: Date,
  reason?: string,
): HistoryEntry {
  return {
    from,
    to,
    byUserId: by.userId ? new Types.ObjectId(by.userId) : null,
    byRole: by.role,
    at,
    ...(reason ? { reason } : {}),
  };
}

export async function hasApplied(deps: Deps, studentId: Id, jobPromiseId: Id): Promise<boolean> {
  return (await applicationModel(deps.connection).exists({ studentId, jobPromiseId })) !== null;
}

/** The statuses of every application of a student (their situation, shared studentSituation). */
export async function applicationStatusesOf(deps: Deps, studentId: Id): Promise<ApplicationStatus[]> {
  const docs = await applicationModel(deps.connection).find({ studentId }, { status: 1 }).lean();
  return docs.map((d) => d.status);
}

export function findApplicationOf(
  deps: Deps,
  key: { studentId: Id; jobPromiseId: Id },
  session: ClientSession | null = null,
): Promise<ApplicationDoc | null> {
  return applicationModel(deps.connection).findOne(key).session(session);
}

/** A SUBMITTED application (creation entry in its history); the unique {studentId, jobPromiseId} index decides. */
export async function insertApplication(
  deps: Deps,
  session: ClientSession,
  args: {
    student: Pick<StudentDoc, '_id' | 'schoolId'>;
    jobPromise: Pick<JobPromiseDoc, '_id' | 'companyId'>;
    by: string;
    at: Date;
    source: 'STUDENT' | 'RECOMMENDATION';
    message?: string;
    recommendationId?: Types.ObjectId;
  },
): Promise<ApplicationDoc> {
  const [created] = await applicationModel(deps.connection).create(
    [
      {
        studentId: args.student._id,
        jobPromiseId: args.jobPromise._id,
        companyId: args.jobPromise.companyId,
        schoolId: args.student.schoolId,
        status: 'SUBMITTED',
        source: args.source,
        ...(args.message ? { message: args.message } : {}),
        ...(args.recommendationId ? { recommendationId: args.recommendationId } : {}),
        history: [historyEntry(null, 'SUBMITTED', { userId: args.by, role: Role.STUDENT }, args.at)],
      },
    ],
    { session },
  );
  if (!created) throw new Error('application insert returned nothing');
  return created;
}

/** Links an application to the recommendation that led to it (kept when it already has one). */
export async function linkRecommendation(
  deps: Deps,
  applicationId: Types.ObjectId,
  recommendationId: Types.ObjectId,
  session: ClientSession,
): Promise<void> {
  await applicationModel(deps.connection).updateOne(
    { _id: applicationId, recommendationId: { $exists: false } },
    { $set: { recommendationId } },
    { session },
  );
}

/** APPLICATION_RECEIVED to the company's recruiters, in the caller's transaction. */
export async function notifyApplicationReceived(
  deps: Deps,
  session: ClientSession,
  jp: Pick<JobPromiseDoc, '_id' | 'companyId' | 'title'>,
  student: Pick<StudentDoc, 'firstName' | 'lastName'>,
  application: Pick<ApplicationDoc, '_id'>,
): Promise<void> {
  const recipients = await loadRecipients(deps, { companyIds: [jp.companyId] }, session);
  await createNotifications(
    deps,
    session,
    recipients.recruitersOfCompany(jp.companyId).map((userId) => ({
      userId,
      type: 'APPLICATION_RECEIVED' as const,
      data: {
        applicationId: String(application._id),
        jobPromiseId: String(jp._id),
        jobPromiseTitle: jp.title,
        studentName: `${student.firstName} ${student.lastName}`,
      },
    })),
  );
}

/** `${studentId}:${jobPromiseId}` of every application of these students (pairs already in motion). */
export async function appliedPairs(deps: Deps, studentIds: readonly Types.ObjectId[]): Promise<Set<string>> {
  const rows = await applicationModel(deps.connection)
    .find({ studentId: { $in: [...studentIds] } }, { studentId: 1, jobPromiseId: 1 })
    .lean();
  return new Set(rows.map((x) => `${String(x.studentId)}:${String(x.jobPromiseId)}`));
}

/** HIRED applications per (company, school) among the given schools (and companies, when given). */
export function pastHires(
  deps: Deps,
  args: { schoolIds: readonly Id[]; companyIds: readonly Id[] | null },
  session: ClientSession | null = null,
): Promise<{ _id: { c: unknown; s: unknown }; n: number }[]> {
  return applicationModel(deps.connection)
    .aggregate<{ _id: { c: unknown; s: unknown }; n: number }>([
      {
        $match: {
          schoolId: { $in: args.schoolIds.map(toObjectId) },
          status: 'HIRED',
          ...(args.companyIds ? { companyId: { $in: args.companyIds.map(toObjectId) } } : {}),
        },
      },
      { $group: { _id: { c: '$companyId', s: '$schoolId' }, n: { $sum: 1 } } },
    ])
    .session(session);
}
