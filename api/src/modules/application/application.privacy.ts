import { OPEN_APPLICATION_STATUSES, SYSTEM_MOVE_REASONS } from '@promesse/shared';
import type { ClientSession, Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { applicationModel } from './application.model';

// What the privacy module (issue 18) may ask of the applications' module.

type Deps = Pick<DataDeps, 'connection'>;

/** Every application of a student with its history and offer, oldest first. */
export function applicationsForExport(deps: Deps, studentId: Types.ObjectId) {
  return applicationModel(deps.connection).find({ studentId }, { __v: 0 }).sort({ createdAt: 1, _id: 1 }).lean();
}

/** The ids of a student's applications (the erasure follows them into conversations and notifications). */
export async function applicationIdsOf(deps: Deps, studentId: Types.ObjectId, session: ClientSession) {
  const rows = await applicationModel(deps.connection).find({ studentId }, { _id: 1 }).session(session).lean();
  return rows.map((r) => r._id);
}

const SYSTEM_REASONS: ReadonlySet<string> = new Set(Object.values(SYSTEM_MOVE_REASONS));

/**
 * Keeps a student's applications as anonymous records (statuses, dates, history moves: the figures and the
 * companies' follow-up count them) and removes the free texts that may name or describe the person: the
 * student's message, the reasons people gave for moves (system reasons are codes and stay), the offer's message.
 * Applications still open are withdrawn ("account deleted"): nobody is left to answer, so the company should not
 * wait. Idempotent.
 */
export async function anonymiseApplicationsOf(
  deps: Deps & Pick<DataDeps, 'clock'>,
  studentId: Types.ObjectId,
  session: ClientSession,
): Promise<void> {
  const Application = applicationModel(deps.connection);
  const docs = await Application.find({ studentId }, { status: 1, history: 1, offer: 1, message: 1 })
    .session(session)
    .lean();
  const now = deps.clock.now();
  for (const doc of docs) {
    const history: Record<string, unknown>[] = (doc.history ?? []).map(({ reason, ...entry }) =>
      reason && SYSTEM_REASONS.has(reason) ? { ...entry, reason } : entry,
    );
    const open = (OPEN_APPLICATION_STATUSES as readonly string[]).includes(doc.status);
    if (open) {
      history.push({
        from: doc.status,
        to: 'WITHDRAWN',
        byUserId: null,
        byRole: 'SYSTEM',
        at: now,
        reason: SYSTEM_MOVE_REASONS.ACCOUNT_DELETED,
      });
    }
    const offer = doc.offer ? (({ message: _message, ...rest }) => rest)(doc.offer) : undefined;
    await Application.collection.updateOne(
      { _id: doc._id },
      {
        $set: { history, ...(offer ? { offer } : {}), ...(open ? { status: 'WITHDRAWN', updatedAt: now } : {}) },
        $unset: { message: '' },
      },
      { session },
    );
  }
}
