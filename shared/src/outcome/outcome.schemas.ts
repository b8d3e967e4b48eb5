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
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      const hasCompany = v.companyId !== undefined || v.companyName !== undefined;
      if (v.outcome === 'EMPLOYED') {
        if (!hasCompany) issue('companyName', 'Indiquez l’entreprise qui emploie le diplômé');
        if (!v.contractType) issue('contractType', 'Indiquez le type de contrat');
        else if (v.contractType === 'APPRENTICESHIP') {
          issue('contractType', 'Un contrat d’apprentissage s’enregistre comme la situation « En apprentissage »');
        }
        if (!v.startDate) issue('startDate', 'Indiquez la date de début du contrat');
      } else {
        if (v.contractType) issue('contractType', 'Le type de contrat ne s’indique que pour un emploi');
        if (hasCompany && v.outcome !== 'APPRENTICESHIP') {
          issue('companyName', 'Une entreprise ne s’indique que pour un emploi ou un apprentissage');
        }
      }
      if (v.startDate && v.startDate.getTime() > addUtcYears(readClock(now), 1).getTime()) {
        issue('startDate', 'La date de début est au plus dans un an');
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
  passed: z.boolean('Oui ou non attendu'),
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
        ctx.addIssue({ code: 'custom', path: ['date'], message: 'La date de la promesse ne peut pas être future' });
      }
    });
}
export const recordOffPlatformPromiseSchema = makeRecordOffPlatformPromiseSchema();
export type RecordOffPlatformPromiseInput = z.output<typeof recordOffPlatformPromiseSchema>;

const listOf = <T extends z.ZodType>(item: T, message: string) =>
  optionalInput(
    z
      .array(item, message)
      .max(OUTCOME_FILTER_LIST_MAX, `${OUTCOME_FILTER_LIST_MAX} valeurs maximum`)
      .transform((xs) => [...new Set(xs)]),
  );

/**
 * `OutcomeFilter`: every field optional, absent or empty = no restriction; given fields combine with AND, values
 * of one list with OR. `cohort` is a graduation year; `region` a region name as the schools carry it.
 */
export const outcomeFilterSchema = z.object({
  schoolIds: listOf(idSchema, 'Liste d’écoles attendue'),
  trades: listOf(tradeSchema, 'Liste de métiers attendue'),
  cohort: optionalInput(
    z
      .number('Année attendue')
      .int('Année attendue')
      .min(OUTCOME_COHORT_MIN, `Année ${OUTCOME_COHORT_MIN} au plus tôt`)
      .max(OUTCOME_COHORT_MAX, `Année ${OUTCOME_COHORT_MAX} au plus tard`),
  ),
  region: optionalInput(nameSchema),
});
export type OutcomeFilter = z.output<typeof outcomeFilterSchema>;
