import DataLoader from 'dataloader';
import type { AppDeps } from '../../graphql/context';
import { validObjectIds } from '../school/school.loaders';
import { applicationModel, type ApplicationDoc } from './application.model';

export function createApplicationLoaders(deps: Pick<AppDeps, 'connection'>) {
  const Application = applicationModel(deps.connection);
  return {
    applicationById: new DataLoader<string, ApplicationDoc | null>(async (ids) => {
      const docs = await Application.find({ _id: { $in: validObjectIds(ids) } });
      const found = new Map(docs.map((d) => [String(d._id), d]));
      return ids.map((id) => found.get(id) ?? null);
    }),
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
  };
}
