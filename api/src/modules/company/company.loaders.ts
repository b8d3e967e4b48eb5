import DataLoader from 'dataloader';
import type { DataDeps } from '../../core/deps';
import { findByIds, groupByKey, validObjectIds } from '../../core/ids';
import { companyModel, partnershipModel, type CompanyRow, type PartnershipDoc } from './company.model';

export function createCompanyLoaders(deps: Pick<DataDeps, 'connection'>) {
  const Company = companyModel(deps.connection);
  const Partnership = partnershipModel(deps.connection);
  return {
    companyById: new DataLoader<string, CompanyRow | null>(async (ids) => findByIds<CompanyRow>(Company, ids)),
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
