import DataLoader from 'dataloader';
import type { AppDeps } from '../../graphql/context';
import { groupByKey, validObjectIds } from '../school/school.loaders';
import { companyModel, partnershipModel, type CompanyDoc, type PartnershipDoc } from './company.model';

export function createCompanyLoaders(deps: Pick<AppDeps, 'connection'>) {
  const Company = companyModel(deps.connection);
  const Partnership = partnershipModel(deps.connection);
  return {
    companyById: new DataLoader<string, CompanyDoc | null>(async (ids) => {
      const docs = await Company.find({ _id: { $in: validObjectIds(ids) } });
      const found = new Map(docs.map((d) => [String(d._id), d]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    /** Every partnership (any status) of a company. */
    partnershipsByCompanyId: new DataLoader<string, PartnershipDoc[]>(async (companyIds) =>
      groupByKey(
        companyIds,
        await Partnership.find({ companyId: { $in: validObjectIds(companyIds) } }),
        (p) => p.companyId,
      ),
    ),
  };
}
