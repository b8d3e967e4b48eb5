import { Types, type AnyBulkWriteOperation, type ClientSession } from 'mongoose';
import {
  applyToJobPromiseSchema,
  assertMove,
  conflict,
  forbidden,
  isObjectId,
  moveApplicationSchema,
  notFound,
  OPEN_APPLICATION_STATUSES,
  parseInput,
  Role,
  SYSTEM_MOVE_REASONS,
  type ApplicationStatus,
} from '@promesse/shared';
import type { Actor, AppDeps } from '../../graphql/context';
import { companyModel } from '../company/company.model';
import { createNotifications, type NotificationItem } from '../notification/notification.service';
import { isRecruiterOf } from '../company/company.policy';
import { jobPromiseModel, type JobPromiseDoc } from '../job-promise/job-promise.model';
import { isOpenNow, targetsSchool } from '../job-promise/job-promise.policy';
import { findJobPromise } from '../job-promise/job-promise.service';
import { isStaffOf } from '../school/school.policy';
import { sameId } from '../school/school.service';
import { studentModel, type StudentDoc } from '../student/student.model';
import { applicationModel, type ApplicationDoc } from './application.model';
import { loadRecipients } from './application.recipients';

type Deps = Pick<AppDeps, 'connection'>;

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

export async function studentOfActor(
  deps: Deps,
  actor: Actor,
  session: ClientSession | null = null,
): Promise<StudentDoc> {
  if (actor.role !== Role.STUDENT) throw forbidden('Réservé aux élèves');
  const student = await studentModel(deps.connection).findOne({ userId: actor.userId }).session(session);
  if (!student) throw notFound('Student');
  return student;
}

export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}

/** Who may read an application: the student, recruiters of the company, staff of the student's school, the admin. */
export function canSeeApplication(
  actor: Actor | null,
  app: ApplicationDoc,
  student?: Pick<StudentDoc, 'userId'> | null,
): boolean {
  if (!actor) return false;
  if (actor.role === Role.FEDERATION_ADMIN) return true;
  if (isRecruiterOf(actor, app.companyId)) return true;
  if (isStaffOf(actor, app.schoolId)) return true;
  return actor.role === Role.STUDENT && student != null && sameId(student.userId, actor.userId);
}

/**
 * A student applies to an OPEN promise targeting their school; recruiters of the company are notified
 * (APPLICATION_RECEIVED) in the same transaction. Idempotent: a repeat, even concurrent, returns the same
 * application (the unique {studentId, jobPromiseId} index decides, and a duplicate-key loser reads the winner).
 */
export async function applyToJobPromise(
  deps: Deps,
  args: { jobPromiseId: string; message?: string | null },
  actor: Actor,
  now = new Date(),
): Promise<ApplicationDoc> {
  const student = await studentOfActor(deps, actor);
  const jp = await findJobPromise(deps, args.jobPromiseId);
  const input = parseInput(applyToJobPromiseSchema, args);
  const Application = applicationModel(deps.connection);
  const key = { studentId: student._id, jobPromiseId: jp._id };
  const existing = await Application.findOne(key);
  if (existing) return existing;
  if (!targetsSchool(jp, student.schoolId)) throw forbidden('Cette promesse ne s’adresse pas à votre école');
  if (!isOpenNow(jp, now))
    throw conflict('Cette promesse n’accepte plus de candidatures', { entity: 'JobPromise', id: String(jp._id) });
  try {
    return await deps.connection.transaction(async (session) => {
      const [created] = await Application.create(
        [
          {
            ...key,
            companyId: jp.companyId,
            schoolId: student.schoolId,
            status: 'SUBMITTED',
            source: 'STUDENT',
            ...(input.message ? { message: input.message } : {}),
            history: [historyEntry(null, 'SUBMITTED', { userId: actor.userId, role: Role.STUDENT }, now)],
          },
        ],
        { session },
      );
      await notifyApplicationReceived(deps, session, jp, student, created!);
      return created!;
    });
  } catch (error) {
    if (isDuplicateKey(error)) {
      const winner = await Application.findOne(key);
      if (winner) return winner;
    }
    throw error;
  }
}

export async function notifyApplicationReceived(
  deps: Deps,
  session: ClientSession,
  jp: JobPromiseDoc,
  student: StudentDoc,
  application: ApplicationDoc,
): Promise<void> {
  const recipients = await loadRecipients(deps, session, { companyIds: [jp.companyId] });
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
  deps: Deps,
  session: ClientSession,
  moves: Move[],
  actor: Actor,
  promises: Map<string, JobPromiseDoc>,
): Promise<void> {
  if (moves.length === 0) return;
  const apps = moves.map((m) => m.application);
  const [students, companies, recipients] = await Promise.all([
    studentModel(deps.connection)
      .find({ _id: { $in: apps.map((a) => a.studentId) } }, { userId: 1, firstName: 1, lastName: 1 })
      .session(session)
      .lean(),
    companyModel(deps.connection)
      .find({ _id: { $in: apps.map((a) => a.companyId) } }, { name: 1 })
      .session(session)
      .lean(),
    loadRecipients(deps, session, { schoolIds: apps.map((a) => a.schoolId), companyIds: apps.map((a) => a.companyId) }),
  ]);
  const studentById = new Map(students.map((s) => [String(s._id), s]));
  const companyName = new Map(companies.map((c) => [String(c._id), c.name]));
  const items: NotificationItem[] = [];
  for (const { application: a, from, to, reason } of moves) {
    const student = studentById.get(String(a.studentId));
    const jp = promises.get(String(a.jobPromiseId));
    const base = {
      applicationId: String(a._id),
      jobPromiseId: String(a.jobPromiseId),
      ...(jp ? { jobPromiseTitle: jp.title } : {}),
      ...(companyName.has(String(a.companyId)) ? { companyName: companyName.get(String(a.companyId)) } : {}),
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
async function applySystemMoves(deps: Deps, session: ClientSession, moves: Move[], now: Date): Promise<Move[]> {
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

/**
 * Moves an application along the shared state machine for the acting role: a recruiter of the company
 * (SHORTLISTED, INTERVIEW, OFFERED, REJECTED with a reason), the student (HIRED from OFFERED, WITHDRAWN from any open
 * status). The update carries the expected current status, so a concurrent move makes this one a CONFLICT.
 */
export async function moveApplication(
  deps: Deps,
  args: { id: string; to: ApplicationStatus; reason?: string | null },
  actor: Actor,
  now = new Date(),
): Promise<ApplicationDoc> {
  if (!isObjectId(args.id)) throw notFound('Application', String(args.id));
  const input = parseInput(moveApplicationSchema, args);
  const Application = applicationModel(deps.connection);
  const current = await Application.findById(input.id);
  if (!current) throw notFound('Application', input.id);

  let kind: 'COMPANY' | 'STUDENT';
  if (isRecruiterOf(actor, current.companyId)) kind = 'COMPANY';
  else if (actor.role === Role.STUDENT) {
    const student = await studentOfActor(deps, actor);
    if (!sameId(student._id, current.studentId)) throw forbidden('Cette candidature n’est pas la vôtre');
    kind = 'STUDENT';
  } else throw forbidden('Seuls l’entreprise et l’élève font avancer une candidature');

  const from = current.status;
  const reason = assertMove(from, input.to, kind, input.reason);
  if (input.to === 'HIRED') return hire(deps, current, actor, now);

  return deps.connection.transaction(async (session) => {
    const updated = await Application.findOneAndUpdate(
      { _id: current._id, status: from },
      {
        $set: { status: input.to },
        $push: { history: historyEntry(from, input.to, { userId: actor.userId, role: actor.role }, now, reason) },
      },
      { returnDocument: 'after', session },
    );
    if (!updated) throw staleConflict(current);
    const jp = await jobPromiseModel(deps.connection).findById(current.jobPromiseId).session(session);
    await notifyMoves(
      deps,
      session,
      [{ application: updated, from, to: input.to, ...(reason ? { reason } : {}) }],
      actor,
      new Map(jp ? [[String(jp._id), jp]] : []),
    );
    return updated;
  });
}

function staleConflict(app: ApplicationDoc): Error {
  return conflict('Cette candidature a changé entre-temps : rechargez-la', {
    entity: 'Application',
    id: String(app._id),
  });
}

/**
 * The student accepts an offer, in ONE transaction: the application becomes HIRED; the promise's hiredCount rises
 * only while below positions and the promise is open (else CONFLICT: the last position is taken); when it reaches
 * positions the promise is FILLED and its other open applications are REJECTED ("position filled"); the student's
 * other open applications are WITHDRAWN ("hired elsewhere"). Concurrent hires on the same promise conflict on its
 * document; the engine aborts one transaction, whose retry then sees the new count.
 */
async function hire(deps: Deps, offered: ApplicationDoc, actor: Actor, now: Date): Promise<ApplicationDoc> {
  const Application = applicationModel(deps.connection);
  const JobPromise = jobPromiseModel(deps.connection);
  return deps.connection.transaction(async (session) => {
    const hired = await Application.findOneAndUpdate(
      { _id: offered._id, status: 'OFFERED' },
      {
        $set: { status: 'HIRED' },
        $push: { history: historyEntry('OFFERED', 'HIRED', { userId: actor.userId, role: Role.STUDENT }, now) },
      },
      { returnDocument: 'after', session },
    );
    if (!hired) throw staleConflict(offered);
    const jp = await JobPromise.findById(offered.jobPromiseId).session(session);
    if (!jp) throw notFound('JobPromise', String(offered.jobPromiseId));
    const taken = () =>
      conflict('Tous les postes de cette promesse sont déjà pourvus ou elle n’est plus ouverte', {
        entity: 'JobPromise',
        id: String(jp._id),
      });
    if (!isOpenNow(jp, now) || jp.hiredCount >= jp.positions) throw taken();
    const counted = await JobPromise.findOneAndUpdate(
      {
        _id: jp._id,
        status: 'OPEN',
        expiresAt: { $gt: now },
        positions: jp.positions,
        hiredCount: { $lt: jp.positions },
      },
      { $inc: { hiredCount: 1 } },
      { returnDocument: 'after', session },
    );
    if (!counted) throw taken();
    const promises = new Map([[String(counted._id), counted]]);

    const moves: Move[] = [{ application: hired, from: 'OFFERED', to: 'HIRED' }];
    const open = { status: { $in: [...OPEN_APPLICATION_STATUSES] } };
    if (counted.hiredCount >= counted.positions) {
      await JobPromise.updateOne(
        { _id: counted._id, status: 'OPEN' },
        { $set: { status: 'FILLED', filledAt: now } },
        { session },
      );
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
      const elsewherePromises = await JobPromise.find({ _id: { $in: elsewhere.map((a) => a.jobPromiseId) } }).session(
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
    return hired;
  });
}

/** The student's applications, newest first. */
export async function listMyApplications(deps: Deps, actor: Actor): Promise<ApplicationDoc[]> {
  const student = await studentOfActor(deps, actor);
  return applicationModel(deps.connection).find({ studentId: student._id }).sort({ createdAt: -1, _id: -1 });
}

export async function getApplication(deps: Deps, id: string, actor: Actor): Promise<ApplicationDoc> {
  const app = isObjectId(id) ? await applicationModel(deps.connection).findById(id) : null;
  if (!app) throw notFound('Application', String(id));
  const student =
    actor.role === Role.STUDENT ? await studentModel(deps.connection).findById(app.studentId, { userId: 1 }) : null;
  if (!canSeeApplication(actor, app, student)) throw forbidden('Cette candidature ne vous est pas accessible');
  return app;
}
