import { builder } from '../../graphql/builder';
import { ContractTypeEnum, TradeEnum } from '../../graphql/common.types';
import { NearInputRef } from '../job-promise/job-promise.graphql';
import type { JobAlertRow } from './job-alert.model';
import { createJobAlert, deleteJobAlert, listMyJobAlerts } from './job-alert.use-cases';

type Near = { lat: number; lng: number; radiusKm: number };

const JobAlertNearRef = builder.objectRef<Near>('JobAlertNear').implement({
  fields: (t) => ({
    lat: t.exposeFloat('lat'),
    lng: t.exposeFloat('lng'),
    radiusKm: t.exposeFloat('radiusKm'),
  }),
});

const JobAlertRef = builder.objectRef<JobAlertRow>('JobAlert').implement({
  description: 'A student’s saved search: a newly published promise that matches notifies them once.',
  fields: (t) => ({
    id: t.id({ resolve: (a) => a._id }),
    name: t.exposeString('name'),
    trade: t.field({ type: TradeEnum, nullable: true, resolve: (a) => a.filter?.trade ?? null }),
    contractType: t.field({ type: ContractTypeEnum, nullable: true, resolve: (a) => a.filter?.contractType ?? null }),
    text: t.string({ nullable: true, resolve: (a) => a.filter?.text ?? null }),
    near: t.field({
      type: JobAlertNearRef,
      nullable: true,
      resolve: (a) => {
        const n = a.filter?.near;
        return n && n.lat != null && n.lng != null && n.radiusKm != null
          ? { lat: n.lat, lng: n.lng, radiusKm: n.radiusKm }
          : null;
      },
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (a) => a.createdAt ?? a._id.getTimestamp() }),
  }),
});

const JobAlertFilterInput = builder.inputType('JobAlertFilterInput', {
  description: 'The search page’s criteria that an alert keeps (at least one).',
  fields: (t) => ({
    trade: t.field({ type: TradeEnum }),
    contractType: t.field({ type: ContractTypeEnum }),
    text: t.string(),
    near: t.field({ type: NearInputRef }),
  }),
});

const CreateJobAlertInput = builder.inputType('CreateJobAlertInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    filter: t.field({ type: JobAlertFilterInput, required: true }),
  }),
});

builder.queryField('myJobAlerts', (t) =>
  t.withAuth({ student: true }).field({
    type: [JobAlertRef],
    description: 'Students: their saved searches, newest first.',
    resolve: (_root, _args, ctx) => listMyJobAlerts(ctx, {}),
  }),
);

builder.mutationField('createJobAlert', (t) =>
  t.withAuth({ student: true }).field({
    type: JobAlertRef,
    description: 'Students: saves a search (at most 10).',
    args: { input: t.arg({ type: CreateJobAlertInput, required: true }) },
    resolve: (_root, args, ctx) => createJobAlert(ctx, args.input),
  }),
);

builder.mutationField('deleteJobAlert', (t) =>
  t.withAuth({ student: true }).boolean({
    description: 'Students: deletes one of their saved searches.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => deleteJobAlert(ctx, { id: String(args.id) }),
  }),
);
