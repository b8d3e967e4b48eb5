import * as z from 'zod';
import { contractTypeSchema, diplomaLevelSchema, tradeSchema } from '../common/common.enums';
import {
  addUtcYears,
  DAY_MS,
  dateInputSchema,
  idSchema,
  nameSchema,
  noteSchema,
  optionalInput,
  startOfUtcDay,
} from '../common/common.schemas';
import { msg } from '../messages/messages.zod';
import { renderMessage } from '../messages/messages.render';
import type { MessageKey } from '../messages/messages.catalog';
import { exitOutcomeSchema } from './outcome.enums';

/** `now` may be a Date or a clock function; the function form is read at each parse. */
type Clock = Date | (() => Date);
const readClock = (now: Clock): Date => (typeof now === 'function' ? now() : now);

export const OUTCOME_COHORT_MIN = 2000;
export const OUTCOME_COHORT_MAX = 2100;
export const OUTCOME_FILTER_LIST_MAX = 100;

/**
 * `recordExitOutcome(input: RecordExitOutcomeInput!)`. Each call adds a record to the graduate's history; the
 * latest one is their outcome (so a correction is a new record, and the history stays).
 * - EMPLOYED needs the company (a company of the app by `companyId`, or any employer by `companyName`), the
 *   contract type and the start date. An apprenticeship contract is the APPRENTICESHIP outcome, not EMPLOYED:
 *   it counts as continuing, not as employed.
 * - APPRENTICESHIP may name its company; FURTHER_STUDIES, SEEKING and OTHER name none.
 * - Any outcome may carry a start date (of the job, the apprenticeship, the studies), at most one year ahead.
 */
export function makeRecordExitOutcomeSchema(now: Clock = () => new Date()) {
  return z
    .object({
      studentId: idSchema,
      outcome: exitOutcomeSchema,
      companyId: optionalInput(idSchema),
      companyName: optionalInput(nameSchema),
      contractType: optionalInput(contractTypeSchema),
      startDate: optionalInput(dateInputSchema),
      note: optionalInput(noteSchema),
    })
    .superRefine((v, ctx) => {
      const issue = (path: string, key: MessageKey) =>
        ctx.addIssue({ code: 'custom', path: [path], message: renderMessage(key) });
      const hasCompany = v.companyId !== undefined || v.companyName !== undefined;
      if (v.outcome === 'EMPLOYED') {
        if (!hasCompany) issue('companyName', 'validation.employedCompanyRequired');
        if (!v.contractType) issue('contractType', 'validation.employedContractRequired');
        else if (v.contractType === 'APPRENTICESHIP') {
          issue('contractType', 'validation.employedNotApprenticeship');
        }
        if (!v.startDate) issue('startDate', 'validation.employedStartRequired');
      } else {
        if (v.contractType) issue('contractType', 'validation.contractOnlyEmployed');
        if (hasCompany && v.outcome !== 'APPRENTICESHIP') {
          issue('companyName', 'validation.companyOnlyEmployedOrApprenticeship');
        }
      }
      if (v.startDate && v.startDate.getTime() > addUtcYears(readClock(now), 1).getTime()) {
        issue('startDate', 'validation.outcomeStartWithinYear');
      }
    });
}
export const recordExitOutcomeSchema = makeRecordExitOutcomeSchema();
export type RecordExitOutcomeInput = z.output<typeof recordExitOutcomeSchema>;
export type RecordExitOutcomeFormValues = z.input<typeof recordExitOutcomeSchema>;

/** `recordExamResult(studentId, diploma, passed)`: the latest result recorded is the graduate's result. */
export const recordExamResultSchema = z.object({
  studentId: idSchema,
  diploma: diplomaLevelSchema,
  passed: z.boolean(msg('validation.booleanExpected')),
});
export type RecordExamResultInput = z.output<typeof recordExamResultSchema>;

/**
 * `recordOffPlatformPromise(studentId, companyName, date)` (+ optional note): a promise of hire the graduate
 * received outside the app. It was received, so its date is today at the latest.
 */
export function makeRecordOffPlatformPromiseSchema(now: Clock = () => new Date()) {
  return z
    .object({
      studentId: idSchema,
      companyName: nameSchema,
      date: dateInputSchema,
      note: optionalInput(noteSchema),
    })
    .superRefine((v, ctx) => {
      const endOfToday = startOfUtcDay(readClock(now)).getTime() + DAY_MS;
      if (v.date.getTime() >= endOfToday) {
        ctx.addIssue({ code: 'custom', path: ['date'], message: renderMessage('validation.promiseDateFuture') });
      }
    });
}
export const recordOffPlatformPromiseSchema = makeRecordOffPlatformPromiseSchema();
export type RecordOffPlatformPromiseInput = z.output<typeof recordOffPlatformPromiseSchema>;

const listOf = <T extends z.ZodType>(item: T, message: MessageKey) =>
  optionalInput(
    z
      .array(item, msg(message))
      .max(OUTCOME_FILTER_LIST_MAX, msg('validation.maxValues', { max: OUTCOME_FILTER_LIST_MAX }))
      .transform((xs) => [...new Set(xs)]),
  );

/**
 * `OutcomeFilter`: every field optional, absent or empty = no restriction; given fields combine with AND, values
 * of one list with OR. `cohort` is a graduation year; `region` a region name as the schools carry it.
 */
export const outcomeFilterSchema = z.object({
  schoolIds: listOf(idSchema, 'validation.schoolsExpected'),
  trades: listOf(tradeSchema, 'validation.tradesExpected'),
  cohort: optionalInput(
    z
      .number(msg('validation.yearExpected'))
      .int(msg('validation.yearExpected'))
      .min(OUTCOME_COHORT_MIN, msg('validation.yearMin', { min: OUTCOME_COHORT_MIN }))
      .max(OUTCOME_COHORT_MAX, msg('validation.yearMax', { max: OUTCOME_COHORT_MAX })),
  ),
  region: optionalInput(nameSchema),
});
export type OutcomeFilter = z.output<typeof outcomeFilterSchema>;
