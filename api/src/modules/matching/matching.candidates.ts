import type { ClientSession, Types } from 'mongoose';
import { DAY_MS } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { pastHires } from '../application/application.queries';
import { approvedPartnerships } from '../company/company.queries';

// Candidate retrieval for matching: index-backed queries (through each module's queries) that read only the fields
// scoring needs, never a whole collection. Full documents are loaded afterwards for the few results returned.

type Deps = Pick<DataDeps, 'connection'>;

/**
 * "Graduates" offered to a promise: students whose graduationDate lies within GRADUATE_WINDOW_DAYS_PAST before
 * now (recent graduates, still looking) or GRADUATE_WINDOW_DAYS_AHEAD after it (graduating soon). Students with
 * no graduationDate are left out (the school has not said when they finish).
 */
export const GRADUATE_WINDOW_DAYS_PAST = 365;
export const GRADUATE_WINDOW_DAYS_AHEAD = 365;

/** The window as a database range on graduationDate. */
export function graduateWindow(now: Date): { $gte: Date; $lte: Date } {
  return {
    $gte: new Date(now.getTime() - GRADUATE_WINDOW_DAYS_PAST * DAY_MS),
    $lte: new Date(now.getTime() + GRADUATE_WINDOW_DAYS_AHEAD * DAY_MS),
  };
}

export interface SchoolHistory {
  partnershipApproved: boolean;
  pastHires: number;
}

/**
 * The track record of each (company, school) pair among the given ones: approved partnership, and past hires
 * (HIRED applications of the school's students to the company's promises). One query and one aggregation,
 * whatever the number of candidates, on the {schoolId, status} partnership and {schoolId, status, companyId}
 * application indexes.
 */
export async function loadSchoolHistory(
  deps: Deps,
  args: { companyIds?: readonly (string | Types.ObjectId)[]; schoolIds: readonly (string | Types.ObjectId)[] },
  session: ClientSession | null = null,
): Promise<(companyId: unknown, schoolId: unknown) => SchoolHistory> {
  // No companyIds: every company (a school's whole record, for ranking promises of many companies).
  const companyIds = args.companyIds ? [...new Set(args.companyIds.map(String))] : null;
  const schoolIds = [...new Set(args.schoolIds.map(String))];
  const approved = new Set<string>();
  const hires = new Map<string, number>();
  const key = (c: unknown, s: unknown) => `${String(c)}:${String(s)}`;
  if ((!companyIds || companyIds.length) && schoolIds.length) {
    const partnershipsQuery = () =>
      approvedPartnerships(deps, { schoolIds, ...(companyIds ? { companyIds } : {}) }, session);
    const hiresQuery = () => pastHires(deps, { schoolIds, companyIds }, session);
    // A transaction's session runs one operation at a time.
    const [partnerships, hired] = session
      ? [await partnershipsQuery(), await hiresQuery()]
      : await Promise.all([partnershipsQuery(), hiresQuery()]);
    for (const p of partnerships) approved.add(key(p.companyId, p.schoolId));
    for (const h of hired) hires.set(key(h._id.c, h._id.s), h.n);
  }
  return (companyId, schoolId) => {
    const k = key(companyId, schoolId);
    return { partnershipApproved: approved.has(k), pastHires: hires.get(k) ?? 0 };
  };
}
