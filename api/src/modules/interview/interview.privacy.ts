import type { ClientSession, Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { interviewModel } from './interview.model';

// What the privacy module (issue 18) may ask of the interviews' module.

type Deps = Pick<DataDeps, 'connection'>;

export function interviewsForExport(deps: Deps, studentId: Types.ObjectId) {
  return interviewModel(deps.connection).find({ studentId }, { __v: 0 }).sort({ startsAt: 1, _id: 1 }).lean();
}

/** Keeps the interviews' dates and statuses; removes the messages exchanged about them. Idempotent. */
export async function anonymiseInterviewsOf(
  deps: Deps,
  studentId: Types.ObjectId,
  session: ClientSession,
): Promise<void> {
  await interviewModel(deps.connection).collection.updateMany(
    { studentId },
    { $unset: { message: '', responseMessage: '' } },
    { session },
  );
}
