import type { ClientSession, Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { accessLogModel } from './access-log.model';

// What the privacy module (issue 18) may ask of the access log: the student's own entries for their export (who
// saw their contact details or CV), and their removal with the person (as the viewed student or as the viewer).

type Deps = Pick<DataDeps, 'connection'>;

export function accessLogForExport(deps: Deps, studentId: Types.ObjectId) {
  return accessLogModel(deps.connection).find({ studentId }, { studentId: 0, schoolId: 0 }).sort({ lastAt: -1 }).lean();
}

/** Deletes the entries about the person and those they made as a viewer. Idempotent. */
export async function eraseAccessLogOf(
  deps: Deps,
  target: { userId: Types.ObjectId; studentId?: Types.ObjectId | null },
  session: ClientSession,
): Promise<void> {
  const or: Record<string, Types.ObjectId>[] = [{ viewerId: target.userId }];
  if (target.studentId) or.push({ studentId: target.studentId });
  await accessLogModel(deps.connection).deleteMany({ $or: or }, { session });
}
