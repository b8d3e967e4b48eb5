import { forbidden, unauthenticated, type AppError } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { GeoPointInputRef, GeoPointRef, geoPointOf, required, TradeEnum } from '../../graphql/common.types';
import type { GraphQLContext } from '../../graphql/context';
import { SchoolRef, StudentRef, UserRef } from '../../graphql/refs';
import { canSeeSchoolMembers } from './school.policy';
import { createSchool, getSchool, listSchools } from './school.use-cases';

function membersRefusal(ctx: GraphQLContext): AppError {
  return ctx.actor ? forbidden('school.membersOnly') : unauthenticated();
}

SchoolRef.implement({
  description: 'An École de Production. Public: name, city, place and trades; members: its staff and the admin only.',
  fields: (t) => ({
    id: t.id({ resolve: (s) => s._id }),
    name: t.exposeString('name'),
    city: t.exposeString('city'),
    location: t.field({ type: GeoPointRef, resolve: (s) => required(geoPointOf(s.location), 'school location') }),
    trades: t.field({ type: [TradeEnum], resolve: (s) => s.trades }),
    students: t.field({
      type: [StudentRef],
      nullable: true,
      description: 'Staff of this school and the federation admin only (FORBIDDEN otherwise).',
      resolve: (s, _args, ctx) => {
        if (!canSeeSchoolMembers(ctx.actor, s._id)) throw membersRefusal(ctx);
        return ctx.loaders.studentsBySchoolId.load(String(s._id));
      },
    }),
    staff: t.field({
      type: [UserRef],
      nullable: true,
      description: 'Staff of this school and the federation admin only (FORBIDDEN otherwise).',
      resolve: (s, _args, ctx) => {
        if (!canSeeSchoolMembers(ctx.actor, s._id)) throw membersRefusal(ctx);
        return ctx.loaders.staffBySchoolId.load(String(s._id));
      },
    }),
  }),
});

const CreateSchoolInputRef = builder.inputType('CreateSchoolInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    city: t.string({ required: true }),
    location: t.field({ type: GeoPointInputRef, required: true }),
    trades: t.field({ type: [TradeEnum], required: true }),
  }),
});

builder.queryField('schools', (t) =>
  t.field({
    type: [SchoolRef],
    description: 'Every school, by name. Public (schools are public institutions).',
    resolve: (_root, _args, ctx) => listSchools(ctx, {}),
  }),
);

builder.queryField('school', (t) =>
  t.field({
    type: SchoolRef,
    nullable: true,
    description: 'Public. Unknown or malformed id: NOT_FOUND.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getSchool(ctx, { id: String(args.id) }),
  }),
);

builder.mutationField('createSchool', (t) =>
  t.withAuth({ federationAdmin: true }).field({
    type: SchoolRef,
    args: { input: t.arg({ type: CreateSchoolInputRef, required: true }) },
    resolve: (_root, args, ctx) => createSchool(ctx, args.input),
  }),
);
