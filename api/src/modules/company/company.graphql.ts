import { isStaff } from '../../core/actor';
import { builder } from '../../graphql/builder';
import { GeoPointRef, geoPointOf, PartnershipStatusEnum, required } from '../../graphql/common.types';
import type { GraphQLContext } from '../../graphql/context';
import { CompanyRef, PartnershipRef, SchoolRef, UserRef } from '../../graphql/refs';
import type { CompanyRow } from './company.model';
import { canSeeCompanyDetails, visiblePartnerships } from './company.policy';
import { decidePartnership, getCompany, getMyCompany, listPartnerships, requestPartnership } from './company.use-cases';

async function detailsVisible(c: CompanyRow, ctx: GraphQLContext): Promise<boolean> {
  // Only staff need the partnerships (recruiters and the admin are decided by role).
  const partnerships = isStaff(ctx.actor) ? await ctx.loaders.partnershipsByCompanyId.load(String(c._id)) : [];
  return canSeeCompanyDetails(ctx.actor, c._id, partnerships);
}

CompanyRef.implement({
  description:
    'A company. SIRET and contact are visible to its recruiters, the admin and staff of schools it asked to partner with.',
  fields: (t) => ({
    id: t.id({ resolve: (c) => c._id }),
    name: t.exposeString('name'),
    city: t.exposeString('city'),
    location: t.field({ type: GeoPointRef, resolve: (c) => required(geoPointOf(c.location), 'company location') }),
    siret: t.string({
      nullable: true,
      resolve: async (c, _args, ctx) => ((await detailsVisible(c, ctx)) ? c.siret : null),
    }),
    contactName: t.string({
      nullable: true,
      resolve: async (c, _args, ctx) => ((await detailsVisible(c, ctx)) ? c.contactName : null),
    }),
    partnerships: t.field({
      type: [PartnershipRef],
      description: 'Its recruiters and the admin see all; a school’s staff see their school’s; others none.',
      resolve: async (c, _args, ctx) =>
        visiblePartnerships(ctx.actor, c._id, await ctx.loaders.partnershipsByCompanyId.load(String(c._id))),
    }),
  }),
});

PartnershipRef.implement({
  description: 'A company’s request to work with a school; the school’s staff approve or reject it.',
  fields: (t) => ({
    id: t.id({ resolve: (p) => p._id }),
    status: t.field({ type: PartnershipStatusEnum, resolve: (p) => p.status }),
    company: t.field({
      type: CompanyRef,
      resolve: async (p, _args, ctx) =>
        required(await ctx.loaders.companyById.load(String(p.companyId)), 'partnership company'),
    }),
    school: t.field({
      type: SchoolRef,
      resolve: async (p, _args, ctx) =>
        required(await ctx.loaders.schoolById.load(String(p.schoolId)), 'partnership school'),
    }),
    requestedAt: t.field({ type: 'DateTime', resolve: (p) => p.requestedAt }),
    decidedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.decidedAt ?? null }),
  }),
});

builder.queryField('myCompany', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: CompanyRef,
    resolve: (_root, _args, ctx) => getMyCompany(ctx, {}),
  }),
);

builder.queryField('company', (t) =>
  t.withAuth({ authenticated: true }).field({
    type: CompanyRef,
    nullable: true,
    description: 'Unknown or malformed id: NOT_FOUND.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getCompany(ctx, { id: String(args.id) }),
  }),
);

builder.queryField('partnerships', (t) =>
  t.withAuth({ companyRecruiter: true, schoolStaff: true, federationAdmin: true }).field({
    type: [PartnershipRef],
    description: 'Recruiter: their company’s; staff: their school’s; admin: all. Newest first.',
    args: { status: t.arg({ type: PartnershipStatusEnum }) },
    resolve: (_root, args, ctx) => listPartnerships(ctx, { status: args.status }),
  }),
);

builder.mutationField('requestPartnership', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: PartnershipRef,
    args: { schoolId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => requestPartnership(ctx, { schoolId: String(args.schoolId) }),
  }),
);

builder.mutationField('decidePartnership', (t) =>
  t.withAuth({ schoolStaff: true }).field({
    type: PartnershipRef,
    args: { id: t.arg.id({ required: true }), approve: t.arg.boolean({ required: true }) },
    resolve: (_root, args, ctx) => decidePartnership(ctx, { id: String(args.id), approve: args.approve }),
  }),
);

builder.objectFields(UserRef, (t) => ({
  company: t.field({
    type: CompanyRef,
    nullable: true,
    description: 'The company of a recruiter.',
    resolve: (u, _args, ctx) => (u.companyId ? ctx.loaders.companyById.load(String(u.companyId)) : null),
  }),
}));
