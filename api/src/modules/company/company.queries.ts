import type { ClientSession, Types } from 'mongoose';
import { isObjectId, toGeoJsonPoint, type GeoPoint } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { validObjectIds } from '../../core/ids';
import { companyModel, partnershipModel, type CompanyDoc } from './company.model';

// What other modules may ask of the companies' module (companies and their partnerships with schools).

type Deps = Pick<DataDeps, 'connection'>;

/** The company, or null for an unknown or malformed id. */
export async function findCompany(
  deps: Deps,
  id: string | Types.ObjectId,
  session: ClientSession | null = null,
): Promise<CompanyDoc | null> {
  if (typeof id === 'string' && !isObjectId(id)) return null;
  return companyModel(deps.connection).findById(id).session(session);
}

/** The company's name (for notification data), or null when it does not exist. */
export async function companyNameOf(
  deps: Deps,
  id: string | Types.ObjectId,
  session: ClientSession | null = null,
): Promise<string | null> {
  if (typeof id === 'string' && !isObjectId(id)) return null;
  const company = await companyModel(deps.connection).findById(id, { name: 1 }).session(session).lean();
  return company?.name ?? null;
}

/** Names of some companies, by id (unknown ids are absent). */
export async function companyNames(
  deps: Deps,
  ids: readonly (string | Types.ObjectId)[],
  session: ClientSession | null = null,
): Promise<Map<string, string>> {
  const rows = await companyModel(deps.connection)
    .find({ _id: { $in: validObjectIds(ids.map(String)) } }, { name: 1 })
    .session(session)
    .lean();
  return new Map(rows.map((c) => [String(c._id), c.name]));
}

/** Ids of the schools a company may post promises for (approved partnerships). */
export async function approvedSchoolIdsOfCompany(
  deps: Deps,
  companyId: string | Types.ObjectId,
  session: ClientSession | null = null,
): Promise<Types.ObjectId[]> {
  const rows = await partnershipModel(deps.connection)
    .find({ companyId, status: 'APPROVED' }, { schoolId: 1 })
    .session(session)
    .lean();
  return rows.map((r) => r.schoolId);
}

/**
 * The approved (company, school) pairs among some schools, for some companies or all of them (`companyIds`
 * omitted): a school's record with its partners.
 */
export async function approvedPartnerships(
  deps: Deps,
  refs: { schoolIds: readonly (string | Types.ObjectId)[]; companyIds?: readonly (string | Types.ObjectId)[] },
  session: ClientSession | null = null,
): Promise<{ companyId: Types.ObjectId; schoolId: Types.ObjectId }[]> {
  const filter: Record<string, unknown> = {
    schoolId: { $in: validObjectIds(refs.schoolIds.map(String)) },
    status: 'APPROVED',
  };
  if (refs.companyIds) filter['companyId'] = { $in: validObjectIds(refs.companyIds.map(String)) };
  return partnershipModel(deps.connection)
    .find(filter, { _id: 0, companyId: 1, schoolId: 1 })
    .session(session)
    .lean<{ companyId: Types.ObjectId; schoolId: Types.ObjectId }[]>();
}

export interface NewCompany {
  name: string;
  siret: string;
  city: string;
  location: GeoPoint;
  contactName: string;
  createdBy: Types.ObjectId;
}

/** Writes a company (sign-up: in the transaction that creates its first recruiter). */
export async function createCompany(deps: Deps, company: NewCompany, session: ClientSession): Promise<CompanyDoc> {
  const [created] = await companyModel(deps.connection).create(
    [{ ...company, location: toGeoJsonPoint(company.location) }],
    { session },
  );
  if (!created) throw new Error('company not created');
  return created;
}

export async function siretIsTaken(deps: Deps, siret: string): Promise<boolean> {
  return (await companyModel(deps.connection).exists({ siret })) !== null;
}

/** Ids of the schools the company asked to partner with and that have not refused (drafts may target them). */
export async function requestedSchoolIdsOfCompany(
  deps: Deps,
  companyId: string | Types.ObjectId,
  session: ClientSession | null = null,
): Promise<Types.ObjectId[]> {
  const rows = await partnershipModel(deps.connection)
    .find({ companyId, status: { $in: ['APPROVED', 'PENDING'] } }, { schoolId: 1 })
    .session(session)
    .lean();
  return rows.map((r) => r.schoolId);
}
