import { Role } from '@promesse/shared';
import type { Actor } from '../../graphql/context';
import type { Loaders } from '../../graphql/loaders';
import { canSeeSchoolMembers } from '../school/school.policy';
import { sameId } from '../school/school.service';
import type { StudentDoc } from './student.model';

/**
 * FULL: names and contact details. LIMITED: first name + initial, no contact (privacy of minors: a company sees
 * a student's identity only once the student applied to one of its promises or was recommended to it).
 */
export type StudentVisibility = 'FULL' | 'LIMITED';

export async function studentVisibility(
  actor: Actor | null,
  student: Pick<StudentDoc, '_id' | 'userId' | 'schoolId'>,
  loaders: Pick<Loaders, 'companyKnowsStudent'>,
): Promise<StudentVisibility> {
  if (!actor) return 'LIMITED';
  if (actor.role === Role.STUDENT) return sameId(actor.userId, student.userId) ? 'FULL' : 'LIMITED';
  if (canSeeSchoolMembers(actor, student.schoolId)) return 'FULL';
  if (actor.role === Role.COMPANY_RECRUITER && actor.companyId) {
    return (await loaders.companyKnowsStudent.load(`${actor.companyId}:${String(student._id)}`)) ? 'FULL' : 'LIMITED';
  }
  return 'LIMITED';
}

/**
 * Who may look a student up by id: the student, their school's staff, the admin, and recruiters of a company that
 * partners with the student's school (approved) or already knows the student. Others get FORBIDDEN.
 */
export async function canLookUpStudent(
  actor: Actor | null,
  student: Pick<StudentDoc, '_id' | 'userId' | 'schoolId'>,
  loaders: Pick<Loaders, 'companyKnowsStudent' | 'partnershipsByCompanyId'>,
): Promise<boolean> {
  if (!actor) return false;
  if (actor.role === Role.STUDENT) return sameId(actor.userId, student.userId);
  if (canSeeSchoolMembers(actor, student.schoolId)) return true;
  if (actor.role === Role.COMPANY_RECRUITER && actor.companyId) {
    const partnerships = await loaders.partnershipsByCompanyId.load(actor.companyId);
    if (partnerships.some((p) => p.status === 'APPROVED' && sameId(p.schoolId, student.schoolId))) return true;
    return loaders.companyKnowsStudent.load(`${actor.companyId}:${String(student._id)}`);
  }
  return false;
}

/** "Lina B." */
export function shortName(firstName: string, lastName: string): string {
  const initial = lastName.trim().charAt(0).toUpperCase();
  return initial ? `${firstName} ${initial}.` : firstName;
}
