import { forbidden } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { TradeEnum } from '../../graphql/common.types';
import { CompanyRef, UserRef } from '../../graphql/refs';
import { recruiterUsersOfCompany } from '../auth/auth.queries';
import type { CompanyDoc } from './company.model';
import { isRecruiterOf } from './company.policy';
import { updateCompanyProfile } from './company.profile';

type Site = CompanyDoc['sites'][number];

const CompanySiteRef = builder.objectRef<Site>('CompanySite').implement({
  fields: (t) => ({
    name: t.string({ resolve: (s) => s.name }),
    city: t.string({ resolve: (s) => s.city }),
    address: t.string({ nullable: true, resolve: (s) => s.address ?? null }),
  }),
});

builder.objectFields(CompanyRef, (t) => ({
  presentation: t.string({
    nullable: true,
    description: 'What the company does and how it welcomes young people (shown on its promises).',
    resolve: (c) => c.presentation ?? null,
  }),
  trades: t.field({ type: [TradeEnum], resolve: (c) => c.trades ?? [] }),
  sites: t.field({ type: [CompanySiteRef], resolve: (c) => c.sites ?? [] }),
  recruiters: t.field({
    type: [UserRef],
    description: 'The company’s recruiter accounts: its own recruiters only (others: FORBIDDEN).',
    resolve: (c, _args, ctx) => {
      if (!isRecruiterOf(ctx.actor, c._id)) throw forbidden();
      return recruiterUsersOfCompany(ctx.deps, c._id);
    },
  }),
}));

const CompanySiteInputRef = builder.inputType('CompanySiteInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    city: t.string({ required: true }),
    address: t.string(),
  }),
});

const CompanyProfileInputRef = builder.inputType('CompanyProfileInput', {
  fields: (t) => ({
    presentation: t.string({ description: '3000 characters max; empty removes it' }),
    trades: t.field({ type: [TradeEnum] }),
    sites: t.field({ type: [CompanySiteInputRef], description: '20 max' }),
  }),
});

builder.mutationField('updateCompanyProfile', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: CompanyRef,
    description: 'The caller’s company profile (presentation, trades, sites), replaced as a whole.',
    args: { input: t.arg({ type: CompanyProfileInputRef, required: true }) },
    resolve: (_root, { input }, ctx) =>
      updateCompanyProfile(ctx, {
        presentation: input.presentation,
        trades: input.trades ?? [],
        sites: (input.sites ?? []).map((s) => ({ name: s.name, city: s.city, address: s.address })),
      }),
  }),
);
