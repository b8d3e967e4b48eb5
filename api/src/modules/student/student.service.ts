import {
  badUserInput,
  forbidden,
  isObjectId,
  notFound,
  parseInput,
  Role,
  studentProfileSchema,
  toGeoJsonPoint,
} from '@promesse/shared';
import type { Actor, AppDeps } from '../../graphql/context';
import { isStaffOf } from '../school/school.policy';
import { studentModel, type StudentDoc } from './student.model';

type Deps = Pick<AppDeps, 'connection'>;

export async function getStudentById(deps: Deps, id: string): Promise<StudentDoc> {
  const student = isObjectId(id) ? await studentModel(deps.connection).findById(id) : null;
  if (!student) throw notFound('Student', id);
  return student;
}

export async function getMyStudentProfile(deps: Deps, actor: Actor): Promise<StudentDoc> {
  if (actor.role !== Role.STUDENT) throw forbidden();
  const student = await studentModel(deps.connection).findOne({ userId: actor.userId });
  if (!student) throw notFound('Student');
  return student;
}

/**
 * Partial update: absent fields are kept. A student edits their own profile (no studentId, or their own); staff
 * edit a student of their school by studentId.
 */
export async function updateStudentProfile(deps: Deps, rawInput: unknown, actor: Actor): Promise<StudentDoc> {
  const raw = (rawInput ?? {}) as { studentId?: unknown };
  // Resolve the target before validating the rest: an unknown student is NOT_FOUND whatever the other fields.
  let student: StudentDoc;
  if (actor.role === Role.STUDENT) {
    student = await getMyStudentProfile(deps, actor);
    if (raw.studentId != null && raw.studentId !== '' && String(raw.studentId).toLowerCase() !== String(student._id)) {
      throw forbidden('Vous ne pouvez modifier que votre propre profil');
    }
  } else if (actor.role === Role.SCHOOL_STAFF) {
    if (raw.studentId == null || raw.studentId === '') {
      throw badUserInput('input.studentId : indiquez l’élève à modifier', [
        { path: 'input.studentId', message: 'Élève obligatoire' },
      ]);
    }
    student = await getStudentById(deps, String(raw.studentId));
    if (!isStaffOf(actor, student.schoolId)) throw forbidden('Cet élève n’est pas dans votre école');
  } else {
    throw forbidden();
  }
  const input = parseInput(studentProfileSchema, rawInput, 'input');
  const set: Record<string, unknown> = {};
  if (input.trade !== undefined) set['trade'] = input.trade;
  if (input.diplomaLevel !== undefined) set['diplomaLevel'] = input.diplomaLevel;
  if (input.graduationDate !== undefined) set['graduationDate'] = input.graduationDate;
  if (input.skills !== undefined) set['skills'] = input.skills;
  if (input.city !== undefined) set['city'] = input.city;
  if (input.location !== undefined) set['location'] = toGeoJsonPoint(input.location);
  if (input.mobilityKm !== undefined) set['mobilityKm'] = input.mobilityKm;
  if (input.availableFrom !== undefined) set['availableFrom'] = input.availableFrom;
  if (Object.keys(set).length === 0) return student;
  const updated = await studentModel(deps.connection).findOneAndUpdate(
    { _id: student._id },
    { $set: set },
    { returnDocument: 'after', runValidators: true },
  );
  if (!updated) throw notFound('Student', String(student._id));
  return updated;
}

export async function listStudentsOfSchool(deps: Deps, schoolId: string): Promise<StudentDoc[]> {
  return studentModel(deps.connection).find({ schoolId }).sort({ lastName: 1, firstName: 1, _id: 1 });
}
