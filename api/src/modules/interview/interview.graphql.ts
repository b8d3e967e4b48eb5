import { INTERVIEW_STATUSES } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { ApplicationRef } from '../../graphql/refs';
import type { InterviewDoc } from './interview.model';
import { cancelInterview, proposeInterview, respondToInterview } from './interview.use-cases';

export const InterviewStatusEnum = builder.enumType('InterviewStatus', { values: INTERVIEW_STATUSES });

export const InterviewRef = builder.objectRef<InterviewDoc>('Interview').implement({
  description: 'An interview proposed on an application; visible to whoever sees the application.',
  fields: (t) => ({
    id: t.id({ resolve: (i) => i._id }),
    status: t.field({ type: InterviewStatusEnum, resolve: (i) => i.status }),
    startsAt: t.field({ type: 'DateTime', resolve: (i) => i.startsAt }),
    durationMinutes: t.int({ resolve: (i) => i.durationMinutes }),
    place: t.string({ nullable: true, resolve: (i) => i.place ?? null }),
    videoUrl: t.string({ nullable: true, resolve: (i) => i.videoUrl ?? null }),
    message: t.string({ nullable: true, resolve: (i) => i.message ?? null }),
    responseMessage: t.string({
      nullable: true,
      description: 'The student’s message when asking for another time.',
      resolve: (i) => i.responseMessage ?? null,
    }),
    respondedAt: t.field({ type: 'DateTime', nullable: true, resolve: (i) => i.respondedAt ?? null }),
    cancelledAt: t.field({ type: 'DateTime', nullable: true, resolve: (i) => i.cancelledAt ?? null }),
    cancelReason: t.string({
      nullable: true,
      description: 'The company’s reason when it cancelled the interview.',
      resolve: (i) => i.cancelReason ?? null,
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (i) => i.createdAt }),
  }),
});

builder.objectFields(ApplicationRef, (t) => ({
  interviews: t.field({
    type: [InterviewRef],
    description: 'Interviews proposed on this application, newest first.',
    resolve: (a, _args, ctx) => ctx.loaders.interviewsByApplicationId.load(String(a._id)),
  }),
}));

const ProposeInterviewInputRef = builder.inputType('ProposeInterviewInput', {
  fields: (t) => ({
    applicationId: t.id({ required: true }),
    date: t.string({ required: true, description: 'YYYY-MM-DD (Paris)' }),
    time: t.string({ required: true, description: 'HH:MM (Paris), 07:00 to 20:00' }),
    durationMinutes: t.int({ description: '15 to 240, default 60' }),
    place: t.string({ description: 'Address; this or videoUrl is required' }),
    videoUrl: t.string({ description: 'https link of a video call' }),
    message: t.string(),
  }),
});

builder.mutationField('proposeInterview', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: InterviewRef,
    description:
      'A recruiter of the company proposes an interview on a SHORTLISTED (moves to INTERVIEW) or INTERVIEW ' +
      'application; the student is notified (INTERVIEW_PROPOSED). Other statuses: CONFLICT.',
    args: { input: t.arg({ type: ProposeInterviewInputRef, required: true }) },
    resolve: (_root, { input }, ctx) =>
      proposeInterview(ctx, {
        applicationId: String(input.applicationId),
        date: input.date,
        time: input.time,
        durationMinutes: input.durationMinutes ?? undefined,
        place: input.place,
        videoUrl: input.videoUrl,
        message: input.message,
      }),
  }),
);

builder.mutationField('respondToInterview', (t) =>
  t.withAuth({ student: true }).field({
    type: InterviewRef,
    description:
      'The student accepts (both sides get the .ics invitation by e-mail) or asks for another time (message ' +
      'required). Recruiters are notified (INTERVIEW_ANSWERED). An answered interview: CONFLICT.',
    args: { id: t.arg.id({ required: true }), accept: t.arg.boolean({ required: true }), message: t.arg.string() },
    resolve: (_root, args, ctx) =>
      respondToInterview(ctx, { id: String(args.id), accept: args.accept, message: args.message }),
  }),
);

builder.mutationField('cancelInterview', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: InterviewRef,
    description:
      'A recruiter of the company cancels an interview (proposed, accepted or awaiting another time); the student ' +
      'and their school staff are notified (INTERVIEW_CANCELLED); an accepted one also gets its calendar ' +
      'cancellation by e-mail (.ics METHOD:CANCEL). Already cancelled: CONFLICT.',
    args: { id: t.arg.id({ required: true }), reason: t.arg.string() },
    resolve: (_root, args, ctx) => cancelInterview(ctx, { id: String(args.id), reason: args.reason }),
  }),
);
