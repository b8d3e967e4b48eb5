import { Types, type ClientSession } from 'mongoose';
import { Role } from '@promesse/shared';
import type { AppDeps } from '../../graphql/context';
import { userModel } from '../auth/auth.model';

export interface Recipients {
  staffOfSchool(schoolId: unknown): Types.ObjectId[];
  recruitersOfCompany(companyId: unknown): Types.ObjectId[];
}

/**
 * Staff of some schools and recruiters of some companies, in ONE query whatever the number of schools and
 * companies (a hire cascade notifies many of both).
 */
export async function loadRecipients(
  deps: Pick<AppDeps, 'connection'>,
  session: ClientSession | null,
  refs: { schoolIds?: unknown[]; companyIds?: unknown[] },
): Promise<Recipients> {
  const ids = (xs: unknown[] = []) => [...new Set(xs.map(String))].map((id) => new Types.ObjectId(id));
  const schoolIds = ids(refs.schoolIds);
  const companyIds = ids(refs.companyIds);
  const or: Record<string, unknown>[] = [];
  if (schoolIds.length) or.push({ role: Role.SCHOOL_STAFF, schoolId: { $in: schoolIds } });
  if (companyIds.length) or.push({ role: Role.COMPANY_RECRUITER, companyId: { $in: companyIds } });
  const users = or.length
    ? await userModel(deps.connection)
        .find({ $or: or }, { _id: 1, role: 1, schoolId: 1, companyId: 1 })
        .session(session)
        .lean()
    : [];
  const group = (role: Role, key: 'schoolId' | 'companyId') => {
    const map = new Map<string, Types.ObjectId[]>();
    for (const u of users) {
      if (u.role !== role || !u[key]) continue;
      const k = String(u[key]);
      map.set(k, [...(map.get(k) ?? []), u._id]);
    }
    return map;
  };
  const staff = group(Role.SCHOOL_STAFF, 'schoolId');
  const recruiters = group(Role.COMPANY_RECRUITER, 'companyId');
  return {
    staffOfSchool: (schoolId) => staff.get(String(schoolId)) ?? [],
    recruitersOfCompany: (companyId) => recruiters.get(String(companyId)) ?? [],
  };
}
