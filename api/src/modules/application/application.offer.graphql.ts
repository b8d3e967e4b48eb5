import { builder } from '../../graphql/builder';
import { ContractTypeEnum } from '../../graphql/common.types';
import { ApplicationRef } from '../../graphql/refs';
import type { ApplicationDoc } from './application.model';
import { makeOffer } from './application.offer';

type OfferDoc = NonNullable<ApplicationDoc['offer']>;

const OfferRef = builder.objectRef<OfferDoc>('Offer').implement({
  description: 'The company’s offer on an application (shown to the student before they accept).',
  fields: (t) => ({
    contractType: t.field({ type: ContractTypeEnum, resolve: (o) => o.contractType }),
    startDate: t.field({ type: 'DateTime', resolve: (o) => o.startDate }),
    weeklyHours: t.float({ resolve: (o) => o.weeklyHours }),
    grossMonthlySalary: t.float({ nullable: true, resolve: (o) => o.grossMonthlySalary ?? null }),
    apprenticeshipPercent: t.int({ nullable: true, resolve: (o) => o.apprenticeshipPercent ?? null }),
    message: t.string({ nullable: true, resolve: (o) => o.message ?? null }),
    madeAt: t.field({ type: 'DateTime', resolve: (o) => o.madeAt }),
  }),
});

builder.objectFields(ApplicationRef, (t) => ({
  offer: t.field({
    type: OfferRef,
    nullable: true,
    description: 'The offer made with makeOffer (null before, or when moved to OFFERED without details).',
    resolve: (a) => a.offer ?? null,
  }),
}));

const MakeOfferInputRef = builder.inputType('MakeOfferInput', {
  fields: (t) => ({
    applicationId: t.id({ required: true }),
    contractType: t.field({ type: ContractTypeEnum, required: true }),
    startDate: t.field({ type: 'DateTime', required: true, description: 'Today or later, within a year' }),
    weeklyHours: t.float({ required: true, description: '8 to 48 (35 for an apprenticeship), by half hours' }),
    grossMonthlySalary: t.float({ description: 'Euros, 300 to 15000; required unless APPRENTICESHIP' }),
    apprenticeshipPercent: t.int({ description: '27 to 100 (% of the SMIC); required for APPRENTICESHIP' }),
    message: t.string(),
  }),
});

builder.mutationField('makeOffer', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: ApplicationRef,
    description:
      '"Faire une offre": INTERVIEW -> OFFERED with the offer’s details; the student is notified. Other statuses: ' +
      'CONFLICT. Invalid fields: BAD_USER_INPUT.',
    args: { input: t.arg({ type: MakeOfferInputRef, required: true }) },
    resolve: (_root, { input }, ctx) =>
      makeOffer(ctx, {
        applicationId: String(input.applicationId),
        contractType: input.contractType,
        startDate: input.startDate,
        weeklyHours: input.weeklyHours,
        grossMonthlySalary: input.grossMonthlySalary,
        apprenticeshipPercent: input.apprenticeshipPercent,
        message: input.message,
      }),
  }),
);
