import DataLoader from 'dataloader';
import type { AppDeps } from '../../graphql/context';
import { groupByKey, validObjectIds } from '../school/school.loaders';
import { studentModel, type StudentDoc } from './student.model';

// Collections of the marketplace module, read here by name (no import cycle): a company gains sight of a student
// once the student applied to one of its promises or was recommended to it.
const CONTACT_COLLECTIONS = ['applications', 'recommendations'] as const;

export function createStudentLoaders(deps: Pick<AppDeps, 'connection'>) {
  const Student = studentModel(deps.connection);
  const byField = (field: 'userId' | '_id') =>
    new DataLoader<string, StudentDoc | null>(async (ids) => {
      const docs = await Student.find({ [field]: { $in: validObjectIds(ids) } });
      const found = new Map(docs.map((d) => [String(d[field]), d]));
      return ids.map((id) => found.get(id) ?? null);
    });
  return {
    studentById: byField('_id'),
    studentByUserId: byField('userId'),
    studentsBySchoolId: new DataLoader<string, StudentDoc[]>(async (schoolIds) =>
      groupByKey(
        schoolIds,
        await Student.find({ schoolId: { $in: validObjectIds(schoolIds) } }).sort({
          lastName: 1,
          firstName: 1,
          _id: 1,
        }),
        (s) => s.schoolId,
      ),
    ),
    /** Key `${companyId}:${studentId}`: true when the company has an application or recommendation of the student. */
    companyKnowsStudent: new DataLoader<string, boolean>(async (keys) => {
      const pairs = keys.map((k) => k.split(':') as [string, string]);
      const companyIds = validObjectIds([...new Set(pairs.map(([c]) => c))]);
      const studentIds = validObjectIds([...new Set(pairs.map(([, s]) => s))]);
      const known = new Set<string>();
      if (companyIds.length && studentIds.length) {
        const filter = { companyId: { $in: companyIds }, studentId: { $in: studentIds } };
        const rows = await Promise.all(
          CONTACT_COLLECTIONS.map((name) =>
            deps.connection
              .collection(name)
              .find(filter, { projection: { _id: 0, companyId: 1, studentId: 1 } })
              .toArray(),
          ),
        );
        for (const row of rows.flat()) known.add(`${String(row['companyId'])}:${String(row['studentId'])}`);
      }
      return keys.map((k) => known.has(k));
    }),
  };
}
