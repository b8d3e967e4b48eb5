import * as z from 'zod';
import { msg } from '../messages/messages.zod';
import { renderMessage } from '../messages/messages.render';
import { contractTypeSchema, tradeSchema } from '../common/common.enums';
import { COMPANY_PHOTO_LIMITS } from '../file/file.rules';
import {
  boundedString,
  citySchema,
  dateInputSchema,
  DAY_MS,
  emailSchema,
  messageSchema,
  optionalInput,
  startOfUtcDay,
} from '../common/common.schemas';

// Interviews, offers, company profile and colleagues: one schema each, used by the API and the web forms alike.

/** Plausible ranges of an interview: working hours in Paris, 15 min to 4 h, within six months. */
export const INTERVIEW_LIMITS = {
  firstHour: 7,
  lastHour: 20,
  durationMin: 15,
  durationMax: 240,
  durationDefault: 60,
  horizonDays: 183,
  place: 200,
  videoUrl: 500,
} as const;

export const INTERVIEW_STATUSES = ['PROPOSED', 'ACCEPTED', 'RESCHEDULE_REQUESTED', 'CANCELLED'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

/** Application statuses from which the company may propose an interview (SHORTLISTED moves on to INTERVIEW). */
export const INTERVIEW_FROM_STATUSES = ['SHORTLISTED', 'INTERVIEW'] as const;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes between UTC and Paris time at `utc` (60 in winter, 120 in summer). */
function parisOffsetMinutes(utc: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(utc);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - utc.getTime()) / 60_000);
}

/** The instant of a Paris wall-clock `date` (YYYY-MM-DD) and `time` (HH:MM). */
export function parisDateTime(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, h, min);
  // Two passes settle the offset around a daylight-saving change.
  let utc = naive - parisOffsetMinutes(new Date(naive)) * 60_000;
  utc = naive - parisOffsetMinutes(new Date(utc)) * 60_000;
  return new Date(utc);
}

/** Paris wall-clock date and time of an instant (the inverse of parisDateTime), for forms and texts. */
export function parisParts(at: Date): { date: string; time: string } {
  const local = new Date(at.getTime() + parisOffsetMinutes(at) * 60_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

const interviewDaySchema = z
  .string(msg('validation.dateExpected'))
  .trim()
  .regex(ISO_DAY, msg('validation.dateFormat'))
  .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v, msg('validation.dateInvalid'));

const interviewTimeSchema = z
  .string(msg('hiring.timeExpected'))
  .trim()
  .regex(HH_MM, msg('hiring.timeExpected'))
  .refine(
    (v) => {
      const [h, m] = v.split(':').map(Number) as [number, number];
      const minutes = h * 60 + m;
      return minutes >= INTERVIEW_LIMITS.firstHour * 60 && minutes <= INTERVIEW_LIMITS.lastHour * 60;
    },
    msg('hiring.timeRange', { from: INTERVIEW_LIMITS.firstHour, to: INTERVIEW_LIMITS.lastHour }),
  );

const videoUrlSchema = z
  .string(msg('hiring.videoUrlInvalid'))
  .trim()
  .max(INTERVIEW_LIMITS.videoUrl, msg('validation.maxChars', { max: INTERVIEW_LIMITS.videoUrl }))
  .pipe(z.url({ protocol: /^https$/, error: () => renderMessage('hiring.videoUrlInvalid') }));

/** Form fields of "Proposer un entretien" (the application id is added by proposeInterviewSchema). */
const interviewObject = z.object({
  date: interviewDaySchema,
  time: interviewTimeSchema,
  durationMinutes: z
    .number(msg('validation.numberExpected'))
    .int(msg('validation.integerExpected'))
    .min(INTERVIEW_LIMITS.durationMin, msg('validation.atLeast', { min: INTERVIEW_LIMITS.durationMin }))
    .max(INTERVIEW_LIMITS.durationMax, msg('validation.atMost', { max: INTERVIEW_LIMITS.durationMax }))
    .default(INTERVIEW_LIMITS.durationDefault),
  place: optionalInput(boundedString(INTERVIEW_LIMITS.place)),
  videoUrl: optionalInput(videoUrlSchema),
  message: optionalInput(messageSchema),
});

function placeOrVideo(v: { place?: string | undefined; videoUrl?: string | undefined }, ctx: z.RefinementCtx): void {
  if (!v.place && !v.videoUrl) {
    ctx.addIssue({ code: 'custom', path: ['place'], message: renderMessage('hiring.placeOrVideo') });
  }
}

export const interviewFieldsSchema = interviewObject.superRefine(placeOrVideo);
export type InterviewFormValues = z.input<typeof interviewFieldsSchema>;

/** Any application id string: a malformed one is NOT_FOUND, as an unknown one. */
export const proposeInterviewSchema = interviewObject.extend({ applicationId: z.string() }).superRefine(placeOrVideo);
export type ProposeInterviewInput = z.output<typeof proposeInterviewSchema>;

/**
 * The moment rule, relative to `now`: the interview starts at least an hour from now and within six months.
 * Returns the issue's message key, or null when the moment is fine.
 */
export function interviewMomentIssue(
  startsAt: Date,
  now: Date,
): 'hiring.interviewTooSoon' | 'hiring.interviewTooFar' | null {
  if (startsAt.getTime() < now.getTime() + 60 * 60_000) return 'hiring.interviewTooSoon';
  if (startsAt.getTime() > now.getTime() + INTERVIEW_LIMITS.horizonDays * DAY_MS) return 'hiring.interviewTooFar';
  return null;
}

/** The student accepts, or asks for another time (a message then says which times suit them). */
export const respondToInterviewSchema = z
  .object({
    id: z.string(),
    accept: z.boolean(msg('validation.required')),
    message: optionalInput(messageSchema),
  })
  .superRefine((v, ctx) => {
    if (!v.accept && !v.message) {
      ctx.addIssue({ code: 'custom', path: ['message'], message: renderMessage('hiring.rescheduleMessageRequired') });
    }
  });
export type RespondToInterviewInput = z.output<typeof respondToInterviewSchema>;

/** Interview statuses the company may still cancel (a cancelled one stays cancelled). */
export const CANCELLABLE_INTERVIEW_STATUSES = ['PROPOSED', 'ACCEPTED', 'RESCHEDULE_REQUESTED'] as const;

/** The company cancels an interview; the optional reason is shown to the student. */
export const cancelInterviewSchema = z.object({ id: z.string(), reason: optionalInput(messageSchema) });
export type CancelInterviewInput = z.output<typeof cancelInterviewSchema>;

// ---------- offers ----------

/**
 * Plausible ranges of an offer. Weekly hours: 35 is the legal maximum for apprentices and workers under 18, 48 the
 * absolute one. Apprentice pay is a percentage of the SMIC (27 % at 16-17 in the first year, up to 100 %).
 */
export const OFFER_LIMITS = {
  weeklyHoursMin: 8,
  weeklyHoursMax: 48,
  apprenticeWeeklyHoursMax: 35,
  salaryMin: 300,
  salaryMax: 15000,
  apprenticeshipPercentMin: 27,
  apprenticeshipPercentMax: 100,
  startWithinDays: 366,
} as const;

const offerObject = z.object({
  contractType: contractTypeSchema,
  startDate: dateInputSchema,
  weeklyHours: z
    .number(msg('validation.numberExpected'))
    .min(OFFER_LIMITS.weeklyHoursMin, msg('validation.atLeast', { min: OFFER_LIMITS.weeklyHoursMin }))
    .max(OFFER_LIMITS.weeklyHoursMax, msg('validation.atMost', { max: OFFER_LIMITS.weeklyHoursMax }))
    .multipleOf(0.5, msg('hiring.halfHours')),
  grossMonthlySalary: optionalInput(
    z
      .number(msg('validation.numberExpected'))
      .min(OFFER_LIMITS.salaryMin, msg('validation.atLeast', { min: OFFER_LIMITS.salaryMin }))
      .max(OFFER_LIMITS.salaryMax, msg('validation.atMost', { max: OFFER_LIMITS.salaryMax })),
  ),
  apprenticeshipPercent: optionalInput(
    z
      .number(msg('validation.numberExpected'))
      .int(msg('validation.integerExpected'))
      .min(
        OFFER_LIMITS.apprenticeshipPercentMin,
        msg('validation.atLeast', { min: OFFER_LIMITS.apprenticeshipPercentMin }),
      )
      .max(
        OFFER_LIMITS.apprenticeshipPercentMax,
        msg('validation.atMost', { max: OFFER_LIMITS.apprenticeshipPercentMax }),
      ),
  ),
  message: optionalInput(messageSchema),
});

function offerRules(
  v: {
    contractType: string;
    weeklyHours: number;
    grossMonthlySalary?: number | undefined;
    apprenticeshipPercent?: number | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const apprenticeship = v.contractType === 'APPRENTICESHIP';
  if (apprenticeship && v.apprenticeshipPercent === undefined) {
    ctx.addIssue({ code: 'custom', path: ['apprenticeshipPercent'], message: renderMessage('hiring.percentRequired') });
  }
  if (!apprenticeship && v.grossMonthlySalary === undefined) {
    ctx.addIssue({ code: 'custom', path: ['grossMonthlySalary'], message: renderMessage('hiring.salaryRequired') });
  }
  if (apprenticeship && v.weeklyHours > OFFER_LIMITS.apprenticeWeeklyHoursMax) {
    ctx.addIssue({
      code: 'custom',
      path: ['weeklyHours'],
      message: renderMessage('validation.atMost', { max: OFFER_LIMITS.apprenticeWeeklyHoursMax }),
    });
  }
}

/** Only the pay that fits the contract is kept. */
function keepFittingPay<
  T extends {
    contractType: string;
    grossMonthlySalary?: number | undefined;
    apprenticeshipPercent?: number | undefined;
  },
>(v: T): T {
  return v.contractType === 'APPRENTICESHIP'
    ? { ...v, grossMonthlySalary: undefined }
    : { ...v, apprenticeshipPercent: undefined };
}

export const offerFieldsSchema = offerObject.superRefine(offerRules).transform(keepFittingPay);
export type OfferFormValues = z.input<typeof offerFieldsSchema>;

export const makeOfferSchema = offerObject
  .extend({ applicationId: z.string() })
  .superRefine(offerRules)
  .transform(keepFittingPay);
export type MakeOfferInput = z.output<typeof makeOfferSchema>;

/** The start-date rule relative to `now`: today or later, within a year. Null when fine. */
export function offerStartIssue(
  startDate: Date,
  now: Date,
): 'hiring.offerStartPast' | 'hiring.offerStartTooFar' | null {
  if (startDate.getTime() < startOfUtcDay(now).getTime()) return 'hiring.offerStartPast';
  if (startDate.getTime() > now.getTime() + OFFER_LIMITS.startWithinDays * DAY_MS) return 'hiring.offerStartTooFar';
  return null;
}

// ---------- company profile and colleagues ----------

export const COMPANY_PROFILE_LIMITS = { presentation: 3000, sites: 20, siteName: 100, address: 200 } as const;

export const companySiteSchema = z.object({
  name: boundedString(COMPANY_PROFILE_LIMITS.siteName),
  city: citySchema,
  address: optionalInput(boundedString(COMPANY_PROFILE_LIMITS.address)),
});

export const companyProfileSchema = z.object({
  presentation: optionalInput(boundedString(COMPANY_PROFILE_LIMITS.presentation)),
  trades: z
    .array(tradeSchema)
    .max(12)
    .default([])
    .transform((ts) => [...new Set(ts)]),
  sites: z
    .array(companySiteSchema)
    .max(COMPANY_PROFILE_LIMITS.sites, msg('validation.atMost', { max: COMPANY_PROFILE_LIMITS.sites }))
    .default([]),
});
export type CompanyProfileInput = z.output<typeof companyProfileSchema>;
export type CompanyProfileFormValues = z.input<typeof companyProfileSchema>;

/** A workshop photo uploaded (POST /files?purpose=WORKSHOP_PHOTO) added to the profile with its alternative text. */
export const addCompanyPhotoSchema = z.object({
  fileId: z.string(),
  alt: boundedString(COMPANY_PHOTO_LIMITS.alt),
});
export type AddCompanyPhotoInput = z.output<typeof addCompanyPhotoSchema>;

export const inviteColleagueSchema = z.object({ email: emailSchema });
export type InviteColleagueInput = z.output<typeof inviteColleagueSchema>;

// ---------- editing a published promise ----------

/** Fields a published (OPEN) promise keeps: its place, trade, contract and audience are what students applied to. */
export const FIXED_ONCE_PUBLISHED = ['trade', 'contractType', 'city', 'location', 'schoolIds'] as const;
/** Changes applicants and recommended graduates are told about. */
export const MATERIAL_PROMISE_FIELDS = ['title', 'description', 'startDate', 'positions', 'diplomaLevel'] as const;
export type MaterialPromiseField = (typeof MATERIAL_PROMISE_FIELDS)[number];
