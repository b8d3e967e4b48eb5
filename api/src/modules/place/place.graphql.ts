import type { Town } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { GeoPointRef } from '../../graphql/common.types';
import { searchTowns } from './place.use-cases';

const TownRef = builder.objectRef<Town>('Town').implement({
  description: 'A French town (commune) of the gazetteer: GeoNames coordinates, INSEE name and population.',
  fields: (t) => ({
    name: t.exposeString('name'),
    departmentCode: t.exposeString('departmentCode', { description: 'INSEE département code: 01…95, 2A, 2B.' }),
    departmentName: t.exposeString('departmentName'),
    location: t.field({ type: GeoPointRef, resolve: (town) => town.location }),
    population: t.exposeInt('population', { description: 'Municipal population (INSEE); 0 when unknown.' }),
  }),
});

builder.queryField('towns', (t) =>
  t.field({
    type: [TownRef],
    description:
      'Towns matching `search` (accent-, case- and hyphen-insensitive; prefixes, "st" for "saint", small typos), ' +
      'best match first, then the most populated; `first` (1–50, default 10) at most. Blank search: empty list. Public.',
    args: { search: t.arg.string({ required: true }), first: t.arg.int() },
    resolve: (_root, args, ctx) => searchTowns(ctx, { search: args.search, first: args.first }),
  }),
);
