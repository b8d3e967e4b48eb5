import {
  addCompanyPhotoSchema,
  badUserInput,
  COMPANY_PHOTO_LIMITS,
  companyProfileSchema,
  forbidden,
  notFound,
} from '@promesse/shared';
import * as z from 'zod';
import { isRecruiter } from '../../core/actor';
import { defineUseCase } from '../../core/use-case';
import { companyPhotoFile, deleteFile } from '../file/file.queries';
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

/**
 * Adds a workshop photo to the profile: a file one of the company's recruiters uploaded (POST /files, purpose
 * WORKSHOP_PHOTO: its type read from its bytes, 2 MB at most) with its alternative text (read aloud to students who
 * cannot see it). Six photos at most, each once: the conditional update checks both, so two adds at once cannot
 * pass the cap.
 */
export const addCompanyPhoto = defineUseCase({
  name: 'addCompanyPhoto',
  input: addCompanyPhotoSchema,
  access: ['COMPANY_RECRUITER'],
  run: async (input, { actor, deps }): Promise<CompanyDoc> => {
    if (!isRecruiter(actor)) throw forbidden();
    const file = await companyPhotoFile(deps, input.fileId, actor.companyId);
    if (!file) throw notFound('File', input.fileId);
    const Company = companyModel(deps.connection);
    const updated = await Company.findOneAndUpdate(
      {
        _id: actor.companyId,
        [`photos.${COMPANY_PHOTO_LIMITS.max - 1}`]: { $exists: false },
        'photos.fileId': { $ne: file._id },
      },
      { $push: { photos: { fileId: file._id, alt: input.alt } } },
      { returnDocument: 'after', runValidators: true },
    );
    if (updated) return updated;
    const current = await Company.findById(actor.companyId);
    if (!current) throw notFound('Company', actor.companyId);
    if (current.photos.some((p) => p.fileId.equals(file._id))) return current;
    throw badUserInput('file.photosMax', { max: COMPANY_PHOTO_LIMITS.max });
  },
});

/** Removes a workshop photo from the profile and deletes its file. */
export const removeCompanyPhoto = defineUseCase({
  name: 'removeCompanyPhoto',
  input: z.object({ fileId: z.string() }),
  access: ['COMPANY_RECRUITER'],
  run: async (input, { actor, deps }): Promise<CompanyDoc> => {
    if (!isRecruiter(actor)) throw forbidden();
    const file = await companyPhotoFile(deps, input.fileId, actor.companyId);
    if (!file) throw notFound('File', input.fileId);
    const updated = await companyModel(deps.connection).findOneAndUpdate(
      { _id: actor.companyId },
      { $pull: { photos: { fileId: file._id } } },
      { returnDocument: 'after' },
    );
    if (!updated) throw notFound('Company', actor.companyId);
    await deleteFile(deps, file._id);
    return updated;
  },
});
