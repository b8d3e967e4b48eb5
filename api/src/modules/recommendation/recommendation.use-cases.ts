import {
  assertRecommendationTransition,
  conflict,
  forbidden,
  isObjectId,
  notFound,
  parseInput,
  recommendGraduateSchema,
  respondToRecommendationSchema,
  Role,
} from '@promesse/shared';
import type { ClientSession } from 'mongoose';
import type { Actor, AppDeps } from '../../graphql/context';
import { applicationModel } from '../application/application.model';
import { loadRecipients } from '../application/application.recipients';
import {
  historyEntry,
  isDuplicateKey,
  notifyApplicationReceived,
  studentOfActor,
} from '../application/application.service';
import { isRecruiterOf } from '../company/company.policy';
import { jobPromiseModel, type JobPromiseDoc } from '../job-promise/job-promise.model';
import { isOpenNow, targetsSchool } from '../job-promise/job-promise.policy';
import { findJobPromise } from '../job-promise/job-promise.service';
import { createNotifications } from '../notification/notification.service';
import { schoolModel } from '../school/school.model';
import { isStaffOf } from '../school/school.policy';
import { sameId } from '../school/school.service';
import { studentModel, type StudentDoc } from '../student/student.model';
import { recommendationModel, type RecommendationDoc } from './recommendation.model';

type Deps = Pick<AppDeps, 'connection'>;

const ALREADY_PENDING = 'Une recommandation de cet·te élève pour cette promesse attend déjà sa réponse';

/**
 * Staff of the student's own school recommend them, with a note, for an OPEN promise targeting that school. At most
 * one PENDING recommendation per (student, promise) (CONFLICT). The graduate and the company's recruiters are
 * notified (RECOMMENDATION_RECEIVED) in the same transaction.
 */
export async function recommendGraduate(
  deps: Deps,
  args: { jobPromiseId: string; studentId: string; note: string },
  actor: Actor,
  now = new Date(),
): Promise<RecommendationDoc> {
  if (actor.role !== Role.SCHOOL_STAFF || !actor.schoolId) throw forbidden('Réservé à l’équipe des écoles');
  if (!isObjectId(args.studentId)) throw notFound('Student', String(args.studentId));
  const jp = await findJobPromise(deps, args.jobPromiseId);
  const student = await studentModel(deps.connection).findById(args.studentId);
  if (!student) throw notFound('Student', args.studentId);
  const input = parseInput(recommendGraduateSchema, args);
  if (!isStaffOf(actor, student.schoolId)) throw forbidden('Vous ne pouvez recommander que les élèves de votre école');
  if (!targetsSchool(jp, student.schoolId)) throw forbidden('Cette promesse ne s’adresse pas à votre école');
  if (!isOpenNow(jp, now))
    throw conflict('Cette promesse n’est plus ouverte', { entity: 'JobPromise', id: String(jp._id) });
  const Recommendation = recommendationModel(deps.connection);
  const key = { studentId: student._id, jobPromiseId: jp._id };
  if (await Recommendation.exists({ ...key, status: 'PENDING' }))
    throw conflict(ALREADY_PENDING, { entity: 'Recommendation' });
  const school = await schoolModel(deps.connection).findById(student.schoolId, { name: 1 });
  try {
    return await deps.connection.transaction(async (session) => {
      const [created] = await insertRecommendations(
        deps,
        session,
        [{ jobPromise: jp, student, note: input.note, ...(school ? { schoolName: school.name } : {}) }],
        actor,
      );
      return created!;
    });
  } catch (error) {
    // Lost a race with an identical recommendation (partial unique index on PENDING).
    if (isDuplicateKey(error)) throw conflict(ALREADY_PENDING, { entity: 'Recommendation' });
    throw error;
  }
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
  actor: Actor,
): Promise<RecommendationDoc[]> {
  if (drafts.length === 0) return [];
  const created = await recommendationModel(deps.connection).insertMany(
    drafts.map(({ jobPromise, student, note }) => ({
      studentId: student._id,
      jobPromiseId: jobPromise._id,
      schoolId: student.schoolId,
      companyId: jobPromise.companyId,
      recommendedBy: actor.userId,
      note,
      status: 'PENDING',
    })),
    { session },
  );
  const recipients = await loadRecipients(deps, session, { companyIds: drafts.map((d) => d.jobPromise.companyId) });
  await createNotifications(
    deps,
    session,
    drafts.flatMap(({ jobPromise, student, schoolName }, i) => {
      const data = {
        recommendationId: String(created[i]!._id),
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
  return created as unknown as RecommendationDoc[];
}

/**
 * The recommended student answers once. Accepting, in ONE transaction: the recommendation becomes ACCEPTED and is
 * linked to the student's application for the promise, created with source RECOMMENDATION (recruiters notified
 * APPLICATION_RECEIVED) unless the student had already applied. Accepting needs the promise to be still open.
 */
export async function respondToRecommendation(
  deps: Deps,
  args: { id: string; accept: boolean },
  actor: Actor,
  now = new Date(),
): Promise<RecommendationDoc> {
  const student = await studentOfActor(deps, actor);
  if (!isObjectId(args.id)) throw notFound('Recommendation', String(args.id));
  const input = parseInput(respondToRecommendationSchema, args);
  const Recommendation = recommendationModel(deps.connection);
  const current = await Recommendation.findById(input.id);
  if (!current) throw notFound('Recommendation', input.id);
  if (!sameId(current.studentId, student._id)) throw forbidden('Cette recommandation ne vous est pas adressée');
  const to = input.accept ? 'ACCEPTED' : 'DECLINED';
  assertRecommendationTransition(current.status, to, 'STUDENT');

  if (!input.accept) {
    const declined = await Recommendation.findOneAndUpdate(
      { _id: current._id, status: 'PENDING' },
      { $set: { status: 'DECLINED', respondedAt: now } },
      { returnDocument: 'after' },
    );
    if (!declined) throw conflict('Vous avez déjà répondu à cette recommandation', { entity: 'Recommendation' });
    return declined;
  }

  const jp = await findJobPromise(deps, String(current.jobPromiseId));
  if (!isOpenNow(jp, now))
    throw conflict('Cette promesse n’est plus ouverte', { entity: 'JobPromise', id: String(jp._id) });
  const Application = applicationModel(deps.connection);
  const key = { studentId: student._id, jobPromiseId: jp._id };
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.connection.transaction(async (session) => {
        let application = await Application.findOne(key).session(session);
        if (application) {
          if (!application.recommendationId) {
            await Application.updateOne(
              { _id: application._id },
              { $set: { recommendationId: current._id } },
              { session },
            );
          }
        } else {
          const fresh = await jobPromiseModel(deps.connection).findById(jp._id).session(session);
          if (!fresh || !isOpenNow(fresh, now))
            throw conflict('Cette promesse n’est plus ouverte', { entity: 'JobPromise' });
          const [createdApplication] = await Application.create(
            [
              {
                ...key,
                companyId: jp.companyId,
                schoolId: student.schoolId,
                status: 'SUBMITTED',
                source: 'RECOMMENDATION',
                recommendationId: current._id,
                history: [historyEntry(null, 'SUBMITTED', { userId: actor.userId, role: Role.STUDENT }, now)],
              },
            ],
            { session },
          );
          application = createdApplication!;
          await notifyApplicationReceived(deps, session, fresh, student, application);
        }
        const accepted = await Recommendation.findOneAndUpdate(
          { _id: current._id, status: 'PENDING' },
          { $set: { status: 'ACCEPTED', respondedAt: now, applicationId: application!._id } },
          { returnDocument: 'after', session },
        );
        if (!accepted) throw conflict('Vous avez déjà répondu à cette recommandation', { entity: 'Recommendation' });
        return accepted;
      });
    } catch (error) {
      // The student applied at the same moment: the next attempt links that application.
      if (isDuplicateKey(error) && attempt < 2) continue;
      throw error;
    }
  }
}

/**
 * Student: recommendations received. Staff: those made by their school. Recruiter: those made to their company's
 * promises. Admin: all. Newest first.
 */
export async function listMyRecommendations(deps: Deps, actor: Actor): Promise<RecommendationDoc[]> {
  const Recommendation = recommendationModel(deps.connection);
  let filter: Record<string, unknown>;
  if (actor.role === Role.STUDENT) filter = { studentId: (await studentOfActor(deps, actor))._id };
  else if (actor.role === Role.SCHOOL_STAFF && actor.schoolId) filter = { schoolId: actor.schoolId };
  else if (actor.role === Role.COMPANY_RECRUITER && actor.companyId) filter = { companyId: actor.companyId };
  else if (actor.role === Role.FEDERATION_ADMIN) filter = {};
  else throw forbidden();
  return Recommendation.find(filter).sort({ createdAt: -1, _id: -1 });
}

/** The student, staff of the student's school, recruiters of the company, the admin. */
export function canSeeRecommendation(actor: Actor | null, rec: RecommendationDoc, studentUserId?: unknown): boolean {
  if (!actor) return false;
  if (actor.role === Role.FEDERATION_ADMIN) return true;
  if (isStaffOf(actor, rec.schoolId) || isRecruiterOf(actor, rec.companyId)) return true;
  return actor.role === Role.STUDENT && sameId(String(studentUserId ?? ''), actor.userId);
}

export async function getRecommendation(deps: Deps, id: string, actor: Actor): Promise<RecommendationDoc> {
  const rec = isObjectId(id) ? await recommendationModel(deps.connection).findById(id) : null;
  if (!rec) throw notFound('Recommendation', String(id));
  const student =
    actor.role === Role.STUDENT ? await studentModel(deps.connection).findById(rec.studentId, { userId: 1 }) : null;
  if (!canSeeRecommendation(actor, rec, student?.userId))
    throw forbidden('Cette recommandation ne vous est pas accessible');
  return rec;
}
