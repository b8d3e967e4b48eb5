import { isAdmin, isRecruiter, isStaff, isStudent, type Actor } from '../../core/actor';
import { sameId } from '../../core/ids';
import { canSeeSchoolMembers } from '../school/school.policy';
import type { StudentDoc } from './student.model';

/**
 * FULL: names and contact details. LIMITED: first name + initial, no contact (privacy of minors: a company sees
 * a student's identity only once the student applied to one of its promises or was recommended to it).
 */
export type StudentVisibility = 'FULL' | 'LIMITED';

type StudentRefs = Pick<StudentDoc, '_id' | 'userId' | 'schoolId'> & { hiddenFromMatching?: boolean | null };

/** What a recruiter's company has to do with a student (read by the caller, who batches the reads). */
export interface CompanyLinks {
  /** The student applied to one of the company's promises or was recommended to it. */
  knowsStudent(): Promise<boolean>;
  /** The company's partnership with the student's school is approved. */
  partnersWithSchool(): Promise<boolean>;
}

export async function studentVisibility(
  actor: Actor | null,
  student: StudentRefs,
  links: Pick<CompanyLinks, 'knowsStudent'>,
): Promise<StudentVisibility> {
  if (isStudent(actor)) return sameId(actor.userId, student.userId) ? 'FULL' : 'LIMITED';
  if (canSeeSchoolMembers(actor, student.schoolId)) return 'FULL';
  if (isRecruiter(actor)) return (await links.knowsStudent()) ? 'FULL' : 'LIMITED';
  return 'LIMITED';
}

/**
 * Who may look a student up by id: the student, their school's staff, the admin, and recruiters of a company that
 * partners with the student's school (approved; not for a student hidden from matching) or already knows the
 * student. Others get FORBIDDEN.
 */
export async function canLookUpStudent(
  actor: Actor | null,
  student: StudentRefs,
  links: CompanyLinks,
): Promise<boolean> {
  if (isStudent(actor)) return sameId(actor.userId, student.userId);
  if (canSeeSchoolMembers(actor, student.schoolId)) return true;
  // A student hidden from the companies' browsing (issue 18) is seen only by a company they applied or were
  // recommended to.
  if (isRecruiter(actor)) {
    return (!student.hiddenFromMatching && (await links.partnersWithSchool())) || links.knowsStudent();
  }
  return false;
}

/** The student's account (user): the student, their school's staff and the admin. */
export function canSeeStudentAccount(actor: Actor | null, student: StudentRefs): boolean {
  return (
    isAdmin(actor) ||
    (isStaff(actor) && sameId(actor.schoolId, student.schoolId)) ||
    sameId(actor?.userId, student.userId)
  );
}

/** "Lina B." */
export function shortName(firstName: string, lastName: string): string {
  const initial = lastName.trim().charAt(0).toUpperCase();
  return initial ? `${firstName} ${initial}.` : firstName;
}

/**
 * Who may read a student's CV: the student, the staff of their school, and recruiters of a company the student
 * applied to or was recommended to. Not the admin, not other companies.
 */
export async function canReadCv(
  actor: Actor | null,
  student: StudentRefs,
  links: Pick<CompanyLinks, 'knowsStudent'>,
): Promise<boolean> {
  if (isStudent(actor)) return sameId(actor.userId, student.userId);
  if (isStaff(actor)) return sameId(actor.schoolId, student.schoolId);
  if (isRecruiter(actor)) return links.knowsStudent();
  return false;
}
