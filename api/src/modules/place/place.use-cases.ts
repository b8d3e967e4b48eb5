import { townSearchSchema, TOWNS_FIRST_DEFAULT, type Town } from '@promesse/shared';
import { defineUseCase } from '../../core/use-case';
import { getGazetteer } from './place.gazetteer';

/**
 * Towns whose name matches what was typed (accents, case, hyphens and apostrophes aside; prefixes, "st" for
 * "saint", small typos), best match first, then the most populated. Public: the gazetteer is public data.
 */
export const searchTowns = defineUseCase({
  name: 'searchTowns',
  input: townSearchSchema,
  access: 'public',
  run: async ({ search, first }): Promise<Town[]> => getGazetteer().search(search, first ?? TOWNS_FIRST_DEFAULT),
});
