import {
  assertRecommendationTransition,
  byIdInputSchema,
  conflict,
  forbidden,
  notFound,
  recommendationBlocker,
  recommendGraduateSchema,
  respondToRecommendationSchema,
  studentSituation,
} from '@promesse/shared';
import * as z from 'zod';
import { isAdmin, isRecruiter, isStaff, isStudent } from '../../core/actor';
import { assertUnderCap, capWindowStart } from '../../core/caps';
import { isDuplicateKeyError, sameId, validObjectIds } from '../../core/ids';
import { inTransaction } from '../../core/transactions';
import { defineUseCase } from '../../core/use-case';
import {
  applicationStatusesOf,
  findApplicationOf,
  hasApplied,
  insertApplication,
  linkRecommendation,
  notifyApplicationReceived,
} from '../application/application.queries';
import { studentOfActor } from '../application/application.use-cases';
import { isOpenNow, targetsSchool } from '../job-promise/job-promise.policy';
import { findJobPromise } from '../job-promise/job-promise.queries';
import { latestExitOutcomeOf } from '../outcome/outcome.queries';
import { isStaffOf } from '../school/school.policy';
import { schoolNames } from '../school/school.queries';
import { findStudent } from '../student/student.queries';
import { recommendationModel, type RecommendationDoc } from './recommendation.model';
import { canSeeRecommendation } from './recommendation.policy';
import { insertRecommendations, recommendationsReceivedSince } from './recommendation.queries';

const alreadyPending = () => conflict('recommendation.alreadyPending', undefined, { entity: 'Recommendation' });
const alreadyAnswered = () => conflict('recommendation.alreadyAnswered', undefined, { entity: 'Recommendation' });

/**
 * Staff of the student's own school recommend them, with a note, for an OPEN promise targeting that school. At most
 * one PENDING recommendation per (student, promise) (CONFLICT). The graduate and the company's recruiters are
 * notified (RECOMMENDATION_RECEIVED) in the same transaction.
 */
export const recommendGraduate = defineUseCase({
  name: 'recommendGraduate',
  // Malformed ids are NOT_FOUND, as unknown ones.
  input: recommendGraduateSchema.extend({ jobPromiseId: z.string(), studentId: z.string() }),
  access: ['SCHOOL_STAFF'],
  run: async (input, { actor, deps }): Promise<RecommendationDoc> => {
    if (!isStaff(actor)) throw forbidden('recommendation.staffOnly');
    const now = deps.clock.now();
    const jp = await findJobPromise(deps, input.jobPromiseId);
    const student = await findStudent(deps, input.studentId);
    // An erased student (issue 18) is an anonymous record, not someone to recommend.
    if (!student || student.erasedAt) throw notFound('Student', input.studentId);
    if (!isStaffOf(actor, student.schoolId)) throw forbidden('recommendation.ownStudentsOnly');
    if (!targetsSchool(jp, student.schoolId)) throw forbidden('jobPromise.notForYourSchool');
    if (!isOpenNow(jp, now))
      throw conflict('jobPromise.notOpen', undefined, { entity: 'JobPromise', id: String(jp._id) });
    const Recommendation = recommendationModel(deps.connection);
    // Recommending rules (issue 16): a hired student is not recommended any more; a student is not recommended twice
    // for the same promise (one pending or accepted; after a decline the school may try again).
    const [statuses, outcome, earlier, applied] = await Promise.all([
      applicationStatusesOf(deps, student._id),
      latestExitOutcomeOf(deps, student._id),
      Recommendation.find({ studentId: student._id, jobPromiseId: jp._id }, { status: 1 }).lean(),
      hasApplied(deps, student._id, jp._id),
    ]);
    const blocker = recommendationBlocker({
      situation: studentSituation({
        applications: statuses.map((status) => ({ status })),
        recommendations: [],
        exitOutcome: outcome,
      }),
      recommendationsForPromise: earlier,
      appliedToPromise: applied,
    });
    if (blocker === 'recommendation.alreadyPending') throw alreadyPending();
    if (blocker) throw conflict(blocker, undefined, { entity: 'Student', id: String(student._id) });
    // Anti-spam: how many recommendations one graduate receives per day (from every school's staff).
    assertUnderCap(
      'recommendationsPerGraduate',
      await recommendationsReceivedSince(deps, student._id, capWindowStart('recommendationsPerGraduate', now)),
      now,
    );
    const schoolName = (await schoolNames(deps, [student.schoolId])).get(String(student.schoolId));
    try {
      return await inTransaction(deps, async (session) => {
        const [created] = await insertRecommendations(
          deps,
          session,
          [{ jobPromise: jp, student, note: input.note, ...(schoolName ? { schoolName } : {}) }],
          actor.userId,
        );
        if (!created) throw new Error('recommendation insert returned nothing');
        return created;
      });
    } catch (error) {
      // Lost a race with an identical recommendation (partial unique index on PENDING).
      if (isDuplicateKeyError(error)) throw alreadyPending();
      throw error;
    }
  },
});

/**
 * The recommended student answers once. Accepting, in ONE transaction: the recommendation becomes ACCEPTED and is
 * linked to the student's application for the promise, created with source RECOMMENDATION (recruiters notified
 * APPLICATION_RECEIVED) unless the student had already applied. Accepting needs the promise to be still open.
 */
export const respondToRecommendation = defineUseCase({
  name: 'respondToRecommendation',
  input: respondToRecommendationSchema.extend({ id: z.string() }),
  access: ['STUDENT'],
  run: async (input, { actor, deps }): Promise<RecommendationDoc> => {
    const now = deps.clock.now();
    const student = await studentOfActor(deps, actor);
    const Recommendation = recommendationModel(deps.connection);
    const [current] = await Recommendation.find({ _id: { $in: validObjectIds([input.id]) } });
    if (!current) throw notFound('Recommendation', input.id);
    if (!sameId(current.studentId, student._id)) throw forbidden('recommendation.notForYou');
    const to = input.accept ? 'ACCEPTED' : 'DECLINED';
    assertRecommendationTransition(current.status, to, 'STUDENT');

    if (!input.accept) {
      const declined = await Recommendation.findOneAndUpdate(
        { _id: current._id, status: 'PENDING' },
        { $set: { status: 'DECLINED', respondedAt: now } },
        { returnDocument: 'after' },
      );
      if (!declined) throw alreadyAnswered();
      return declined;
    }

    const jp = await findJobPromise(deps, current.jobPromiseId);
    if (!isOpenNow(jp, now))
      throw conflict('jobPromise.notOpen', undefined, { entity: 'JobPromise', id: String(jp._id) });
    const key = { studentId: student._id, jobPromiseId: jp._id };
    for (let attempt = 0; ; attempt++) {
      try {
        return await inTransaction(deps, async (session) => {
          let application = await findApplicationOf(deps, key, session);
          if (application) {
            await linkRecommendation(deps, application._id, current._id, session);
          } else {
            const fresh = await findJobPromise(deps, jp._id, session);
            if (!isOpenNow(fresh, now)) throw conflict('jobPromise.notOpen', undefined, { entity: 'JobPromise' });
            application = await insertApplication(deps, session, {
              student,
              jobPromise: jp,
              by: actor.userId,
              at: now,
              source: 'RECOMMENDATION',
              recommendationId: current._id,
            });
            await notifyApplicationReceived(deps, session, fresh, student, application);
          }
          const accepted = await Recommendation.findOneAndUpdate(
            { _id: current._id, status: 'PENDING' },
            { $set: { status: 'ACCEPTED', respondedAt: now, applicationId: application._id } },
            { returnDocument: 'after', session },
          );
          if (!accepted) throw alreadyAnswered();
          return accepted;
        });
      } catch (error) {
        // The student applied at the same moment: the next attempt links that application.
        if (isDuplicateKeyError(error) && attempt < 2) continue;
        throw error;
      }
    }
  },
});

/**
 * Student: recommendations received. Staff: those made by their school. Recruiter: those made to their company's
 * promises. Admin: all. Newest first.
 */
export const listMyRecommendations = defineUseCase({
  name: 'listMyRecommendations',
  input: z.object({}),
  access: 'authenticated',
  run: async (_input, { actor, deps }): Promise<RecommendationDoc[]> => {
    let filter: Record<string, unknown>;
    if (isStudent(actor)) filter = { studentId: (await studentOfActor(deps, actor))._id };
    else if (isStaff(actor)) filter = { schoolId: actor.schoolId };
    else if (isRecruiter(actor)) filter = { companyId: actor.companyId };
    else if (isAdmin(actor)) filter = {};
    else throw forbidden();
    return recommendationModel(deps.connection).find(filter).sort({ createdAt: -1, _id: -1 });
  },
});

export const getRecommendation = defineUseCase({
  name: 'getRecommendation',
  input: byIdInputSchema,
  access: 'authenticated',
  run: async ({ id }, { actor, deps }): Promise<RecommendationDoc> => {
    const [rec] = await recommendationModel(deps.connection).find({ _id: { $in: validObjectIds([id]) } });
    if (!rec) throw notFound('Recommendation', id);
    const student = isStudent(actor) ? await findStudent(deps, rec.studentId) : null;
    if (!canSeeRecommendation(actor, rec, student?.userId)) throw forbidden('recommendation.notVisible');
    return rec;
  },
});
