import { fileUrl, forbidden } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { TradeEnum } from '../../graphql/common.types';
import { CompanyRef, UserRef } from '../../graphql/refs';
import { recruiterUsersOfCompany } from '../auth/auth.queries';
import type { CompanyDoc } from './company.model';
import { isRecruiterOf } from './company.policy';
import { addCompanyPhoto, removeCompanyPhoto, updateCompanyProfile } from './company.profile';

type Site = CompanyDoc['sites'][number];

const CompanySiteRef = builder.objectRef<Site>('CompanySite').implement({
  fields: (t) => ({
    name: t.string({ resolve: (s) => s.name }),
    city: t.string({ resolve: (s) => s.city }),
    address: t.string({ nullable: true, resolve: (s) => s.address ?? null }),
  }),
});

type Photo = CompanyDoc['photos'][number];

const CompanyPhotoRef = builder.objectRef<Photo>('CompanyPhoto').implement({
  description: 'A photo of the company’s workshop, read with the session (GET url, Bearer token).',
  fields: (t) => ({
    id: t.id({ description: 'The file’s id.', resolve: (p) => p.fileId }),
    url: t.string({ resolve: (p) => fileUrl(String(p.fileId)) }),
    alt: t.string({ description: 'Its alternative text.', resolve: (p) => p.alt }),
  }),
});

builder.objectFields(CompanyRef, (t) => ({
  photos: t.field({
    type: [CompanyPhotoRef],
    description: 'Photos of the workshop (6 at most), shown to students on the company’s promises.',
    resolve: (c) => c.photos ?? [],
  }),
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

builder.mutationField('addCompanyPhoto', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: CompanyRef,
    description:
      'Adds a workshop photo (uploaded first: POST /files?purpose=WORKSHOP_PHOTO, PNG/JPEG/WebP read from its bytes, ' +
      '2 MB max) with its alternative text to the caller’s company profile. Past 6 photos: BAD_USER_INPUT; a file ' +
      'not uploaded by the company: NOT_FOUND.',
    args: { fileId: t.arg.id({ required: true }), alt: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => addCompanyPhoto(ctx, { fileId: String(args.fileId), alt: args.alt }),
  }),
);

builder.mutationField('removeCompanyPhoto', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: CompanyRef,
    description: 'Removes a workshop photo from the caller’s company profile and deletes its file.',
    args: { fileId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => removeCompanyPhoto(ctx, { fileId: String(args.fileId) }),
  }),
);
