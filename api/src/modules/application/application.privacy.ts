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

/**
 * Keeps a student's applications as anonymous records (statuses, dates, history moves: the figures and the
 * companies' follow-up count them) and removes the free texts that may name or describe the person: the
 * student's message, the reasons given for moves, the offer's message. Idempotent.
 */
export async function anonymiseApplicationsOf(
  deps: Deps,
  studentId: Types.ObjectId,
  session: ClientSession,
): Promise<void> {
  const Application = applicationModel(deps.connection);
  const docs = await Application.find({ studentId }, { history: 1, offer: 1, message: 1 }).session(session).lean();
  for (const doc of docs) {
    const history = (doc.history ?? []).map(({ reason: _reason, ...entry }) => entry);
    const offer = doc.offer ? (({ message: _message, ...rest }) => rest)(doc.offer) : undefined;
    await Application.collection.updateOne(
      { _id: doc._id },
      { $set: { history, ...(offer ? { offer } : {}) }, $unset: { message: '' } },
      { session },
    );
  }
}
