import { Types } from 'mongoose';
import type { AccessKind } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { accessLogModel, type AccessLogEntry } from './access-log.model';

// What other modules may ask of the access log: record what a company user saw, purge past the retention.

export interface AccessRecord {
  viewerId: string;
  companyId: string;
  studentId: string | Types.ObjectId;
  schoolId: string | Types.ObjectId;
  kind: AccessKind;
}

/** Records accesses in one round trip: one upsert per (viewer, student, kind, day), the count and last time bumped. */
export async function recordAccesses(deps: DataDeps, records: readonly AccessRecord[]): Promise<void> {
  if (!records.length) return;
  const now = deps.clock.now();
  const day = now.toISOString().slice(0, 10);
  await accessLogModel(deps.connection).bulkWrite(
    records.map((r) => {
      const key = {
        viewerId: new Types.ObjectId(r.viewerId),
        studentId: new Types.ObjectId(String(r.studentId)),
        kind: r.kind,
        day,
      };
      return {
        updateOne: {
          filter: key,
          update: {
            $setOnInsert: {
              ...key,
              companyId: new Types.ObjectId(r.companyId),
              schoolId: new Types.ObjectId(String(r.schoolId)),
              firstAt: now,
            },
            $set: { lastAt: now },
            $inc: { count: 1 },
          },
          upsert: true,
        },
      };
    }),
    { ordered: false },
  );
}

/** A student's entries, newest first. */
export function accessLogOfStudent(
  deps: Pick<DataDeps, 'connection'>,
  studentId: Types.ObjectId,
  limit: number,
): Promise<AccessLogEntry[]> {
  return accessLogModel(deps.connection)
    .find({ studentId })
    .sort({ lastAt: -1, _id: -1 })
    .limit(limit)
    .lean<AccessLogEntry[]>();
}

/** Retention: deletes the entries last seen at or before `before`. */
export async function purgeAccessLog(deps: Pick<DataDeps, 'connection'>, before: Date): Promise<number> {
  return (await accessLogModel(deps.connection).deleteMany({ lastAt: { $lte: before } })).deletedCount;
}
