import { Types, type ClientSession } from 'mongoose';
import { OPEN_APPLICATION_STATUSES, Role, SYSTEM_MOVE_REASONS, type ApplicationStatus } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { toObjectId } from '../../core/ids';
import { loadRecipients } from '../auth/auth.queries';
import type { JobPromiseDoc } from '../job-promise/job-promise.model';
import { createNotifications, type NotificationItem } from '../notification/notification.queries';
import { findStudents } from '../student/student.queries';
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
  deps: DataDeps,
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

/** One application, or null for an unknown or malformed id. */
export async function findApplicationById(
  deps: Deps,
  id: string | Types.ObjectId,
  session: ClientSession | null = null,
): Promise<ApplicationDoc | null> {
  if (typeof id === 'string' && !Types.ObjectId.isValid(id)) return null;
  return applicationModel(deps.connection).findById(id).session(session);
}

/**
 * SHORTLISTED -> INTERVIEW when the company proposes the first interview (the shared machine's move), only if the
 * application is still SHORTLISTED; null when it changed meanwhile.
 */
export function advanceToInterview(
  deps: Deps,
  session: ClientSession,
  app: Pick<ApplicationDoc, '_id'>,
  by: { userId: string; role: Role },
  at: Date,
): Promise<ApplicationDoc | null> {
  return applicationModel(deps.connection).findOneAndUpdate(
    { _id: app._id, status: 'SHORTLISTED' },
    { $set: { status: 'INTERVIEW' }, $push: { history: historyEntry('SHORTLISTED', 'INTERVIEW', by, at) } },
    { returnDocument: 'after', session },
  );
}

/** Users (students) with an open application to the promise: told of material changes to it. */
export async function openApplicantStudentIds(
  deps: Deps,
  jobPromiseId: Types.ObjectId,
  session: ClientSession | null = null,
): Promise<Types.ObjectId[]> {
  const rows = await applicationModel(deps.connection)
    .find({ jobPromiseId, status: { $in: ['SUBMITTED', 'SHORTLISTED', 'INTERVIEW', 'OFFERED'] } }, { studentId: 1 })
    .session(session)
    .lean();
  return rows.map((r) => r.studentId);
}

/**
 * A promise closed, expired or filled (its positions lowered to the hires already made): its open applications are
 * REJECTED by the system ("promise closed" / "promise expired" / "position filled"), each move in its history, in
 * the caller's transaction; the students and their school staff are told. Returns how many moved.
 */
export async function rejectOpenApplicationsOfPromise(
  deps: DataDeps,
  session: ClientSession,
  jp: Pick<JobPromiseDoc, '_id' | 'title'>,
  why: 'CLOSED' | 'EXPIRED' | 'FILLED',
  now: Date,
): Promise<number> {
  const Application = applicationModel(deps.connection);
  const open = await Application.find({ jobPromiseId: jp._id, status: { $in: [...OPEN_APPLICATION_STATUSES] } })
    .session(session)
    .lean();
  if (open.length === 0) return 0;
  const reason = {
    CLOSED: SYSTEM_MOVE_REASONS.PROMISE_CLOSED,
    EXPIRED: SYSTEM_MOVE_REASONS.PROMISE_EXPIRED,
    FILLED: SYSTEM_MOVE_REASONS.POSITION_FILLED,
  }[why];
  await Application.bulkWrite(
    open.map((a) => ({
      updateOne: {
        filter: { _id: a._id, status: a.status },
        update: {
          $set: { status: 'REJECTED' },
          $push: { history: historyEntry(a.status, 'REJECTED', { userId: null, role: 'SYSTEM' }, now, reason) },
        },
      },
    })),
    { session, ordered: true },
  );
  const students = new Map(
    (
      await findStudents(
        deps,
        open.map((a) => a.studentId),
        session,
      )
    ).map((s) => [String(s._id), s]),
  );
  const recipients = await loadRecipients(deps, { schoolIds: open.map((a) => a.schoolId) }, session);
  const items: NotificationItem[] = [];
  for (const a of open) {
    const student = students.get(String(a.studentId));
    const data = {
      applicationId: String(a._id),
      jobPromiseId: String(jp._id),
      jobPromiseTitle: jp.title,
      from: a.status,
      to: 'REJECTED',
      reason,
    };
    if (student) items.push({ userId: student.userId, type: 'APPLICATION_STATUS_CHANGED', data });
    const named = student ? { ...data, studentName: `${student.firstName} ${student.lastName}` } : data;
    for (const userId of recipients.staffOfSchool(a.schoolId)) {
      items.push({ userId, type: 'APPLICATION_STATUS_CHANGED', data: named });
    }
  }
  await createNotifications(deps, session, items);
  return open.length;
}

/** Applications still SUBMITTED since before `before` that no reminder mentioned yet, by promise. */
export async function unansweredApplications(
  deps: Deps,
  before: Date,
  limit: number,
): Promise<{ _id: Types.ObjectId; jobPromiseId: Types.ObjectId; companyId: Types.ObjectId }[]> {
  return applicationModel(deps.connection)
    .find(
      { status: 'SUBMITTED', createdAt: { $lte: before }, waitingReminderAt: null },
      { jobPromiseId: 1, companyId: 1 },
    )
    .limit(limit)
    .lean();
}

/** Marks applications as reminded (only those not yet): returns how many this call marked. */
export async function markApplicationsReminded(
  deps: Deps,
  session: ClientSession,
  ids: readonly Types.ObjectId[],
  now: Date,
): Promise<number> {
  const result = await applicationModel(deps.connection).updateMany(
    { _id: { $in: [...ids] }, status: 'SUBMITTED', waitingReminderAt: null },
    { $set: { waitingReminderAt: now } },
    { session },
  );
  return result.modifiedCount;
}

/** How many applications this student sent since `since`, and the oldest of them (for the daily cap). */
export async function applicationsSentSince(
  deps: Deps,
  studentId: Id,
  since: Date,
): Promise<{ count: number; oldest: Date | null }> {
  const filter = { studentId, createdAt: { $gte: since }, source: 'STUDENT' as const };
  const [count, oldest] = await Promise.all([
    applicationModel(deps.connection).countDocuments(filter),
    applicationModel(deps.connection).findOne(filter, { createdAt: 1 }).sort({ createdAt: 1 }).lean(),
  ]);
  return { count, oldest: oldest?.createdAt ?? null };
}
