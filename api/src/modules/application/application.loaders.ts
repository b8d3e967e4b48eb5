import DataLoader from 'dataloader';
import type { AppDeps } from '../../core/deps';
import { byIds, groupByKey, validObjectIds } from '../../core/ids';
import { applicationModel, type ApplicationDoc } from './application.model';

export function createApplicationLoaders(deps: Pick<AppDeps, 'connection'>) {
  const Application = applicationModel(deps.connection);
  return {
    applicationById: new DataLoader<string, ApplicationDoc | null>(async (ids) =>
      byIds<ApplicationDoc>(ids, await Application.find({ _id: { $in: validObjectIds(ids) } })),
    ),
    /** Key `${studentId}:${jobPromiseId}`: the student's application to that promise, if any. */
    applicationByStudentAndPromise: new DataLoader<string, ApplicationDoc | null>(async (keys) => {
      const pairs = keys.map((k) => k.split(':') as [string, string]);
      const docs = await Application.find({
        studentId: { $in: validObjectIds([...new Set(pairs.map(([s]) => s))]) },
        jobPromiseId: { $in: validObjectIds([...new Set(pairs.map(([, p]) => p))]) },
      });
      const found = new Map(docs.map((d) => [`${String(d.studentId)}:${String(d.jobPromiseId)}`, d]));
      return keys.map((k) => found.get(k) ?? null);
    }),
    /** Every application of each promise, whatever its status, counted in one aggregation. */
    applicationCountByJobPromiseId: new DataLoader<string, number>(async (ids) => {
      // On every list of promises: straight through the driver (mongoose does not cast a pipeline anyway).
      const rows = await Application.collection
        .aggregate<{ _id: unknown; n: number }>([
          { $match: { jobPromiseId: { $in: validObjectIds(ids) } } },
          { $group: { _id: '$jobPromiseId', n: { $sum: 1 } } },
        ])
        .toArray();
      const counts = new Map(rows.map((r) => [String(r._id), r.n]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    applicationsByJobPromiseId: new DataLoader<string, ApplicationDoc[]>(async (ids) =>
      groupByKey(
        ids,
        await Application.find({ jobPromiseId: { $in: validObjectIds(ids) } }).sort({ createdAt: -1, _id: -1 }),
        (a) => a.jobPromiseId,
      ),
    ),
    /** Every application of each student, newest first (roster situations, the staff's student page). */
    applicationsByStudentId: new DataLoader<string, ApplicationDoc[]>(async (ids) =>
      groupByKey(
        ids,
        await Application.find({ studentId: { $in: validObjectIds(ids) } }).sort({ createdAt: -1, _id: -1 }),
        (a) => a.studentId,
      ),
    ),
  };
}
