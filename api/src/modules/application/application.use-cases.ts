import type { AnyBulkWriteOperation, ClientSession } from 'mongoose';
import {
  applyToJobPromiseSchema,
  assertMove,
  byIdInputSchema,
  conflict,
  forbidden,
  moveApplicationSchema,
  notFound,
  OPEN_APPLICATION_STATUSES,
  SYSTEM_MOVE_REASONS,
  type ApplicationStatus,
} from '@promesse/shared';
import * as z from 'zod';
import { isStudent, type Actor } from '../../core/actor';
import type { DataDeps } from '../../core/deps';
import { isDuplicateKeyError, sameId, validObjectIds } from '../../core/ids';
import { inTransaction } from '../../core/transactions';
import { defineUseCase } from '../../core/use-case';
import { loadRecipients } from '../auth/auth.queries';
import { isRecruiterOf } from '../company/company.policy';
import { companyNameOf, companyNames } from '../company/company.queries';
import type { JobPromiseDoc } from '../job-promise/job-promise.model';
import { isOpenNow, targetsSchool } from '../job-promise/job-promise.policy';
import { findJobPromise, jobPromisesByIds, markFilled, takePosition } from '../job-promise/job-promise.queries';
import { createNotifications, type NotificationItem } from '../notification/notification.queries';
import { recordHireOutcome, recordOfferInLedger } from '../outcome/outcome.queries';
import type { StudentDoc } from '../student/student.model';
import { findStudent, findStudentByUserId, findStudents } from '../student/student.queries';
import { applicationModel, type ApplicationDoc } from './application.model';
import { canSeeApplication, moverKind } from './application.policy';
import { findApplicationOf, historyEntry, insertApplication, notifyApplicationReceived } from './application.queries';

/** The student profile of a student actor (FORBIDDEN for other roles). */
export async function studentOfActor(
  deps: DataDeps,
  actor: Actor,
  session: ClientSession | null = null,
): Promise<StudentDoc> {
  if (!isStudent(actor)) throw forbidden('application.studentsOnly');
  const student = await findStudentByUserId(deps, actor.userId, session);
  if (!student) throw notFound('Student');
  return student;
}

/**
 * A student applies to an OPEN promise targeting their school; recruiters of the company are notified
 * (APPLICATION_RECEIVED) in the same transaction. Idempotent: a repeat, even concurrent, returns the same
 * application (the unique {studentId, jobPromiseId} index decides, and a duplicate-key loser reads the winner).
 */
export const applyToJobPromise = defineUseCase({
  name: 'applyToJobPromise',
  // A malformed promise id is NOT_FOUND, as an unknown one.
  input: applyToJobPromiseSchema.extend({ jobPromiseId: z.string() }),
  access: ['STUDENT'],
  run: async (input, { actor, deps }): Promise<ApplicationDoc> => {
    const now = deps.clock.now();
    const student = await studentOfActor(deps, actor);
    const jp = await findJobPromise(deps, input.jobPromiseId);
    const key = { studentId: student._id, jobPromiseId: jp._id };
    const existing = await findApplicationOf(deps, key);
    if (existing) return existing;
    if (!targetsSchool(jp, student.schoolId)) throw forbidden('jobPromise.notForYourSchool');
    if (!isOpenNow(jp, now)) {
      throw conflict('application.notOpen', undefined, { entity: 'JobPromise', id: String(jp._id) });
    }
    try {
      return await inTransaction(deps, async (session) => {
        const created = await insertApplication(deps, session, {
          student,
          jobPromise: jp,
          by: actor.userId,
          at: now,
          source: 'STUDENT',
          ...(input.message ? { message: input.message } : {}),
        });
        await notifyApplicationReceived(deps, session, jp, student, created);
        return created;
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        const winner = await findApplicationOf(deps, key);
        if (winner) return winner;
      }
      throw error;
    }
  },
});

interface Move {
  application: ApplicationDoc;
  from: ApplicationStatus;
  to: ApplicationStatus;
  reason?: string;
}

/**
 * APPLICATION_STATUS_CHANGED for each move: to the student (unless they made the move), to the staff of the
 * student's school, and to the company's recruiters when the move was not theirs (a student accepting an offer
 * or withdrawing, a system withdrawal).
 */
async function notifyMoves(
  deps: DataDeps,
  session: ClientSession,
  moves: Move[],
  actor: Actor,
  promises: Map<string, JobPromiseDoc>,
): Promise<void> {
  if (moves.length === 0) return;
  const apps = moves.map((m) => m.application);
  // One operation at a time: a transaction's session does not run operations in parallel.
  const students = await findStudents(
    deps,
    apps.map((a) => a.studentId),
    session,
  );
  const companyName = await companyNames(
    deps,
    apps.map((a) => a.companyId),
    session,
  );
  const recipients = await loadRecipients(
    deps,
    { schoolIds: apps.map((a) => a.schoolId), companyIds: apps.map((a) => a.companyId) },
    session,
  );
  const studentById = new Map(students.map((s) => [String(s._id), s]));
  const items: NotificationItem[] = [];
  for (const { application: a, from, to, reason } of moves) {
    const student = studentById.get(String(a.studentId));
    const jp = promises.get(String(a.jobPromiseId));
    const name = companyName.get(String(a.companyId));
    const base = {
      applicationId: String(a._id),
      jobPromiseId: String(a.jobPromiseId),
      ...(jp ? { jobPromiseTitle: jp.title } : {}),
      ...(name !== undefined ? { companyName: name } : {}),
      from,
      to,
      ...(reason ? { reason } : {}),
    };
    const named = { ...base, ...(student ? { studentName: `${student.firstName} ${student.lastName}` } : {}) };
    if (student && !sameId(student.userId, actor.userId)) {
      items.push({ userId: student.userId, type: 'APPLICATION_STATUS_CHANGED', data: base });
    }
    for (const userId of recipients.staffOfSchool(a.schoolId)) {
      items.push({ userId, type: 'APPLICATION_STATUS_CHANGED', data: named });
    }
    if (!isRecruiterOf(actor, a.companyId)) {
      for (const userId of recipients.recruitersOfCompany(a.companyId)) {
        items.push({ userId, type: 'APPLICATION_STATUS_CHANGED', data: named });
      }
    }
  }
  await createNotifications(deps, session, items);
}

/** Moves many applications in one command; each only if still in the status it was read in. */
async function applySystemMoves(deps: DataDeps, session: ClientSession, moves: Move[], now: Date): Promise<Move[]> {
  if (moves.length === 0) return [];
  const ops: AnyBulkWriteOperation[] = moves.map((m) => ({
    updateOne: {
      filter: { _id: m.application._id, status: m.from },
      update: {
        $set: { status: m.to },
        $push: { history: historyEntry(m.from, m.to, { userId: null, role: 'SYSTEM' }, now, m.reason) },
      },
    },
  }));
  await applicationModel(deps.connection).bulkWrite(ops, { session, ordered: true });
  return moves;
}

function staleConflict(app: ApplicationDoc): Error {
  return conflict('application.changedMeanwhile', undefined, { entity: 'Application', id: String(app._id) });
}

/**
 * Moves an application along the shared state machine for the acting role: a recruiter of the company
 * (SHORTLISTED, INTERVIEW, OFFERED, REJECTED with a reason), the student (HIRED from OFFERED, WITHDRAWN from any open
 * status). The update carries the expected current status, so a concurrent move makes this one a CONFLICT.
 */
export const moveApplication = defineUseCase({
  name: 'moveApplication',
  // A malformed id is NOT_FOUND, as an unknown one (checked in run).
  input: moveApplicationSchema.extend({ id: z.string() }),
  access: ['COMPANY_RECRUITER', 'STUDENT'],
  run: async (input, { actor, deps }): Promise<ApplicationDoc> => {
    const now = deps.clock.now();
    const [current] = await applicationsByIds(deps, [input.id]);
    if (!current) throw notFound('Application', input.id);
    const student = isStudent(actor) ? await findStudent(deps, current.studentId) : null;
    const kind = moverKind(actor, current, student?.userId);
    if (!kind) {
      throw forbidden(isStudent(actor) ? 'application.notYours' : 'application.partiesOnly');
    }
    const reason = assertMove(current.status, input.to, kind, input.reason);
    if (input.to === 'HIRED') return hire(deps, current, actor, now);
    return commitMove(deps, actor, current, input.to, now, reason);
  },
});

/**
 * Writes one checked human move (status, history, ledger entry of an offer, notifications) in one transaction, only
 * if the application is still in the status it was read in; `set` adds fields (an offer's details).
 */
export function commitMove(
  deps: DataDeps,
  actor: Actor,
  current: ApplicationDoc,
  to: ApplicationStatus,
  now: Date,
  reason?: string,
  set: Record<string, unknown> = {},
): Promise<ApplicationDoc> {
  const from = current.status;
  return inTransaction(deps, async (session) => {
    const updated = await applicationModel(deps.connection).findOneAndUpdate(
      { _id: current._id, status: from },
      {
        $set: { status: to, ...set },
        $push: { history: historyEntry(from, to, { userId: actor.userId, role: actor.role }, now, reason) },
      },
      { returnDocument: 'after', session },
    );
    if (!updated) throw staleConflict(current);
    // An offer is a promise of hire: one entry in the graduate's ledger (outcome module), once per application.
    if (to === 'OFFERED') {
      await recordOfferInLedger(deps, session, { ...(await applicationFacts(deps, updated, session)), at: now });
    }
    const promises = await jobPromisesByIds(deps, [String(current.jobPromiseId)], session);
    await notifyMoves(
      deps,
      session,
      [{ application: updated, from, to, ...(reason ? { reason } : {}) }],
      actor,
      new Map(promises.map((jp) => [String(jp._id), jp])),
    );
    return updated;
  });
}

/**
 * The student accepts an offer, in ONE transaction (rules):
 * 1. the application becomes HIRED, only if still OFFERED (else CONFLICT: it changed meanwhile);
 * 2. the promise's hiredCount rises only while the promise is open and below positions, by a conditional update
 *    (else CONFLICT: the last position is taken);
 * 3. when hiredCount reaches positions, the promise is FILLED and its other open applications are REJECTED
 *    ("position filled");
 * 4. the student's other open applications are WITHDRAWN ("hired elsewhere");
 * 5. every move is notified (student, school staff, recruiters) in the same transaction.
 * Concurrent hires on the same promise conflict on its document; the engine aborts one transaction, whose retry then
 * sees the new count. System moves carry the status they were read in, so a concurrent move is never overwritten.
 */
async function hire(deps: DataDeps, offered: ApplicationDoc, actor: Actor, now: Date): Promise<ApplicationDoc> {
  const Application = applicationModel(deps.connection);
  return inTransaction(deps, async (session) => {
    const hired = await Application.findOneAndUpdate(
      { _id: offered._id, status: 'OFFERED' },
      {
        $set: { status: 'HIRED' },
        $push: { history: historyEntry('OFFERED', 'HIRED', { userId: actor.userId, role: 'STUDENT' }, now) },
      },
      { returnDocument: 'after', session },
    );
    if (!hired) throw staleConflict(offered);
    const jp = await findJobPromise(deps, offered.jobPromiseId, session);
    const taken = () => conflict('application.noPositionLeft', undefined, { entity: 'JobPromise', id: String(jp._id) });
    if (!isOpenNow(jp, now) || jp.hiredCount >= jp.positions) throw taken();
    const counted = await takePosition(deps, jp, now, session);
    if (!counted) throw taken();
    const promises = new Map([[String(counted._id), counted]]);

    const moves: Move[] = [{ application: hired, from: 'OFFERED', to: 'HIRED' }];
    const open = { status: { $in: [...OPEN_APPLICATION_STATUSES] } };
    if (counted.hiredCount >= counted.positions) {
      await markFilled(deps, counted._id, now, session);
      counted.status = 'FILLED';
      const others = await Application.find({ jobPromiseId: counted._id, _id: { $ne: hired._id }, ...open }).session(
        session,
      );
      moves.push(
        ...(await applySystemMoves(
          deps,
          session,
          others.map((a) => ({
            application: a,
            from: a.status,
            to: 'REJECTED' as const,
            reason: SYSTEM_MOVE_REASONS.POSITION_FILLED,
          })),
          now,
        )),
      );
    }
    const elsewhere = await Application.find({ studentId: hired.studentId, _id: { $ne: hired._id }, ...open }).session(
      session,
    );
    if (elsewhere.length) {
      const elsewherePromises = await jobPromisesByIds(
        deps,
        elsewhere.map((a) => String(a.jobPromiseId)),
        session,
      );
      for (const p of elsewherePromises) promises.set(String(p._id), p);
    }
    moves.push(
      ...(await applySystemMoves(
        deps,
        session,
        elsewhere.map((a) => ({
          application: a,
          from: a.status,
          to: 'WITHDRAWN' as const,
          reason: SYSTEM_MOVE_REASONS.HIRED_ELSEWHERE,
        })),
        now,
      )),
    );
    await notifyMoves(deps, session, moves, actor, promises);
    // The graduate's exit outcome, recorded for their school (outcome module).
    await recordHireOutcome(deps, session, {
      ...(await applicationFacts(deps, hired, session)),
      at: now,
      contractType: jp.contractType,
      startDate: jp.startDate,
    });
    return hired;
  });
}

/** What the outcome module records of an application (its company's name included). */
async function applicationFacts(deps: DataDeps, app: ApplicationDoc, session: ClientSession) {
  return {
    applicationId: app._id,
    studentId: app.studentId,
    schoolId: app.schoolId,
    companyId: app.companyId,
    companyName: (await companyNameOf(deps, app.companyId, session)) ?? '',
  };
}

async function applicationsByIds(deps: DataDeps, ids: readonly string[]): Promise<ApplicationDoc[]> {
  return applicationModel(deps.connection).find({ _id: { $in: validObjectIds(ids) } });
}

/** The student's applications, newest first. */
export const listMyApplications = defineUseCase({
  name: 'listMyApplications',
  input: z.object({}),
  access: ['STUDENT'],
  run: async (_input, { actor, deps }): Promise<ApplicationDoc[]> => {
    const student = await studentOfActor(deps, actor);
    return applicationModel(deps.connection).find({ studentId: student._id }).sort({ createdAt: -1, _id: -1 });
  },
});

export const getApplication = defineUseCase({
  name: 'getApplication',
  input: byIdInputSchema,
  access: 'authenticated',
  run: async ({ id }, { actor, deps }): Promise<ApplicationDoc> => {
    const [app] = await applicationsByIds(deps, [id]);
    if (!app) throw notFound('Application', id);
    const student = isStudent(actor) ? await findStudent(deps, app.studentId) : null;
    if (!canSeeApplication(actor, app, student?.userId)) throw forbidden('application.notVisible');
    return app;
  },
});
