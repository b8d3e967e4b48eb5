import DataLoader from 'dataloader';
import type { DataDeps } from '../../core/deps';
import { groupByKey, validObjectIds } from '../../core/ids';
import { studentModel, type StudentDoc } from './student.model';
import { knownCompanyStudentPairs } from './student.queries';

export function createStudentLoaders(deps: Pick<DataDeps, 'connection'>) {
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
        // Erased students stay for the figures only: not on the school's roster.
        await Student.find({ schoolId: { $in: validObjectIds(schoolIds) }, erasedAt: null }).sort({
          lastName: 1,
          firstName: 1,
          _id: 1,
        }),
        (s) => s.schoolId,
      ),
    ),
    /** Key `${companyId}:${studentId}`: true when the company has an application or recommendation of the student. */
    companyKnowsStudent: new DataLoader<string, boolean>(async (keys) => {
      const known = await knownCompanyStudentPairs(deps, keys);
      return keys.map((k) => known.has(k));
    }),
  };
}
