import type { ClientSession, Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { loadRecipients } from '../auth/auth.queries';
import type { JobPromiseDoc } from '../job-promise/job-promise.model';
import { createNotifications } from '../notification/notification.queries';
import type { StudentDoc } from '../student/student.model';
import { recommendationModel, type RecommendationDoc } from './recommendation.model';

// What other modules may read or write of recommendations (job promises, matching rounds).

type Deps = Pick<DataDeps, 'connection'>;

export async function wasRecommended(
  deps: Deps,
  studentId: Types.ObjectId,
  jobPromiseId: Types.ObjectId,
): Promise<boolean> {
  return (await recommendationModel(deps.connection).exists({ studentId, jobPromiseId })) !== null;
}

/** `${studentId}:${jobPromiseId}` of the PENDING recommendations of these students (for these promises, if given). */
export async function pendingPairs(
  deps: Deps,
  args: { studentIds: readonly Types.ObjectId[]; jobPromiseIds?: readonly Types.ObjectId[] },
  session: ClientSession | null = null,
): Promise<Set<string>> {
  const rows = await recommendationModel(deps.connection)
    .find(
      {
        studentId: { $in: [...args.studentIds] },
        ...(args.jobPromiseIds ? { jobPromiseId: { $in: [...args.jobPromiseIds] } } : {}),
        status: 'PENDING',
      },
      { studentId: 1, jobPromiseId: 1 },
    )
    .session(session)
    .lean();
  return new Set(rows.map((r) => `${String(r.studentId)}:${String(r.jobPromiseId)}`));
}

/** One recommendation to insert with insertRecommendations (already authorized and validated by the caller). */
export interface RecommendationDraft {
  jobPromise: Pick<JobPromiseDoc, '_id' | 'companyId' | 'title'>;
  student: Pick<StudentDoc, '_id' | 'userId' | 'schoolId' | 'firstName' | 'lastName'>;
  note: string;
  schoolName?: string;
}

/**
 * Inserts PENDING recommendations and their RECOMMENDATION_RECEIVED notifications (the graduate and the company's
 * recruiters) in the caller's session: one insert for the recommendations, one recipients query and one insert
 * for the notifications, whatever their number (recommendGraduate passes one; a matching round many).
 */
export async function insertRecommendations(
  deps: Deps,
  session: ClientSession,
  drafts: RecommendationDraft[],
  recommendedBy: string,
): Promise<RecommendationDoc[]> {
  if (drafts.length === 0) return [];
  const created: RecommendationDoc[] = await recommendationModel(deps.connection).insertMany(
    drafts.map(({ jobPromise, student, note }) => ({
      studentId: student._id,
      jobPromiseId: jobPromise._id,
      schoolId: student.schoolId,
      companyId: jobPromise.companyId,
      recommendedBy,
      note,
      status: 'PENDING',
    })),
    { session },
  );
  const recipients = await loadRecipients(deps, { companyIds: drafts.map((d) => d.jobPromise.companyId) }, session);
  await createNotifications(
    deps,
    session,
    drafts.flatMap(({ jobPromise, student, schoolName }, i) => {
      const data = {
        recommendationId: String(created[i]?._id),
        jobPromiseId: String(jobPromise._id),
        jobPromiseTitle: jobPromise.title,
        ...(schoolName ? { schoolName } : {}),
      };
      return [
        { userId: student.userId, type: 'RECOMMENDATION_RECEIVED' as const, data },
        ...recipients.recruitersOfCompany(jobPromise.companyId).map((userId) => ({
          userId,
          type: 'RECOMMENDATION_RECEIVED' as const,
          data: { ...data, studentName: `${student.firstName} ${student.lastName}` },
        })),
      ];
    }),
  );
  return created;
}

/** Students recommended for the promise who have not declined (told of material changes to it). */
export async function recommendedStudentIds(
  deps: Deps,
  jobPromiseId: Types.ObjectId,
  session: ClientSession | null = null,
): Promise<Types.ObjectId[]> {
  const rows = await recommendationModel(deps.connection)
    .find({ jobPromiseId, status: { $in: ['PENDING', 'ACCEPTED'] } }, { studentId: 1 })
    .session(session)
    .lean();
  return rows.map((r) => r.studentId);
}
