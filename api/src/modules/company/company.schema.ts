import { PARTNERSHIP_STATUSES, Role } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { UserRef } from '../auth/auth.schema';
import { GeoPointRef, geoPointOf, SchoolRef } from '../school/school.schema';
import { sameId } from '../school/school.service';
import type { CompanyDoc, PartnershipDoc } from './company.model';
import { canSeeCompanyDetails, isRecruiterOf } from './company.policy';
import { decidePartnership, getCompany, getMyCompany, listPartnerships, requestPartnership } from './company.service';

export const PartnershipStatusEnum = builder.enumType('PartnershipStatus', { values: PARTNERSHIP_STATUSES });

export const CompanyRef = builder.objectRef<CompanyDoc>('Company');
export const PartnershipRef = builder.objectRef<PartnershipDoc>('Partnership');

CompanyRef.implement({
  description:
    'A company. SIRET and contact are visible to its recruiters, the admin and staff of schools it asked to partner with.',
  fields: (t) => ({
    id: t.id({ resolve: (c) => c._id }),
    name: t.exposeString('name'),
    city: t.exposeString('city'),
    location: t.field({ type: GeoPointRef, resolve: (c) => geoPointOf(c.location)! }),
    siret: t.string({
      nullable: true,
      resolve: async (c, _args, ctx) => ((await canSeeCompanyDetails(ctx.actor, c._id, ctx.loaders)) ? c.siret : null),
    }),
    contactName: t.string({
      nullable: true,
      resolve: async (c, _args, ctx) =>
        (await canSeeCompanyDetails(ctx.actor, c._id, ctx.loaders)) ? c.contactName : null,
    }),
    partnerships: t.field({
      type: [PartnershipRef],
      description: 'Its recruiters and the admin see all; a school’s staff see their school’s; others none.',
      resolve: async (c, _args, ctx) => {
        const all = await ctx.loaders.partnershipsByCompanyId.load(String(c._id));
        const a = ctx.actor;
        if (a?.role === Role.FEDERATION_ADMIN || isRecruiterOf(a, c._id)) return all;
        if (a?.role === Role.SCHOOL_STAFF) return all.filter((p) => sameId(p.schoolId, a.schoolId));
        return [];
      },
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
      resolve: async (p, _args, ctx) => {
        const company = await ctx.loaders.companyById.load(String(p.companyId));
        if (!company) throw new Error(`partnership ${String(p._id)}: company missing`);
        return company;
      },
    }),
    school: t.field({
      type: SchoolRef,
      resolve: async (p, _args, ctx) => {
        const school = await ctx.loaders.schoolById.load(String(p.schoolId));
        if (!school) throw new Error(`partnership ${String(p._id)}: school missing`);
        return school;
      },
    }),
    requestedAt: t.field({ type: 'DateTime', resolve: (p) => p.requestedAt }),
    decidedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.decidedAt ?? null }),
  }),
});

builder.queryField('myCompany', (t) =>
  t.field({
    type: CompanyRef,
    authScopes: { companyRecruiter: true },
    resolve: (_root, _args, ctx) => getMyCompany(ctx.deps, ctx.actor!),
  }),
);

builder.queryField('company', (t) =>
  t.field({
    type: CompanyRef,
    nullable: true,
    authScopes: { authenticated: true },
    description: 'Unknown or malformed id: NOT_FOUND.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getCompany(ctx.deps, String(args.id)),
  }),
);

builder.queryField('partnerships', (t) =>
  t.field({
    type: [PartnershipRef],
    authScopes: { companyRecruiter: true, schoolStaff: true, federationAdmin: true },
    description: 'Recruiter: their company’s; staff: their school’s; admin: all. Newest first.',
    args: { status: t.arg({ type: PartnershipStatusEnum }) },
    resolve: (_root, args, ctx) => listPartnerships(ctx.deps, ctx.actor!, { status: args.status }),
  }),
);

builder.mutationField('requestPartnership', (t) =>
  t.field({
    type: PartnershipRef,
    authScopes: { companyRecruiter: true },
    args: { schoolId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => requestPartnership(ctx.deps, { schoolId: String(args.schoolId) }, ctx.actor!),
  }),
);

builder.mutationField('decidePartnership', (t) =>
  t.field({
    type: PartnershipRef,
    authScopes: { schoolStaff: true },
    args: { id: t.arg.id({ required: true }), approve: t.arg.boolean({ required: true }) },
    resolve: (_root, args, ctx) =>
      decidePartnership(ctx.deps, { id: String(args.id), approve: args.approve }, ctx.actor!),
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
