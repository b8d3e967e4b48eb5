import * as z from 'zod';
import { msg } from '../messages/messages.zod';
import { renderMessage } from '../messages/messages.render';
import { contractTypeSchema, diplomaLevelSchema, tradeSchema } from '../common/common.enums';
import { geoPointSchema } from '../common/common.geo';
import {
  addUtcYears,
  citySchema,
  dateInputSchema,
  descriptionSchema,
  idSchema,
  optionalInput,
  paginationSchema,
  skillsSchema,
  startOfUtcDay,
  TEXT_LIMITS,
  titleSchema,
} from '../common/common.schemas';
import { searchSortSchema } from '../search/search.sort';
import { jobPromiseStatusSchema } from './job-promise.machine';

export const POSITIONS_MAX = 50;
export const SCHOOL_IDS_MAX = 100;
export const NEAR_RADIUS_KM_MAX = 1000;

/** `now` may be a Date or a clock function; the function form is read at each parse. */
export type Clock = Date | (() => Date);
const readClock = (now: Clock): Date => (typeof now === 'function' ? now() : now);

const schoolIdsSchema = z
  .array(idSchema, msg('validation.schoolsExpected'))
  .max(SCHOOL_IDS_MAX, msg('validation.maxSchools', { max: SCHOOL_IDS_MAX }))
  .transform((ids) => [...new Set(ids)]);

/** Field shapes of a job promise, without defaults nor the date rules (which need `now`). */
const jobPromiseFieldShape = {
  title: titleSchema,
  description: descriptionSchema,
  trade: tradeSchema,
  contractType: contractTypeSchema,
  positions: z
    .number(msg('validation.numberExpected'))
    .int(msg('validation.positionsInteger'))
    .min(1, msg('validation.positionsMin'))
    .max(POSITIONS_MAX, msg('validation.positionsMax', { max: POSITIONS_MAX })),
  diplomaLevel: optionalInput(diplomaLevelSchema),
  skills: skillsSchema,
  city: citySchema,
  location: geoPointSchema,
  startDate: dateInputSchema,
  expiresAt: dateInputSchema,
  /** Empty: all of the company's approved partner schools. */
  schoolIds: schoolIdsSchema,
};

/** Creation shape: skills and schoolIds default to []. */
export const jobPromiseInputShape = {
  ...jobPromiseFieldShape,
  skills: skillsSchema.default([]),
  schoolIds: schoolIdsSchema.default([]),
};

/**
 * Date rules, relative to `now`: startDate is today or later; expiresAt is after now and at most one year
 * ahead. "Today" is the UTC day (date-only inputs are midnight UTC).
 */
/** A promise starts at most this many years after today. */
export const START_DATE_MAX_YEARS = 2;

function checkDates(
  v: { startDate?: Date | undefined; expiresAt?: Date | undefined },
  ctx: z.RefinementCtx,
  now: Date,
): void {
  if (v.startDate && v.startDate.getTime() < startOfUtcDay(now).getTime()) {
    ctx.addIssue({ code: 'custom', path: ['startDate'], message: renderMessage('validation.startDatePast') });
  } else if (v.startDate && v.startDate.getTime() > addUtcYears(startOfUtcDay(now), START_DATE_MAX_YEARS).getTime()) {
    // A start years away is a typo (2062 for 2026), not a promise.
    ctx.addIssue({
      code: 'custom',
      path: ['startDate'],
      message: renderMessage('validation.dateOutOfRange', {
        from: startOfUtcDay(now).toISOString().slice(0, 10),
        to: addUtcYears(startOfUtcDay(now), START_DATE_MAX_YEARS).toISOString().slice(0, 10),
      }),
    });
  }
  if (v.expiresAt) {
    if (v.expiresAt.getTime() <= now.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: renderMessage('validation.expiresAtFuture') });
    } else if (v.expiresAt.getTime() > addUtcYears(now, 1).getTime()) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: renderMessage('validation.expiresAtWithinYear') });
    }
  }
}

export function makeJobPromiseInputSchema(now: Clock = () => new Date()) {
  return z.object(jobPromiseInputShape).superRefine((v, ctx) => checkDates(v, ctx, readClock(now)));
}

/** Editing a draft: every field optional, same rules on those given. `id` names the promise. */
export function makeJobPromiseUpdateSchema(now: Clock = () => new Date()) {
  return z
    .object({ id: idSchema })
    .extend(z.object(jobPromiseFieldShape).partial().shape)
    .superRefine((v, ctx) => checkDates(v, ctx, readClock(now)));
}

/** Uses the wall clock at each parse. */
export const jobPromiseInputSchema = makeJobPromiseInputSchema();
export const jobPromiseUpdateSchema = makeJobPromiseUpdateSchema();
export type JobPromiseInput = z.output<ReturnType<typeof makeJobPromiseInputSchema>>;
export type JobPromiseFormValues = z.input<ReturnType<typeof makeJobPromiseInputSchema>>;
export type JobPromiseUpdateInput = z.output<ReturnType<typeof makeJobPromiseUpdateSchema>>;

export const nearSchema = z.object({
  lat: geoPointSchema.shape.lat,
  lng: geoPointSchema.shape.lng,
  radiusKm: z
    .number(msg('validation.numberExpected'))
    .min(1, msg('validation.radiusMin'))
    .max(NEAR_RADIUS_KM_MAX, msg('validation.radiusMax', { max: NEAR_RADIUS_KM_MAX })),
});
export type NearInput = z.infer<typeof nearSchema>;

export const jobPromiseFilterSchema = z.object({
  trade: optionalInput(tradeSchema),
  contractType: optionalInput(contractTypeSchema),
  status: optionalInput(jobPromiseStatusSchema),
  text: optionalInput(
    z
      .string(msg('validation.textExpected'))
      .trim()
      .max(TEXT_LIMITS.searchText, msg('validation.maxChars', { max: TEXT_LIMITS.searchText })),
  ),
  near: optionalInput(nearSchema),
  /** Where distances are measured from (a town); `near` also sets it. */
  origin: optionalInput(geoPointSchema),
  schoolId: optionalInput(idSchema),
});
export type JobPromiseFilter = z.infer<typeof jobPromiseFilterSchema>;

/** Creation fields without the date rules: callers that know `now` (the API's clock) add jobPromiseDatesSchema. */
export const jobPromiseCreateFieldsSchema = z.object(jobPromiseInputShape);

/** Draft edit fields without the date rules (see jobPromiseCreateFieldsSchema). */
export const jobPromiseUpdateFieldsSchema = z
  .object({ id: idSchema })
  .extend(z.object(jobPromiseFieldShape).partial().shape);

/** The date rules alone, relative to `now`. */
export function jobPromiseDatesSchema(now: Clock) {
  return z
    .object({ startDate: z.date().optional(), expiresAt: z.date().optional() })
    .superRefine((v, ctx) => checkDates(v, ctx, readClock(now)));
}

/** jobPromises(filter, sort, first, after, last, before): pages forwards (first/after) or backwards (last/before). */
export const listJobPromisesSchema = paginationSchema.extend({
  filter: optionalInput(jobPromiseFilterSchema),
  sort: optionalInput(searchSortSchema),
  last: paginationSchema.shape.first,
  before: paginationSchema.shape.after,
});
export type ListJobPromisesInput = z.infer<typeof listJobPromisesSchema>;
