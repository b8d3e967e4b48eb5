import type { Locale, Role } from '@promesse/shared';

/**
 * Who is calling. School and company ids come from the user document, never from the token, so a membership
 * change counts on the next request. `locale` is the user's language: messages built for them use it.
 */
export interface Actor {
  userId: string;
  role: Role;
  locale: Locale;
  schoolId?: string;
  companyId?: string;
  /** The device session the access token belongs to (log-out ends it). */
  sessionId?: string;
}

/** An actor of one role, with the membership that role implies (staff have a school, recruiters a company). */
export type StaffActor = Actor & { role: 'SCHOOL_STAFF'; schoolId: string };
export type RecruiterActor = Actor & { role: 'COMPANY_RECRUITER'; companyId: string };
export type StudentActor = Actor & { role: 'STUDENT'; schoolId?: string };
export type AdminActor = Actor & { role: 'FEDERATION_ADMIN' };

export function isStaff(actor: Actor | null): actor is StaffActor {
  return actor?.role === 'SCHOOL_STAFF' && actor.schoolId !== undefined;
}

export function isRecruiter(actor: Actor | null): actor is RecruiterActor {
  return actor?.role === 'COMPANY_RECRUITER' && actor.companyId !== undefined;
}

export function isStudent(actor: Actor | null): actor is StudentActor {
  return actor?.role === 'STUDENT';
}

export function isAdmin(actor: Actor | null): actor is AdminActor {
  return actor?.role === 'FEDERATION_ADMIN';
}
