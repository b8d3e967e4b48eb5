import { companyProfileSchema, forbidden, notFound } from '@promesse/shared';
import { isRecruiter } from '../../core/actor';
import { defineUseCase } from '../../core/use-case';
import { companyModel, type CompanyDoc } from './company.model';

/** A recruiter writes their company's profile (presentation, trades, sites), shown to students on promise pages. */
export const updateCompanyProfile = defineUseCase({
  name: 'updateCompanyProfile',
  input: companyProfileSchema,
  inputPath: 'input',
  access: ['COMPANY_RECRUITER'],
  run: async (input, { actor, deps }): Promise<CompanyDoc> => {
    if (!isRecruiter(actor)) throw forbidden();
    const updated = await companyModel(deps.connection).findOneAndUpdate(
      { _id: actor.companyId },
      {
        $set: {
          trades: input.trades,
          sites: input.sites,
          ...(input.presentation ? { presentation: input.presentation } : {}),
        },
        ...(input.presentation ? {} : { $unset: { presentation: 1 } }),
      },
      { returnDocument: 'after', runValidators: true },
    );
    if (!updated) throw notFound('Company', actor.companyId);
    return updated;
  },
});
