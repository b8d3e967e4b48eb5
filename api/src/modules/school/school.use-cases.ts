import * as z from 'zod';
import { createSchoolSchema, isObjectId, notFound, toGeoJsonPoint } from '@promesse/shared';
import { defineUseCase } from '../../core/use-case';
import { schoolModel, type SchoolDoc } from './school.model';

export const createSchool = defineUseCase({
  name: 'createSchool',
  input: createSchoolSchema,
  inputPath: 'input',
  access: ['FEDERATION_ADMIN'],
  run: (input, { actor, deps }): Promise<SchoolDoc> =>
    schoolModel(deps.connection).create({
      name: input.name,
      city: input.city,
      location: toGeoJsonPoint(input.location),
      trades: input.trades,
      createdBy: actor.userId,
    }),
});

/** Schools are public institutions: the list and each school's name, city, place and trades are public. */
export const listSchools = defineUseCase({
  name: 'listSchools',
  input: z.object({}),
  access: 'public',
  run: async (_input, { deps }): Promise<SchoolDoc[]> => schoolModel(deps.connection).find().sort({ name: 1, _id: 1 }),
});

export const getSchool = defineUseCase({
  name: 'getSchool',
  input: z.object({ id: z.string() }),
  access: 'public',
  run: async ({ id }, { deps }): Promise<SchoolDoc> => {
    const school = isObjectId(id) ? await schoolModel(deps.connection).findById(id) : null;
    if (!school) throw notFound('School', id);
    return school;
  },
});
